"""Events in the store: each report's event mentions, and the events and stories
merged across reports.

Event mentions are stored with their report (JSON of the record, beside the
columns that queries filter on). After an ingest, the corpus step reads every
report back as a `Document` with its mentions, time expressions and event
mentions, merges them, and replaces the merged events and stories in one
transaction; their ids are stable, so links to them survive.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

from storyline.records import (
    KIND_BY_LABEL,
    DateFinding,
    Document,
    Event,
    EventMention,
    Mention,
    Participant,
    Span,
    Story,
    TimeExpression,
)

MERGE_STAGE = "events.merge.v1"


def _span(value: Span | None) -> list[int] | None:
    return [value.start, value.end] if value is not None else None


def _unspan(value: list[int] | None) -> Span | None:
    return Span(value[0], value[1]) if value is not None else None


def encode_event_mention(event: EventMention) -> str:
    return json.dumps(
        {
            "trigger": _span(event.trigger),
            "sentence": _span(event.sentence),
            "date_source": _span(event.date_source),
            "place": _span(event.place),
            "place_entity": event.place_entity,
            "participants": [[p.role, _span(p.span), p.entity] for p in event.participants],
            "attributes": [list(pair) for pair in event.attributes],
        }
    )


def decode_event_mention(row: sqlite3.Row) -> EventMention:
    data = json.loads(row["data"])
    return EventMention(
        trigger=Span(*data["trigger"]),
        sentence=Span(*data["sentence"]),
        type=row["type"],
        status=row["status"],
        stage=row["stage"],
        date=row["date"],
        date_source=_unspan(data["date_source"]),
        place=_unspan(data["place"]),
        place_entity=data["place_entity"],
        participants=tuple(
            Participant(role, Span(*span), entity) for role, span, entity in data["participants"]
        ),
        attributes=tuple((key, value) for key, value in data["attributes"]),
    )


def write_event_mentions(db: sqlite3.Connection, doc: Document) -> None:
    db.executemany(
        "INSERT INTO event_mentions (document_id, position, type, status, date, data, stage)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (doc.id, n, e.type, e.status, e.date, encode_event_mention(e), e.stage)
            for n, e in enumerate(doc.events)
        ),
    )


def documents_for_merge(db: sqlite3.Connection) -> Iterator[Document]:
    """Every stored report as the merger needs it: text, date, mentions, times, events."""
    for row in db.execute(
        "SELECT id, key, origin, source, title, text, published, published_how, duplicate_of,"
        " date_confidence, date_earliest, date_latest FROM documents ORDER BY seq"
    ):
        doc_id = row["id"]
        mentions = tuple(
            Mention(Span(m["start"], m["end"]), m["text"], m["label"],
                    KIND_BY_LABEL.get(m["label"], "person"), m["stage"],
                    m["title"], m["entity_id"], m["score"], m["reason"])
            for m in db.execute(
                "SELECT start, end, text, label, title, entity_id, score, reason, stage"
                " FROM mentions WHERE document_id = ? ORDER BY start", (doc_id,)
            )
        )  # fmt: skip
        timexes = tuple(
            TimeExpression(Span(t["start"], t["end"]), t["text"], t["type"], t["value"],
                           t["stage"], t["mod"], t["anchor"])
            for t in db.execute(
                "SELECT start, end, text, type, value, mod, anchor, stage FROM timexes"
                " WHERE document_id = ? ORDER BY start", (doc_id,)
            )
        )  # fmt: skip
        events = tuple(
            decode_event_mention(e)
            for e in db.execute(
                "SELECT type, status, date, data, stage FROM event_mentions"
                " WHERE document_id = ? ORDER BY position",
                (doc_id,),
            )
        )
        yield Document(
            id=doc_id, key=row["key"], origin=row["origin"], source=row["source"],
            text=row["text"], title=row["title"], published=row["published"],
            published_how=row["published_how"], duplicate_of=row["duplicate_of"],
            mentions=mentions, timexes=timexes, events=events, dating=_dating(row),
        )  # fmt: skip


def _dating(row: sqlite3.Row) -> DateFinding | None:
    """The window a report's dating allowed (its evidence is not needed to merge)."""
    if row["date_earliest"] is None and row["date_latest"] is None:
        return None
    return DateFinding(
        row["published"], row["published_how"], row["date_confidence"] or 0.0,
        earliest=row["date_earliest"], latest=row["date_latest"],
    )  # fmt: skip


def count_events(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def entity_names(db: sqlite3.Connection) -> dict[str, str]:
    """Canonical name of every entity, by id."""
    return dict(db.execute("SELECT id, name FROM entities").fetchall())


def replace_events(
    db: sqlite3.Connection, events: Sequence[Event], stories: Sequence[Story]
) -> None:
    """Put the merged events and stories in place of the previous ones (in a transaction)."""
    for table in ("story_events", "stories", "event_participants", "event_documents", "events"):
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
    db.executemany(
        "INSERT INTO events (id, type, title, status, date, date_precision, place, place_name,"
        " sources, conflicts, data, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (e.id, e.type, e.title, e.status, e.date, e.date_precision, e.place, e.place_name,
             e.sources, len(e.conflicts), json.dumps(_event_details(e)), MERGE_STAGE)
            for e in events
        ),
    )  # fmt: skip
    db.executemany(
        "INSERT INTO event_documents (event_id, document_id) VALUES (?, ?)",
        ((e.id, d) for e in events for d in e.documents),
    )
    db.executemany(
        "INSERT INTO event_participants (event_id, entity_id, name, role, sources)"
        " VALUES (?, ?, ?, ?, ?)",
        ((e.id, p.entity, p.name, p.role, p.sources) for e in events for p in e.participants),
    )
    db.executemany(
        "INSERT INTO stories (id, kind, title, start, end, data, stage)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (s.id, s.kind, s.title, s.start, s.end, json.dumps({"documents": list(s.documents)}),
             MERGE_STAGE)
            for s in stories
        ),
    )  # fmt: skip
    db.executemany(
        "INSERT INTO story_events (story_id, event_id, position) VALUES (?, ?, ?)",
        ((s.id, event_id, n) for s in stories for n, event_id in enumerate(s.events)),
    )


def _event_details(event: Event) -> dict[str, Any]:
    details = asdict(event)
    for key in ("id", "type", "title", "status", "date", "date_precision", "place", "place_name"):
        details.pop(key)
    return details
