"""The writes of the semantic-search index: sentence vectors and IVF centroids.

Vectors are computed above the store (`storyline.nlp.embeddings`) and handed
in as blobs; the store reads and writes the rows, in its own transaction
(`vector_transaction`). The tables are schema migration 5.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager


@contextmanager
def vector_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction for the vectors written inside: committed at the end, or rolled back."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def write_sentence_vectors(
    db: sqlite3.Connection, model: str, rows: Iterable[tuple[int, bytes, int | None]]
) -> None:
    """Store (sentence id, vector blob, cell or None) rows of one model."""
    db.executemany(
        "INSERT OR REPLACE INTO sentence_vectors (sentence_id, model, vector, cell) "
        "VALUES (?, ?, ?, ?)",
        ((sentence_id, model, vector, cell) for sentence_id, vector, cell in rows),
    )


def sentences_without_vectors(
    db: sqlite3.Connection, model: str, batch: int = 4096
) -> Iterator[list[tuple[int, str]]]:
    """Batches of (sentence id, text) that have no vector of `model` yet.

    Starts after the sentences a previous pass saw to the end (`mark_vectors_done`), so
    a pass reads the new sentences, not the whole table."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (f"vectors_done:{model}",)).fetchone()
    last = int(row[0]) if row else 0
    while True:
        rows = db.execute(
            "SELECT s.id, s.text FROM sentences s WHERE s.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM sentence_vectors v WHERE v.sentence_id = s.id AND v.model = ?) "
            "ORDER BY s.id LIMIT ?",
            (last, model, batch),
        ).fetchall()
        if not rows:
            return
        yield [(row[0], row[1]) for row in rows]
        last = rows[-1][0]


def mark_vectors_done(db: sqlite3.Connection, model: str) -> None:
    """Every sentence stored so far has its vector of `model` (said after a whole pass,
    in its transaction; sentence ids only grow, reports are never deleted)."""
    db.execute(
        "INSERT INTO meta (key, value) SELECT ?, coalesce(max(id), 0) FROM sentences"
        " WHERE true ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"vectors_done:{model}",),
    )


def stored_centroids(db: sqlite3.Connection, model: str) -> bytes:
    """The IVF centroids of `model` as one blob, in cell order (empty when not built)."""
    return b"".join(
        row[0]
        for row in db.execute(
            "SELECT vector FROM vector_centroids WHERE model = ? ORDER BY cell", (model,)
        )
    )


def vector_index_counts(db: sqlite3.Connection, model: str) -> tuple[int, int]:
    """(vectors the index was trained on, vectors of `model` now). The vectors added
    since are counted as they are written (`note_vectors_added`): counting the table
    would read every vector's index entry after each ingest."""
    trained = db.execute(
        "SELECT value FROM meta WHERE key = ?", (f"vector_index_trained:{model}",)
    ).fetchone()
    since = db.execute(
        "SELECT value FROM meta WHERE key = ?", (f"vectors_since_index:{model}",)
    ).fetchone()
    if trained is not None and since is not None:
        return int(trained[0]), int(trained[0]) + int(since[0])
    total = int(
        db.execute("SELECT count(*) FROM sentence_vectors WHERE model = ?", (model,)).fetchone()[0]
    )  # a database from before the count was kept: counted once, kept from now on
    if trained is None:
        return 0, total
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        (f"vectors_since_index:{model}", total - int(trained[0])),
    )
    return int(trained[0]), total


def note_vectors_added(db: sqlite3.Connection, model: str, added: int) -> None:
    """Count `added` new vectors of `model` since its index was trained (kept only once
    an index exists: `write_vector_index` starts it)."""
    db.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?",
        (added, f"vectors_since_index:{model}"),
    )


def all_vectors(db: sqlite3.Connection, model: str) -> tuple[list[int], list[bytes]]:
    rows = db.execute(
        "SELECT sentence_id, vector FROM sentence_vectors WHERE model = ? ORDER BY sentence_id",
        (model,),
    ).fetchall()
    return [row[0] for row in rows], [row[1] for row in rows]


def write_vector_index(
    db: sqlite3.Connection,
    model: str,
    centroids: Sequence[bytes],
    cells: Iterable[tuple[int, int]],
) -> None:
    """Replace the IVF index of `model`: its centroids, and the cell of each (sentence id)."""
    db.execute("DELETE FROM vector_centroids WHERE model = ?", (model,))
    db.executemany(
        "INSERT INTO vector_centroids (model, cell, vector) VALUES (?, ?, ?)",
        ((model, cell, vector) for cell, vector in enumerate(centroids)),
    )
    db.executemany(
        "UPDATE sentence_vectors SET cell = ? WHERE sentence_id = ? AND model = ?",
        ((cell, sentence_id, model) for sentence_id, cell in cells),
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, "
        "(SELECT count(*) FROM sentence_vectors WHERE model = ?)) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"vector_index_trained:{model}", model),
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, 0)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (f"vectors_since_index:{model}",),
    )
