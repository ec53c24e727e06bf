"""Read-only views of the merged events and stories, for the web pages and the HTTP API.

`EventViews` is `Views` with events: the timeline gets items of kind "event"
(filtered by entity through `event_participants`, type, status, source and
date range), and there are event and story pages, the events an entity takes
part in and the events a report tells. A database without the event tables
(an older schema) or without events shows reports only, as before.

Like `views.py`: parameters are always bound and the only SQL that varies is
a choice among fixed fragments.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from storyline.errors import StoreError
from storyline.store.views import (
    _SUMMARY,
    ZOOMS,
    Bucket,
    DocumentSummary,
    EntityTag,
    Page,
    Timeline,
    TimelineFilter,
    TimelineItem,
    Views,
    _zoom_for,
    date_bounds,
)

#: Statuses of an event (`docs/events.md`).
EVENT_STATUSES = ("happened", "planned", "hypothetical", "denied")
#: At most this many evidence sentences are shown for one event.
MAX_EVIDENCE = 200

_EVENT = (
    "e.id, e.type, e.title, e.status, e.date, e.date_precision, e.place, e.place_name, "
    "e.sources, e.conflicts"
)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    type: str
    title: str
    status: str
    date: str | None
    date_precision: str | None
    place: str | None
    place_name: str | None
    sources: int
    conflicts: int


@dataclass(frozen=True, slots=True)
class EventParticipantRow:
    entity: str | None  # entity id; None when the name is not linked
    name: str
    role: str
    sources: int
    entity_type: str | None = None
    documents: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One sentence that tells the event, with its trigger words marked."""

    document: str
    sentence: int | None  # position of the sentence in its report (its #s anchor)
    start: int
    end: int
    text: str
    marked: list[tuple[str, bool]]  # the text cut into (segment, is a trigger) pairs


@dataclass(frozen=True, slots=True)
class ConflictRow:
    fact: str  # "date" | "place" | "participant" | "role"
    role: str | None
    chosen: str
    chosen_documents: list[DocumentSummary]
    other: str
    other_documents: list[DocumentSummary]


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: str
    kind: str  # "trip" | "series"
    title: str
    start: str | None
    end: str | None
    events: int
    documents: int


@dataclass(frozen=True, slots=True)
class EventDetail:
    summary: EventSummary
    date_basis: str | None  # "text" | "report"
    date_sources: int
    place_sources: int
    attributes: list[tuple[str, str]]
    participants: list[EventParticipantRow]
    documents: list[DocumentSummary]
    evidence: list[EvidenceRow]
    conflicts: list[ConflictRow]
    stories: list[StorySummary]
    place_entity: str | None = None  # the place's entity id, when it is a stored entity


@dataclass(frozen=True, slots=True)
class StoryDetail:
    summary: StorySummary
    events: list[EventSummary]  # in story order
    documents: list[DocumentSummary]


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """An event an entity takes part in, and in which role."""

    event: EventSummary
    role: str
    sources: int


@dataclass(frozen=True, slots=True)
class EventFilter:
    start: str | None = None
    end: str | None = None
    entity: str | None = None
    source: str | None = None
    type: str | None = None
    status: str | None = None
    low_salience: bool = False  # also list events the merger marked salience=low


class EventViews(Views):
    """`Views` with the knowledge base's events and stories."""

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

    # -- the timeline -----------------------------------------------------------------

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
        events = _event_filter_of(where)
        undated, dated = self._event_dates(replace(events, start=None, end=None))
        low, high = date_bounds(where.start, where.end)
        if low or high:
            undated = 0
            dated = [
                (day, n) for day, n in dated
                if (low is None or day >= low) and (high is None or day <= high)
            ]  # fmt: skip
        zoom = zoom or _zoom_for(dated[0][0] if dated else None, dated[-1][0] if dated else None)
        size = ZOOMS[zoom]
        counts: dict[str, int] = {}
        for day, count in dated:
            counts[day[:size]] = counts.get(day[:size], 0) + count
        buckets = [Bucket(key, n, len(key) >= size) for key, n in sorted(counts.items())]
        items: list[TimelineItem] = []
        if limit:
            clause, params = _event_clause(events)
            rows = self._rows(
                f"SELECT {_EVENT} FROM events e WHERE {clause} AND e.date IS NOT NULL "
                "ORDER BY e.date, e.id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
            items = self._event_items(rows)
        total = sum(counts.values())
        return Timeline(zoom, buckets, Page(items, total, offset, limit), undated, self.kinds())

    def _event_dates(self, where: EventFilter) -> tuple[int, list[tuple[str, int]]]:
        clause, params = _event_clause(where)

        def compute() -> tuple[int, list[tuple[str, int]]]:
            rows = self._rows(
                f"SELECT e.date, count(*) FROM events e WHERE {clause} "
                "GROUP BY e.date ORDER BY e.date",
                params,
            )
            undated = sum(r[1] for r in rows if r[0] is None)
            return undated, [(r[0], r[1]) for r in rows if r[0] is not None]

        key = json.dumps(["event_dates", where.entity, where.source, where.type, where.status])
        return self.cache.get(key, compute)

    def _event_items(self, rows: Sequence[sqlite3.Row]) -> list[TimelineItem]:
        events = [_summary(r) for r in rows]
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
            )
            for e in events
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

    # -- lists ------------------------------------------------------------------------

    def list_events(
        self, where: EventFilter, offset: int = 0, limit: int = 50
    ) -> Page[EventSummary]:
        """Events matching `where`, in date order (undated last)."""
        if not self.has_table("events"):
            return Page([], 0, offset, limit)
        clause, params = _event_clause(where)
        total = self._scalar(f"SELECT count(*) FROM events e WHERE {clause}", params)
        rows = self._rows(
            f"SELECT {_EVENT} FROM events e WHERE {clause} "
            "ORDER BY e.date IS NULL, e.date, e.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return Page([_summary(r) for r in rows], total, offset, limit)

    def list_stories(self, offset: int = 0, limit: int = 50) -> Page[StorySummary]:
        """Stories, newest first (undated last)."""
        if not self.has_table("stories"):
            return Page([], 0, offset, limit)
        total = self._scalar("SELECT count(*) FROM stories")
        rows = self._rows(
            "SELECT id FROM stories ORDER BY start IS NULL, start DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return Page(self._stories([r[0] for r in rows]), total, offset, limit)

    def _stories(self, ids: Sequence[str]) -> list[StorySummary]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r["id"]: StorySummary(
                r["id"], r["kind"], r["title"], r["start"], r["end"], r["n"],
                len(json.loads(r["data"]).get("documents", [])),
            )
            for r in self._rows(
                "SELECT s.id, s.kind, s.title, s.start, s.end, s.data, "
                "(SELECT count(*) FROM story_events se WHERE se.story_id = s.id) AS n "
                f"FROM stories s WHERE s.id IN ({marks})",
                tuple(ids),
            )
        }  # fmt: skip
        return [found[i] for i in ids if i in found]

    def entity_events(self, entity_id: str, limit: int = 200) -> Page[EntityEvent]:
        """The events an entity takes part in, newest first, with its role."""
        if not self.has_table("events"):
            return Page([], 0, 0, limit)
        total = self._scalar(
            "SELECT count(DISTINCT event_id) FROM event_participants WHERE entity_id = ?",
            (entity_id,),
        )
        rows = self._rows(
            f"SELECT {_EVENT}, p.role, p.sources AS role_sources FROM event_participants p "
            "JOIN events e ON e.id = p.event_id WHERE p.entity_id = ? "
            "ORDER BY e.date IS NULL, e.date DESC, e.id, p.role LIMIT ?",
            (entity_id, limit),
        )
        return Page(
            [EntityEvent(_summary(r), r["role"], r["role_sources"]) for r in rows], total, 0, limit
        )

    def document_events(self, doc_id: str) -> list[EventSummary]:
        """The events a report tells, in date order."""
        if not self.has_table("events"):
            return []
        return [
            _summary(r)
            for r in self._rows(
                f"SELECT {_EVENT} FROM event_documents ed JOIN events e ON e.id = ed.event_id "
                "WHERE ed.document_id = ? ORDER BY e.date IS NULL, e.date, e.id",
                (doc_id,),
            )
        ]

    # -- one event, one story ---------------------------------------------------------

    def event_detail(self, event_id: str) -> EventDetail | None:
        if not self.has_table("events"):
            return None
        rows = self._rows(f"SELECT {_EVENT}, e.data FROM events e WHERE e.id = ?", (event_id,))
        if not rows:
            return None
        row = rows[0]
        data: dict[str, Any] = json.loads(row["data"])
        summary = _summary(row)
        conflicts = data.get("conflicts") or []
        wanted = set(data.get("documents") or [])
        for conflict in conflicts:
            wanted.update(conflict.get("chosen_documents") or [])
            wanted.update(conflict.get("other_documents") or [])
        documents = self._documents(sorted(wanted))
        types = self._entity_types(
            [p["entity"] for p in data.get("participants") or [] if p.get("entity")]
            + ([summary.place] if summary.place else [])
        )
        participants = [
            EventParticipantRow(
                p.get("entity"), p["name"], p["role"], int(p.get("sources") or 0),
                types.get(p.get("entity") or ""), list(p.get("documents") or []),
            )
            for p in data.get("participants") or []
        ]  # fmt: skip
        participants.sort(key=lambda p: (-p.sources, p.role, p.name.casefold()))
        story_ids = [
            r[0]
            for r in self._rows(
                "SELECT story_id FROM story_events WHERE event_id = ? ORDER BY story_id",
                (event_id,),
            )
        ] if self.has_table("story_events") else []  # fmt: skip
        return EventDetail(
            summary=summary,
            date_basis=data.get("date_basis"),
            date_sources=int(data.get("date_sources") or 0),
            place_sources=int(data.get("place_sources") or 0),
            attributes=[(str(k), str(v)) for k, v in data.get("attributes") or []],
            participants=participants,
            documents=[documents[d] for d in data.get("documents") or [] if d in documents],
            evidence=self._evidence(data.get("evidence") or [], data.get("triggers") or []),
            conflicts=[
                ConflictRow(
                    c["fact"],
                    c.get("role"),
                    str(c["chosen"]),
                    [documents[d] for d in c.get("chosen_documents") or [] if d in documents],
                    str(c["other"]),
                    [documents[d] for d in c.get("other_documents") or [] if d in documents],
                )
                for c in conflicts
            ],  # fmt: skip
            stories=self._stories(story_ids),
            place_entity=summary.place if summary.place in types else None,
        )

    def story_detail(self, story_id: str) -> StoryDetail | None:
        if not self.has_table("stories"):
            return None
        found = self._stories([story_id])
        if not found:
            return None
        data = json.loads(self._rows("SELECT data FROM stories WHERE id = ?", (story_id,))[0][0])
        events = [
            _summary(r)
            for r in self._rows(
                f"SELECT {_EVENT} FROM story_events se JOIN events e ON e.id = se.event_id "
                "WHERE se.story_id = ? ORDER BY se.position",
                (story_id,),
            )
        ]
        ids = list(data.get("documents") or [])
        documents = self._documents(ids)
        return StoryDetail(found[0], events, [documents[d] for d in ids if d in documents])

    def _documents(self, ids: Sequence[str]) -> dict[str, DocumentSummary]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._rows(f"SELECT {_SUMMARY} FROM documents d WHERE d.id IN ({marks})", tuple(ids))
        return {s.id: s for s in self._summaries(rows)}

    def _entity_types(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {
            r[0]: r[1]
            for r in self._rows(f"SELECT id, type FROM entities WHERE id IN ({marks})", tuple(ids))
        }

    def _evidence(
        self, evidence: list[dict[str, Any]], triggers: list[dict[str, Any]]
    ) -> list[EvidenceRow]:
        """Each evidence sentence with its text cut at the trigger words inside it."""
        seen: set[tuple[str, int, int]] = set()
        out: list[EvidenceRow] = []
        for item in evidence:
            key = (str(item["document"]), int(item["start"]), int(item["end"]))
            if key in seen or key[2] <= key[1]:
                continue
            seen.add(key)
            document, start, end = key
            rows = self._rows(
                "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE id = ?",
                (start, end, start, document),
            )
            if not rows or rows[0][0] is None:
                continue
            text = rows[0][0]
            position = self._rows(
                "SELECT position FROM sentences WHERE document_id = ? AND start <= ? AND end > ? "
                "ORDER BY start DESC LIMIT 1",
                (document, start, start),
            )
            spans = sorted(
                (max(int(t["start"]), start) - start, min(int(t["end"]), end) - start)
                for t in triggers
                if t["document"] == document and int(t["start"]) < end and int(t["end"]) > start
            )
            out.append(
                EvidenceRow(
                    document, position[0][0] if position else None, start, end, text,
                    marked_segments(text, spans),
                )
            )  # fmt: skip
            if len(out) >= MAX_EVIDENCE:
                break
        return out


def marked_segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """`text` cut into (segment, is marked) pairs at `spans` (offsets into `text`);
    overlapping or out-of-range spans are clipped, empty segments dropped."""
    segments: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, len(text))
        if end <= start:
            continue
        segments.append((text[at:start], False))
        segments.append((text[start:end], True))
        at = end
    segments.append((text[at:], False))
    return [(segment, hit) for segment, hit in segments if segment]


def _summary(row: sqlite3.Row) -> EventSummary:
    return EventSummary(
        row["id"], row["type"], row["title"], row["status"], row["date"],
        row["date_precision"], row["place"], row["place_name"], row["sources"], row["conflicts"],
    )  # fmt: skip


def _event_filter_of(where: TimelineFilter) -> EventFilter:
    return EventFilter(
        start=where.start, end=where.end, entity=where.entity, source=where.source,
        type=where.type, status=where.status,
    )  # fmt: skip


def _event_clause(where: EventFilter) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause (fixed fragments) and parameters on the event `e`."""
    clause: list[str] = ["1"]
    params: list[Any] = []
    low, high = date_bounds(where.start, where.end)
    if low:
        clause.append("e.date >= ?")
        params.append(low)
    if high:
        clause.append("e.date <= ?")
        params.append(high)
    if where.type is not None:
        clause.append("e.type = ?")
        params.append(where.type)
    if where.status is not None:
        clause.append("e.status = ?")
        params.append(where.status)
    if where.entity is not None:
        clause.append("e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)")
        params.append(where.entity)
    if where.source is not None:
        clause.append(
            "e.id IN (SELECT ed.event_id FROM event_documents ed "
            "JOIN documents d ON d.id = ed.document_id WHERE d.source = ?)"
        )
        params.append(where.source)
    if not where.low_salience:
        # One source, no participant, no place: kept in the data, not listed by default.
        clause.append(
            "NOT EXISTS (SELECT 1 FROM json_each(e.data, '$.attributes') a"
            " WHERE json_extract(a.value, '$[0]') = 'salience'"
            " AND json_extract(a.value, '$[1]') = 'low')"
        )
    return " AND ".join(clause), tuple(params)
