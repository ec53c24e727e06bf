"""Events in the store: each report's event mentions, and the events and stories
merged across reports.

Event mentions are stored with their report (JSON of the record, beside the
columns that queries filter on). After an ingest, the corpus step reads back
the reports of the periods it decides again (`documents_by_id`: each a
`Document` with its mentions, time expressions and event mentions), keeps its
decisions by period (`report_groups`, `event_items`) and replaces the events it
made again; an id that stops naming anything is redirected (`redirects`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, replace
from datetime import date
from typing import Any

from storyline.records import (
    KIND_BY_LABEL,
    DateFinding,
    Document,
    Event,
    EventMention,
    EventOutline,
    EventParticipant,
    Mention,
    Participant,
    Span,
    Story,
    TimeExpression,
    iso_day,
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


_CHUNK = 500


def documents_by_id(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Document]:
    """The stored reports of `ids` as the merger needs them (unknown ids left out)."""
    out: dict[str, Document] = {}
    for start in range(0, len(ids), _CHUNK):
        out.update(_documents(db, ids[start : start + _CHUNK]))
    return out


def _documents(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Document]:
    marks = ",".join("?" * len(ids))
    plain = db.cursor()
    plain.row_factory = None  # positional rows: the merger reads many
    mentions: dict[str, list[Mention]] = {doc_id: [] for doc_id in ids}
    for doc_id, start, end, text, label, title, entity, score, reason, stage in plain.execute(
        "SELECT document_id, start, end, text, label, title, entity_id, score, reason, stage"
        f" FROM mentions WHERE document_id IN ({marks}) ORDER BY document_id, start",  # noqa: S608
        tuple(ids),
    ):
        mentions[doc_id].append(
            Mention(Span(start, end), text, label, KIND_BY_LABEL.get(label, "person"), stage,
                    title, entity, score, reason)
        )  # fmt: skip
    timexes: dict[str, list[TimeExpression]] = {doc_id: [] for doc_id in ids}
    for doc_id, start, end, text, type_, value, mod, anchor, stage in plain.execute(
        "SELECT document_id, start, end, text, type, value, mod, anchor, stage FROM timexes"
        f" WHERE document_id IN ({marks}) ORDER BY document_id, start",  # noqa: S608
        tuple(ids),
    ):
        timexes[doc_id].append(
            TimeExpression(Span(start, end), text, type_, value, stage, mod, anchor)
        )
    events: dict[str, list[EventMention]] = {doc_id: [] for doc_id in ids}
    for e in db.execute(
        "SELECT document_id, type, status, date, data, stage FROM event_mentions"
        f" WHERE document_id IN ({marks}) ORDER BY document_id, position",  # noqa: S608
        tuple(ids),
    ):
        events[e["document_id"]].append(decode_event_mention(e))
    bounds = corpus_bounds(db, ids)
    out: dict[str, Document] = {}
    for row in db.execute(
        "SELECT id, key, origin, source, title, text, published, published_how, duplicate_of,"
        " date_confidence, date_earliest, date_latest, language FROM documents"
        f" WHERE id IN ({marks})",  # noqa: S608 - placeholders only
        tuple(ids),
    ):
        doc_id = row["id"]
        out[doc_id] = Document(
            id=doc_id, key=row["key"], origin=row["origin"], source=row["source"],
            text=row["text"], title=row["title"], published=row["published"],
            published_how=row["published_how"], duplicate_of=row["duplicate_of"],
            language=row["language"], mentions=tuple(mentions[doc_id]),
            timexes=tuple(timexes[doc_id]),
            events=linked_as_now(events[doc_id], mentions[doc_id]),
            dating=_dating(row, *bounds.get(doc_id, (None, None))),
        )  # fmt: skip
    return out


def linked_as_now(
    events: Sequence[EventMention], mentions: Sequence[Mention]
) -> tuple[EventMention, ...]:
    """Event mentions whose participants and places name the entities their words'
    mentions name now (the name merge moves mentions after the events were read)."""
    now = {(m.span.start, m.span.end): m.entity for m in mentions if m.entity}
    out = []
    for event in events:
        participants = tuple(
            replace(p, entity=now.get((p.span.start, p.span.end), p.entity))
            for p in event.participants
        )
        place = event.place_entity
        if event.place is not None:
            place = now.get((event.place.start, event.place.end), place)
        if participants != event.participants or place != event.place_entity:
            event = replace(event, participants=participants, place_entity=place)
        out.append(event)
    return tuple(out)


def _dating(
    row: sqlite3.Row, after: str | None = None, before: str | None = None
) -> DateFinding | None:
    """The window a report's dating allowed, narrowed by what the corpus says of it
    (`corpus_bounds`) when that agrees with it; its evidence is not needed to merge."""
    earliest, latest = narrowed(row["date_earliest"], row["date_latest"], after, before)
    if earliest is None and latest is None:
        return None
    return DateFinding(
        row["published"], row["published_how"], row["date_confidence"] or 0.0,
        earliest=earliest, latest=latest,
    )  # fmt: skip


def narrowed(
    earliest: str | None, latest: str | None, after: str | None, before: str | None
) -> tuple[str | None, str | None]:
    """A dating window narrowed by the days the corpus bounds a report by; unchanged when
    they contradict it or each other (the conflict stays in the evidence)."""
    first = max(filter(None, (earliest, after)), default=None)
    last = min(filter(None, (latest, before)), default=None)
    if first is not None and last is not None and first > last:
        return earliest, latest
    return first, last


def corpus_bounds(
    db: sqlite3.Connection, ids: Sequence[str]
) -> dict[str, tuple[str | None, str | None]]:
    """Report -> (the day it was written on or after, the day on or before), from the
    events it shares with reports that date them (`dating_evidence`, `bounds_of`)."""
    query = (
        "SELECT document_id, relation, day FROM dating_evidence"
        " WHERE document_id IN ({marks}) ORDER BY document_id, day, relation"
    )
    evidence: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, relation, day in rows_for(db, query, ids):
        evidence[doc_id].append((relation, day))
    return {doc_id: bounds_of(found) for doc_id, found in evidence.items()}


def bounds_of(evidence: Sequence[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The days a report was written on or after and on or before, from its dating
    evidence ((relation, day) pairs).

    The day it tells as its own ("on": "today (16th)" of an event another report dates)
    when all such evidence names one day: it outweighs what the tense of other tellings
    says (translated news tells tomorrow's talks in the present). Else the days that
    satisfy most of the evidence ("on" a day counting as both "after" and "before"
    it): one telling merged with the wrong
    event does not undo what the others agree on, and the corpus reaches the same
    dates whichever reports came first. When no one stretch of days does (as many say
    one thing as another), the latest "after" and the earliest "before", which
    contradict each other: the window is then left as it was. What is outvoted stays in
    the evidence as a conflict.
    """
    on = {day for relation, day in evidence if relation == "on"}
    if len(on) == 1:
        day = on.pop()
        return day, day
    after = [_ordinal(day) for relation, day in evidence if relation in ("after", "on")]
    before = [_ordinal(day) for relation, day in evidence if relation in ("before", "on")]
    candidates = sorted({d + shift for d in (*after, *before) for shift in (-1, 0, 1)})
    if not candidates:
        return None, None
    counts = [sum(x >= d for d in after) + sum(x <= d for d in before) for x in candidates]
    best = max(counts)
    chosen = [i for i, count in enumerate(counts) if count == best]
    if chosen != list(range(chosen[0], chosen[-1] + 1)):  # two stretches: no majority
        return iso_day(max(after, default=None)), iso_day(min(before, default=None))
    first = None if chosen[0] == 0 else candidates[chosen[0]]
    last = None if chosen[-1] == len(candidates) - 1 else candidates[chosen[-1]]
    return iso_day(first), iso_day(last)


def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()




def forget_dating(db: sqlite3.Connection, events: Sequence[str]) -> None:
    """Drop the corpus's dating evidence drawn from `events` (they are made again)."""
    db.executemany("DELETE FROM dating_evidence WHERE event_id = ?", ((e,) for e in events))


def write_dating(db: sqlite3.Connection, rows: Sequence[tuple[str, str, str, str, str]]) -> None:
    """Store (report, event, relation, day, by report) rows of dating evidence."""
    db.executemany(
        "INSERT INTO dating_evidence (document_id, event_id, relation, day, by_document)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, event_id) DO UPDATE SET"
        " relation = excluded.relation, day = excluded.day, by_document = excluded.by_document",
        rows,
    )


def count_events(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM events").fetchone()[0])


def replace_events(
    db: sqlite3.Connection, events: Sequence[Event], stories: Sequence[Story]
) -> None:
    """Put the merged events and stories in place of the previous ones (in a transaction)."""
    for table in ("story_events", "stories", "event_participants", "event_documents", "events"):
        db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
    _insert_events(db, events)
    _insert_stories(db, stories)


def _insert_events(db: sqlite3.Connection, events: Sequence[Event]) -> None:
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


def _insert_stories(db: sqlite3.Connection, stories: Sequence[Story]) -> None:
    db.executemany(
        "INSERT INTO stories (id, kind, title, start, end, data, stage)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (s.id, s.kind, s.title, s.start, s.end,
             json.dumps({"documents": list(s.documents), "sources": s.sources}), MERGE_STAGE)
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


# -- the incremental merge's state ------------------------------------------------
#
# Each report's group and each of its report events' event are stored with the
# week they were decided in (`window`; NULL for what has no date at all), so an
# ingest reads back only the weeks it must decide again.


def document_origins(
    db: sqlite3.Connection, ids: Sequence[str] | None = None
) -> dict[str, str | None]:
    """Report -> the report it copies (None for an original), for the stored reports of
    `ids`, or for every report; by id."""
    if ids is None:
        rows: Iterable[tuple[Any, ...]] = db.execute("SELECT id, duplicate_of FROM documents")
    else:
        rows = rows_for(db, "SELECT id, duplicate_of FROM documents WHERE id IN ({marks})", ids)
    return dict(sorted(tuple(row) for row in rows))


def copies_of(db: sqlite3.Connection, origins: Sequence[str]) -> dict[str, list[str]]:
    """The near-duplicates without events of each report of `origins` (its copies)."""
    query = (
        "SELECT id, duplicate_of FROM documents d WHERE duplicate_of IN ({marks})"
        " AND NOT EXISTS (SELECT 1 FROM event_mentions e WHERE e.document_id = d.id)"
        " ORDER BY id"
    )
    out: dict[str, list[str]] = {}
    for doc_id, origin in rows_for(db, query, origins):
        out.setdefault(origin, []).append(doc_id)
    return out


def stored_groups(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, tuple[int | None, str]]:
    """The stored (window, group) of the reports of `ids` that have one."""
    query = "SELECT document_id, window, group_id FROM report_groups WHERE document_id IN ({marks})"
    return {doc_id: (window, group) for doc_id, window, group in rows_for(db, query, ids)}


def groups_in_windows(db: sqlite3.Connection, first: int, last: int) -> dict[str, str]:
    """Report -> group of the reports decided in the weeks `first` .. `last`."""
    return dict(
        db.execute(
            "SELECT document_id, group_id FROM report_groups WHERE window BETWEEN ? AND ?",
            (first, last),
        ).fetchall()
    )


def undated_groups(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT document_id, group_id FROM report_groups WHERE window IS NULL"))


def has_windows(db: sqlite3.Connection, table: str, first: int, last: int) -> bool:
    """Whether anything was decided in the weeks `first` .. `last` (`table` a state table)."""
    assert table in {"report_groups", "event_items"}
    row = db.execute(
        f"SELECT 1 FROM {table} WHERE window BETWEEN ? AND ? LIMIT 1",  # noqa: S608
        (first, last),
    ).fetchone()
    return row is not None


def write_groups(db: sqlite3.Connection, rows: Sequence[tuple[str, int | None, str]]) -> None:
    """Store (report, window, group) rows, replacing what the reports had."""
    db.executemany(
        "INSERT INTO report_groups (document_id, window, group_id) VALUES (?, ?, ?)"
        " ON CONFLICT (document_id) DO UPDATE SET window = excluded.window,"
        " group_id = excluded.group_id",
        rows,
    )


def items_in_windows(
    db: sqlite3.Connection, first: int | None, last: int | None
) -> list[tuple[str, int, str]]:
    """(report, item, event) of the report events decided in weeks `first` .. `last`
    (both None: those with no date at all)."""
    if first is None or last is None:
        rows = db.execute(
            "SELECT document_id, item, event_id FROM event_items WHERE window IS NULL"
            " ORDER BY document_id, item"
        )
    else:
        rows = db.execute(
            "SELECT document_id, item, event_id FROM event_items WHERE window BETWEEN ? AND ?"
            " ORDER BY document_id, item",
            (first, last),
        )
    return [tuple(row) for row in rows]


def rows_for(db: sqlite3.Connection, query: str, ids: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The rows of `query` for `ids`, asked `_CHUNK` ids at a time: `query` holds one
    `{marks}` where the placeholders go (`... WHERE document_id IN ({marks})`)."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        yield from map(tuple, db.execute(query.format(marks=",".join("?" * len(chunk))), chunk))


def items_of_documents(
    db: sqlite3.Connection, ids: Sequence[str]
) -> list[tuple[str, int, int | None, str]]:
    """(report, item, window, event) of the report events of the reports `ids`."""
    query = (
        "SELECT document_id, item, window, event_id FROM event_items WHERE document_id IN ({marks})"
    )
    return list(rows_for(db, query, ids))


def items_of_events(db: sqlite3.Connection, events: Sequence[str]) -> list[tuple[str, int, str]]:
    """(report, item, event) of every report event the events of `events` hold."""
    query = (
        "SELECT document_id, item, event_id FROM event_items"
        " WHERE event_id IN ({marks}) ORDER BY event_id, document_id, item"
    )
    return list(rows_for(db, query, events))


def forget_items(db: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Drop the stored report events of the reports `ids` (they are decided again)."""
    db.executemany("DELETE FROM event_items WHERE document_id = ?", ((i,) for i in ids))


def write_items(db: sqlite3.Connection, rows: Sequence[tuple[str, int, int | None, str]]) -> None:
    """Store (report, item, window, event) rows, replacing what was there."""
    db.executemany(
        "INSERT INTO event_items (document_id, item, window, event_id) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (document_id, item) DO UPDATE SET window = excluded.window,"
        " event_id = excluded.event_id",
        rows,
    )


def reset_merge_state(db: sqlite3.Connection) -> None:
    """Forget every decision: the next merge decides the whole corpus again."""
    db.execute("DELETE FROM report_groups")
    db.execute("DELETE FROM event_items")
    # The report-group stories go with their groups (made again as the groups are).
    db.execute(
        "DELETE FROM story_events WHERE story_id IN (SELECT id FROM stories WHERE kind = 'story')"
    )
    db.execute("DELETE FROM stories WHERE kind = 'story'")


def merge_state_kept(db: sqlite3.Connection) -> str | None:
    """How the stored decisions were made (None when none are: after an upgrade)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'merge_state'").fetchone()
    return row[0] if row else None


def mark_merge_state(db: sqlite3.Connection, mode: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('merge_state', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (mode,),
    )


def count_documents(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])


def entity_names_of(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """Canonical name of the entities of `ids`."""
    return dict(rows_for(db, "SELECT id, name FROM entities WHERE id IN ({marks})", ids))


def replace_some_events(
    db: sqlite3.Connection, removed: Sequence[str], events: Sequence[Event]
) -> None:
    """Drop the events of `removed` and store `events` (made again) in their place."""
    ids = sorted({*removed, *(e.id for e in events)})
    for table, column in (
        ("event_participants", "event_id"),
        ("event_documents", "event_id"),
        ("events", "id"),
    ):
        db.executemany(
            f"DELETE FROM {table} WHERE {column} = ?",  # noqa: S608 - constant names
            ((i,) for i in ids),
        )
    _insert_events(db, events)


def story_fields(
    db: sqlite3.Connection, ids: Sequence[str]
) -> dict[str, tuple[str, str | None, int, int, tuple[str, ...]]]:
    """What a report-group story reads of each stored event of `ids`: its title, date,
    sources, how many sentences tell it, and its reports."""
    documents: dict[str, list[str]] = defaultdict(list)
    query = "SELECT event_id, document_id FROM event_documents WHERE event_id IN ({marks})"
    for event_id, doc_id in rows_for(db, query, ids):
        documents[event_id].append(doc_id)
    query = (
        "SELECT id, title, date, sources, coalesce(json_array_length(data, '$.evidence'), 0)"
        " FROM events WHERE id IN ({marks})"
    )
    return {
        event_id: (title, date_, sources, told, tuple(sorted(documents[event_id])))
        for event_id, title, date_, sources, told in rows_for(db, query, ids)
    }


#: An event as a report-group story reads it: id, date, sources, title, sentences telling it.
StoryEvent = tuple[str, str | None, int, str, int]


def replace_stories(db: sqlite3.Connection, stories: Sequence[Story]) -> None:
    """Put `stories` (trips and series, made from events again each run) in place of the
    stored trips and series; report-group stories ("story") are kept up to date group by
    group (`replace_group_stories`)."""
    db.execute(
        "DELETE FROM story_events WHERE story_id IN"
        " (SELECT id FROM stories WHERE kind IN ('trip', 'series'))"
    )
    db.execute("DELETE FROM stories WHERE kind IN ('trip', 'series')")
    _insert_stories(db, stories)


def replace_group_stories(
    db: sqlite3.Connection, dropped: Sequence[str], stories: Sequence[Story]
) -> None:
    """Delete the stories `dropped` and put `stories` in place of theirs (report
    groups, or the trips and series kept up to date)."""
    ids = sorted({*dropped, *(s.id for s in stories)})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM story_events WHERE story_id IN ({marks})", chunk)  # noqa: S608
        db.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)  # noqa: S608
    _insert_stories(db, stories)


def group_members(db: sqlite3.Connection, groups: Sequence[str]) -> dict[str, list[str]]:
    """The reports of each report group of `groups` that has any."""
    out: dict[str, list[str]] = defaultdict(list)
    query = "SELECT group_id, document_id FROM report_groups WHERE group_id IN ({marks})"
    for group, doc_id in rows_for(db, query, sorted(groups)):
        out[group].append(doc_id)
    return {group: sorted(members) for group, members in out.items()}


def story_material(
    db: sqlite3.Connection, documents: Sequence[str]
) -> tuple[dict[str, list[StoryEvent]], dict[str, tuple[str, str | None, str | None]]]:
    """What a report-group story is made of: for each report, its events as (id, date,
    sources, title, how many sentences tell it); and each report's (the report it copies
    or itself, published, title)."""
    events: dict[str, list[StoryEvent]] = defaultdict(list)
    query = (
        "SELECT ed.document_id, e.id, e.date, e.sources, e.title,"
        " coalesce(json_array_length(e.data, '$.evidence'), 0) FROM event_documents ed"
        " JOIN events e ON e.id = ed.event_id WHERE ed.document_id IN ({marks})"
    )
    for doc_id, event_id, date_, sources, title, told in rows_for(db, query, documents):
        events[doc_id].append((event_id, date_, sources, title, told))
    reports: dict[str, tuple[str, str | None, str | None]] = {}
    query = (
        "SELECT id, coalesce(duplicate_of, id), published, title FROM documents"
        " WHERE id IN ({marks})"
    )
    for doc_id, origin, published, title in rows_for(db, query, documents):
        reports[doc_id] = (origin, published, title)
    return dict(events), reports


def record_redirects(db: sqlite3.Connection, kind: str, moves: dict[str, str], reason: str) -> None:
    """Old id -> new id: links to an id that stopped naming anything still lead somewhere.

    Chains are kept one step long (a -> b, then b -> c makes a -> c), and an id
    that names something again loses its redirect.
    """
    for old, new in sorted(moves.items()):
        if old == new:
            continue
        db.execute(
            "UPDATE redirects SET new_id = ? WHERE kind = ? AND new_id = ?", (new, kind, old)
        )
        db.execute(
            "INSERT INTO redirects (kind, old_id, new_id, reason) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, old_id) DO UPDATE SET new_id = excluded.new_id,"
            " reason = excluded.reason",
            (kind, old, new, reason),
        )
        db.execute("DELETE FROM redirects WHERE kind = ? AND old_id = new_id", (kind,))


def drop_redirects(db: sqlite3.Connection, kind: str, ids: Sequence[str]) -> None:
    """Ids that name something again are no longer redirected."""
    db.executemany("DELETE FROM redirects WHERE kind = ? AND old_id = ?", ((kind, i) for i in ids))


def events_for_stories(db: sqlite3.Connection) -> list[EventOutline]:
    """Every merged event that may be in a story — one with someone taking part besides
    a host (`stories.build_stories` files the others under nobody) — as what stories are
    built from: id, type, date and participants (a story's reports are added once it is
    made, `with_documents`). Read through the index `events_story` (schema 11), not the
    events' wide rows."""
    plain = db.cursor()
    plain.row_factory = None  # positional rows: every event is read
    participants: dict[str, list[EventParticipant]] = {}
    for event_id, entity, name, role, sources in plain.execute(
        "SELECT event_id, entity_id, name, role, sources FROM event_participants ORDER BY rowid"
    ):
        participants.setdefault(event_id, []).append(
            EventParticipant(entity, name, role, sources, ())
        )
    wanted = {
        event_id
        for event_id, found in participants.items()
        if any(p.role != "host" for p in found)
    }  # fmt: skip
    return [
        EventOutline(event_id, type_, date_, tuple(participants[event_id]))
        for event_id, type_, date_ in plain.execute("SELECT id, type, date FROM events ORDER BY id")
        if event_id in wanted
    ]


def event_outlines(db: sqlite3.Connection, ids: Sequence[str]) -> list[EventOutline]:
    """The events of `ids` that exist and have someone taking part besides a host, as
    `events_for_stories` reads them (participants in the order they were stored)."""
    participants: dict[str, list[EventParticipant]] = {}
    query = (
        "SELECT event_id, entity_id, name, role, sources FROM event_participants"
        " WHERE event_id IN ({marks}) ORDER BY rowid"
    )
    for event_id, entity, name, role, sources in rows_for(db, query, sorted(set(ids))):
        participants.setdefault(event_id, []).append(
            EventParticipant(entity, name, role, sources, ())
        )
    query = "SELECT id, type, date FROM events WHERE id IN ({marks})"
    return sorted(
        (
            EventOutline(event_id, type_, date_, tuple(participants[event_id]))
            for event_id, type_, date_ in rows_for(db, query, sorted(participants))
            if any(p.role != "host" for p in participants[event_id])
        ),
        key=lambda outline: outline.id,
    )


def events_dated(
    db: sqlite3.Connection, first: str, last: str, partial: Sequence[str] = ()
) -> list[str]:
    """The ids of the events dated from day `first` to day `last` (ISO, both included),
    or by one of the month or year values `partial`; read through `events_date`. May
    hold a few more (a month value that sorts between the two days)."""
    rows = db.execute("SELECT id FROM events WHERE date BETWEEN ? AND ?", (first, last))
    ids = [row[0] for row in rows]
    query = "SELECT id FROM events WHERE date IN ({marks})"
    ids += [row[0] for row in rows_for(db, query, sorted(set(partial)))]
    return ids


def events_with_participants(
    db: sqlite3.Connection, entities: Sequence[str], types: Sequence[str]
) -> list[str]:
    """The ids of the events of one of `types` where one of `entities` takes part
    (not as host)."""
    out: set[str] = set()
    kinds = ",".join("?" * len(types))
    for start in range(0, len(entities), _CHUNK):
        chunk = list(entities[start : start + _CHUNK])
        sql = (
            "SELECT ep.event_id FROM event_participants ep JOIN events e ON e.id = ep.event_id"
            f" WHERE ep.role <> 'host' AND ep.entity_id IN ({','.join('?' * len(chunk))})"
            f" AND e.type IN ({kinds})"
        )  # noqa: S608 - placeholders only
        out.update(row[0] for row in db.execute(sql, [*chunk, *types]))
    return sorted(out)


def unlinked_participants(db: sqlite3.Connection, types: Sequence[str]) -> list[tuple[str, str]]:
    """(event, name as written) of every participant no entity is linked to, not a host,
    in events of one of `types`."""
    marks = ",".join("?" * len(types))
    return [
        (row[0], row[1])
        for row in db.execute(
            "SELECT ep.event_id, ep.name FROM event_participants ep"
            " JOIN events e ON e.id = ep.event_id"
            f" WHERE ep.entity_id IS NULL AND ep.role <> 'host' AND e.type IN ({marks})",  # noqa: S608
            list(types),
        )
    ]


def latest_event_date(db: sqlite3.Connection) -> str | None:
    """The greatest event date as stored (ISO, of any precision)."""
    row = db.execute("SELECT max(date) FROM events").fetchone()
    return row[0] if row else None


def with_documents(db: sqlite3.Connection, stories: Sequence[Story]) -> list[Story]:
    """`stories` with the reports of their events (sorted, each once)."""
    events = sorted({e for story in stories for e in story.events})
    documents: dict[str, set[str]] = defaultdict(set)
    query = "SELECT event_id, document_id FROM event_documents WHERE event_id IN ({marks})"
    for event_id, doc_id in rows_for(db, query, events):
        documents[event_id].add(doc_id)
    return [
        replace(story, documents=tuple(sorted({d for e in story.events for d in documents[e]})))
        for story in stories
    ]


def undecided_documents(db: sqlite3.Connection) -> list[str]:
    """Stored reports no merge has placed yet (stored by a run that stopped before it)."""
    return [
        row[0]
        for row in db.execute(
            "SELECT id FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM report_groups g WHERE g.document_id = d.id) ORDER BY id"
        )
    ]


def stored_stories(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Each stored trip's and series' events, in order."""
    return {story: events for story, (_, events) in stored_story_kinds(db).items()}


def stored_story_kinds(db: sqlite3.Connection) -> dict[str, tuple[str, list[str]]]:
    """Each stored trip and series: its kind and its events, in order."""
    out: dict[str, tuple[str, list[str]]] = {}
    for story, kind, event in db.execute(
        "SELECT se.story_id, s.kind, se.event_id FROM story_events se JOIN stories s"
        " ON s.id = se.story_id WHERE s.kind IN ('trip', 'series')"
        " ORDER BY se.story_id, se.position"
    ):
        out.setdefault(story, (kind, []))[1].append(event)
    return out


def events_naming_redirected_entities(db: sqlite3.Connection) -> list[str]:
    """Events that still name, as a participant, an entity id that is redirected."""
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT event_id FROM event_participants WHERE entity_id IN"
            " (SELECT old_id FROM redirects WHERE kind = 'entity') ORDER BY event_id"
        )
    ]
