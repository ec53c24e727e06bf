"""Judging every exported event against gold annotation (`storyline eval export`).

docs/evaluation.md judges each event of the seed reports' export by hand: real,
duplicate, wrong merge or not an event. This does the same on held-out annotated
news (ECB+, MEANTIME) and on what the user sees: the reports of a split are
written as JSON Lines, go through the real `storyline ingest` into a fresh
database, and the storyline/1 export of that database is read back.

Each exported trigger is mapped onto the corpus text of its report (the stored
text is the cleaned one: offsets are carried over by a character alignment, and
triggers that fall where the two texts differ are counted as unaligned), then
matched to the gold event mention it overlaps. Each exported event is then:

* unjudged: none of its triggers lies in a sentence the corpus annotates;
* not an event: none of its triggers there matches a gold event mention;
* wrong merge: its triggers that match linked gold mentions (`linked`) belong to
  gold instances none of which holds at least `MAJORITY` of them;
* duplicate: another event already holds the same majority instance with more
  matched triggers (ties: more triggers in all, then the smaller id);
* real: otherwise.

And each cross-document happening (a gold instance told by two reports or more) is
found whole (one exported event holds mentions of it from all its reports), partial
(one event holds it, not from all its reports), split (two events or more hold it,
none from all its reports) or missing.
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from storyline.evaluation.corpora import (
    ECB_DEV,
    ECB_TRAIN,
    EvalDocument,
    GoldMention,
    load_ecbplus,
    load_meantime,
)
from storyline.evaluation.event_dates import (
    DateFigures,
    compare_dates,
    instance_dates,
    meantime_files,
)
from storyline.records import Span
from storyline.settings import Settings

#: How a cross-document happening is found: one event holds its mentions from all its
#: reports; one event holds it, not from all of them; two or more events hold it; none.
FOUND = WHOLE, PARTIAL, SPLIT, MISSING = ("whole", "partial", "split", "missing")

#: The share of an event's matched triggers its largest gold instance must hold.
MAJORITY = 2 / 3

VERDICTS = REAL, DUPLICATE, WRONG_MERGE, NOT_AN_EVENT, UNJUDGED = (
    "real", "duplicate", "wrong merge", "not an event", "unjudged",
)  # fmt: skip


class OffsetMap:
    """Character offsets of a stored (cleaned) text carried back to the text it came from.

    Identical texts map one to one; otherwise the matching blocks of a sequence
    alignment carry each stored character over, and a span maps only when its
    first and last characters both lie in matching blocks (else it is unaligned).
    """

    def __init__(self, stored: str, source: str) -> None:
        self._identical = stored == source
        self._to_source: dict[int, int] = {}
        if not self._identical:
            matcher = SequenceMatcher(None, stored, source, autojunk=False)
            for block in matcher.get_matching_blocks():
                for offset in range(block.size):
                    self._to_source[block.a + offset] = block.b + offset

    def span(self, start: int, end: int) -> Span | None:
        if self._identical:
            return Span(start, end)
        first, last = self._to_source.get(start), self._to_source.get(end - 1)
        if first is None or last is None or last < first:
            return None
        return Span(first, last + 1)


@dataclass(frozen=True, slots=True)
class JudgedEvent:
    id: str
    title: str
    verdict: str
    instance: str | None  # the majority gold instance (real, duplicate)
    matched: tuple[str, ...]  # the gold instance of each matched trigger
    words: tuple[str, ...]  # the words of its triggers in annotated sentences
    date: str | None = None  # as exported


@dataclass(frozen=True, slots=True)
class Judgement:
    """Every exported event of one split, judged, and the split's cross-document happenings."""

    split: str
    reports: int  # reports written for ingest
    exported_reports: int  # reports found in the export
    triggers: int  # triggers of exported events in those reports
    unaligned: int  # triggers that fall where the stored text differs from the report's
    events: tuple[JudgedEvent, ...]
    happenings: Mapping[str, str] = field(default_factory=dict)  # instance -> one of FOUND

    def count(self, verdict: str) -> int:
        return sum(1 for e in self.events if e.verdict == verdict)

    def found(self, how: str) -> int:
        return sum(1 for h in self.happenings.values() if h == how)

    @property
    def bad_share(self) -> float:
        """The share of judged events that are not an event or a wrong merge (the bar: <= 20%)."""
        judged = len(self.events) - self.count(UNJUDGED)
        bad = self.count(NOT_AN_EVENT) + self.count(WRONG_MERGE)
        return bad / judged if judged else 0.0


def linked(gold: GoldMention) -> bool:
    """Whether the corpus links `gold` to an instance (cross-document, or within its report).

    The corpora give a mention they link to nothing the id `<report>/<markable>`
    (`evaluation.corpora`): ECB+ leaves many outside its coreference annotation and
    MEANTIME some without an instance. Such a mention shows that a trigger names an
    event, not which happening it is, so it counts for neither a merge nor a duplicate.
    """
    own = gold.cluster.removeprefix(f"{gold.document}/")
    return own == gold.cluster or "/" in own


@dataclass(frozen=True, slots=True)
class _Report:
    """A gold report as the judge reads it: its gold mentions and annotated sentences."""

    item: EvalDocument
    offsets: OffsetMap

    def gold_at(self, span: Span) -> GoldMention | None:
        """The gold mention `span` matches: the same span, else the one it overlaps most."""
        best: tuple[bool, int, GoldMention] | None = None
        for gold in self.item.gold:
            shared = min(span.end, gold.span.end) - max(span.start, gold.span.start)
            if shared > 0:
                candidate = (gold.span == span, shared, gold)
                best = candidate if best is None or candidate[:2] > best[:2] else best
        return best[2] if best else None

    def annotated(self, span: Span) -> bool:
        return any(s.start <= span.start < s.end for s in self.item.annotated)


def report_name(origin: str) -> str:
    """The report id of an exported document, from its origin (`<dir>/<id>.jsonl:1`)."""
    path = origin.rpartition(":")[0] if origin.rpartition(":")[2].isdigit() else origin
    return Path(path).stem


def judge_export(export: Mapping[str, Any], items: Sequence[EvalDocument], split: str) -> Judgement:
    """Judge the events of a storyline/1 `export` of the reports `items` (module docstring)."""
    by_name = {item.document.id: item for item in items}
    reports: dict[str, _Report] = {}
    original: dict[str, str] = {}  # exported document id -> the id of the report it copies
    for doc in export["documents"]:
        item = by_name.get(report_name(doc.get("origin") or ""))
        if item is not None:
            reports[doc["id"]] = _Report(item, OffsetMap(doc["text"], sentence_lines(item)))
        if doc.get("duplicate_of"):
            original[doc["id"]] = doc["duplicate_of"]
    drafts = [(event, _read_triggers(event, reports)) for event in export["events"]]
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for event, draft in drafts:
        for instance, report in draft.holds:
            holders[instance][event["id"]].add(report)
    events = _verdicts(drafts)
    happenings = _happenings(items, holders, _copies(reports, original))
    return Judgement(
        split,
        reports=len(items),
        exported_reports=len({r.item.document.id for r in reports.values()}),
        triggers=sum(d.triggers for _, d in drafts),
        unaligned=sum(d.unaligned for _, d in drafts),
        events=events,
        happenings=happenings,
    )


@dataclass(frozen=True, slots=True)
class _Draft:
    """What one exported event's triggers say, before it is judged."""

    triggers: int  # in reports of the split
    unaligned: int
    words: tuple[str, ...]  # of its triggers in annotated sentences
    any_gold: bool  # one of those matches a gold event mention
    holds: tuple[tuple[str, str], ...]  # (linked instance, report) of each trigger matching one


def _read_triggers(event: Mapping[str, Any], reports: Mapping[str, _Report]) -> _Draft:
    """The event's triggers carried onto the corpus texts and matched to gold mentions."""
    triggers = unaligned = 0
    words: list[str] = []
    golds: list[tuple[GoldMention, str]] = []
    for trigger in event.get("triggers", ()):
        report = reports.get(trigger["document"])
        if report is None:
            continue
        triggers += 1
        span = report.offsets.span(trigger["start"], trigger["end"])
        if span is None:
            unaligned += 1
        elif report.annotated(span):
            words.append(span.of(report.item.document.text))
            if (gold := report.gold_at(span)) is not None:
                golds.append((gold, report.item.document.id))
    holds = tuple((gold.cluster, name) for gold, name in golds if linked(gold))
    return _Draft(triggers, unaligned, tuple(words), bool(golds), holds)


def _verdicts(
    drafts: Iterable[tuple[Mapping[str, Any], _Draft]],
) -> tuple[JudgedEvent, ...]:
    """Each event's verdict; among events with one majority instance, the strongest is real.
    An event whose gold mentions are all unlinked is real: an event, of no known instance."""
    judged: list[JudgedEvent] = []
    for event, draft in drafts:
        words, any_gold = draft.words, draft.any_gold
        matched = tuple(instance for instance, _ in draft.holds)
        instance: str | None = None
        if not words:
            verdict = UNJUDGED
        elif not any_gold:
            verdict = NOT_AN_EVENT
        elif not matched:
            verdict = REAL
        else:
            top, size = Counter(matched).most_common(1)[0]
            verdict = WRONG_MERGE if size < MAJORITY * len(matched) else REAL
            instance = top if verdict == REAL else None
        title = event.get("title") or ""
        judged.append(
            JudgedEvent(event["id"], title, verdict, instance, matched, words, event.get("date"))
        )
    strongest: dict[str, JudgedEvent] = {}
    for candidate in sorted(judged, key=lambda e: (-len(e.matched), -len(e.words), e.id)):
        if candidate.instance is not None:
            strongest.setdefault(candidate.instance, candidate)
    return tuple(
        replace(e, verdict=DUPLICATE)
        if e.instance is not None and strongest[e.instance] is not e
        else e
        for e in judged
    )


def _copies(reports: Mapping[str, _Report], original: Mapping[str, str]) -> dict[str, set[str]]:
    """Report id -> the report ids that are its exported copies (their facts are its own)."""
    out: dict[str, set[str]] = defaultdict(set)
    for copy, source in original.items():
        if copy in reports and source in reports:
            out[reports[source].item.document.id].add(reports[copy].item.document.id)
    return out


def _happenings(
    items: Sequence[EvalDocument],
    holders: Mapping[str, Mapping[str, set[str]]],
    copies: Mapping[str, set[str]],
) -> dict[str, str]:
    """Each gold instance told by two reports or more, as the events hold it (`FOUND`)."""
    told: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for gold in item.gold:
            told[gold.cluster].add(item.document.id)
    out = {}
    for instance, reports in told.items():
        if len(reports) < 2:
            continue
        events = holders.get(instance, {})
        covered = [docs | {c for d in docs for c in copies.get(d, ())} for docs in events.values()]
        if any(reports <= docs for docs in covered):
            out[instance] = WHOLE
        else:
            out[instance] = {0: MISSING, 1: PARTIAL}.get(len(events), SPLIT)
    return out


def write_reports(items: Sequence[EvalDocument], folder: Path) -> list[Path]:
    """Each report as `<id>.jsonl` in `folder`, one line: its text (one sentence a line),
    its creation date as `published` when the corpus gives one, and its id as `source`
    (the corpora do not name outlets; each report is taken as its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        record = {"text": sentence_lines(item), "source": item.document.id}
        if item.document.published:
            record["published"] = item.document.published
        path = folder / f"{item.document.id}.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def sentence_lines(item: EvalDocument) -> str:
    """The report's corpus text with a line break between sentences instead of the space
    the corpus text puts there: the same length, so the same offsets."""
    chars = list(item.document.text)
    for sentence in item.document.sentences[1:]:
        if sentence.span.start > 0 and chars[sentence.span.start - 1] == " ":
            chars[sentence.span.start - 1] = "\n"
    return "".join(chars)


def ingest_and_export(
    items: Sequence[EvalDocument], folder: Path, settings: Settings | None = None
) -> dict[str, Any]:
    """The storyline/1 export of a fresh knowledge base in `folder` into which `storyline
    ingest` (the knowledge base's front door, as the command runs it) read `items`."""
    from storyline.knowledge_base import KnowledgeBase

    reports = folder / "reports"
    write_reports(items, reports)
    database = folder / "judge.db"
    with KnowledgeBase.open(database, settings) as kb:
        kb.ingest([str(reports)])
    out = io.StringIO()
    with KnowledgeBase.open(database, settings) as kb:
        kb.export(out)
    export: dict[str, Any] = json.loads(out.getvalue())
    return export


@dataclass(frozen=True, slots=True)
class Split:
    """A set of reports ingested together as one pile, as a user's corpus would be."""

    name: str
    corpus: str  # "ECB+" or "MEANTIME"
    topics: tuple[str, ...]  # ECB+ topic numbers, MEANTIME topic folders
    held_out: bool  # figures are reported on held-out splits; examples only on the others


SPLITS = (
    Split("ECB+ dev", "ECB+", tuple(map(str, ECB_DEV)), held_out=True),
    Split("MEANTIME gm", "MEANTIME", ("corpus_gm",), held_out=True),
    Split("ECB+ train", "ECB+", tuple(map(str, ECB_TRAIN)), held_out=False),
    Split(
        "MEANTIME airbus+apple+stock",
        "MEANTIME",
        ("corpus_airbus", "corpus_apple", "corpus_stock"),
        held_out=False,
    ),
)


def split_reports(split: Split, data: Path, per_topic: int | None = None) -> list[EvalDocument]:
    """The reports of `split` under `data` (the folder holding ecbplus_dev/ and
    meantime_en/), in the corpus's order; with `per_topic`, the first that many of each topic."""
    if split.corpus == "ECB+":
        items = load_ecbplus(data / "ecbplus_dev", [int(t) for t in split.topics])
    else:
        items = [i for i in load_meantime(data / "meantime_en") if i.topic in split.topics]
    if per_topic is None:
        return items
    taken: Counter[str] = Counter()
    kept = []
    for item in items:
        taken[item.topic] += 1
        if taken[item.topic] <= per_topic:
            kept.append(item)
    return kept


def frequent_false_words(judgements: Iterable[Judgement], top: int = 10) -> list[tuple[str, int]]:
    """The trigger words of "not an event" events, most frequent first (lower-cased)."""
    words = Counter(
        word.lower()
        for judgement in judgements
        for event in judgement.events
        if event.verdict == NOT_AN_EVENT
        for word in event.words
    )
    return words.most_common(top)


def wrong_merges(judgements: Iterable[Judgement]) -> list[dict[str, Any]]:
    """Each wrong merge: its title, trigger words and how its matched triggers split by instance."""
    return [
        {
            "split": judgement.split,
            "event": event.id,
            "title": event.title,
            "words": list(event.words),
            "instances": dict(Counter(event.matched).most_common()),
        }
        for judgement in judgements
        for event in judgement.events
        if event.verdict == WRONG_MERGE
    ]


def figures(judgement: Judgement) -> dict[str, Any]:
    """One row of the table: counts by verdict, the bar's share and the happenings found."""
    return {
        "split": judgement.split,
        "reports": judgement.reports,
        "exported_reports": judgement.exported_reports,
        "events": len(judgement.events),
        **{verdict: judgement.count(verdict) for verdict in VERDICTS},
        "not_event_or_wrong_merge": round(judgement.bad_share, 4),
        "triggers": judgement.triggers,
        "unaligned_triggers": judgement.unaligned,
        "happenings": len(judgement.happenings),
        **{f"happenings_{how}": judgement.found(how) for how in FOUND},
    }


def date_figures(judgement: Judgement, gold_dates: Mapping[str, str]) -> DateFigures:
    """The exported dates of the real events whose gold instance `gold_dates` dates."""
    return compare_dates(
        (event.date, gold_dates[event.instance])
        for event in judgement.events
        if event.verdict == REAL and event.instance is not None and event.instance in gold_dates
    )


def split_figures(split: Split, judgement: Judgement, data: Path) -> dict[str, Any]:
    """`figures`, and for MEANTIME the dates of its real events against the gold's."""
    row = figures(judgement)
    if split.corpus == "MEANTIME":
        gold = instance_dates(meantime_files(data / "meantime_en", split.topics))
        row["dates"] = asdict(date_figures(judgement, gold))
    return row
