"""The filters of the readers' lists, and the one place their WHERE clauses are built.

A filter is a frozen record of what a list is narrowed to; `report_clause`,
`sentence_clause` and `event_clause` turn one into a WHERE clause made of fixed
fragments (a filter present or not) and the bound parameters of those
fragments. Nothing a user types ever becomes SQL text.

Dates: a date in a filter is YYYY, YYYY-MM or YYYY-MM-DD, both ends inclusive.
A stored date less precise than a day stands for the first day of the period it
names, and a filter's `end` less precise than a day means the last day of its
period: `2021-03` is inside 2021-03-01..2021-03-31 and 2021-02-15..2021-03, not
inside 2021-03-02..2021-12-31; `2021` is inside 2021-01-01..2021-02-01 (see
`date_bounds`). The CLI, the web pages and the HTTP API all filter this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from storyline.errors import StoreError

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

#: Which events a list holds by salience: "normal" leaves out the events marked low
#: (the default of every list), "low" keeps only them, "any" keeps both.
SALIENCES = ("normal", "low", "any")

#: Events the merger marked salience=low (one source, no participant, no place): kept
#: in the data, listed apart (collapsed on the web, counted by the CLI) unless asked for.
LOW_SALIENCE = (
    "EXISTS (SELECT 1 FROM json_each(e.data, '$.attributes') a"
    " WHERE json_extract(a.value, '$[0]') = 'salience'"
    " AND json_extract(a.value, '$[1]') = 'low')"
)


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    start: str | None = None  # YYYY[-MM[-DD]], inclusive
    end: str | None = None
    entity: str | None = None
    source: str | None = None
    kind: str | None = None
    type: str | None = None
    how: str | None = None  # how the date was found: metadata, dateline, inferred (reports)
    status: str | None = None  # events: happened, planned, hypothetical, denied, generic
    salience: str = "normal"  # events: one of SALIENCES


@dataclass(frozen=True, slots=True)
class SearchFilter:
    source: str | None = None
    start: str | None = None
    end: str | None = None
    entity: str | None = None
    duplicates: bool = False  # include the sentences of duplicate reports


@dataclass(frozen=True, slots=True)
class EventFilter:
    start: str | None = None
    end: str | None = None
    entity: str | None = None  # an entity id: events it takes part in
    source: str | None = None
    type: str | None = None
    status: str | None = None
    salience: str = "normal"  # one of SALIENCES: low-salience events left out, alone or kept
    # An entity id or a part of a participant's name, the linked entity's or as the
    # reports write it (case-insensitive for ASCII letters): the CLI's `--entity`.
    name: str | None = None


def check_date(value: str | None) -> str | None:
    """`value` if it is YYYY, YYYY-MM or YYYY-MM-DD (or empty -> None); else StoreError."""
    if not value:
        return None
    if not _DATE.match(value):
        raise StoreError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def date_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """SQL bounds on `published` text for an inclusive range, so that a report dated
    `2021-03` is inside 2021-03-01..2021-03-31 and `2021` inside 2021-01-01..2021-12-31."""
    low = check_date(start)
    if low:
        while low.endswith("-01") and len(low) > 4:
            low = low[:-3]
    high = check_date(end)
    if high:
        high += "\uffff"  # every finer date under the prefix sorts before it
    return low, high


class _Where:
    """A WHERE clause under construction: fixed fragments and their parameters."""

    def __init__(self, *fragments: str) -> None:
        self.fragments: list[str] = list(fragments) or ["1"]
        self.params: list[Any] = []

    def add(self, fragment: str, *params: Any) -> None:
        self.fragments.append(fragment)
        self.params.extend(params)

    def dates(self, column: str, start: str | None, end: str | None) -> None:
        """`column` (a date of any precision) inside `start`..`end` (see the module doc)."""
        low, high = date_bounds(start, end)
        if low:
            self.add(f"{column} >= ?", low)
        if high:
            self.add(f"{column} <= ?", high)

    def built(self) -> tuple[str, tuple[Any, ...]]:
        return " AND ".join(self.fragments), tuple(self.params)


def report_clause(where: TimelineFilter) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause and parameters on the report `d` of the timeline (originals only)."""
    clause = _Where("d.duplicate_of IS NULL")
    clause.dates("d.published", where.start, where.end)
    # The unary + keeps the planner on the timeline's covering index (in date order) rather
    # than looking up tens of thousands of report rows by id or source.
    if where.source is not None:
        clause.add("+d.source = ?", where.source)
    if where.how is not None:
        clause.add("+d.published_how = ?", where.how)
    if where.entity is not None:
        clause.add("+d.id IN (SELECT document_id FROM mentions WHERE entity_id = ?)", where.entity)
    return clause.built()


def sentence_clause(where: SearchFilter) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause and parameters on the sentence `s` and report `d` of a search hit.

    The unary + keeps full-text matching as the driver of the query, newest first.
    """
    clause = _Where()
    if not where.duplicates:
        clause.add("d.duplicate_of IS NULL")
    clause.dates("+d.published", where.start, where.end)
    if where.source is not None:
        clause.add("+d.source = ?", where.source)
    if where.entity is not None:
        clause.add(
            "+s.document_id IN (SELECT document_id FROM mentions WHERE entity_id = ?)",
            where.entity,
        )
    return clause.built()


def event_clause(where: EventFilter, *, dates: bool = True) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause and parameters on the event `e`; without `dates`, the date range is
    left to the caller (the undated events of the CLI filter on their reports' dates)."""
    clause = _Where()
    if dates:
        clause.dates("e.date", where.start, where.end)
    if where.type is not None:
        clause.add("e.type = ?", where.type)
    if where.status is not None:
        clause.add("e.status = ?", where.status)
    if where.entity is not None:
        clause.add(
            "e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)", where.entity
        )
    if where.name:
        clause.add(
            "e.id IN (SELECT p.event_id FROM event_participants p"
            " LEFT JOIN entities n ON n.id = p.entity_id"
            " WHERE p.entity_id = ? OR n.name LIKE ? OR p.name LIKE ?)",
            where.name, f"%{where.name}%", f"%{where.name}%",
        )  # fmt: skip
    if where.source is not None:
        clause.add(
            "e.id IN (SELECT ed.event_id FROM event_documents ed "
            "JOIN documents d ON d.id = ed.document_id WHERE d.source = ?)",
            where.source,
        )
    if where.salience == "normal":
        clause.add(f"NOT {LOW_SALIENCE}")
    elif where.salience == "low":
        clause.add(LOW_SALIENCE)
    elif where.salience != "any":
        raise StoreError(f"unknown salience {where.salience!r}: choose from {', '.join(SALIENCES)}")
    return clause.built()


def event_filter_of(where: TimelineFilter) -> EventFilter:
    """The events of a timeline filter (its `how` is a report's, not an event's)."""
    return EventFilter(
        start=where.start, end=where.end, entity=where.entity, source=where.source,
        type=where.type, status=where.status, salience=where.salience,
    )  # fmt: skip
