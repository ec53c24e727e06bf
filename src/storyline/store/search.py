"""Search: sentences matching words (full text, bm25), and the rows semantic search
ranks (stored vectors by IVF cell). Ranking by meaning happens above the store
(`storyline.nlp.embeddings.search_semantic`): here only rows are read."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from storyline.store.filters import SearchFilter, sentence_clause
from storyline.store.queries import fts_query
from storyline.store.view_base import ViewsBase

#: Full-text search ranks (bm25) among at most this many matching sentences, newest first.
SEARCH_WINDOW = 1_000
#: With filters, at most this many of the newest matching sentences are looked at.
SEARCH_SCAN = 10_000
#: Semantic search shows at most this many nearest sentences.
SEMANTIC_MAX = 100
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use code points around search hits


@dataclass(frozen=True, slots=True)
class SearchHit:
    document: str
    title: str | None
    source: str
    published: str | None
    sentence: int  # position of the sentence in its report
    start: int
    end: int
    text: str
    score: float
    marked: list[tuple[str, bool]] = field(default_factory=list)  # (segment, is a match)


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    total: int  # matches, counted up to SEARCH_WINDOW
    more: bool  # more than SEARCH_WINDOW sentences match
    offset: int
    limit: int


class SearchViews(ViewsBase):
    """Full-text search, and the stored vectors semantic search ranks."""

    def search_text(
        self, query: str, where: SearchFilter | None = None, offset: int = 0, limit: int = 20
    ) -> SearchResult:
        """Sentences matching every word of `query`, best (bm25) first.

        Ranking looks at the newest SEARCH_WINDOW matching sentences (with filters:
        those passing among the newest SEARCH_SCAN matches), so a query matching half
        the corpus still answers at once; `more` says when the window was full.
        """
        match = fts_query(query)
        if not match:
            return SearchResult([], 0, False, offset, limit)
        where = where or SearchFilter()
        clause, params = sentence_clause(where)
        if where == SearchFilter(duplicates=where.duplicates):  # no filter but duplicates
            ranked = self._rows(
                "SELECT f.rowid, bm25(sentences_fts) AS score FROM sentences_fts f "
                "JOIN sentences s ON s.id = f.rowid JOIN documents d ON d.id = s.document_id "
                f"WHERE sentences_fts MATCH ? AND {clause} ORDER BY f.rowid DESC LIMIT ?",
                (match, *params, SEARCH_WINDOW + 1),
            )
        else:  # filters may pass few matches: look at a bounded number of them
            ranked = self._rows(
                "WITH m AS (SELECT rowid AS id, bm25(sentences_fts) AS score FROM sentences_fts "
                "WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?) "
                "SELECT m.id, m.score FROM m JOIN sentences s ON s.id = m.id "
                f"JOIN documents d ON d.id = s.document_id WHERE {clause} LIMIT ?",
                (match, SEARCH_SCAN, *params, SEARCH_WINDOW + 1),
            )
        more = len(ranked) > SEARCH_WINDOW
        ranked = sorted(ranked[:SEARCH_WINDOW], key=lambda r: (r[1], -r[0]))
        scores = {r[0]: -r[1] for r in ranked[offset : offset + limit]}
        marked = self._marked(match, list(scores))
        hits = [
            _with_marks(hit, marked.get(sentence_id, hit.text))
            for sentence_id, hit in self.sentence_hits(list(scores), scores)
        ]
        return SearchResult(hits, min(len(ranked), SEARCH_WINDOW), more, offset, limit)

    def _marked(self, match: str, sentence_ids: Sequence[int]) -> dict[int, str]:
        """Sentence id -> its text with the matches between the private-use marks."""
        if not sentence_ids:
            return {}
        marks = ",".join("?" * len(sentence_ids))
        return {
            r[0]: r[1]
            for r in self._rows(
                "SELECT f.rowid, highlight(sentences_fts, 0, ?, ?) FROM sentences_fts f "
                f"WHERE sentences_fts MATCH ? AND f.rowid IN ({marks})",
                (_MARK_OPEN, _MARK_CLOSE, match, *sentence_ids),
            )
        }

    def sentence_hits(
        self,
        sentence_ids: Sequence[int],
        scores: dict[int, float],
        where: SearchFilter | None = None,
    ) -> list[tuple[int, SearchHit]]:
        """(sentence id, hit) for `sentence_ids` in that order, those passing `where` if given."""
        if not sentence_ids:
            return []
        clause, params = sentence_clause(where) if where else ("1", ())
        marks = ",".join("?" * len(sentence_ids))
        rows = {
            r[0]: r
            for r in self._rows(
                "SELECT s.id, s.document_id, d.title, d.source, d.published, s.position, s.start,"
                " s.end, s.text FROM sentences s JOIN documents d ON d.id = s.document_id "
                f"WHERE s.id IN ({marks}) AND {clause}",
                (*sentence_ids, *params),
            )
        }
        return [(i, _hit(rows[i], scores[i])) for i in sentence_ids if i in rows]

    def vector_model(self) -> str | None:
        """The embedding model of the stored sentence vectors (the most used one)."""
        if not self.has_table("sentence_vectors"):
            return None
        return self.cache.get(
            "vector_model",
            lambda: next(
                (
                    r[0]
                    for r in self._rows(
                        "SELECT model FROM sentence_vectors WHERE sentence_id = "
                        "(SELECT max(sentence_id) FROM sentence_vectors)"
                    )
                ),
                None,
            ),
        )

    def centroids(self, model: str) -> bytes:
        """The IVF centroids of `model` as one blob (empty when the index is not built)."""
        if not self.has_table("vector_centroids"):
            return b""
        return self.cache.get(
            f"centroids:{model}",
            lambda: b"".join(
                r[0]
                for r in self._rows(
                    "SELECT vector FROM vector_centroids WHERE model = ? ORDER BY cell", (model,)
                )
            ),
        )

    def cell_vectors(self, model: str, cells: Sequence[int]) -> tuple[list[int], list[bytes]]:
        """(sentence ids, vectors) in `cells`, and every vector not yet in a cell."""
        if not self.has_table("vector_centroids"):  # no index: every vector
            rows = self._rows(
                "SELECT sentence_id, vector FROM sentence_vectors WHERE model = ?", (model,)
            )
        else:
            marks = ",".join("?" * len(cells))
            rows = self._rows(
                "SELECT sentence_id, vector FROM sentence_vectors WHERE model = ? AND cell IS NULL",
                (model,),
            )
            if cells:
                rows += self._rows(
                    "SELECT sentence_id, vector FROM sentence_vectors "
                    f"WHERE model = ? AND cell IN ({marks})",
                    (model, *cells),
                )
        return [r[0] for r in rows], [r[1] for r in rows]


def _segments(marked: str) -> list[tuple[str, bool]]:
    """(text, is a match) segments of a highlighted sentence; stray marks are dropped."""
    segments: list[tuple[str, bool]] = []
    for number, part in enumerate(marked.split(_MARK_OPEN)):
        hit, sep, rest = part.partition(_MARK_CLOSE)
        if number and sep:
            segments += [(hit, True), (rest.replace(_MARK_CLOSE, ""), False)]
        else:
            segments.append((part.replace(_MARK_CLOSE, ""), False))
    return [(text, hit) for text, hit in segments if text]


def _hit(row: sqlite3.Row, score: float) -> SearchHit:
    """A hit from a row of (sentence id, document, title, source, published, position, start,
    end, text)."""
    return SearchHit(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], score)


def _with_marks(hit: SearchHit, marked: str) -> SearchHit:
    return replace(hit, marked=_segments(marked))
