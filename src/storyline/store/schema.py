"""The database schema, as numbered migrations.

`migrate` applies, in one transaction each, every migration newer than the
database's `user_version`. A database newer than this code is refused rather
than half-understood.
"""

from __future__ import annotations

import sqlite3

from storyline.errors import StoreError

MIGRATIONS: tuple[str, ...] = (
    # 1: reports, their sentences and entity mentions, duplicates, skipped inputs.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE inputs (
        key         TEXT PRIMARY KEY,
        origin      TEXT NOT NULL,
        status      TEXT NOT NULL CHECK (status IN ('stored', 'skipped')),
        code        TEXT,
        reason      TEXT,
        document_id TEXT,
        seen_at     TEXT NOT NULL
    );
    CREATE INDEX inputs_status ON inputs (status);

    CREATE TABLE documents (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        key           TEXT NOT NULL UNIQUE,
        origin        TEXT NOT NULL,
        source        TEXT NOT NULL,
        url           TEXT,
        title         TEXT,
        published     TEXT,
        published_how TEXT CHECK (published_how IN ('metadata', 'dateline', 'inferred')),
        dateline      TEXT,
        language      TEXT,
        duplicate_of  TEXT REFERENCES documents (id),
        flags         TEXT NOT NULL DEFAULT '[]',
        text          TEXT NOT NULL,
        stages        TEXT NOT NULL,
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
    CREATE INDEX documents_published ON documents (published);

    CREATE TABLE removed_lines (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        reason      TEXT NOT NULL,
        text        TEXT NOT NULL,
        stage       TEXT NOT NULL,
        PRIMARY KEY (document_id, position)
    );

    CREATE TABLE sentences (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        stage       TEXT NOT NULL,
        UNIQUE (document_id, position)
    );
    CREATE VIRTUAL TABLE sentences_fts USING fts5 (
        text, content = 'sentences', content_rowid = 'id', tokenize = 'porter unicode61'
    );
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;

    CREATE TABLE entities (
        id       TEXT PRIMARY KEY,
        key      TEXT NOT NULL UNIQUE,
        name     TEXT NOT NULL,
        type     TEXT NOT NULL
                 CHECK (type IN ('person', 'organization', 'place', 'country', 'other')),
        wikidata TEXT,
        stage    TEXT NOT NULL
    );

    CREATE TABLE mentions (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        entity_id   TEXT REFERENCES entities (id),
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        label       TEXT NOT NULL,
        title       TEXT,
        stage       TEXT NOT NULL
    );
    CREATE INDEX mentions_document ON mentions (document_id);
    CREATE INDEX mentions_entity ON mentions (entity_id);

    -- Written ahead of `documents` by the duplicate detector, hence no foreign key.
    CREATE TABLE fingerprints (
        document_id  TEXT PRIMARY KEY,
        text_hash    TEXT NOT NULL,
        signature    BLOB NOT NULL,
        duplicate_of TEXT
    );
    CREATE INDEX fingerprints_text_hash ON fingerprints (text_hash);
    CREATE TABLE minhash_bands (
        band_key    INTEGER NOT NULL,
        document_id TEXT NOT NULL,
        PRIMARY KEY (band_key, document_id)
    ) WITHOUT ROWID;

    CREATE TABLE line_counts (
        source   TEXT NOT NULL,
        line_key TEXT NOT NULL,
        reports  INTEGER NOT NULL,
        PRIMARY KEY (source, line_key)
    ) WITHOUT ROWID;
    """,
    # 2: time expressions, how each report was dated, link scores, sentence vectors.
    """
    CREATE TABLE timexes (
        id          INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        text        TEXT NOT NULL,
        type        TEXT NOT NULL CHECK (type IN ('DATE', 'TIME', 'DURATION', 'SET')),
        value       TEXT NOT NULL,
        mod         TEXT,
        anchor      TEXT,
        stage       TEXT NOT NULL
    );
    CREATE INDEX timexes_document ON timexes (document_id);
    CREATE INDEX timexes_value ON timexes (value);

    ALTER TABLE documents ADD COLUMN date_confidence REAL;
    ALTER TABLE documents ADD COLUMN date_evidence TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE documents ADD COLUMN date_earliest TEXT;
    ALTER TABLE documents ADD COLUMN date_latest TEXT;

    ALTER TABLE mentions ADD COLUMN score REAL;
    ALTER TABLE mentions ADD COLUMN reason TEXT;

    -- One static embedding per sentence (float32, little-endian), for semantic search.
    CREATE TABLE sentence_vectors (
        sentence_id INTEGER PRIMARY KEY REFERENCES sentences (id) ON DELETE CASCADE,
        model       TEXT NOT NULL,
        vector      BLOB NOT NULL
    );
    """,
    # 3: quotes and who said them.
    """
    CREATE TABLE quotes (
        id             INTEGER PRIMARY KEY,
        document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        text           TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
        speaker_start  INTEGER,
        speaker_end    INTEGER,
        speaker_entity TEXT REFERENCES entities (id),
        cue_start      INTEGER,
        cue_end        INTEGER,
        stage          TEXT NOT NULL
    );
    CREATE INDEX quotes_document ON quotes (document_id);
    CREATE INDEX quotes_speaker ON quotes (speaker_entity);
    """,
    # 4: names not in the knowledge base merged across reports.
    """
    CREATE TABLE entity_clusters (
        key         TEXT PRIMARY KEY,
        cluster_key TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: the semantic-search index (IVF cells over sentence vectors) and the indexes the
    # web's queries need at scale (measured by benchmarks/web_speed.py).
    """
    CREATE TABLE vector_centroids (
        model  TEXT NOT NULL,
        cell   INTEGER NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (model, cell)
    ) WITHOUT ROWID;
    ALTER TABLE sentence_vectors ADD COLUMN cell INTEGER;
    -- Covering (the vector is in the index): a cell is read as one contiguous range.
    CREATE INDEX sentence_vectors_cell ON sentence_vectors (model, cell, sentence_id, vector);

    -- Partial: otherwise SQLite uses it for `duplicate_of IS NULL` and reads every row.
    DROP INDEX documents_duplicate_of;
    CREATE INDEX documents_duplicate_of ON documents (duplicate_of)
        WHERE duplicate_of IS NOT NULL;
    CREATE INDEX documents_timeline ON documents (published, id, source, published_how,
        duplicate_of) WHERE duplicate_of IS NULL;
    CREATE INDEX documents_source ON documents (source, published);
    DROP INDEX mentions_entity;
    CREATE INDEX mentions_entity ON mentions (entity_id, text, document_id);
    CREATE INDEX mentions_titles ON mentions (entity_id, title, document_id)
        WHERE title IS NOT NULL;
    """,
    # 6: events as each report tells them, events merged across reports, and stories.
    # Merged events and stories are re-made by each ingest (their ids are stable); the
    # details a page shows in one piece (evidence, conflicts, participants' sources)
    # are kept as JSON beside the columns queries filter on.
    """
    CREATE TABLE event_mentions (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        type        TEXT NOT NULL,
        status      TEXT NOT NULL,
        date        TEXT,
        data        TEXT NOT NULL,
        stage       TEXT NOT NULL,
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX event_mentions_type_date ON event_mentions (type, date);

    CREATE TABLE events (
        id             TEXT PRIMARY KEY,
        type           TEXT NOT NULL,
        title          TEXT NOT NULL,
        status         TEXT NOT NULL,
        date           TEXT,
        date_precision TEXT,
        place          TEXT,
        place_name     TEXT,
        sources        INTEGER NOT NULL,
        conflicts      INTEGER NOT NULL,
        data           TEXT NOT NULL,
        stage          TEXT NOT NULL
    );
    CREATE INDEX events_date ON events (date, type);
    CREATE TABLE event_documents (
        event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        PRIMARY KEY (event_id, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_documents_document ON event_documents (document_id);
    CREATE TABLE event_participants (
        event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        entity_id TEXT,
        name      TEXT NOT NULL,
        role      TEXT NOT NULL,
        sources   INTEGER NOT NULL
    );
    CREATE INDEX event_participants_entity ON event_participants (entity_id);
    CREATE INDEX event_participants_event ON event_participants (event_id);

    CREATE TABLE stories (
        id     TEXT PRIMARY KEY,
        kind   TEXT NOT NULL,
        title  TEXT NOT NULL,
        start  TEXT,
        end    TEXT,
        data   TEXT NOT NULL,
        stage  TEXT NOT NULL
    );
    CREATE TABLE story_events (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (story_id, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_events_event ON story_events (event_id);
    """,
    # 7: why a report failed in a stage: the stage's name and the traceback.
    """
    ALTER TABLE inputs ADD COLUMN stage TEXT;
    ALTER TABLE inputs ADD COLUMN detail TEXT;
    """,
    # 8: the incremental corpus steps' state. Each report's group and each of its
    # report events' event are kept with the week ("window") they were decided in,
    # so an ingest re-decides only the weeks its reports fall in (and the weeks
    # after them while anything changes). An id that stops naming anything (two
    # events merged, one split, an earlier report told it first) is redirected.
    """
    CREATE TABLE report_groups (
        document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        window      INTEGER,
        group_id    TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX report_groups_window ON report_groups (window);
    CREATE INDEX report_groups_group ON report_groups (group_id);
    CREATE TABLE event_items (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        item        INTEGER NOT NULL,
        window      INTEGER,
        event_id    TEXT NOT NULL,
        PRIMARY KEY (document_id, item)
    ) WITHOUT ROWID;
    CREATE INDEX event_items_window ON event_items (window);
    CREATE INDEX event_items_event ON event_items (event_id);
    CREATE TABLE redirects (
        kind   TEXT NOT NULL,
        old_id TEXT NOT NULL,
        new_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (kind, old_id)
    ) WITHOUT ROWID;
    """,
    # 9: the incremental merge of names not in the knowledge base. Each mention and
    # quote keeps the surface key its report gave it ('' for none; NULL until the
    # merge has seen it), so a cluster that splits can move its mentions back; each
    # name keeps its mention count and the name its entity shows; names are indexed by
    # block, so a new name is compared only with the names of its blocks. Mentions
    # stored before this migration were already moved to their cluster: the merge
    # derives their surface key from their text.
    """
    ALTER TABLE mentions ADD COLUMN surface_key TEXT;
    CREATE INDEX mentions_unnoted ON mentions (id) WHERE surface_key IS NULL;
    CREATE INDEX mentions_surface ON mentions (surface_key, entity_id) WHERE surface_key <> '';
    ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
    CREATE INDEX quotes_unnoted ON quotes (id) WHERE speaker_key IS NULL;
    CREATE INDEX quotes_speaker_key ON quotes (speaker_key, speaker_entity)
        WHERE speaker_key <> '';
    INSERT INTO meta (key, value)
        SELECT 'mentions_before_surface_keys', coalesce(max(id), 0) FROM mentions;

    ALTER TABLE entity_clusters ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entity_clusters ADD COLUMN name TEXT NOT NULL DEFAULT '';
    CREATE INDEX entity_clusters_cluster ON entity_clusters (cluster_key);
    CREATE TABLE name_blocks (
        kind  TEXT NOT NULL,
        block TEXT NOT NULL,
        key   TEXT NOT NULL,
        PRIMARY KEY (kind, block, key)
    ) WITHOUT ROWID;
    CREATE INDEX redirects_target ON redirects (kind, new_id);
    """,
    # 10: reports dated by the corpus: a report without a date of its own that tells an
    # event another report dates was written after it (told as done) or before it (told
    # as planned); one row per report and event, the evidence kept.
    """
    CREATE TABLE dating_evidence (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        event_id    TEXT NOT NULL,
        relation    TEXT NOT NULL,
        day         TEXT NOT NULL,
        by_document TEXT NOT NULL,
        PRIMARY KEY (document_id, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX dating_evidence_event ON dating_evidence (event_id);
    """,
    # 11: what stories are made from (an event's id, type and date) read without the
    # event's row and its details: every ingest makes the trips and series again.
    """
    CREATE INDEX events_story ON events (id, type, date);
    """,
    # 12: terms in office the corpus teaches ("X was sworn in as foreign minister"), kept
    # apart from the curated knowledge base with their evidence (`entities.learning`).
    """
    CREATE TABLE term_proposals (
        document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        mention_start INTEGER NOT NULL,
        mention_end   INTEGER NOT NULL,
        person        TEXT NOT NULL,
        entity_id     TEXT,
        office        TEXT NOT NULL,
        office_keys   TEXT NOT NULL,
        country       TEXT NOT NULL,
        start         TEXT NOT NULL,
        confidence    REAL NOT NULL,
        shape         TEXT NOT NULL,
        evidence      TEXT NOT NULL,
        PRIMARY KEY (document_id, mention_start)
    ) WITHOUT ROWID;
    CREATE INDEX term_proposals_office ON term_proposals (country, start);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

#: How long a migration waits for another writer (another process migrating, or an ingest).
MIGRATION_BUSY_SECONDS = 30.0


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it had.

    Each migration runs in its own transaction that takes the write lock first
    (`BEGIN IMMEDIATE`) and reads `user_version` again inside it, so when several
    processes open a new database at the same moment, each migration is applied by
    exactly one of them and the others find it done.
    """
    found = _checked_version(connection)
    if found == SCHEMA_VERSION:
        return found
    if connection.execute("PRAGMA busy_timeout").fetchone()[0] == 0:
        connection.execute(f"PRAGMA busy_timeout = {int(MIGRATION_BUSY_SECONDS * 1000)}")
    while True:
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"cannot upgrade the database: another process holds its write lock ({exc})"
            ) from exc
        try:
            version = _checked_version(connection)
            if version < SCHEMA_VERSION:
                _apply(connection, version)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        if version >= SCHEMA_VERSION - 1:
            return found


def _apply(connection: sqlite3.Connection, version: int) -> None:
    """Migration number `version + 1`, inside the caller's transaction."""
    try:
        for statement in _statements(MIGRATIONS[version]):
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {version + 1}")
    except sqlite3.Error as exc:
        raise StoreError(f"migration to schema version {version + 1} failed: {exc}") from exc


def _checked_version(connection: sqlite3.Connection) -> int:
    found = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {found}, newer than this storyline "
            f"({SCHEMA_VERSION}); upgrade storyline to read it"
        )
    return found


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
