"""What every read-only view shares: pages, the figure cache, report summaries.

`ViewsBase` is a `Reader`, so every query runs on a read-only connection under
the reader's time limit. Parameters are always bound; the only SQL that varies
is a choice among fixed fragments (a filter present or not, a whitelisted sort).

Figures that need a pass over many rows (counts, entity totals, sources, an
entity's reports per date, an entity page) are cached in a `ViewCache` shared by
all readers and keyed on the database's data version, so any commit by a writer
empties it: a cache never changes a result.

The views of each kind of result are mixins of `ViewsBase`, one module each
(`reports`, `quotes_view`, `entities_view`, `timeline`, `search`, `events_view`,
`stories`); `storyline.store.views.Views` and `storyline.store.event_views.EventViews`
put them together.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyline.store.queries import Reader
from storyline.store.sqlite import READ_TIMEOUT_SECONDS, connect

T = TypeVar("T")

#: Page cache of each reader, in KiB (SQLite's default is 2 MiB).
PAGE_CACHE_KB = 65_536

#: The columns of a report that `ViewsBase._summaries` reads (`documents` aliased as `d`).
SUMMARY = (
    "d.id, d.title, d.source, d.published, d.published_how, d.language, d.duplicate_of, d.flags, "
    "CASE WHEN d.title IS NULL THEN substr(d.text, 1, 120) END AS opening"
)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    source: str
    published: str | None
    published_how: str | None
    language: str | None
    duplicate_of: str | None
    flags: list[str]
    sources: int = 1  # distinct sources of the report and its copies
    opening: str | None = None  # the first words of the text, when the report has no title


class ViewCache:
    """Figures that need a pass over many rows, shared by readers until the database changes.

    Keyed on `PRAGMA data_version` of a connection of its own, which changes whenever
    another connection commits; at most `size` values are kept (least recently used go).
    """

    def __init__(self, path: str | Path, size: int = 1024) -> None:
        self._watch = connect(path, readonly=True)
        self._lock = threading.Lock()
        self._version: int | None = None
        self._values: OrderedDict[str, Any] = OrderedDict()
        self._size = size

    def get(self, name: str, compute: Callable[[], T]) -> T:
        with self._lock:
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._version:
                self._version, self._values = version, OrderedDict()
            if name in self._values:
                self._values.move_to_end(name)
                cached: T = self._values[name]
                return cached
        value = compute()
        with self._lock:
            if self._version == version:
                self._values[name] = value
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
        return value

    def close(self) -> None:
        self._watch.close()


class ViewsBase(Reader):
    """A reader with the figure cache, the tables it has, and report summaries."""

    def __init__(
        self,
        path: str | Path,
        timeout: float = READ_TIMEOUT_SECONDS,
        cache: ViewCache | None = None,
    ) -> None:
        super().__init__(path, timeout)
        self.db.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KB}")
        self.cache = cache or ViewCache(path)
        self._tables = {
            row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }

    def has_table(self, name: str) -> bool:
        return name in self._tables

    def _summaries(self, rows: Sequence[sqlite3.Row]) -> list[DocumentSummary]:
        """Summaries of `rows` (selected with SUMMARY), with the sources count of each."""
        ids = [row["id"] for row in rows]
        copies: dict[str, set[str]] = {}
        if ids:
            marks = ",".join("?" * len(ids))
            for r in self._rows(
                f"SELECT duplicate_of, source FROM documents WHERE duplicate_of IN ({marks})",
                tuple(ids),
            ):
                copies.setdefault(r[0], set()).add(r[1])
        return [
            DocumentSummary(
                id=row["id"],
                title=row["title"],
                source=row["source"],
                published=row["published"],
                published_how=row["published_how"],
                language=row["language"],
                duplicate_of=row["duplicate_of"],
                flags=json.loads(row["flags"]),
                sources=len(copies.get(row["id"], set()) | {row["source"]}),
                opening=_opening(row["opening"]),
            )
            for row in rows
        ]

    def _documents(self, ids: Sequence[str]) -> dict[str, DocumentSummary]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._rows(f"SELECT {SUMMARY} FROM documents d WHERE d.id IN ({marks})", tuple(ids))
        return {s.id: s for s in self._summaries(rows)}


def _opening(text: str | None, words: int = 12) -> str | None:
    """The first words of a text, on one line, with an ellipsis when cut."""
    if not text:
        return None
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")
