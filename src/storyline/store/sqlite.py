"""The embedded SQLite store: one writer, any number of read-only readers.

The writer works in explicit transactions, one per batch of reports, so a run
killed half-way leaves whole batches behind and the next run resumes after
them: an input whose key is stored is never processed twice.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from storyline.errors import StoreError
from storyline.records import Document, Fingerprint, Known, Skipped
from storyline.store.events import drop_redirects, record_redirects, write_event_mentions
from storyline.store.lock import WriterLock
from storyline.store.schema import SCHEMA_VERSION, migrate

#: Queries of readers stop after this long (a web page must never hang).
READ_TIMEOUT_SECONDS = 5.0
#: How long the writer's statements wait for a lock held by another connection.
WRITE_BUSY_SECONDS = 30.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas storyline relies on; migrates a writer's database."""
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"no database at {path}; run `storyline ingest` first")
            # A busy timeout: a reader may meet the writer's final checkpoint or a WAL recovery.
            connection = sqlite3.connect(
                f"file:{path}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                timeout=READ_TIMEOUT_SECONDS,
            )
        else:
            connection = sqlite3.connect(path, isolation_level=None, timeout=WRITE_BUSY_SECONDS)
            _use_wal(connection, path)
            connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.row_factory = sqlite3.Row
        if not readonly:
            migrate(connection)
        else:
            found = connection.execute("PRAGMA user_version").fetchone()[0]
            if found != SCHEMA_VERSION:
                connection.close()
                raise StoreError(
                    f"{path} has schema version {found}, this storyline reads {SCHEMA_VERSION}; "
                    + (
                        "run `storyline ingest` on it (any input) to upgrade it"
                        if found < SCHEMA_VERSION
                        else "upgrade storyline to read it"
                    )
                )
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {path}: {exc}") from exc
    return connection


def _use_wal(connection: sqlite3.Connection, path: Path) -> None:
    """Switch to WAL, retrying: on a new database the switch needs a lock that another
    process opening it at the same moment may hold, and SQLite does not wait for it."""
    deadline = time.monotonic() + WRITE_BUSY_SECONDS
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise
            mode = None
        if str(mode).lower() == "wal":
            return
        if time.monotonic() > deadline:
            raise StoreError(
                f"cannot open database {path}: another process kept it locked for "
                f"{WRITE_BUSY_SECONDS:g} s"
            )
        time.sleep(0.02)


def _is_locked(exc: sqlite3.Error) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


class Store:
    """The writer side of the database."""

    def __init__(
        self,
        path: str | Path,
        *,
        wait_seconds: float = 0.0,
        on_wait: Callable[[int | None], None] | None = None,
    ) -> None:
        """Open `path` for writing, first waiting for any other writer to finish.

        The wait lasts at most `wait_seconds` (0: as long as it takes), and `on_wait`
        is told once, with the other writer's pid when known, that it has begun.
        """
        self.path = Path(path)
        self._lock = WriterLock(self.path)
        self._lock.acquire(wait_seconds, on_wait)
        try:
            self.db = connect(self.path)
        except BaseException:
            self._lock.release()
            raise

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        self.close()
        if isinstance(error, sqlite3.OperationalError) and _is_locked(error):
            raise self._locked_error(error) from error

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Everything written inside is committed in batches by `checkpoint`, or rolled back."""
        with self._locked_is_an_error():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def checkpoint(self) -> None:
        """Commit what the open transaction holds and open the next one."""
        with self._locked_is_an_error():
            self.db.execute("COMMIT")
            self.db.execute("BEGIN IMMEDIATE")

    @contextmanager
    def _locked_is_an_error(self) -> Iterator[None]:
        """SQLite's "database is locked" (another program kept a lock past the busy
        timeout) as a StoreError that says what to do."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc):
                raise
            raise self._locked_error(exc) from exc

    def _locked_error(self, exc: sqlite3.OperationalError) -> StoreError:
        return StoreError(
            f"the database {self.path} stayed locked by another program for more than "
            f"{WRITE_BUSY_SECONDS:g} s ({exc}); close that program and run the ingest again"
        )

    # -- inputs ---------------------------------------------------------------

    def known_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of `keys` belong to inputs already stored (skipped inputs are retried)."""
        found: set[str] = set()
        for chunk in _chunks(keys, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key FROM inputs WHERE status = 'stored' AND key IN ({marks})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def record_skip(self, skipped: Skipped) -> None:
        self.db.execute(
            "INSERT INTO inputs (key, origin, status, code, reason, stage, detail, seen_at) "
            "VALUES (?, ?, 'skipped', ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET origin = excluded.origin, code = excluded.code, "
            "reason = excluded.reason, stage = excluded.stage, detail = excluded.detail, "
            "seen_at = excluded.seen_at WHERE status = 'skipped'",
            (
                skipped.key,
                skipped.origin,
                skipped.code,
                skipped.reason,
                skipped.stage,
                skipped.detail,
                _now(),
            ),  # fmt: skip
        )

    # -- repeated lines per source ---------------------------------------------

    def count_lines(self, source: str, line_keys: Iterable[str]) -> None:
        """Count one more report of `source` containing each of `line_keys`."""
        self.db.executemany(
            "INSERT INTO line_counts (source, line_key, reports) VALUES (?, ?, 1) "
            "ON CONFLICT (source, line_key) DO UPDATE SET reports = reports + 1",
            ((source, key) for key in set(line_keys)),
        )

    def line_reports(self, source: str, line_key: str) -> int:
        row = self.db.execute(
            "SELECT reports FROM line_counts WHERE source = ? AND line_key = ?", (source, line_key)
        ).fetchone()
        return int(row[0]) if row else 0

    # -- corpus steps still to run ----------------------------------------------

    def mark_corpus_pending(self) -> None:
        """Reports were written: the corpus steps must run (committed with the reports)."""
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES ('corpus_pending', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = '1'"
        )

    def corpus_pending(self) -> bool:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'corpus_pending'").fetchone()
        return bool(row and row[0] == "1")

    def clear_corpus_pending(self) -> None:
        self.db.execute("DELETE FROM meta WHERE key = 'corpus_pending'")

    # -- fingerprints (the duplicate detector's index) ---------------------------

    def find_exact(self, text_hash: str) -> Known | None:
        # Only fingerprints of stored reports count (rows left by an older storyline that
        # wrote them ahead of their report are ignored).
        row = self.db.execute(
            "SELECT f.document_id, f.signature, f.duplicate_of FROM fingerprints f"
            " JOIN documents d ON d.id = f.document_id WHERE f.text_hash = ?"
            " ORDER BY d.seq LIMIT 1",
            (text_hash,),
        ).fetchone()
        return Known(row[0], row[1], row[2]) if row else None

    def find_candidates(self, band_keys: Sequence[int]) -> list[Known]:
        marks = ",".join("?" * len(band_keys))
        rows = self.db.execute(
            "SELECT f.document_id, f.signature, f.duplicate_of FROM fingerprints f"
            " JOIN documents d ON d.id = f.document_id WHERE f.document_id IN "
            f"(SELECT DISTINCT document_id FROM minhash_bands WHERE band_key IN ({marks}))",
            tuple(band_keys),
        )
        return [Known(row[0], row[1], row[2]) for row in rows]

    def add_fingerprint(self, fingerprint: Fingerprint, duplicate_of: str | None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO fingerprints (document_id, text_hash, signature, duplicate_of) "
            "VALUES (?, ?, ?, ?)",
            (fingerprint.doc_id, fingerprint.text_hash, fingerprint.signature, duplicate_of),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO minhash_bands (band_key, document_id) VALUES (?, ?)",
            ((key, fingerprint.doc_id) for key in fingerprint.band_keys),
        )

    # -- documents --------------------------------------------------------------

    def write_document(self, doc: Document) -> None:
        """Store one processed report with all its annotations (inside a transaction)."""
        db = self.db
        db.execute(
            "INSERT INTO documents (id, key, origin, source, url, title, published, published_how,"
            " dateline, language, duplicate_of, flags, text, stages, ingested_at,"
            " date_confidence, date_evidence, date_earliest, date_latest)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id, doc.key, doc.origin, doc.source, doc.url, doc.title, doc.published,
                doc.published_how, doc.dateline, doc.language, doc.duplicate_of,
                json.dumps(list(doc.flags)), doc.text, json.dumps(list(doc.stages)), _now(),
                *_dating_columns(doc),
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO removed_lines (document_id, position, kind, reason, text, stage)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (doc.id, position, line.kind, line.reason, line.text, line.stage)
                for position, line in enumerate(doc.removed)
            ),
        )
        db.executemany(
            "INSERT INTO sentences (document_id, position, start, end, text, stage)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (doc.id, position, s.span.start, s.span.end, s.span.of(doc.text), s.stage)
                for position, s in enumerate(doc.sentences)
            ),
        )
        db.executemany(
            "INSERT INTO entities (id, key, name, type, wikidata, stage) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING",
            ((e.id, e.key, e.name, e.kind, e.wikidata, e.stage) for e in doc.entities),
        )
        db.executemany(
            "INSERT INTO mentions (document_id, entity_id, start, end, text, label, title, stage,"
            " score, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    doc.id,
                    m.entity,
                    m.span.start,
                    m.span.end,
                    m.text,
                    m.label,
                    m.title,
                    m.stage,
                    m.score,
                    m.reason,
                )
                for m in doc.mentions
            ),
        )
        db.executemany(
            "INSERT INTO timexes (document_id, start, end, text, type, value, mod, anchor, stage)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    doc.id,
                    t.span.start,
                    t.span.end,
                    t.text,
                    t.type,
                    t.value,
                    t.mod,
                    t.anchor,
                    t.stage,
                )
                for t in doc.timexes
            ),
        )
        write_event_mentions(db, doc)
        db.executemany(
            "INSERT INTO quotes (document_id, start, end, text, kind, speaker_start, speaker_end,"
            " speaker_entity, cue_start, cue_end, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    doc.id, q.span.start, q.span.end, q.span.of(doc.text), q.kind,
                    q.speaker.start if q.speaker else None, q.speaker.end if q.speaker else None,
                    q.speaker_entity, q.cue.start if q.cue else None, q.cue.end if q.cue else None,
                    q.stage,
                )
                for q in doc.quotes
            ),
        )  # fmt: skip
        db.execute(
            "INSERT INTO inputs (key, origin, status, document_id, seen_at)"
            " VALUES (?, ?, 'stored', ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET status = 'stored', code = NULL, reason = NULL,"
            " stage = NULL, detail = NULL,"
            " document_id = excluded.document_id, origin = excluded.origin,"
            " seen_at = excluded.seen_at",
            (doc.key, doc.origin, doc.id, _now()),
        )


class EntityMerger:
    """The store side of merging names not in the knowledge base across reports.

    Its state (schema 9): the surface key each mention and quote was given by its
    report (`surface_key`, `speaker_key`; NULL until the merge has seen it, '' for
    none), each name's cluster key, mention count and shown name (`entity_clusters`),
    and each name's blocks (`name_blocks`).
    """

    def __init__(self, store: Store) -> None:
        self.db = store.db

    # -- what the reports stored since the last merge brought ----------------------

    def unnoted_mentions(self, kinds: Sequence[str]) -> list[tuple[int, str, str, bool]]:
        """(id, text, surface key, stored before schema 9) of each mention the merge has
        not seen; the key is the one of its entity if that is a surface entity of one of
        `kinds`, else ''."""
        marks = ",".join("?" * len(kinds))
        rows = self.db.execute(
            "SELECT m.id, m.text, CASE WHEN e.type IN"
            f" ({marks}) AND e.key LIKE e.type || ':%' THEN e.key ELSE '' END,"
            " m.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta"
            "  WHERE key = 'mentions_before_surface_keys'), 0)"
            " FROM mentions m INDEXED BY mentions_unnoted"
            " LEFT JOIN entities e ON e.id = m.entity_id WHERE m.surface_key IS NULL",
            tuple(kinds),
        )
        return [(row[0], row[1], row[2], bool(row[3])) for row in rows]

    def unnoted_quotes(self, kinds: Sequence[str]) -> list[tuple[int, str]]:
        """(id, speaker's surface key or '') of each quote the merge has not seen."""
        marks = ",".join("?" * len(kinds))
        rows = self.db.execute(
            "SELECT q.id, CASE WHEN e.type IN"
            f" ({marks}) AND e.key LIKE e.type || ':%' THEN e.key ELSE '' END"
            " FROM quotes q INDEXED BY quotes_unnoted"
            " LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.speaker_key IS NULL",
            tuple(kinds),
        )
        return [(row[0], row[1]) for row in rows]

    def note_keys(
        self, mentions: Iterable[tuple[int, str]], quotes: Iterable[tuple[int, str]]
    ) -> None:
        """Record the surface key of each (mention id, key) and (quote id, key)."""
        self.db.executemany(
            "UPDATE mentions SET surface_key = ? WHERE id = ?",
            ((key, id_) for id_, key in mentions),
        )
        self.db.executemany(
            "UPDATE quotes SET speaker_key = ? WHERE id = ?", ((key, id_) for id_, key in quotes)
        )

    # -- the names --------------------------------------------------------------------

    def names(self, keys: Iterable[str]) -> dict[str, tuple[str, int, str]]:
        """(cluster key, mentions, shown name) of each of `keys` the store knows."""
        found: dict[str, tuple[str, int, str]] = {}
        for chunk in _chunks(sorted(set(keys)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT key, cluster_key, mentions, name FROM entity_clusters"
                f" WHERE key IN ({marks})",
                chunk,
            )
            found.update((row[0], (row[1], row[2], row[3])) for row in rows)
        return found

    def save_names(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """Write (key, cluster key, mentions, shown name) of each name."""
        self.db.executemany(
            "INSERT INTO entity_clusters (key, cluster_key, mentions, name) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET cluster_key = excluded.cluster_key,"
            " mentions = excluded.mentions, name = excluded.name",
            rows,
        )

    def set_clusters(self, clusters: dict[str, str]) -> None:
        self.db.executemany(
            "UPDATE entity_clusters SET cluster_key = ? WHERE key = ? AND cluster_key != ?",
            ((cluster, key, cluster) for key, cluster in clusters.items()),
        )

    def add_blocks(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Index names by (kind, block, key)."""
        self.db.executemany(
            "INSERT OR IGNORE INTO name_blocks (kind, block, key) VALUES (?, ?, ?)", rows
        )

    def block(self, kind: str, block: str, limit: int) -> list[str]:
        """At most `limit` keys of the names of (kind, block), the smallest first."""
        rows = self.db.execute(
            "SELECT key FROM name_blocks WHERE kind = ? AND block = ? ORDER BY key LIMIT ?",
            (kind, block, limit),
        )
        return [row[0] for row in rows]

    # -- entities, mentions, redirects --------------------------------------------------

    def keep_entity(self, id_: str, key: str, name: str, kind: str, stage: str) -> None:
        """The entity of a cluster, written if missing, with its shown name."""
        self.db.execute(
            "INSERT INTO entities (id, key, name, type, stage) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name"
            " WHERE entities.name IS NOT excluded.name",
            (id_, key, name, kind, stage),
        )

    def move(
        self, key: str, target: str, sources: Collection[str]
    ) -> list[tuple[str, int, int, str]]:
        """Point the mentions and quotes given `key` that name one of `sources` at
        `target`; returns each mention moved as (report, start, end, entity it named)
        and each quote moved as (report, -1, -1, speaker it named)."""
        if not sources:
            return []
        marks = ",".join("?" * len(sources))
        moved: list[tuple[str, int, int, str]] = []
        for table, key_column, entity_column, span in (
            ("mentions", "surface_key", "entity_id", "start, end"),
            ("quotes", "speaker_key", "speaker_entity", "-1, -1"),
        ):
            # The `<> ''` term lets SQLite use the partial index on the key.
            where = (
                f"WHERE {key_column} = ? AND {key_column} <> '' AND {entity_column} IN ({marks})"
            )
            params = (key, *sorted(sources))
            moved += [
                (row[0], row[1], row[2], row[3])
                for row in self.db.execute(
                    f"SELECT document_id, {span}, {entity_column} FROM {table} {where}", params
                )
            ]
            self.db.execute(f"UPDATE {table} SET {entity_column} = ? {where}", (target, *params))
        return moved

    def drop_unused_entities(self, ids: Iterable[str]) -> None:
        self.db.executemany(
            "DELETE FROM entities WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM quotes WHERE speaker_entity = ?)",
            ((id_, id_, id_) for id_ in sorted(set(ids))),
        )

    def redirect(self, old_id: str, new_id: str, reason: str) -> None:
        """Redirect the entity `old_id` (and every id redirected to it) to `new_id`."""
        record_redirects(self.db, "entity", {old_id: new_id}, reason)

    def unredirect(self, ids: Iterable[str]) -> None:
        """Entities that name something again are no longer redirected."""
        drop_redirects(self.db, "entity", sorted(set(ids)))


def _dating_columns(doc: Document) -> tuple[object, ...]:
    """date_confidence, date_evidence, date_earliest, date_latest of a report."""
    dating = doc.dating
    if dating is None:
        return (None, "[]", None, None)
    return (dating.confidence, json.dumps(list(dating.evidence)), dating.earliest, dating.latest)


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
