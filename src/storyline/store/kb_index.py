"""The knowledge base on disk: one SQLite file, searched without loading it.

Tables (all read through B-tree indexes, so opening a file of a million
entities costs one schema check, not a load):

- `entities`  one row per entity: key, name, type, country, wikidata, prior, aliases (JSON);
- `names`     every name of every entity in normal form, for exact lookup;
- `keys`      fuzzy keys of every name: tokens, phonetic codes, prefixes, sorted
              tokens, acronyms;
- `key_df`    how many entities share each key, so that searches start from rare keys;
- `roles`     dated offices, searched by office, country and date;
- `meta`      format version and counts.

Writing goes through `IndexWriter` (bulk inserts, indexes built at the end);
reading through `KBIndex`, which opens the file read-only. The normal forms and
keys come with each entity (`KBEntry`): `storyline.entities.kb.index` computes
them; this module only stores and looks them up.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline.errors import StorylineError
from storyline.records import KBEntity, KBEntry, Role, Window, term_window

FORMAT_VERSION = "storyline-kb/1"
ENTITY_CACHE = 200_000  # entities kept in memory by a reader
_BATCH = 5000

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
    country TEXT, wikidata TEXT, prior REAL NOT NULL, aliases TEXT NOT NULL
);
CREATE TABLE names (norm TEXT NOT NULL, entity INTEGER NOT NULL);
CREATE TABLE keys (key TEXT NOT NULL, entity INTEGER NOT NULL);
CREATE TABLE roles (
    entity INTEGER NOT NULL, office TEXT NOT NULL, office_key TEXT NOT NULL, country TEXT,
    start TEXT, end TEXT
);
"""
_INDEXES = """
CREATE INDEX names_norm ON names (norm, entity);
CREATE INDEX keys_key ON keys (key, entity);
CREATE TABLE key_df (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO key_df SELECT key, count(*) FROM keys GROUP BY key;
CREATE INDEX roles_entity ON roles (entity);
CREATE INDEX roles_office ON roles (office_key, country);
"""


class KBIndexError(StorylineError):
    """A knowledge-base index file is missing, of another format, or unreadable."""


@dataclass(frozen=True, slots=True)
class BuildReport:
    entities: int
    names: int
    keys: int
    roles: int
    merged: int  # entities that shared a key with an earlier one and were merged into it


class IndexWriter:
    """Writes a new index file (replacing any file there) in bulk; `close` finishes it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False)
        self.db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;"
            + _SCHEMA
        )
        self._next = 1
        self._rows: dict[str, list[tuple[object, ...]]] = {
            "entities": [],
            "names": [],
            "keys": [],
            "roles": [],
        }
        self.counts = dict.fromkeys(self._rows, 0)

    def add(self, entry: KBEntry) -> None:
        entity = entry.entity
        ident = self._next
        self._next += 1
        self._rows["entities"].append(
            (
                ident,
                entity.key,
                entity.name,
                entity.type,
                entity.country,
                entity.wikidata,
                entity.prior,
                json.dumps(list(entity.aliases), ensure_ascii=False),
            )
        )
        self._rows["names"] += [(n, ident) for n in entry.names]
        self._rows["keys"] += [(k, ident) for k in entry.keys]
        self._rows["roles"] += [
            (ident, r.office, r.office_key, r.country, r.start, r.end) for r in entity.roles
        ]
        if len(self._rows["keys"]) >= _BATCH * 8 or len(self._rows["entities"]) >= _BATCH:
            self._flush()

    def add_all(self, entries: Iterable[KBEntry]) -> None:
        for entry in entries:
            self.add(entry)

    def _flush(self) -> None:
        for table, rows in self._rows.items():
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self.db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                self.counts[table] += len(rows)
                rows.clear()

    def close(self, meta: dict[str, str] | None = None) -> BuildReport:
        """Merge entities that share a key, build the indexes, write `meta`."""
        self._flush()
        merged = self._merge_duplicate_keys()
        self.db.executescript(_INDEXES + "CREATE UNIQUE INDEX entities_key ON entities (key);")
        values = {"format": FORMAT_VERSION, "entities": str(self.counts["entities"] - merged)}
        values.update(meta or {})
        self.db.executemany("INSERT INTO meta VALUES (?, ?)", values.items())
        self.db.commit()
        if str(self.path) != ":memory:":
            self.db.execute("ANALYZE")
            self.db.close()
        return BuildReport(
            self.counts["entities"] - merged,
            self.counts["names"],
            self.counts["keys"],
            self.counts["roles"],
            merged,
        )

    def _merge_duplicate_keys(self) -> int:
        """Point the names, keys and roles of repeated keys at the first entity of the key."""
        self.db.execute("CREATE INDEX entities_key_tmp ON entities (key, id)")
        pairs = self.db.execute(
            "SELECT e.id, f.first FROM entities e JOIN (SELECT key, min(id) AS first "
            "FROM entities GROUP BY key HAVING count(*) > 1) f ON e.key = f.key "
            "WHERE e.id != f.first"
        ).fetchall()
        if pairs:
            for table in ("names", "keys", "roles"):
                self.db.execute(f"CREATE INDEX {table}_entity_tmp ON {table} (entity)")
        for duplicate, first in pairs:
            for table in ("names", "keys"):
                self.db.execute(
                    f"UPDATE {table} SET entity = ? WHERE entity = ?", (first, duplicate)
                )
            # Terms are taken from the first source that has any: they are not mixed.
            has_roles = self.db.execute("SELECT 1 FROM roles WHERE entity = ?", (first,)).fetchone()
            if has_roles:
                self.db.execute("DELETE FROM roles WHERE entity = ?", (duplicate,))
            else:
                self.db.execute("UPDATE roles SET entity = ? WHERE entity = ?", (first, duplicate))
            self.db.execute("DELETE FROM entities WHERE id = ?", (duplicate,))
        if pairs:  # the same name or key may now be listed twice for one entity
            for table in ("names", "keys", "roles"):
                self.db.execute(f"DROP INDEX {table}_entity_tmp")
            for table, column in (("names", "norm"), ("keys", "key")):
                self.db.execute(
                    f"DELETE FROM {table} WHERE rowid NOT IN "
                    f"(SELECT min(rowid) FROM {table} GROUP BY {column}, entity)"
                )
        self.db.execute("DROP INDEX entities_key_tmp")
        return len(pairs)

    @property
    def connection(self) -> sqlite3.Connection:
        return self.db


def write_index(
    entries: Iterable[KBEntry], out: str | Path, meta: dict[str, str] | None = None
) -> BuildReport:
    """Write `entries` into a new index file at `out`, streaming."""
    writer = IndexWriter(out)
    writer.add_all(entries)
    return writer.close(meta)


class KBIndex:
    """Read-only searches of an index; safe to share, caches never change a result."""

    def __init__(self, db: sqlite3.Connection, source: str = ":memory:") -> None:
        self.db = db
        self.source = source
        try:
            meta = dict(self.db.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise KBIndexError(f"{source} is not a storyline knowledge base: {error}") from error
        if meta.get("format") != FORMAT_VERSION:
            raise KBIndexError(
                f"{source} has format {meta.get('format')!r}; expected {FORMAT_VERSION}"
            )
        self.meta = meta
        self.size = int(meta.get("entities", "0"))
        self._entities: OrderedDict[int, KBEntity] = OrderedDict()  # least recently used first
        self.key_df = lru_cache(maxsize=200_000)(self._key_df)
        self.holders = lru_cache(maxsize=20_000)(self._holders)

    def __enter__(self) -> KBIndex:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def ids_by_name(self, norm: str) -> list[int]:
        """Entities with a name whose normal form is exactly `norm`."""
        rows = self.db.execute("SELECT entity FROM names WHERE norm = ?", (norm,))
        return [r[0] for r in rows]

    def ids_by_name_start(self, start: str, limit: int) -> list[int]:
        """Entities with a name that begins with `start` and is longer (a family name
        written alone, 茂木 of 茂木敏充), at most `limit`; read through the names index."""
        rows = self.db.execute(
            "SELECT DISTINCT entity FROM names WHERE norm > ? AND norm < ? LIMIT ?",
            (start, start + "\U0010ffff", limit),
        )
        return [r[0] for r in rows]

    def _key_df(self, key: str) -> int:
        row = self.db.execute("SELECT n FROM key_df WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    def ids_by_key(self, key: str, limit: int) -> list[int]:
        rows = self.db.execute("SELECT entity FROM keys WHERE key = ? LIMIT ?", (key, limit))
        return [r[0] for r in rows]

    def ids_by_keys(self, weights: dict[str, float], limit: int) -> list[tuple[int, float]]:
        """Entities sharing the weighted keys, best total weight first (summed in SQLite)."""
        if not weights:
            return []
        values = ", ".join("(?, ?)" for _ in weights)
        args: list[object] = [x for item in weights.items() for x in item]
        rows = self.db.execute(
            f"WITH q (key, w) AS (VALUES {values}) SELECT k.entity, sum(q.w) AS s "
            "FROM q JOIN keys k ON k.key = q.key GROUP BY k.entity "
            "ORDER BY s DESC, k.entity LIMIT ?",
            [*args, limit],
        )
        return [(int(r[0]), float(r[1])) for r in rows]

    def _holders(
        self, office_keys: tuple[str, ...], country: str | None, window: Window
    ) -> tuple[int, ...]:
        """People who held one of `office_keys` (of `country`, if given) during `window`."""
        marks = ", ".join("?" * len(office_keys))
        sql = f"SELECT entity, start, end FROM roles WHERE office_key IN ({marks})"
        args: list[object] = list(office_keys)
        if country:
            sql += " AND country = ?"
            args.append(country)
        found = {
            entity
            for entity, start, end in self.db.execute(sql, args)
            if term_window(start, end).overlaps(window)
        }
        return tuple(sorted(found))

    def entity(self, ident: int) -> KBEntity:
        """The entity of an id (KBIndexError if there is none)."""
        return self.entities([ident])[0]

    def entities(self, idents: Iterable[int]) -> list[KBEntity]:
        """The entities of ids, in order; those not cached are read in one query."""
        wanted = list(idents)
        missing = sorted({i for i in wanted if i not in self._entities})
        if missing:
            self._load(missing)
        found = []
        for ident in wanted:
            if ident not in self._entities:
                raise KBIndexError(f"no entity {ident} in {self.source}")
            self._entities.move_to_end(ident)
            found.append(self._entities[ident])
        return found

    def _load(self, idents: list[int]) -> None:
        marks = ", ".join("?" * len(idents))
        rows = self.db.execute(
            "SELECT e.id, e.key, e.name, e.type, e.wikidata, e.country, e.aliases, e.prior,"
            " r.office, r.office_key, r.country, r.start, r.end FROM entities e"
            f" LEFT JOIN roles r ON r.entity = e.id WHERE e.id IN ({marks}) ORDER BY e.id, r.rowid",
            idents,
        ).fetchall()
        by_id: dict[int, list[Any]] = {}
        for row in rows:
            by_id.setdefault(row[0], []).append(row)
        for ident, group in by_id.items():
            key, name, kind, wikidata, country, aliases, prior = group[0][1:8]
            roles = tuple(Role(*row[8:]) for row in group if row[8] is not None)
            self._entities[ident] = KBEntity(
                key, name, kind, wikidata, country, tuple(json.loads(aliases)), roles, prior
            )
        while len(self._entities) > ENTITY_CACHE:
            self._entities.popitem(last=False)

    def id_of(self, key: str) -> int | None:
        row = self.db.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else None

    def iter_entities(self) -> Iterator[KBEntity]:
        for (ident,) in self.db.execute("SELECT id FROM entities ORDER BY id").fetchall():
            yield self.entity(ident)


def open_index(path: str | Path) -> KBIndex:
    """Open an index file read-only (KBIndexError if it is missing or not an index)."""
    location = Path(path)
    if not location.is_file():
        raise KBIndexError(f"no knowledge base at {location}")
    db = sqlite3.connect(
        f"{location.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
    )
    return KBIndex(db, str(location))


def memory_index(entries: Iterable[KBEntry]) -> KBIndex:
    """An index built in memory: for the curated base and for tests."""
    writer = IndexWriter(":memory:")
    writer.add_all(entries)
    writer.close()
    return KBIndex(writer.connection)
