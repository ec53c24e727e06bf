"""Events: lists of merged events, one event whole (participants, evidence, conflicts),
the events an entity takes part in and the events a report tells. A database
without the event tables (an older schema) has none."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.store.event_rows import EVENT_COLUMNS, EventSummary, event_summary
from storyline.store.filters import EventFilter, event_clause
from storyline.store.stories import StorySummary, StoryViews
from storyline.store.view_base import DocumentSummary, Page

#: Statuses of an event (`docs/events.md`).
EVENT_STATUSES = ("happened", "planned", "hypothetical", "denied", "generic")
#: At most this many evidence sentences are shown for one event.
MAX_EVIDENCE = 200


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
    salience: str = "normal"  # "low": one source, no participant, no place
    summary_sentence: EvidenceRow | None = None  # the sentence that tells it best
    # When undated: {"earliest", "latest", "day_of_month"}, the days its reports allow
    # (a bound is None when no report gives it).
    possible_days: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class EntityEvent:
    """An event an entity takes part in, and in which role."""

    event: EventSummary
    role: str
    sources: int


class EventListViews(StoryViews):
    """Events in date order, the events of an entity or a report, one event's page."""

    def list_events(
        self, where: EventFilter, offset: int = 0, limit: int = 50
    ) -> Page[EventSummary]:
        """Events matching `where`, in date order (undated last)."""
        if not self.has_table("events"):
            return Page([], 0, offset, limit)
        clause, params = event_clause(where)
        total = self._scalar(f"SELECT count(*) FROM events e WHERE {clause}", params)
        rows = self._rows(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE {clause} "
            "ORDER BY e.date IS NULL, e.date, e.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return Page([event_summary(r) for r in rows], total, offset, limit)

    def entity_events(self, entity_id: str, limit: int = 200) -> Page[EntityEvent]:
        """The events an entity takes part in, newest first, with its role."""
        if not self.has_table("events"):
            return Page([], 0, 0, limit)
        total = self._scalar(
            "SELECT count(DISTINCT event_id) FROM event_participants WHERE entity_id = ?",
            (entity_id,),
        )
        rows = self._rows(
            f"SELECT {EVENT_COLUMNS}, p.role, p.sources AS role_sources FROM event_participants p "
            "JOIN events e ON e.id = p.event_id WHERE p.entity_id = ? "
            "ORDER BY e.date IS NULL, e.date DESC, e.id, p.role LIMIT ?",
            (entity_id, limit),
        )
        return Page(
            [EntityEvent(event_summary(r), r["role"], r["role_sources"]) for r in rows],
            total,
            0,
            limit,
        )

    def document_events(self, doc_id: str) -> list[EventSummary]:
        """The events a report tells, in date order."""
        if not self.has_table("events"):
            return []
        return [
            event_summary(r)
            for r in self._rows(
                f"SELECT {EVENT_COLUMNS} FROM event_documents ed "
                "JOIN events e ON e.id = ed.event_id WHERE ed.document_id = ? "
                "ORDER BY e.date IS NULL, e.date, e.id",
                (doc_id,),
            )
        ]

    def event_detail(self, event_id: str) -> EventDetail | None:
        if not self.has_table("events"):
            return None
        rows = self._rows(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?", (event_id,))
        if not rows:
            return None
        row = rows[0]
        data: dict[str, Any] = json.loads(row["data"])
        triggers = data.get("triggers") or []
        summary = event_summary(row)
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
        attributes = [(str(k), str(v)) for k, v in data.get("attributes") or []]
        told_best = self._evidence([data["summary"]] if data.get("summary") else [], triggers)
        return EventDetail(
            summary=summary,
            date_basis=data.get("date_basis"),
            date_sources=int(data.get("date_sources") or 0),
            place_sources=int(data.get("place_sources") or 0),
            attributes=attributes,
            participants=participants,
            documents=[documents[d] for d in data.get("documents") or [] if d in documents],
            evidence=self._evidence(data.get("evidence") or [], triggers),
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
            salience="low" if ("salience", "low") in attributes else "normal",
            summary_sentence=told_best[0] if told_best else None,
            possible_days=data.get("possible_days"),
        )

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
