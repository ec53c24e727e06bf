"""Measuring events and stories on ECB+ and MEANTIME (`storyline eval events`).

* Story clustering (ECB+): within each topic, reports are grouped by the real
  event they tell (`cluster_reports`); the gold groups are the `ecb` and
  `ecbplus` sub-topics. B³ and the adjusted Rand index, per topic (macro mean)
  and pooled over all reports (overall).
* Cross-document event coreference (ECB+, MEANTIME): the merger's events
  against the gold instances, as MUC, B³, CEAF-e and CoNLL F1 (singletons
  kept). With the extractor's own mentions, scored over those that match a
  gold mention (the extractor's head word inside the gold span, one to one);
  with gold mentions as an upper bound of the merger; and a same-lemma
  baseline for scale.
* Event mentions: trigger P/R/F1 against the gold mentions (ECB+ in the
  sentences it annotates; MEANTIME everywhere).

Settings are the library defaults; `tune_*` search a grid on the ECB+
training topics only, so the development topics stay held out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.evaluation.corpora import (
    ECB_DEV,
    ECB_TRAIN,
    EvalDocument,
    GoldMention,
    analyse,
    load_ecbplus,
    load_meantime,
    parse,
)
from storyline.evaluation.metrics import (
    CorefScores,
    Score,
    adjusted_rand_index,
    b_cubed,
    coref_scores,
)
from storyline.events.merge import MergeSettings, is_event, merge_reports, report_events
from storyline.events.stories import StorySettings, cluster_reports
from storyline.nlp.encoder import load_encoder
from storyline.records import Document, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class ClusteringFigures:
    split: str
    topics: int
    documents: int
    macro: Score  # mean over topics of B³ precision and recall
    macro_f1: float  # mean over topics of B³ F1
    macro_ari: float
    overall: Score  # B³ over all reports pooled
    overall_ari: float


@dataclass(frozen=True, slots=True)
class PooledFigures:
    """Story clustering of a split's reports as one pile, no topic given: a user's corpus."""

    split: str
    setting: str  # "all links" (every pair, kept) | "nearest links" (as from `nearest_from`)
    documents: int
    stories: int  # gold (topic, sub-topic) groups
    groups: int  # groups found
    score: Score  # B³ against the gold groups
    ari: float


@dataclass(frozen=True, slots=True)
class CorefFigures:
    corpus: str
    split: str
    setting: str  # "extracted", "gold mentions", "same lemma"
    mentions: int  # mentions scored
    detection: Score | None  # trigger precision/recall against the gold mentions
    scores: CorefScores
    scorer: str = "weights"  # the merge's pair scorer (`EventSettings.scorer`)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A gold corpus with its parses and its analysed documents (both ways)."""

    items: tuple[EvalDocument, ...]
    parses: tuple[Doc, ...]
    extracted: tuple[Document, ...]
    gold: tuple[Document, ...]

    @classmethod
    def build(cls, items: Sequence[EvalDocument], nlp: Language, cache: Path | None) -> Corpus:
        parses = parse(nlp, items, cache)
        extracted = tuple(analyse(i, p) for i, p in zip(items, parses, strict=True))
        gold = tuple(analyse(i, p, gold_triggers=True) for i, p in zip(items, parses, strict=True))
        return cls(tuple(items), tuple(parses), extracted, gold)

    def subset(self, topics: Sequence[int]) -> Corpus:
        keep = [n for n, item in enumerate(self.items) if int(item.topic) in set(topics)]
        return Corpus(
            tuple(self.items[n] for n in keep),
            tuple(self.parses[n] for n in keep),
            tuple(self.extracted[n] for n in keep),
            tuple(self.gold[n] for n in keep),
        )


def load_ecb_corpus(data: Path, nlp: Language, cache: Path | None = None) -> Corpus:
    return Corpus.build(load_ecbplus(data / "ecbplus_dev"), nlp, cache)


def load_meantime_corpus(data: Path, nlp: Language, cache: Path | None = None) -> Corpus:
    return Corpus.build(load_meantime(data / "meantime_en"), nlp, cache)


def story_clustering(
    corpus: Corpus, split: str, settings: StorySettings | None = None
) -> ClusteringFigures:
    by_topic: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(corpus.items):
        by_topic[item.topic].append(n)
    per_topic: list[tuple[Score, float]] = []
    all_truth: list[str] = []
    all_predicted: list[str] = []
    for topic, members in sorted(by_topic.items()):
        docs = [corpus.extracted[n] for n in members]
        truth = {corpus.items[n].document.id: corpus.items[n].subtopic for n in members}
        groups = cluster_reports(docs, settings)
        predicted = _labels(groups)
        order = sorted(truth)
        per_topic.append(_agreement(truth, predicted))
        all_truth += [f"{topic}/{truth[d]}" for d in order]
        all_predicted += [f"{topic}/{predicted[d]}" for d in order]
    ids = list(range(len(all_truth)))
    overall = b_cubed(
        _clusters(dict(zip(ids, all_truth, strict=True))),
        _clusters(dict(zip(ids, all_predicted, strict=True))),
    )
    count = len(per_topic) or 1
    return ClusteringFigures(
        split=split,
        topics=len(per_topic),
        documents=len(all_truth),
        macro=Score(
            sum(s.precision for s, _ in per_topic) / count,
            sum(s.recall for s, _ in per_topic) / count,
        ),
        macro_f1=sum(s.f1 for s, _ in per_topic) / count,
        macro_ari=sum(a for _, a in per_topic) / count,
        overall=overall,
        overall_ari=adjusted_rand_index(all_truth, all_predicted),
    )


def pooled_story_clustering(corpus: Corpus, split: str, large: bool = False) -> PooledFigures:
    """Every report of `corpus` grouped at once, against its gold topic and sub-topic;
    `large`: as `storyline ingest` groups a pile this big (each report's nearest links
    only, `StorySettings.nearest_from`); else every pair's link is kept."""
    settings = StorySettings() if large else StorySettings(nearest_from=10**9)
    truth = {it.document.id: f"{it.topic}/{it.subtopic}" for it in corpus.items}
    groups = cluster_reports(list(corpus.extracted), settings)
    score, ari = _agreement(truth, _labels(groups))
    return PooledFigures(
        split=split,
        setting="nearest links" if large else "all links",
        documents=len(truth),
        stories=len(set(truth.values())),
        groups=len(groups),
        score=score,
        ari=ari,
    )


def _labels(groups: Sequence[Sequence[str]]) -> dict[str, str]:
    """Each report id -> the number of its group, as a label."""
    return {doc_id: str(g) for g, group in enumerate(groups) for doc_id in group}


def _agreement(truth: dict[str, str], predicted: dict[str, str]) -> tuple[Score, float]:
    """B³ and adjusted Rand index of `predicted` groups against `truth`, by report id."""
    order = sorted(truth)
    key = _clusters({d: truth[d] for d in order})
    response = _clusters({d: predicted[d] for d in order})
    gold, found = [truth[d] for d in order], [predicted[d] for d in order]
    return b_cubed(key, response), adjusted_rand_index(gold, found)


def _clusters(labels: dict[object, str]) -> list[frozenset[object]]:
    groups: dict[str, set[object]] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return [frozenset(g) for g in groups.values()]


def coreference(
    corpus: Corpus,
    name: str,
    split: str,
    setting: str,
    settings: MergeSettings | None = None,
) -> CorefFigures:
    """CoNLL scores of the merger (setting "extracted" or "gold mentions") or the lemma baseline."""
    gold = {(g.document, g.span): g for item in corpus.items for g in item.gold}
    if setting == "same lemma":
        response = _lemma_clusters(corpus)
        return CorefFigures(name, split, setting, len(gold), None, _score(gold, response))
    docs = corpus.gold if setting == "gold mentions" else corpus.extracted
    result = merge_reports(docs, settings, report_groups(corpus))
    predicted = {
        (t.document, Span(t.start, t.end)): event.id
        for event in result.events
        for t in event.triggers
    }
    response = _response(corpus, setting, predicted, gold)
    detection = None
    if setting == "extracted":
        annotated = {item.document.id: item.annotated for item in corpus.items}
        in_scope = [
            (doc, span)
            for doc, span in predicted
            if any(s.start <= span.start < s.end for s in annotated.get(doc, ()))
        ]
        detection = Score(
            len(response) / len(in_scope) if in_scope else 0.0,
            len(response) / len(gold) if gold else 0.0,
        )
    scored = {k: gold[k] for k in response}
    return CorefFigures(
        name,
        split,
        setting,
        len(response),
        detection,
        _score(scored, response),
        scorer_name(settings or MergeSettings()),
    )


def clustering_scores(
    corpus: Corpus, setting: str, predicted: dict[tuple[str, Span], str]
) -> CorefScores:
    """CoNLL scores of clusters of the mentions of `setting` ("gold mentions" or
    "extracted"), given as each mention's (report, trigger span) -> its cluster,
    scored as `coreference` scores the merger's events."""
    gold = {(g.document, g.span): g for item in corpus.items for g in item.gold}
    response = _response(corpus, setting, predicted, gold)
    return _score({k: gold[k] for k in response}, response)


def _response(
    corpus: Corpus,
    setting: str,
    predicted: dict[tuple[str, Span], str],
    gold: dict[tuple[str, Span], GoldMention],
) -> dict[tuple[str, Span], str]:
    """Gold mention -> the cluster of the predicted mention it matches (the extractor's
    mentions matched one to one, `_match`; gold mentions are their own match)."""
    matched = _match(corpus, predicted) if setting == "extracted" else {k: k for k in predicted}
    return {gold_key: predicted[p] for p, gold_key in matched.items() if gold_key in gold}


def scorer_name(settings: MergeSettings) -> str:
    """The pair scorer as the figures name it: "weights", "learned", or "encoder" (the
    learned scorer reading the contextual encoder, when it is on and installed)."""
    if settings.scorer == "learned" and settings.encoder and load_encoder() is not None:
        return "encoder"
    return settings.scorer


def gold_instances(corpus: Corpus, setting: str) -> dict[tuple[str, Span], str]:
    """Each event mention's trigger (report, span) -> its gold instance, for the
    documents of `setting` ("gold mentions" or "extracted", matched one to one)."""
    gold = {(g.document, g.span): g.cluster for item in corpus.items for g in item.gold}
    docs = corpus.gold if setting == "gold mentions" else corpus.extracted
    triggers = {(d.id, e.trigger): "" for d in docs for e in d.events}
    if setting == "gold mentions":
        return {key: gold[key] for key in triggers if key in gold}
    return {key: gold[found] for key, found in _match(corpus, triggers).items() if found in gold}


def report_groups(corpus: Corpus, settings: StorySettings | None = None) -> dict[str, str]:
    """Each report's group from `cluster_reports`, run within each topic (as ECB+ systems do)."""
    by_topic: dict[str, list[Document]] = defaultdict(list)
    for item, doc in zip(corpus.items, corpus.extracted, strict=True):
        by_topic[item.topic].append(doc)
    out = {}
    for topic, docs in by_topic.items():
        for number, group in enumerate(cluster_reports(docs, settings)):
            out.update(dict.fromkeys(group, f"{topic}/{number}"))
    return out


def _score(
    gold: dict[tuple[str, Span], GoldMention], response: dict[tuple[str, Span], str]
) -> CorefScores:
    key = _clusters({k: g.cluster for k, g in gold.items()})
    system = _clusters({k: label for k, label in response.items() if k in gold})
    return coref_scores(key, system)


def _match(
    corpus: Corpus, predicted: dict[tuple[str, Span], str]
) -> dict[tuple[str, Span], tuple[str, Span]]:
    """Predicted trigger -> gold mention, one to one: exact spans first, then overlaps."""
    by_doc: dict[str, list[Span]] = defaultdict(list)
    for item in corpus.items:
        by_doc[item.document.id] += [g.span for g in item.gold]
    candidates = []
    for document, span in predicted:
        for gold in by_doc.get(document, ()):
            shared = min(span.end, gold.end) - max(span.start, gold.start)
            if shared > 0:
                exact = span == gold
                candidates.append((not exact, -shared, document, span, gold))
    out: dict[tuple[str, Span], tuple[str, Span]] = {}
    used: set[tuple[str, Span]] = set()
    for _, _, document, span, gold in sorted(candidates):
        if (document, span) in out or (document, gold) in used:
            continue
        out[(document, span)] = (document, gold)
        used.add((document, gold))
    return out


def _lemma_clusters(corpus: Corpus) -> dict[tuple[str, Span], str]:
    out = {}
    for item, spacy_doc in zip(corpus.items, corpus.parses, strict=True):
        for g in item.gold:
            tokens = spacy_doc.char_span(g.span.start, g.span.end, alignment_mode="expand")
            lemma = (
                tokens.root.lemma_.lower() if tokens is not None else g.span.of(item.document.text)
            )
            out[(g.document, g.span)] = f"{item.topic}/{lemma}"
    return out


def tune_story_threshold(corpus: Corpus, grid: Sequence[float]) -> list[tuple[float, float]]:
    """(threshold, macro B³ F1) on the ECB+ training topics."""
    train = corpus.subset(ECB_TRAIN)
    return [
        (value, story_clustering(train, "train", StorySettings(report_threshold=value)).macro_f1)
        for value in grid
    ]


def tune_merge_threshold(
    corpus: Corpus, grid: Sequence[float], scorer: str = "weights", encoder: bool = False
) -> list[tuple[float, float, float]]:
    """(threshold, CoNLL F1 with gold mentions, with extracted mentions) on the training
    topics; `encoder` for the learned scorer with the encoder's features."""
    train = corpus.subset(ECB_TRAIN)
    out = []
    for value in grid:
        settings = replace(
            MergeSettings(),
            scorer=scorer,
            encoder=encoder,
            merge_threshold=value,
            learned_threshold=value,
            encoder_threshold=value,
        )
        gold = coreference(train, "ECB+", "train", "gold mentions", settings).scores.conll
        extracted = coreference(train, "ECB+", "train", "extracted", settings).scores.conll
        out.append((value, gold, extracted))
    return out


def evaluate_ecb(
    corpus: Corpus,
) -> tuple[list[ClusteringFigures], list[PooledFigures], list[CorefFigures]]:
    splits = {"train": ECB_TRAIN, "dev": ECB_DEV}
    stories = [story_clustering(corpus.subset(t), name) for name, t in splits.items()]
    stories.append(story_clustering(corpus, "all"))
    pooled = [
        pooled_story_clustering(corpus.subset(topics), name, large)
        for name, topics in splits.items()
        for large in (False, True)
    ]
    weights = replace(MergeSettings(), scorer="weights")
    learned = replace(MergeSettings(), scorer="learned", encoder=False)
    scorers = [weights, learned]
    if load_encoder() is not None:
        scorers.append(replace(learned, encoder=True))
    coref = [
        coreference(corpus.subset(topics), "ECB+", name, setting, settings)
        for name, topics in splits.items()
        for setting in ("extracted", "gold mentions")
        for settings in scorers
    ] + [
        coreference(corpus.subset(topics), "ECB+", name, "same lemma")
        for name, topics in splits.items()
    ]
    return stories, pooled, coref


def evaluate_meantime(corpus: Corpus) -> tuple[list[CorefFigures], dict[str, Score]]:
    """Coreference over all of MEANTIME by the weights and by the learned scorer (with
    the encoder when it is installed), the lemma baseline, and the mention detection."""
    weights = replace(MergeSettings(), scorer="weights")
    learned = replace(MergeSettings(), scorer="learned", encoder=True)
    coref = [
        coreference(corpus, "MEANTIME", "all", setting, settings)
        for setting in ("extracted", "gold mentions")
        for settings in (weights, learned)
    ] + [coreference(corpus, "MEANTIME", "all", "same lemma")]
    return coref, mention_detection(corpus)


def mention_detection(corpus: Corpus, only_events: bool = False) -> dict[str, Score]:
    """Trigger precision and recall, by exact span and by overlap, in annotated sentences.

    MEANTIME and ECB+ annotate only some sentences of a report; triggers found
    elsewhere are neither right nor wrong, so they are left out of precision.
    With `only_events`, only the triggers of report events the knowledge base keeps
    as events (`merge.is_event`: specific happenings, not stances, hypotheses or bare
    mentions) are predicted: what an analyst sees.
    """
    gold = {(g.document, g.span) for item in corpus.items for g in item.gold}
    annotated = {item.document.id: item.annotated for item in corpus.items}
    kept = _kept_triggers(corpus) if only_events else None
    predicted = {
        (d.id, e.trigger)
        for d in corpus.extracted
        for e in d.events
        if any(s.start <= e.trigger.start < s.end for s in annotated.get(d.id, ()))
        and (kept is None or (d.id, e.trigger) in kept)
    }
    exact = len(gold & predicted)
    by_overlap = len(_match(corpus, dict.fromkeys(predicted, "")))
    total_p, total_g = len(predicted) or 1, len(gold) or 1
    return {
        "exact": Score(exact / total_p, exact / total_g),
        "overlap": Score(by_overlap / total_p, by_overlap / total_g),
    }


def _kept_triggers(corpus: Corpus) -> set[tuple[str, Span]]:
    """The triggers of the report events that `is_event` keeps as events."""
    settings = MergeSettings()
    return {
        (doc.id, mention.trigger)
        for doc in corpus.extracted
        for item in report_events(doc, settings)
        if is_event(item)
        for mention in item.mentions
    }


@dataclass(frozen=True, slots=True)
class MentionFigures:
    """Event mentions of a split against its gold mentions, and how dense they are."""

    corpus: str
    split: str
    words: int  # words of the split's reports
    mentions: int  # event mentions the extractor found
    events: int  # report events kept as events (`is_event`), each counted once per report
    all_triggers: Score  # overlap P/R of every trigger found
    event_triggers: Score  # overlap P/R of the triggers of report events kept as events

    @property
    def events_per_thousand_words(self) -> float:
        return 1000 * self.events / self.words if self.words else 0.0


def mention_figures(corpus: Corpus, name: str, split: str) -> MentionFigures:
    settings = MergeSettings()
    return MentionFigures(
        corpus=name,
        split=split,
        words=sum(len(d.text.split()) for d in corpus.extracted),
        mentions=sum(len(d.events) for d in corpus.extracted),
        events=sum(
            1 for d in corpus.extracted for item in report_events(d, settings) if is_event(item)
        ),
        all_triggers=mention_detection(corpus)["overlap"],
        event_triggers=mention_detection(corpus, only_events=True)["overlap"],
    )
