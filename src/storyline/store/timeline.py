"""The timeline: buckets of dated items at a zoom, and a page of the items.

The timeline is a list of *items* of a `kind`: dated reports (`kind = "report"`)
and, when the knowledge base has events, merged events (`kind = "event"`, with a
type, status and conflicts). `TimelineViews` lists reports; `EventTimelineViews`
adds events (by default when there are any). Filters and their date semantics
are `storyline.store.filters`'; the events come from the one timeline query,
`storyline.store.event_rows.timeline_events`, which the CLI uses too.

Events of low salience (one source, no participant, no place) are left out of
the items unless the filter's `salience` asks for them; the timeline then counts
them (`low_salience`), so a page can list them apart instead of hiding them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.errors import StoreError
from storyline.store.event_rows import event_summary, timeline_events
from storyline.store.filters import (
    EventFilter,
    TimelineFilter,
    date_bounds,
    event_clause,
    event_filter_of,
    report_clause,
)
from storyline.store.view_base import SUMMARY, Page, ViewsBase

#: Zoom levels of the timeline and the length of the date prefix each groups by.
ZOOMS: dict[str, int] = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, slots=True)
class Bucket:
    key: str  # a date prefix: YYYY, YYYY-MM or YYYY-MM-DD
    count: int
    precise: bool  # False for items dated less precisely than the zoom (YYYY at month zoom)


@dataclass(frozen=True, slots=True)
class EntityTag:
    id: str
    name: str
    type: str
    mentions: int


@dataclass(frozen=True, slots=True)
class TimelineItem:
    kind: str  # "report" | "event"
    id: str
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None for an undated report (entity pages)
    title: str | None
    opening: str | None  # the first words of an untitled report
    type: str | None  # the event type; None for reports
    source: str
    sources: int
    how: str | None
    flags: list[str]
    entities: list[EntityTag]
    status: str | None = None  # events: happened, planned, hypothetical, denied, generic
    conflicts: int = 0  # events: facts the sources disagree on
    salience: str | None = None  # events: "normal" or "low" (one source, no who or where)


@dataclass(frozen=True, slots=True)
class Timeline:
    zoom: str
    buckets: list[Bucket]
    items: Page[TimelineItem]
    undated: int  # reports matching the filter that have no date
    kinds: list[str]  # kinds of item the knowledge base holds
    # Dated events of low salience matching the filter and range but left out of `items`
    # (0 when the filter's salience keeps them).
    low_salience: int = 0


class TimelineViews(ViewsBase):
    """The timeline of dated reports."""

    def kinds(self) -> list[str]:
        return ["report"]

    def timeline(  # type: ignore[override]  # Reader.timeline is the CLI's
        self,
        where: TimelineFilter,
        *,
        zoom: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Timeline:
        """Buckets at `zoom` (chosen from the date range when None) and a page of items."""
        if zoom is not None and zoom not in ZOOMS:
            raise StoreError(f"unknown zoom {zoom!r}: choose from {', '.join(ZOOMS)}")
        if (
            where.kind not in (None, *self.kinds())
            or where.type is not None
            or where.status is not None
        ):
            # No item of that kind or type exists (yet): an honest empty timeline.
            return Timeline(zoom or "year", [], Page([], 0, offset, limit), 0, self.kinds())
        # Reports per date, for the filter without its date range (cached: zooming and
        # moving through time reuse it), summed up to years or months and cut to the range.
        undated, dated = self._report_dates(replace(where, start=None, end=None))
        if where.start or where.end:
            undated, dated = 0, _within(dated, where.start, where.end)
        zoom = zoom or _zoom_for(dated[0][0] if dated else None, dated[-1][0] if dated else None)
        size = ZOOMS[zoom]
        counts: dict[str, int] = {}
        for published, count in dated:
            counts[published[:size]] = counts.get(published[:size], 0) + count
        buckets = [Bucket(key, n, len(key) >= size) for key, n in sorted(counts.items())]
        clause, params = report_clause(where)
        total = sum(counts.values())
        items: list[TimelineItem] = []
        if limit:
            rows = self._rows(
                f"SELECT {SUMMARY} FROM documents d WHERE {clause} AND d.published IS NOT NULL "
                "ORDER BY d.published, d.id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
            items = self._report_items(rows)
        return Timeline(zoom, buckets, Page(items, total, offset, limit), undated, self.kinds())

    def _report_dates(self, where: TimelineFilter) -> tuple[int, list[tuple[str, int]]]:
        """(undated reports, [(date, reports)] in date order) matching `where`."""
        clause, params = report_clause(where)
        query = (
            f"SELECT d.published, count(*) FROM documents d WHERE {clause} "
            "GROUP BY d.published ORDER BY d.published"
        )
        key = json.dumps(["dates", where.entity, where.source, where.how])
        return self._counts_by_date(key, query, params)

    def _counts_by_date(
        self, key: str, query: str, params: tuple[Any, ...]
    ) -> tuple[int, list[tuple[str, int]]]:
        """(undated, [(date, count)] in date order) of a `(date, count)` query, cached."""

        def compute() -> tuple[int, list[tuple[str, int]]]:
            rows = self._rows(query, params)
            undated = sum(r[1] for r in rows if r[0] is None)
            return undated, [(r[0], r[1]) for r in rows if r[0] is not None]

        return self.cache.get(key, compute)

    def _report_items(self, rows: Sequence[sqlite3.Row]) -> list[TimelineItem]:
        tags = self._entity_tags([row["id"] for row in rows])
        return [
            TimelineItem(
                kind="report",
                id=s.id,
                date=s.published,
                title=s.title,
                opening=s.opening,
                type=None,
                source=s.source,
                sources=s.sources,
                how=s.published_how,
                flags=s.flags,
                entities=tags.get(s.id, []),
            )
            for s in self._summaries(rows)
        ]

    def _entity_tags(
        self, doc_ids: Sequence[str], per_report: int = 6
    ) -> dict[str, list[EntityTag]]:
        """The most mentioned entities of each report."""
        if not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        tags: dict[str, list[EntityTag]] = {}
        for r in self._rows(
            "SELECT m.document_id, e.id, e.name, e.type, count(*) AS n FROM mentions m "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.document_id IN ({marks}) "
            "GROUP BY m.document_id, e.id ORDER BY m.document_id, n DESC, e.name",
            tuple(doc_ids),
        ):
            found = tags.setdefault(r[0], [])
            if len(found) < per_report:
                found.append(EntityTag(r[1], r[2], r[3], r[4]))
        return tags


class EventTimelineViews(TimelineViews):
    """The timeline with the knowledge base's events."""

    def has_events(self) -> bool:
        if not self.has_table("events"):
            return False
        return self.cache.get(
            "has_events",
            lambda: self._scalar("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)") > 0,
        )

    def kinds(self) -> list[str]:
        return ["event", "report"] if self.has_events() else ["report"]

    def event_types(self) -> list[str]:
        if not self.has_events():
            return []
        return self.cache.get(
            "event_types",
            lambda: [r[0] for r in self._rows("SELECT DISTINCT type FROM events ORDER BY 1")],
        )

    def timeline(  # type: ignore[override]  # Reader.timeline is the CLI's
        self,
        where: TimelineFilter,
        *,
        zoom: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Timeline:
        """Events when asked for (or by default when there are any), else reports."""
        kind = where.kind or ("event" if self.has_events() or where.type else "report")
        if kind != "event":
            if where.status is not None:
                return Timeline(zoom or "year", [], Page([], 0, offset, limit), 0, self.kinds())
            return super().timeline(
                replace(where, kind=kind), zoom=zoom, offset=offset, limit=limit
            )
        if not self.has_events():
            return Timeline(zoom or "year", [], Page([], 0, offset, limit), 0, self.kinds())
        return self._event_timeline(where, zoom, offset, limit)

    def _event_timeline(
        self, where: TimelineFilter, zoom: str | None, offset: int, limit: int
    ) -> Timeline:
        if zoom is not None and zoom not in ZOOMS:
            raise StoreError(f"unknown zoom {zoom!r}: choose from {', '.join(ZOOMS)}")
        events = event_filter_of(where)
        undated, dated = self._event_dates(replace(events, start=None, end=None))
        if where.start or where.end:
            undated, dated = 0, _within(dated, where.start, where.end)
        zoom = zoom or _zoom_for(dated[0][0] if dated else None, dated[-1][0] if dated else None)
        size = ZOOMS[zoom]
        counts: dict[str, int] = {}
        for day, count in dated:
            counts[day[:size]] = counts.get(day[:size], 0) + count
        buckets = [Bucket(key, n, len(key) >= size) for key, n in sorted(counts.items())]
        items: list[TimelineItem] = []
        if limit:
            items = self._event_items(
                timeline_events(self._rows, events, offset=offset, limit=limit)
            )
        total = sum(counts.values())
        left_out = self._low_salience_count(events) if events.salience == "normal" else 0
        return Timeline(
            zoom, buckets, Page(items, total, offset, limit), undated, self.kinds(), left_out
        )

    def _low_salience_count(self, where: EventFilter) -> int:
        """Dated events of low salience matching `where`, its date range included."""
        _, dated = self._event_dates(replace(where, start=None, end=None, salience="low"))
        return sum(n for _, n in _within(dated, where.start, where.end))

    def _event_dates(self, where: EventFilter) -> tuple[int, list[tuple[str, int]]]:
        clause, params = event_clause(where)
        query = (
            f"SELECT e.date, count(*) FROM events e WHERE {clause} GROUP BY e.date ORDER BY e.date"
        )
        key = json.dumps(
            ["event_dates", where.entity, where.name, where.source, where.type, where.status,
             where.salience]
        )  # fmt: skip
        return self._counts_by_date(key, query, params)

    def _event_items(self, rows: Sequence[sqlite3.Row]) -> list[TimelineItem]:
        events = [event_summary(r) for r in rows]
        tags = self._participant_tags([e.id for e in events])
        return [
            TimelineItem(
                kind="event",
                id=e.id,
                date=e.date,
                title=e.title,
                opening=None,
                type=e.type,
                source=e.place_name or "",
                sources=e.sources,
                how=None,
                flags=[],
                entities=tags.get(e.id, []),
                status=e.status,
                conflicts=e.conflicts,
                salience=_salience(row),
            )
            for e, row in zip(events, rows, strict=True)
        ]

    def _participant_tags(self, event_ids: Sequence[str]) -> dict[str, list[EntityTag]]:
        """The linked participants of each event, best supported first."""
        if not event_ids:
            return {}
        marks = ",".join("?" * len(event_ids))
        tags: dict[str, list[EntityTag]] = {}
        for r in self._rows(
            "SELECT p.event_id, en.id, en.name, en.type, max(p.sources) FROM event_participants p "
            f"JOIN entities en ON en.id = p.entity_id WHERE p.event_id IN ({marks}) "
            "GROUP BY p.event_id, en.id ORDER BY p.event_id, 5 DESC, en.name",
            tuple(event_ids),
        ):
            found = tags.setdefault(r[0], [])
            if len(found) < 6:
                found.append(EntityTag(r[1], r[2], r[3], r[4]))
        return tags


def _within(
    dated: list[tuple[str, int]], start: str | None, end: str | None
) -> list[tuple[str, int]]:
    """The (date, count) pairs inside `start`..`end` (as `filters.date_bounds` reads them)."""
    low, high = date_bounds(start, end)
    return [
        (day, n) for day, n in dated
        if (low is None or day >= low) and (high is None or day <= high)
    ]  # fmt: skip


def _salience(row: sqlite3.Row) -> str:
    """ "low" for an event the merger marked salience=low, else "normal"."""
    attributes = dict(json.loads(row["data"]).get("attributes") or [])
    return "low" if attributes.get("salience") == "low" else "normal"


def _zoom_for(first: str | None, last: str | None) -> str:
    """Years over two years or more, days within one month, months otherwise."""
    if not first or not last or int(last[:4]) - int(first[:4]) >= 2:
        return "year"
    return "day" if first[:7] == last[:7] and len(first) >= 7 else "month"
