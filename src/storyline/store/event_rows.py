"""The rows of merged events: one column list, two shapes, and the timeline's query.

An event row becomes an `EventSummary` (the web pages and the HTTP API) or a
record in the export's shape (`event_record`: `storyline export`, the CLI's
`timeline` and `show`). `timeline_events` is the one query of the timeline:
the web's and the API's pages of events and the CLI's list both come from it,
with the filters of `storyline.store.filters`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.store.filters import EventFilter, date_bounds, event_clause

#: What `event_summary` and `event_record` read of an event row (`events` aliased as `e`).
EVENT_COLUMNS = (
    "e.id, e.type, e.title, e.status, e.date, e.date_precision, e.place, e.place_name,"
    " e.sources, e.conflicts, e.data"
)
_ENTITY_ID = re.compile(r"e[0-9a-f]{12}$")


class Rows(Protocol):
    """A reader's query method: rows of `sql` with bound `params`, under its time limit."""

    def __call__(self, sql: str, params: tuple[Any, ...] = ..., /) -> list[sqlite3.Row]: ...


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


def event_summary(row: sqlite3.Row) -> EventSummary:
    return EventSummary(
        row["id"], row["type"], row["title"], row["status"], row["date"],
        row["date_precision"], row["place"], row["place_name"], row["sources"], row["conflicts"],
    )  # fmt: skip


def event_record(row: sqlite3.Row) -> dict[str, Any]:
    """An event in the export's shape (docs/export.md), with a few added fields."""
    data = json.loads(row["data"])
    return {
        "id": row["id"],
        "type": row["type"],
        "title": row["title"],
        "status": row["status"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "place": row["place"] if _ENTITY_ID.match(row["place"] or "") else None,
        "place_name": row["place_name"],
        "participants": [
            {"entity": p["entity"], "name": p["name"], "role": p["role"], "sources": p["sources"]}
            for p in data["participants"]
        ],
        "documents": data["documents"],
        "sources": row["sources"],
        "evidence": data["evidence"],
        "triggers": data.get("triggers") or [],
        "conflicts": data["conflicts"],
        "attributes": dict(data["attributes"]),
        "salience": dict(data["attributes"]).get("salience", "normal"),
        "summary": data.get("summary"),
        "date_basis": data.get("date_basis"),
        "date_sources": data.get("date_sources"),
        "possible_days": data.get("possible_days"),
    }


def timeline_events(
    rows: Rows, where: EventFilter, *, undated: bool = False, offset: int = 0, limit: int = 50
) -> list[sqlite3.Row]:
    """Events matching `where`, oldest first (date, then id): the timeline's one query.

    With `undated`, the events no source dates instead, each with `earliest` and
    `latest`: the days its reports' dating allows (a report's date, else the window
    its dating found), ordered by `earliest`; `where.start` and `where.end` then
    keep the events whose window meets the range.
    """
    clause, params = event_clause(where, dates=not undated)
    if not undated:
        return rows(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE {clause} AND e.date IS NOT NULL "
            "ORDER BY e.date, e.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
    low, high = date_bounds(where.start, where.end)
    having = ["1"]
    bounds: list[str] = []
    if low:
        having.append("(latest IS NULL OR latest >= ?)")
        bounds.append(low)
    if high:
        having.append("(earliest IS NULL OR earliest <= ?)")
        bounds.append(high)
    return rows(
        f"SELECT {EVENT_COLUMNS},"
        " min(coalesce(d.published, d.date_earliest)) AS earliest,"
        " max(coalesce(d.published, d.date_latest)) AS latest"
        " FROM events e JOIN event_documents ed ON ed.event_id = e.id"
        f" JOIN documents d ON d.id = ed.document_id WHERE {clause} AND e.date IS NULL"
        f" GROUP BY e.id HAVING {' AND '.join(having)}"
        " ORDER BY earliest IS NULL, earliest, e.id LIMIT ? OFFSET ?",
        (*params, *bounds, limit, offset),
    )
