"""Timeline summaries: the days that matter in a selection, and the sentences that tell them.

    from storyline.briefing import summarise

    with KnowledgeBase.open("alliance.db") as kb:
        briefing = summarise(kb.reader, entity="Antony Blinken", dates=5, sentences=2)

A *day* is when something happened: the date of a merged event dated to the day
(`events.date` with `date_precision = 'day'`), never the day a report was
published. The selection is the timeline's (an entity's id or part of a name, a
date range) or one story's events; events that happened or are planned count.

Day score (the N best days are kept, then put in date order)::

    score(day) = R + 1/2 * sum of w(e) over the day's events e

where R is the number of independent reports that tell the day's events (a
syndicated copy counts as its original) and w(e) is 1 for an event that happened
and is of normal salience, halved when it is only planned, halved when the merger
marked it of low salience (one report, no participant, no place). Ties go to the
day whose events have more independent sources in all, then to the earlier day.

Sentence choice (K per day): the sentences that tell the day's events first, the
sentence that tells an event best (`summary`) before its other evidence, ranked by
the independent sources of the events they tell, then by centrality (mean word-set
Jaccard overlap of their content words with the day's other evidence sentences);
then, when these run out, the other sentences of the day's reports most central to
that evidence. One sentence per report first (the most independent sources), then
any; a sentence whose content words overlap a chosen one's by NEAR_DUPLICATE or
more (Jaccard) is a near-duplicate and dropped, and no sentence is told on two days.
With an entity, the sentences that name it come first.

An entity selects the events it takes part in and those a sentence telling them
names it; when these leave days to fill, the other events of the reports that name
it follow (a day with events of the entity always ranks above one without).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any

from storyline.errors import StoreError
from storyline.events.text import words
from storyline.store.briefing import (
    DayEvent,
    SentenceRow,
    SpanRow,
    day_events,
    names_within,
    naming_spans,
    report_origins,
    sentences_of,
    story_exists,
)
from storyline.store.filters import EventFilter
from storyline.store.queries import Reader

#: The `format` of a timeline summary as JSON.
FORMAT = "storyline-timeline/1"
#: Word-set Jaccard overlap at or above which a sentence repeats one already chosen.
NEAR_DUPLICATE = 0.5
#: A sentence with fewer content words than this is not chosen from outside the evidence.
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class BriefingSentence:
    text: str
    document: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class BriefingDay:
    date: str  # YYYY-MM-DD
    sentences: tuple[BriefingSentence, ...]
    events: tuple[str, ...]  # the ids of the day's events, most sources first
    score: float


@dataclass(frozen=True, slots=True)
class Briefing:
    days: tuple[BriefingDay, ...]  # in date order
    # The shorter names that selected the events when the entity's whole name found none.
    names: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The summary in the `storyline-timeline/1` shape."""
        return {
            "format": FORMAT,
            "dates": [
                {
                    "date": day.date,
                    "sentences": [
                        {"text": s.text, "document": s.document, "start": s.start, "end": s.end}
                        for s in day.sentences
                    ],
                    "events": list(day.events),
                }
                for day in self.days
            ],
        }


def as_markdown(briefing: Briefing, title: str = "Timeline summary") -> str:
    """The briefing as Markdown to share: a heading per day, a bullet per sentence with
    its report and offsets. Report text is escaped: it never becomes markup or HTML."""
    lines = [f"# {markdown_text(title)}", ""]
    for day in briefing.days:
        events = len(day.events)
        lines.append(f"## {day.date} ({events} event{'s' if events != 1 else ''})")
        lines.append("")
        for sentence in day.sentences:
            lines.append(
                f"- {markdown_text(sentence.text)} "
                f"(report `{sentence.document}`, {sentence.start}–{sentence.end})"
            )
        if day.sentences:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~!])")
_MARKDOWN_LEADING = re.compile(r"^([#+=-]|\d+(?=[.)]))")


def markdown_text(text: str) -> str:
    """`text` as literal Markdown on one line: HTML's `&`, `<` and `>` as entities, the
    characters that make inline markup (emphasis, code, links, tables) backslash-escaped,
    and a start that would make a heading or a list escaped too."""
    text = _printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_INLINE.sub(r"\\\1", text)
    leading = _MARKDOWN_LEADING.match(text)
    if leading:
        at = leading.end()
        text = "\\" + text if not text[0].isdigit() else text[:at] + "\\" + text[at:]
    return text


def summarise(
    reader: Reader,
    *,
    entity: str | None = None,
    story: str | None = None,
    start: str | None = None,
    end: str | None = None,
    type: str | None = None,
    dates: int = 10,
    sentences: int = 2,
    reports: bool = True,
) -> Briefing:
    """The `dates` days that matter most in the selection, `sentences` sentences each.

    With an `entity` and `reports`, days of the other events of the reports that name
    it come after the days of its own events (see the module doc)."""
    if dates < 1 or sentences < 0:
        raise StoreError("a summary needs at least one date and no negative sentence count")
    if story is not None and not story_exists(reader, story):
        raise StoreError(f"no story {story!r}")
    where = EventFilter(start=start, end=end, type=type, salience="any")
    names: list[str | None] = [entity or None]
    events = day_events(reader, replace(where, name=entity or None), story, reports=reports)
    if entity and not events:
        names = list(shorter_names(reader, entity))
        events = _union(
            day_events(reader, replace(where, name=name), story, reports=reports) for name in names
        )
    origin = report_origins(reader, [d for e in events for d in e.documents])
    chosen = choose_days(events, dates, origin)
    documents = sorted({d for _, events, _ in chosen for e in events for d in e.documents})
    rows = sentences_of(reader, documents) if sentences else []
    naming = [
        span
        for name in names
        if name and sentences
        for span in naming_spans(reader, name, documents)
    ]
    briefing = summary_of(chosen, rows, sentences, naming)
    if names != [entity or None]:
        briefing = replace(briefing, names=tuple(n for n in names if n))
    return briefing


def shorter_names(reader: Reader, entity: str) -> list[str]:
    """The longest runs of `entity`'s words that name an entity or a mention (ignoring
    case; of 3 characters or more): what selects when the whole name selects nothing
    ("Northrop Grumman" -> "Northrop" when the reports call it that)."""
    tokens = entity.split()
    for size in range(len(tokens) - 1, 0, -1):
        runs = [" ".join(tokens[at : at + size]) for at in range(len(tokens) - size + 1)]
        found = names_within(reader, [r for r in runs if len(r) >= 3])
        if found:
            folded = {f.casefold() for f in found}
            return [r for r in dict.fromkeys(runs) if r.casefold() in folded]
    return []


def _union(lists: Iterable[list[DayEvent]]) -> list[DayEvent]:
    """The events of several selections, each once (direct if any selection has it so)."""
    found: dict[str, DayEvent] = {}
    for events in lists:
        for event in events:
            if event.id not in found or (event.direct and not found[event.id].direct):
                found[event.id] = event
    return sorted(found.values(), key=lambda e: (e.date, e.id))


def summary_of(
    chosen: Sequence[tuple[str, Sequence[DayEvent], float]],
    rows: Sequence[SentenceRow],
    sentences: int,
    naming: Sequence[SpanRow] = (),
) -> Briefing:
    """The briefing of chosen days (`choose_days`) with `sentences` sentences each;
    sentences holding one of the `naming` spans (an entity's mentions) come first."""
    by_document: dict[str, list[SentenceRow]] = {}
    for row in rows:
        by_document.setdefault(row.document, []).append(row)
    named = {(row.document, row.start) for span in naming for row in _holding(by_document, span)}
    days = []
    taken: set[tuple[str, int]] = set()  # no sentence told on two days
    for day, events, score in chosen:
        ordered = sorted(events, key=lambda e: (-e.sources, e.id))
        picked = choose_sentences(ordered, by_document, sentences, named, taken)
        taken.update((r.document, r.start) for r in picked)
        days.append(
            BriefingDay(
                day,
                tuple(
                    BriefingSentence(_printable(r.text), r.document, r.start, r.end) for r in picked
                ),
                tuple(e.id for e in ordered),
                score,
            )
        )
    return Briefing(tuple(days))


def summarise_events(
    events: Sequence[DayEvent],
    rows: Sequence[SentenceRow],
    dates: int,
    sentences: int,
    naming: Sequence[SpanRow] = (),
) -> Briefing:
    """The briefing of `events` (day-dated) with the stored sentences `rows` of their reports."""
    return summary_of(choose_days(events, dates), rows, sentences, naming)


def _holding(by_document: dict[str, list[SentenceRow]], span: SpanRow) -> list[SentenceRow]:
    return [r for r in by_document.get(span.document, []) if r.start <= span.start < r.end]


# -- days ------------------------------------------------------------------------


def event_weight(event: DayEvent) -> float:
    """1 for an event that happened, of normal salience; halved for planned, for low salience."""
    weight = 1.0
    if event.status != "happened":
        weight /= 2
    if event.salience == "low":
        weight /= 2
    return weight


def day_score(events: Sequence[DayEvent], origin: dict[str, str] | None = None) -> float:
    """R + 1/2 sum of w(e): R the independent reports telling the day's events."""
    origin = origin or {}
    reports = {origin.get(d, d) for e in events for d in e.documents}
    return len(reports) + sum(event_weight(e) for e in events) / 2


def choose_days(
    events: Iterable[DayEvent], n: int, origin: dict[str, str] | None = None
) -> list[tuple[str, list[DayEvent], float]]:
    """The `n` days of `events` that score best, in date order, with their events and score.

    Days with `direct` events come first, and keep only those; a day with none keeps
    all its events."""
    by_day: dict[str, list[DayEvent]] = {}
    for event in events:
        by_day.setdefault(event.date, []).append(event)
    scored = []
    for day, found in by_day.items():
        kept = [e for e in found if e.direct] or found
        scored.append((day, kept, day_score(kept, origin)))
    scored.sort(key=lambda d: (not d[1][0].direct, -d[2], -sum(e.sources for e in d[1]), d[0]))
    return sorted(scored[:n], key=lambda d: d[0])


# -- sentences ---------------------------------------------------------------------


def content_words(text: str) -> frozenset[str]:
    return frozenset(words(text))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _sentence_at(rows: Sequence[SentenceRow], start: int, end: int) -> SentenceRow | None:
    """The stored sentence holding the start of a span (or the first one it overlaps)."""
    for row in rows:
        if row.start <= start < row.end or (start < row.end and end > row.start):
            return row
    return None


def choose_sentences(
    events: Sequence[DayEvent],
    by_document: dict[str, list[SentenceRow]],
    k: int,
    named: AbstractSet[tuple[str, int]] = frozenset(),
    taken: AbstractSet[tuple[str, int]] = frozenset(),
) -> list[SentenceRow]:
    """`k` sentences telling `events` best (see the module doc), best first; `named`
    (document, start) sentences name the entity asked for; `taken` ones are told already."""
    if k <= 0:
        return []
    support: dict[SentenceRow, float] = {}
    for event in events:
        spans = ([event.summary] if event.summary else []) + list(event.evidence)
        for n, span in enumerate(spans):
            row = _sentence_at(by_document.get(span.document, []), span.start, span.end)
            if row is None:
                continue
            bonus = 0.5 if n == 0 and event.summary is not None else 0.0
            support[row] = support.get(row, 0.0) + event.sources + bonus
    bags = {row: content_words(row.text) for row in support}
    evidence = sorted(
        support,
        key=lambda r: (-support[r], -_centrality(bags[r], bags, r), r.position, r.document),
    )
    reports = {d for e in events for d in e.documents}
    others = [
        row
        for document in sorted(reports)
        for row in by_document.get(document, [])
        if row not in support and row.origin == row.document
    ]
    other_bags = {row: content_words(row.text) for row in others}
    others = [
        r
        for r in others
        if len(other_bags[r]) >= MIN_WORDS
        and ((r.document, r.start) in named or _centrality(other_bags[r], bags) > 0)
    ]
    others.sort(key=lambda r: (-_centrality(other_bags[r], bags), r.position, r.document))
    ranked = evidence + others
    if named:  # an entity's briefing: the sentences naming it first, in the same order
        ranked.sort(key=lambda r: (r.document, r.start) not in named)
    ranked = [r for r in ranked if (r.document, r.start) not in taken]
    return _pick(ranked, {**bags, **other_bags}, k)


def _centrality(
    bag: frozenset[str], bags: dict[SentenceRow, frozenset[str]], itself: SentenceRow | None = None
) -> float:
    others = [b for row, b in bags.items() if row != itself]
    return sum(jaccard(bag, b) for b in others) / len(others) if others else 0.0


def _pick(
    ranked: Sequence[SentenceRow], bags: dict[SentenceRow, frozenset[str]], k: int
) -> list[SentenceRow]:
    """The first `k` of `ranked`, one per original report first, near-duplicates dropped."""
    chosen: list[SentenceRow] = []
    for one_per_report in (True, False):
        used = {row.origin for row in chosen}
        for row in ranked:
            if len(chosen) >= k:
                return chosen
            if row in chosen or (one_per_report and row.origin in used):
                continue
            if any(
                jaccard(bags[row], bags[c]) >= NEAR_DUPLICATE or row.text == c.text for c in chosen
            ):
                continue
            chosen.append(row)
            used.add(row.origin)
    return chosen


def _printable(text: str) -> str:
    """`text` on one line, control characters (a terminal's escape codes) dropped."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(kept.split())
