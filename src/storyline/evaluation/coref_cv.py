"""Cross-validating the merge's learned pair scorer by topic, on the ECB+ training topics.

    python -m storyline.evaluation.train_coref --cv --data ../shared/data --cache .cache/events
    python -m storyline.evaluation.train_coref --cv --encoder \
        --data ../shared/data --cache .cache/events

The training topics are dealt round-robin, in sorted order, into `FOLDS` folds.
Each fold's pairs are scored by a model trained (`train_coref.fit`) on the
labelled pairs of the other folds, gold mentions and the extractor's together,
so every pair gets a score from a model that never saw its topic. A pair is in
the fold of its first report event's topic (blocking runs over all reports at
once, so a few pairs cross topics). From those scores: the pairs' ROC AUC, and
the CoNLL F1 of the merge's clustering (`merge.cluster_scored`) at each
threshold of `GRID`, with each rule for two report events of one report. This
is how the rule and threshold in use were chosen without reading the
development topics, which are left out before any pair is made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

from storyline.evaluation.corpora import ECB_DEV, ECB_TRAIN
from storyline.evaluation.events import Corpus, clustering_scores, load_ecb_corpus, report_groups
from storyline.evaluation.train_coref import SETTINGS, SettingPairs, fit, setting_pairs
from storyline.events.coref import CorefModel
from storyline.events.merge import cluster_scored, told_after_a_report
from storyline.records import Span

FOLDS = 5
GRID = (0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65)
#: The rules for two report events of one report -> `cluster_scored`'s `learned`.
RULES: Mapping[str, bool] = {
    "never together": False,  # the hand-weighted scorer's rule
    "together unless told apart": True,  # the learned scorer's rule (`merge._told_apart`)
}

Fit = Callable[[np.ndarray, np.ndarray], CorefModel]


@dataclass(frozen=True, slots=True)
class RuleFigures:
    """CoNLL F1 of the clustering of out-of-fold scores with one rule at one threshold."""

    rule: str
    threshold: float
    gold: float  # with gold mentions
    extracted: float  # with the extractor's mentions


@dataclass(frozen=True, slots=True)
class CrossValidation:
    folds: int
    pairs: int  # labelled pairs, both settings
    auc: float  # ROC AUC of the out-of-fold scores of those pairs
    rows: tuple[RuleFigures, ...]


def topic_folds(topics: Sequence[int], folds: int = FOLDS) -> dict[int, int]:
    """Each topic's fold, 0 .. folds-1: round-robin over the sorted topics, so the
    split depends only on the set of topics. Refuses the development topics."""
    held_out = sorted(set(topics) & set(ECB_DEV))
    if held_out:
        raise ValueError(f"development topics are never cross-validated on: {held_out}")
    return {topic: number % folds for number, topic in enumerate(sorted(set(topics)))}


def out_of_fold(
    features: np.ndarray, labels: np.ndarray, fold: np.ndarray, fitter: Fit = fit
) -> np.ndarray:
    """Each row's probability from a model fitted (`fitter`) on the labelled rows
    (labels not NaN) of the other folds only; `fold` gives each row's fold."""
    scores = np.full(len(labels), np.nan)
    labelled = ~np.isnan(labels)
    for k in np.unique(fold):
        held = fold == k
        train = labelled & ~held
        scores[held] = fitter(features[train], labels[train]).probabilities(features[held])
    return scores


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """The probability that a positive pair outscores a negative one (ties count half)."""
    ranks = rankdata(scores)
    positive = labels == 1
    n1, n0 = int(positive.sum()), int((~positive).sum())
    return float((ranks[positive].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def pair_folds(
    found: SettingPairs, folds: Mapping[int, int], topic_of: Mapping[str, int]
) -> np.ndarray:
    """The fold of each pair: that of its first report event's topic."""
    return np.array(
        [folds[topic_of[found.items[i].document]] for i, _ in found.pairs], dtype=np.int64
    ).reshape(len(found.pairs))


def rule_conll(
    corpus: Corpus, found: SettingPairs, scores: np.ndarray, threshold: float, learned: bool
) -> float:
    """CoNLL F1 of the merge's clustering of `found`'s pairs scored `scores` (a pair
    the merge never scores above 0, `told_after_a_report`, at 0). These are the
    model's probabilities alone: the merge's learned scorer also reads the
    hand-weighted sum (`merge.score_pair`), which ECB+ pairs, undated, rarely settle."""
    scored = [
        (0.0 if told_after_a_report(found.items[i], found.items[j]) else float(s), i, j)
        for s, (i, j) in zip(scores, found.pairs, strict=True)
    ]
    clusters = cluster_scored(found.items, scored, threshold, learned=learned)
    predicted: dict[tuple[str, Span], str] = {
        (found.items[n].document, m.trigger): str(number)
        for number, members in enumerate(clusters)
        for n in members
        for m in found.items[n].mentions
    }
    return clustering_scores(corpus, found.setting, predicted).conll


def cross_validate(corpus: Corpus, encoder: bool = False, folds: int = FOLDS) -> CrossValidation:
    """Out-of-fold pair AUC and CoNLL F1 per rule and threshold on `corpus`'s topics
    (the training topics only: `topic_folds` refuses the development ones)."""
    topic_of = {item.document.id: int(item.topic) for item in corpus.items}
    fold_of = topic_folds(sorted(set(topic_of.values())), folds)
    groups = report_groups(corpus)
    found = [setting_pairs(corpus, setting, encoder, groups) for setting in SETTINGS]
    fold = [pair_folds(f, fold_of, topic_of) for f in found]
    features = np.vstack([f.features for f in found])
    labels = np.concatenate([f.labels for f in found])
    scores = out_of_fold(features, labels, np.concatenate(fold))
    labelled = ~np.isnan(labels)
    per_setting = np.split(scores, np.cumsum([len(f.pairs) for f in found])[:-1])
    rows = []
    for rule, learned in RULES.items():
        for threshold in GRID:
            gold, extracted = (
                rule_conll(corpus, f, s, threshold, learned)
                for f, s in zip(found, per_setting, strict=True)
            )
            rows.append(RuleFigures(rule, threshold, gold, extracted))
    auc = roc_auc(scores[labelled], labels[labelled])
    return CrossValidation(folds, int(labelled.sum()), auc, tuple(rows))


def report(result: CrossValidation) -> str:
    """The figures as a table: CoNLL F1 × 100, gold mentions / extracted."""
    lines = [
        f"ECB+ training topics, {result.folds} folds by topic: "
        f"pair ROC AUC out of fold {result.auc:.3f} ({result.pairs} labelled pairs)",
        "CoNLL F1, gold mentions / extracted, by threshold:",
        f"{'same-report rule':28s}" + "".join(f"{t:>12.2f}" for t in GRID),
    ]
    for rule in RULES:
        cells = [r for r in result.rows if r.rule == rule]
        lines.append(
            f"{rule:28s}"
            + "".join(f"{100 * r.gold:>7.1f}/{100 * r.extracted:<4.1f}" for r in cells)
        )
    return "\n".join(lines)


def run(data: Path, cache: Path | None = None, encoder: bool = False) -> CrossValidation:
    """`cross_validate` on the ECB+ training topics under `data`."""
    from storyline.nlp.model import load_model

    corpus = load_ecb_corpus(data, load_model(), cache).subset(ECB_TRAIN)
    return cross_validate(corpus, encoder)
