"""Who did what to whom, measured on MEANTIME English (`benchmarks/arguments_eval.py`).

MEANTIME links each gold event mention to its participants (`HAS_PARTICIPANT`,
a PropBank role: Arg0 the doer, Arg1 the one done to, …) and each entity
mention to its entity instance (`REFERS_TO`). The intra-document layer is read,
the only one holding all four topics (airbus, apple, stock, gm).

For the extractor's event mentions that match a gold mention (the event
evaluation's one-to-one match, `_match`), and also for the extractor run at
the gold triggers:

* precision: of the participants it gives matched events, those that are
  right. Right *by span* when the participant's span overlaps a gold
  participant's entity mention of that event; right *by entity* when it
  overlaps any mention of a gold participant's entity instance (a pronoun the
  gold links, "he", resolved by the extractor to the name it stands for); also
  by entity over the events the gold gives at least one participant (MEANTIME
  leaves some events' participants unannotated: "provide", "arrangements");
* recall: of the gold participants of matched events (each entity instance
  once per event; not Argm-LOC, which is the event's place), those found by
  entity; also over the "named" ones only, whose entity the report names
  somewhere (what a name-based extractor can reach);
* role accuracy: of the participants right by entity whose gold role is Arg0,
  the share given "agent"; of those whose gold role is Arg1, the share given
  "target" or "counterpart".

Settings are tuned on airbus, apple and stock (`TRAIN_TOPICS`); gm is held out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.evaluation.catxml import CatDocument, read_cat
from storyline.evaluation.corpora import (
    EvalDocument,
    GoldMention,
    _eval_document,
    _meantime_time,
)
from storyline.evaluation.events import Corpus, _match
from storyline.records import Document, EventMention, Participant, Span

if TYPE_CHECKING:
    from spacy.language import Language

TRAIN_TOPICS = ("airbus", "apple", "stock")
HELD_OUT_TOPICS = ("gm",)
AGENT_ROLES = frozenset({"agent"})
PATIENT_ROLES = frozenset({"target", "counterpart"})
#: Gold roles left out of recall: where an event happens is its place, scored apart.
PLACE_ROLES = frozenset({"Argm-LOC"})


@dataclass(frozen=True, slots=True)
class GoldArgument:
    """One gold participant of one event mention: an entity mention and its role."""

    span: Span
    role: str  # PropBank: "Arg0", "Arg1", "Arg2", "Argm-LOC", …
    instance: str  # the entity instance it refers to (its own id when none)
    named: bool  # whether the report names that entity (a NAM mention of the instance)


@dataclass(frozen=True, slots=True)
class GoldArguments:
    """A report's gold participants: event span -> arguments; instance -> its mention spans."""

    events: dict[Span, tuple[GoldArgument, ...]]
    mentions: dict[str, tuple[Span, ...]]


@dataclass
class Tally:
    """Counts over one setting and split; `figures` turns them into rates."""

    events: int = 0  # matched event mentions
    predicted: int = 0  # participants given matched events
    right_by_span: int = 0
    right_by_entity: int = 0
    predicted_annotated: int = 0  # … given events with at least one gold participant
    right_annotated: int = 0
    gold: int = 0  # gold participants (entity instances) of matched events
    gold_named: int = 0
    found: int = 0
    found_named: int = 0
    arg0: int = 0  # right participants whose gold role is Arg0 …
    arg0_agent: int = 0  # … given "agent"
    arg1: int = 0
    arg1_patient: int = 0
    roles: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)

    def figures(self) -> dict[str, float | int]:
        return {
            "events": self.events,
            "predicted": self.predicted,
            "precision_span": _rate(self.right_by_span, self.predicted),
            "precision_entity": _rate(self.right_by_entity, self.predicted),
            "precision_annotated": _rate(self.right_annotated, self.predicted_annotated),
            "gold": self.gold,
            "recall": _rate(self.found, self.gold),
            "gold_named": self.gold_named,
            "recall_named": _rate(self.found_named, self.gold_named),
            "arg0_as_agent": _rate(self.arg0_agent, self.arg0),
            "arg1_as_target_or_counterpart": _rate(self.arg1_patient, self.arg1),
            "right_arg0": self.arg0,
            "right_arg1": self.arg1,
        }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def load_meantime_arguments(root: Path) -> tuple[list[EvalDocument], dict[str, GoldArguments]]:
    """MEANTIME English (intra-document layer, every topic) with each report's gold arguments."""
    base = root / "intra-doc_annotation"
    items: list[EvalDocument] = []
    gold: dict[str, GoldArguments] = {}
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        topic = folder.name.removeprefix("corpus_")
        for path in sorted(folder.glob("*.xml")):
            cat = read_cat(path)
            doc_id = path.stem
            item = _eval_document(cat, doc_id, topic, topic, _event_mentions(cat, doc_id))
            published, timexes = _meantime_time(cat)
            document = replace(item.document, published=published, timexes=timexes)
            items.append(replace(item, document=document))
            gold[doc_id] = gold_arguments(cat)
    return items, gold


def _event_mentions(cat: CatDocument, doc_id: str) -> tuple[GoldMention, ...]:
    out = []
    for markable in cat.markables:
        if markable.tag == "EVENT_MENTION" and markable.tokens:
            span = cat.span_of(markable)
            if span is not None:
                out.append(GoldMention(doc_id, span, f"{doc_id}/{markable.id}"))
    return tuple(sorted(out, key=lambda g: g.span))


def gold_arguments(cat: CatDocument) -> GoldArguments:
    """The gold participants of each event mention of `cat`, with their entity instances."""
    by_id = {m.id: m for m in cat.markables}
    instance: dict[str, str] = {}
    for relation in cat.relations:
        if relation.tag == "REFERS_TO":
            for target in relation.targets:
                for source in relation.sources:
                    instance.setdefault(source, target)
    entity_mentions = [m for m in cat.markables if m.tag == "ENTITY_MENTION" and m.tokens]
    spans: dict[str, list[Span]] = defaultdict(list)
    named: set[str] = set()
    for mention in entity_mentions:
        span = cat.span_of(mention)
        if span is None:
            continue
        key = instance.get(mention.id, mention.id)
        spans[key].append(span)
        if mention.attribute("syntactic_type") == "NAM":
            named.add(key)
    events: dict[Span, list[GoldArgument]] = defaultdict(list)
    for relation in cat.relations:
        if relation.tag != "HAS_PARTICIPANT":
            continue
        role = relation.attribute("sem_role") or ""
        for source in relation.sources:
            event = by_id.get(source)
            event_span = cat.span_of(event) if event is not None else None
            if event is None or event.tag != "EVENT_MENTION" or event_span is None:
                continue
            for target in relation.targets:
                argument = by_id.get(target)
                if argument is None or argument.tag != "ENTITY_MENTION" or not argument.tokens:
                    continue
                span = cat.span_of(argument)
                if span is None:
                    continue
                key = instance.get(target, target)
                events[event_span].append(GoldArgument(span, role, key, key in named))
    return GoldArguments(
        {s: tuple(a) for s, a in events.items()}, {k: tuple(v) for k, v in spans.items()}
    )


def build_corpus(items: Sequence[EvalDocument], nlp: Language, cache: Path | None = None) -> Corpus:
    return Corpus.build(items, nlp, cache)


def score_arguments(
    corpus: Corpus, gold: dict[str, GoldArguments], setting: str = "extracted"
) -> Tally:
    """Participant precision, recall and role accuracy of `corpus`'s events ("extracted":
    the extractor's own triggers, matched one to one; "gold triggers": at the gold spans)."""
    docs = corpus.gold if setting == "gold triggers" else corpus.extracted
    tally = Tally()
    predicted = {(d.id, e.trigger): "" for d in docs for e in d.events}
    if setting == "gold triggers":
        matched = {key: key for key in predicted}
    else:
        matched = _match(corpus, predicted)
    for _doc, event, golds, arguments in _matched_events(docs, matched, gold):
        _score_event(tally, event.participants, golds, arguments)
    return tally


def _matched_events(
    docs: Iterable[Document],
    matched: dict[tuple[str, Span], tuple[str, Span]],
    gold: dict[str, GoldArguments],
) -> Iterator[tuple[Document, EventMention, tuple[GoldArgument, ...], GoldArguments]]:
    """Each event mention of `docs` matched to a gold one of an annotated report, with
    that gold mention's participants and the report's gold arguments."""
    for doc in docs:
        arguments = gold.get(doc.id)
        if arguments is None:
            continue
        for event in doc.events:
            found = matched.get((doc.id, event.trigger))
            if found is not None:
                yield doc, event, arguments.events.get(found[1], ()), arguments


def _score_event(
    tally: Tally,
    participants: Iterable[Participant],
    golds: Sequence[GoldArgument],
    arguments: GoldArguments,
) -> None:
    tally.events += 1
    instances = {g.instance: g for g in golds if g.role not in PLACE_ROLES}
    tally.gold += len(instances)
    tally.gold_named += sum(1 for g in instances.values() if g.named)
    hit: set[str] = set()
    for participant in participants:
        span, role = participant.span, participant.role
        tally.predicted += 1
        tally.predicted_annotated += bool(golds)
        if any(_overlap(span, g.span) for g in golds):
            tally.right_by_span += 1
        same = [g for g in golds if any(_overlap(span, s) for s in arguments.mentions[g.instance])]
        if not same:
            continue
        tally.right_by_entity += 1
        tally.right_annotated += 1
        best = next((g for g in same if _overlap(span, g.span)), same[0])
        hit.add(best.instance)
        tally.roles[(best.role, role)] += 1
        if best.role == "Arg0":
            tally.arg0 += 1
            tally.arg0_agent += role in AGENT_ROLES
        elif best.role == "Arg1":
            tally.arg1 += 1
            tally.arg1_patient += role in PATIENT_ROLES
    hit &= set(instances)
    tally.found += len(hit)
    tally.found_named += sum(1 for i in hit if instances[i].named)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate_arguments(
    corpus: Corpus, gold: dict[str, GoldArguments]
) -> dict[str, dict[str, dict[str, float | int]]]:
    """Figures per split (train: airbus, apple, stock; held-out: gm) and setting."""
    topics = {"train": TRAIN_TOPICS, "held-out": HELD_OUT_TOPICS}
    out: dict[str, dict[str, dict[str, float | int]]] = {}
    for split, names in topics.items():
        part = _subset(corpus, names)
        out[split] = {
            setting: score_arguments(part, gold, setting).figures()
            for setting in ("extracted", "gold triggers")
        }
    return out


def _subset(corpus: Corpus, topics: Sequence[str]) -> Corpus:
    keep = [n for n, item in enumerate(corpus.items) if item.topic in topics]
    return Corpus(
        tuple(corpus.items[n] for n in keep),
        tuple(corpus.parses[n] for n in keep),
        tuple(corpus.extracted[n] for n in keep),
        tuple(corpus.gold[n] for n in keep),
    )


def errors(
    corpus: Corpus, gold: dict[str, GoldArguments], topics: Sequence[str] = TRAIN_TOPICS
) -> list[str]:
    """One line per wrong participant (by entity) of matched events, for reading while
    tuning: only ever called on the training topics."""
    part = _subset(corpus, topics)
    lines: list[str] = []
    predicted = {(d.id, e.trigger): "" for d in part.extracted for e in d.events}
    matched = _match(part, predicted)
    for doc, event, golds, arguments in _matched_events(part.extracted, matched, gold):
        lines += _event_errors(doc, event.trigger, event.participants, golds, arguments)
    return lines


def _event_errors(
    doc: Document,
    trigger: Span,
    participants: Iterable[Participant],
    golds: Sequence[GoldArgument],
    arguments: GoldArguments,
) -> list[str]:
    text = doc.text
    gold_text = ", ".join(f"{g.role}:{g.span.of(text)}" for g in golds)
    out = []
    for participant in participants:
        span, role = participant.span, participant.role
        if not any(any(_overlap(span, s) for s in arguments.mentions[g.instance]) for g in golds):
            out.append(f"{doc.id}\t{trigger.of(text)}\t{role}:{span.of(text)}\tgold [{gold_text}]")
    return out
