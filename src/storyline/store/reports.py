"""Reports: the overview of the knowledge base, lists of reports, one report whole."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storyline.errors import StoreError
from storyline.records import origin_label
from storyline.store.quotes_view import QuoteRow, QuoteViews
from storyline.store.view_base import SUMMARY, DocumentSummary, Page

DOCUMENT_SORTS: dict[str, str] = {
    "newest": "d.published DESC, d.seq DESC",  # undated last: NULL sorts lowest
    "oldest": "d.published IS NULL, d.published, d.seq",
    "ingested": "d.seq DESC",
}


@dataclass(frozen=True, slots=True)
class Dating:
    published: str | None
    how: str | None
    confidence: float | None
    evidence: list[str]
    earliest: str | None
    latest: str | None


@dataclass(frozen=True, slots=True)
class SentenceRow:
    position: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MentionRow:
    start: int
    end: int
    text: str
    label: str
    title: str | None
    entity: str | None
    entity_name: str | None
    entity_type: str | None
    score: float | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class TimexRow:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    anchor: str | None


@dataclass(frozen=True, slots=True)
class RemovedRow:
    position: int
    kind: str
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    summary: DocumentSummary
    origin: str
    url: str | None
    dateline: str | None
    text: str
    stages: list[str]
    dating: Dating
    sentences: list[SentenceRow]
    mentions: list[MentionRow]
    timexes: list[TimexRow]
    removed: list[RemovedRow]
    duplicates: list[DocumentSummary]
    original: DocumentSummary | None
    quotes: list[QuoteRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Overview:
    reports: int
    originals: int
    duplicates: int
    not_english: int
    dated: dict[str, int]
    undated: int
    first: str | None
    last: str | None
    sources: int
    sentences: int
    mentions: int
    timexes: int
    vectors: int
    entities: dict[str, int]
    skipped: int
    quotes: int = 0


class ReportViews(QuoteViews):
    """The overview, the sources, lists of reports and one report with its annotations."""

    def overview(self) -> Overview:
        return self.cache.get("overview", self._overview)

    def _overview(self) -> Overview:
        count = self._scalar
        row = self._rows(
            "SELECT count(*), sum(duplicate_of IS NULL), sum(coalesce(language, '') <> 'en'),"
            " min(published), max(published), count(DISTINCT source) FROM documents"
        )[0]
        dated = {
            r[0]: r[1]
            for r in self._rows(
                "SELECT coalesce(published_how, 'undated'), count(*) FROM documents "
                "WHERE duplicate_of IS NULL GROUP BY 1"
            )
        }
        vectors = (
            count("SELECT count(*) FROM sentence_vectors")
            if self.has_table("sentence_vectors")
            else 0
        )
        return Overview(
            reports=row[0],
            originals=row[1] or 0,
            duplicates=row[0] - (row[1] or 0),
            not_english=row[2] or 0,
            dated={k: v for k, v in dated.items() if k != "undated"},
            undated=dated.get("undated", 0),
            first=row[3],
            last=row[4],
            sources=row[5],
            sentences=count("SELECT count(*) FROM sentences"),
            mentions=count("SELECT count(*) FROM mentions"),
            timexes=count("SELECT count(*) FROM timexes") if self.has_table("timexes") else 0,
            vectors=vectors,
            entities={
                r[0]: r[1]
                for r in self._rows(
                    "SELECT type, count(*) FROM entities GROUP BY type ORDER BY 2 DESC"
                )
            },
            skipped=count("SELECT count(*) FROM inputs WHERE status = 'skipped'"),
            quotes=count("SELECT count(*) FROM quotes") if self.has_table("quotes") else 0,
        )

    def sources(self) -> list[tuple[str, int]]:
        """Every source with its number of reports, most reports first."""
        return self.cache.get(
            "sources",
            lambda: [
                (r[0], r[1])
                for r in self._rows(
                    "SELECT source, count(*) FROM documents GROUP BY source ORDER BY 2 DESC, 1"
                )
            ],
        )

    def list_documents(
        self,
        offset: int = 0,
        limit: int = 50,
        *,
        source: str | None = None,
        dated: bool | None = None,
        originals_only: bool = False,
        sort: str = "newest",
    ) -> Page[DocumentSummary]:
        if sort not in DOCUMENT_SORTS:
            raise StoreError(f"unknown sort {sort!r}: choose from {', '.join(DOCUMENT_SORTS)}")
        where: list[str] = ["1"]
        params: list[Any] = []
        if source is not None:
            where.append("d.source = ?")
            params.append(source)
        if dated is not None:
            where.append("d.published IS NOT NULL" if dated else "d.published IS NULL")
        if originals_only:
            where.append("d.duplicate_of IS NULL")
        clause = " AND ".join(where)
        total = self._scalar(f"SELECT count(*) FROM documents d WHERE {clause}", tuple(params))
        rows = self._rows(
            f"SELECT {SUMMARY} FROM documents d WHERE {clause} "
            f"ORDER BY {DOCUMENT_SORTS[sort]} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return Page(self._summaries(rows), total, offset, limit)

    def document(self, doc_id: str) -> DocumentDetail | None:
        rows = self._rows(
            f"SELECT {SUMMARY}, d.origin, d.url, d.dateline, d.text, d.stages, "
            "d.date_confidence, d.date_evidence, d.date_earliest, d.date_latest "
            "FROM documents d WHERE d.id = ?",
            (doc_id,),
        )
        if not rows:
            return None
        row = rows[0]
        (summary,) = self._summaries(rows)
        duplicates = self._summaries(
            self._rows(
                f"SELECT {SUMMARY} FROM documents d WHERE d.duplicate_of = ? ORDER BY d.seq",
                (doc_id,),
            )
        )
        original = None
        if summary.duplicate_of:
            found = self._rows(
                f"SELECT {SUMMARY} FROM documents d WHERE d.id = ?", (summary.duplicate_of,)
            )
            original = self._summaries(found)[0] if found else None
        return DocumentDetail(
            summary=summary,
            origin=origin_label(row["origin"]),
            url=row["url"],
            dateline=row["dateline"],
            text=row["text"],
            stages=json.loads(row["stages"]),
            dating=Dating(
                summary.published,
                summary.published_how,
                row["date_confidence"],
                json.loads(row["date_evidence"] or "[]"),
                row["date_earliest"],
                row["date_latest"],
            ),
            sentences=[
                SentenceRow(*r)
                for r in self._rows(
                    "SELECT position, start, end FROM sentences WHERE document_id = ? "
                    "ORDER BY position",
                    (doc_id,),
                )
            ],
            mentions=[
                MentionRow(*r)
                for r in self._rows(
                    "SELECT m.start, m.end, m.text, m.label, m.title, m.entity_id, e.name, e.type,"
                    " m.score, m.reason FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
                    " WHERE m.document_id = ? ORDER BY m.start, m.end",
                    (doc_id,),
                )
            ],
            timexes=[
                TimexRow(*r)
                for r in self._rows(
                    "SELECT start, end, text, type, value, mod, anchor FROM timexes "
                    "WHERE document_id = ? ORDER BY start, end",
                    (doc_id,),
                )
            ],
            removed=[
                RemovedRow(*r)
                for r in self._rows(
                    "SELECT position, kind, reason, text FROM removed_lines "
                    "WHERE document_id = ? ORDER BY position",
                    (doc_id,),
                )
            ],
            duplicates=duplicates,
            original=original,
            quotes=self._quotes("q.document_id = ?", (doc_id,), "q.start", 1_000, 0)
            if self.has_table("quotes")
            else [],
        )
