"""Read-only queries: statistics, full-text search, the rows exports are made of, redirects.

A `Reader` opens the database read-only, so any number of readers can run
beside the one writer (WAL); every query stops after READ_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import Code, StoreError
from storyline.store.event_rows import EVENT_COLUMNS, event_record, timeline_events
from storyline.store.events import bounds_of, narrowed
from storyline.store.filters import EventFilter
from storyline.store.sqlite import READ_TIMEOUT_SECONDS, connect

_QUERY_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)

#: The kinds of record whose ids are redirected when they stop naming anything.
REDIRECTED_KINDS = ("event", "entity", "story")


@dataclass(frozen=True, slots=True)
class Hit:
    document: str
    title: str | None
    sentence: int
    start: int
    end: int
    text: str
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class Redirect:
    """An id that stopped naming anything (two events merged, one split, a name renamed)
    and the id that now names what it named (one step: chains are kept flat)."""

    kind: str
    old_id: str
    new_id: str
    reason: str


def fts_query(query: str) -> str:
    """A safe FTS5 query: every word of `query` quoted, all required."""
    words = _QUERY_WORD.findall(query)
    return " ".join('"' + word.replace('"', "") + '"' for word in words)


class Reader:
    """Read-only access to a storyline database."""

    def __init__(self, path: str | Path, timeout: float = READ_TIMEOUT_SECONDS) -> None:
        self.db = connect(path, readonly=True)
        self.timeout = timeout
        self._deadline = 0.0
        self.db.set_progress_handler(self._interrupt_when_late, 10_000)

    def _interrupt_when_late(self) -> int:
        return 1 if self._deadline and time.monotonic() > self._deadline else 0

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        self._deadline = time.monotonic() + self.timeout
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreError(f"query took longer than {self.timeout:g} s") from exc
            raise StoreError(str(exc)) from exc
        finally:
            self._deadline = 0.0

    def _iter(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
        """Rows streamed without a time limit (exports read everything)."""
        try:
            yield from self.db.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(str(exc)) from exc

    def _scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._rows(sql, params)[0][0]

    # -- statistics -------------------------------------------------------------

    def stats(self, *, tracebacks: bool = False) -> dict[str, Any]:
        """The figures of `storyline stats`; `failed` lists the inputs a stage failed on,
        with their tracebacks when `tracebacks` is set."""
        count = self._scalar
        return {
            "reports": count("SELECT count(*) FROM documents"),
            "originals": count("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
            "exact_duplicates": count(
                "SELECT count(*) FROM documents WHERE flags LIKE '%\"duplicate\"%'"
            ),
            "near_duplicates": count(
                "SELECT count(*) FROM documents WHERE flags LIKE '%\"near-duplicate\"%'"
            ),
            "not_english": count(
                "SELECT count(*) FROM documents WHERE coalesce(language, '') <> 'en'"
            ),
            "dated": {
                row["how"]: row["n"]
                for row in self._rows(
                    "SELECT coalesce(published_how, 'undated') AS how, count(*) AS n "
                    "FROM documents WHERE duplicate_of IS NULL GROUP BY how"
                )
            },
            "date_range": tuple(
                self._rows("SELECT min(published), max(published) FROM documents")[0]
            ),
            "sentences": count("SELECT count(*) FROM sentences"),
            "time_expressions": count("SELECT count(*) FROM timexes"),
            "quotes": count("SELECT count(*) FROM quotes"),
            "events": count("SELECT count(*) FROM events"),
            "dated_events": count("SELECT count(*) FROM events WHERE date IS NOT NULL"),
            "stories": count("SELECT count(*) FROM stories"),
            "quotes_with_speaker": count(
                "SELECT count(*) FROM quotes WHERE speaker_entity IS NOT NULL"
            ),
            "mentions": count("SELECT count(*) FROM mentions"),
            "removed_lines": {
                row["kind"]: row["n"]
                for row in self._rows(
                    "SELECT kind, count(*) AS n FROM removed_lines GROUP BY kind ORDER BY n DESC"
                )
            },
            "entities": {
                row["type"]: row["n"]
                for row in self._rows(
                    "SELECT type, count(*) AS n FROM entities GROUP BY type ORDER BY n DESC"
                )
            },
            "skipped": [
                dict(row)
                for row in self._rows(
                    "SELECT code, count(*) AS n, min(origin) AS example, min(reason) AS reason "
                    "FROM inputs WHERE status = 'skipped' GROUP BY code ORDER BY n DESC"
                )
            ],
            "failed": self.failed(tracebacks=tracebacks),
        }

    def failed(self, *, tracebacks: bool = False) -> list[dict[str, Any]]:
        """Inputs a processing stage failed on (E010-E012): origin, code, stage and reason,
        and with `tracebacks` the traceback kept for them."""
        columns = "origin, code, stage, reason" + (", detail AS traceback" if tracebacks else "")
        codes = (Code.STAGE_FAILED.value, Code.TIMEOUT.value, Code.WORKER_DIED.value)
        return [
            dict(row)
            for row in self._rows(
                f"SELECT {columns} FROM inputs WHERE status = 'skipped'"
                " AND (stage IS NOT NULL OR code IN (?, ?, ?)) ORDER BY origin",
                codes,
            )
        ]

    def top_entities(self, kind: str, limit: int = 10) -> list[tuple[str, int, int]]:
        """(name, mentions, reports) of the most mentioned entities of one type."""
        rows = self._rows(
            "SELECT e.name, count(*) AS n, count(DISTINCT m.document_id) AS d "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.type = ? "
            "GROUP BY e.id ORDER BY d DESC, n DESC, e.name LIMIT ?",
            (kind, limit),
        )
        return [(row[0], row[1], row[2]) for row in rows]

    def skipped(self) -> list[sqlite3.Row]:
        return self._rows(
            "SELECT origin, code, reason, seen_at FROM inputs WHERE status = 'skipped' "
            "ORDER BY origin"
        )

    # -- search -----------------------------------------------------------------

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[Hit]:
        match = fts_query(query)
        if not match:
            return []
        rows = self._rows(
            "SELECT s.document_id, d.title, s.position, s.start, s.end, s.text, "
            "snippet(sentences_fts, 0, '[', ']', '…', 24) AS snippet, "
            "bm25(sentences_fts) AS score "
            "FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid "
            "JOIN documents d ON d.id = s.document_id "
            "WHERE sentences_fts MATCH ? ORDER BY score LIMIT ? OFFSET ?",
            (match, limit, offset),
        )
        return [Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]

    # -- rows for exports ---------------------------------------------------------

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every report, with the window its date lies in and, when the corpus narrowed
        it, the events that did (`dated_by`)."""
        dated = self._has_table("dating_evidence")
        evidence = (
            "(SELECT json_group_array(json_object('event', e.event_id, 'relation', e.relation,"
            " 'day', e.day, 'document', e.by_document)) FROM dating_evidence e"
            " WHERE e.document_id = d.id ORDER BY e.event_id)"
            if dated
            else "NULL"
        )
        for row in self._iter(
            "SELECT id, source, origin, url, title, published, published_how, dateline, "
            "language, duplicate_of, flags, text, date_earliest, date_latest, "
            f"{evidence} AS dated_by FROM documents d ORDER BY seq"
        ):
            record = dict(row)
            record["flags"] = json.loads(record["flags"])
            dated_by = sorted(
                (e for e in json.loads(record.pop("dated_by") or "[]") if e["event"]),
                key=lambda e: (e["day"], e["event"]),
            )
            after, before = bounds_of([(e["relation"], e["day"]) for e in dated_by])
            first, last = narrowed(
                record.pop("date_earliest"), record.pop("date_latest"), after, before
            )
            record["date_window"] = [first, last] if first or last else None
            record["dated_by"] = dated_by
            yield record

    def _has_table(self, name: str) -> bool:
        return bool(
            self._rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        )

    def entities(self, only: str | None = None) -> Iterator[dict[str, Any]]:
        """Each entity (or just entity `only`) with its aliases and mentions, streamed."""
        where, params = ("WHERE id = ?", (only,)) if only else ("", ())
        entities = self._iter(
            f"SELECT id, name, type, wikidata FROM entities {where} ORDER BY id", params
        )
        where = "entity_id = ?" if only else "entity_id IS NOT NULL"
        mentions = self._iter(
            "SELECT entity_id, document_id, start, end, text FROM mentions "
            f"WHERE {where} ORDER BY entity_id, document_id, start",
            params,
        )
        pending = next(mentions, None)
        for entity in entities:
            found: list[dict[str, Any]] = []
            while pending is not None and pending["entity_id"] < entity["id"]:
                pending = next(mentions, None)
            while pending is not None and pending["entity_id"] == entity["id"]:
                found.append(
                    {
                        "document": pending["document_id"],
                        "start": pending["start"],
                        "end": pending["end"],
                        "text": pending["text"],
                    }
                )
                pending = next(mentions, None)
            yield {
                "id": entity["id"],
                "name": entity["name"],
                "type": entity["type"],
                "wikidata": entity["wikidata"],
                "aliases": sorted({m["text"] for m in found}),
                "mentions": found,
            }

    def quotes(self) -> Iterator[dict[str, Any]]:
        for row in self._iter(
            "SELECT document_id, start, end, text, kind, speaker_entity, speaker_start, speaker_end"
            " FROM quotes ORDER BY document_id, start"
        ):
            yield {
                "document": row["document_id"],
                "start": row["start"],
                "end": row["end"],
                "text": row["text"],
                "speaker": row["speaker_entity"],
                "kind": row["kind"],
                "speaker_span": (
                    [row["speaker_start"], row["speaker_end"]]
                    if row["speaker_start"] is not None
                    else None
                ),
            }

    def events(self) -> Iterator[dict[str, Any]]:
        """Merged events in the export's shape, by date."""
        for row in self._iter(
            f"SELECT {EVENT_COLUMNS} FROM events e ORDER BY e.date IS NULL, e.date, e.id"
        ):
            yield event_record(row)

    def stories(self, only: str | None = None) -> Iterator[dict[str, Any]]:
        """Each story (or just story `only`) with its events in order and its reports."""
        where, params = ("WHERE id = ?", (only,)) if only else ("", ())
        for row in self._iter(
            f"SELECT id, kind, title, start, end, data FROM stories {where} ORDER BY start, id",
            params,
        ):
            events = [
                r[0]
                for r in self.db.execute(
                    "SELECT event_id FROM story_events WHERE story_id = ? ORDER BY position",
                    (row["id"],),
                )
            ]
            data = json.loads(row["data"])
            yield {
                "id": row["id"], "title": row["title"], "kind": row["kind"],
                "start": row["start"], "end": row["end"], "events": events,
                "documents": data["documents"], "sources": data.get("sources"),
            }  # fmt: skip

    def timeline(
        self,
        *,
        entity: str | None = None,
        start: str | None = None,
        end: str | None = None,
        type: str | None = None,
        limit: int = 200,
        low_salience: bool = False,
        undated: bool = False,
    ) -> list[dict[str, Any]]:
        """Dated events, oldest first, filtered by an entity (an id, or part of a name),
        dates (as `storyline.store.filters` reads them) and type.

        Events the merger marked `salience=low` (one source, no participant, no place) are
        left out unless `low_salience` is set. With `undated`, the events no source dates
        instead, each with `window`: the days its reports' dating allows (earliest, latest),
        and `start`/`end` filter on that window. The query is the web timeline's
        (`event_rows.timeline_events`).
        """
        where = EventFilter(
            start=start, end=end, type=type, name=entity or None,
            salience="any" if low_salience else "normal",
        )  # fmt: skip
        found = []
        for row in timeline_events(self._rows, where, undated=undated, limit=limit):
            record = event_record(row)
            if undated:
                record["window"] = [row["earliest"], row["latest"]]
            found.append(record)
        return found

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self._rows(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?",
            (event_id,),
        )
        return event_record(rows[0]) if rows else None

    def texts(self, document_ids: Sequence[str]) -> dict[str, str]:
        """The clean text of each of `document_ids`."""
        marks = ",".join("?" * len(document_ids))
        rows = self._rows(
            f"SELECT id, text FROM documents WHERE id IN ({marks})", tuple(document_ids)
        )
        return {row["id"]: row["text"] for row in rows}

    def find_entities(self, name_or_id: str, limit: int = 10) -> list[sqlite3.Row]:
        return self._rows(
            "SELECT id, name, type, wikidata FROM entities WHERE id = ? OR name LIKE ?"
            " ORDER BY id = ? DESC, length(name) LIMIT ?",
            (name_or_id, f"%{name_or_id}%", name_or_id, limit),
        )

    def sentences(self) -> Iterator[sqlite3.Row]:
        return self._iter(
            "SELECT document_id, position, start, end, text FROM sentences "
            "ORDER BY document_id, position"
        )

    def removed_lines(self) -> Iterator[sqlite3.Row]:
        return self._iter(
            "SELECT document_id, position, kind, reason, text FROM removed_lines "
            "ORDER BY document_id, position"
        )

    # -- redirects ------------------------------------------------------------------

    def redirect(self, kind: str, old_id: str) -> Redirect | None:
        """Where `old_id`, an id of `kind` that stopped naming anything, now leads."""
        if not self._has_redirects():
            return None
        rows = self._rows(
            "SELECT new_id, reason FROM redirects WHERE kind = ? AND old_id = ?", (kind, old_id)
        )
        return Redirect(kind, old_id, rows[0]["new_id"], rows[0]["reason"]) if rows else None

    def redirects(self) -> Iterator[dict[str, str]]:
        """Every redirect in the export's shape (`kind`, `from`, `to`, `reason`), sorted."""
        if not self._has_redirects():
            return
        for row in self._iter(
            "SELECT kind, old_id, new_id, reason FROM redirects ORDER BY kind, old_id"
        ):
            yield {"kind": row[0], "from": row[1], "to": row[2], "reason": row[3]}

    def _has_redirects(self) -> bool:
        """Databases before schema 8 have no redirects."""
        return self._has_table("redirects")
