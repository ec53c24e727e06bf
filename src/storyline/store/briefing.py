"""The rows a timeline summary is made of: day-dated events of a selection, and sentences.

SQL only: `storyline.briefing` chooses the days and the sentences. The events are
those of the timeline's filters (`storyline.store.filters`: an entity's id or part
of a name, a date range) or of one story, dated to the day, that happened or are
planned (hypothetical, denied and generic events have no day of their own).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.store.event_rows import EVENT_COLUMNS
from storyline.store.filters import EventFilter, event_clause
from storyline.store.queries import Reader

#: The statuses of the events a summary may tell.
SUMMARY_STATUSES = ("happened", "planned")
#: At most this many ids in one `IN (...)` list.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class SpanRow:
    """A span of a report's text: an evidence sentence or phrase."""

    document: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DayEvent:
    """A merged event dated to the day, with what a summary weighs and quotes."""

    id: str
    date: str  # YYYY-MM-DD
    type: str
    title: str
    status: str
    sources: int  # independent sources
    salience: str  # "normal" | "low"
    documents: tuple[str, ...]
    evidence: tuple[SpanRow, ...]
    summary: SpanRow | None  # the sentence that tells it best
    # False for an event found only because a report telling it names the entity asked for.
    direct: bool = True


@dataclass(frozen=True, slots=True)
class SentenceRow:
    """A stored sentence and the report it belongs to."""

    document: str
    position: int
    start: int
    end: int
    text: str
    source: str  # the report's outlet
    origin: str  # the original report: the report itself, or the one it duplicates
    published: str | None


#: The events a sentence telling them names an entity: one of its mentions inside
#: an evidence span (the entity's id, part of its name, or part of the mention's text).
_NAMED_IN_EVIDENCE = (
    "e.id IN (SELECT ed.event_id FROM mentions m"
    " LEFT JOIN entities n ON n.id = m.entity_id"
    " JOIN event_documents ed ON ed.document_id = m.document_id"
    " JOIN events x ON x.id = ed.event_id, json_each(x.data, '$.evidence') ev"
    " WHERE (m.entity_id = ? OR n.name LIKE ? OR m.text LIKE ?)"
    " AND json_extract(ev.value, '$.document') = m.document_id"
    " AND json_extract(ev.value, '$.start') <= m.start"
    " AND m.end <= json_extract(ev.value, '$.end'))"
)


#: The reports naming an entity (its id, part of its name, or part of a mention's text).
_NAMING_REPORTS = (
    "SELECT m.document_id FROM mentions m LEFT JOIN entities n ON n.id = m.entity_id"
    " WHERE m.entity_id = ? OR n.name LIKE ? OR m.text LIKE ?"
)


def day_events(
    reader: Reader, where: EventFilter, story: str | None = None, *, reports: bool = False
) -> list[DayEvent]:
    """The events matching `where` (and in `story`, when given) dated to a day, by date.

    `where.name` keeps the events the entity takes part in (the timeline's filter) and
    the events a sentence telling them names it; with `reports`, also (`direct` False)
    the other events of the reports that name it."""
    found = _day_events(reader, where, story, direct=True)
    if reports and where.name:
        seen = {e.id for e in found}
        found += [e for e in _day_events(reader, where, story, direct=False) if e.id not in seen]
        found.sort(key=lambda e: (e.date, e.id))
    return found


def _day_events(
    reader: Reader, where: EventFilter, story: str | None, *, direct: bool
) -> list[DayEvent]:
    clause, params = event_clause(replace(where, name=None))
    if where.name:
        name = f"%{where.name}%"
        if direct:
            participant, participant_params = event_clause(
                EventFilter(name=where.name, salience="any")
            )
            clause += f" AND (({participant}) OR {_NAMED_IN_EVIDENCE})"
            params = (*params, *participant_params, where.name, name, name)
        else:
            clause += (
                " AND e.id IN (SELECT event_id FROM event_documents"
                f" WHERE document_id IN ({_NAMING_REPORTS}))"
            )
            params = (*params, where.name, name, name)
    if story is not None:
        clause += " AND e.id IN (SELECT event_id FROM story_events WHERE story_id = ?)"
        params = (*params, story)
    statuses = ",".join("?" * len(SUMMARY_STATUSES))
    found = reader._rows(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {clause}"
        f" AND e.date_precision = 'day' AND length(e.date) = 10 AND e.status IN ({statuses})"
        " ORDER BY e.date, e.id",
        (*params, *SUMMARY_STATUSES),
    )
    return [_day_event(row, direct) for row in found]


def _day_event(row: sqlite3.Row, direct: bool = True) -> DayEvent:
    data = json.loads(row["data"])
    attributes = dict(data.get("attributes") or [])
    summary = data.get("summary")
    return DayEvent(
        id=row["id"],
        date=row["date"],
        type=row["type"],
        title=row["title"],
        status=row["status"],
        sources=int(row["sources"]),
        salience="low" if attributes.get("salience") == "low" else "normal",
        documents=tuple(data.get("documents") or ()),
        evidence=tuple(_span(e) for e in data.get("evidence") or ()),
        summary=_span(summary) if summary else None,
        direct=direct,
    )


def _span(value: dict[str, Any]) -> SpanRow:
    return SpanRow(str(value["document"]), int(value["start"]), int(value["end"]))


def sentences_of(reader: Reader, documents: Sequence[str]) -> list[SentenceRow]:
    """Every stored sentence of `documents`, by report and position."""
    found: list[SentenceRow] = []
    for chunk in _chunks(sorted(set(documents))):
        marks = ",".join("?" * len(chunk))
        found.extend(
            SentenceRow(
                r["document_id"],
                r["position"],
                r["start"],
                r["end"],
                r["text"],
                r["source"],
                r["duplicate_of"] or r["document_id"],
                r["published"],
            )  # fmt: skip
            for r in reader._rows(
                "SELECT s.document_id, s.position, s.start, s.end, s.text, d.source,"
                " d.duplicate_of, d.published FROM sentences s"
                " JOIN documents d ON d.id = s.document_id"
                f" WHERE s.document_id IN ({marks}) ORDER BY s.document_id, s.position",
                tuple(chunk),
            )
        )
    return found


def report_origins(reader: Reader, documents: Sequence[str]) -> dict[str, str]:
    """Each of `documents` -> its original report (itself, or the report it duplicates)."""
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(documents))):
        marks = ",".join("?" * len(chunk))
        for r in reader._rows(
            f"SELECT id, coalesce(duplicate_of, id) FROM documents WHERE id IN ({marks})",
            tuple(chunk),
        ):
            found[r[0]] = r[1]
    return found


def naming_spans(reader: Reader, name: str, documents: Sequence[str]) -> list[SpanRow]:
    """The mentions in `documents` of the entity `name` (as `day_events` finds it)."""
    found: list[SpanRow] = []
    like = f"%{name}%"
    for chunk in _chunks(sorted(set(documents))):
        marks = ",".join("?" * len(chunk))
        found.extend(
            SpanRow(r[0], r[1], r[2])
            for r in reader._rows(
                "SELECT m.document_id, m.start, m.end FROM mentions m"
                " LEFT JOIN entities n ON n.id = m.entity_id"
                f" WHERE m.document_id IN ({marks})"
                " AND (m.entity_id = ? OR n.name LIKE ? OR m.text LIKE ?)",
                (*chunk, name, like, like),
            )
        )
    return found


def names_within(reader: Reader, phrases: Sequence[str]) -> list[str]:
    """Those of `phrases` that an entity's name or a mention's text is (ignoring case)."""
    if not phrases:
        return []
    marks = ",".join("?" * len(phrases))
    return [
        r[0]
        for r in reader._rows(
            f"SELECT name FROM entities WHERE name COLLATE NOCASE IN ({marks})"
            f" UNION SELECT text FROM mentions WHERE text COLLATE NOCASE IN ({marks})",
            (*phrases, *phrases),
        )
    ]


def story_exists(reader: Reader, story: str) -> bool:
    """Whether the knowledge base holds story `story`."""
    return bool(reader._rows("SELECT 1 FROM stories WHERE id = ?", (story,)))


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for at in range(0, len(values), _CHUNK):
        yield values[at : at + _CHUNK]
