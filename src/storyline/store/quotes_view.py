"""Quotes: what was said in a report or by an entity, with the report it is in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storyline.store.view_base import SUMMARY, Page, ViewsBase


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """Direct or indirect speech in a report, and who said it (when known)."""

    id: int
    document: str
    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    speaker: str | None  # entity id
    speaker_name: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote with the report it is in."""

    quote: QuoteRow
    title: str | None
    source: str
    published: str | None


class QuoteViews(ViewsBase):
    """Quotes, newest report first, by speaker, report or kind."""

    def _quotes(
        self, where: str, params: tuple[Any, ...], order: str, limit: int, offset: int
    ) -> list[QuoteRow]:
        """Quotes matching a fixed `where` fragment, in a fixed `order`."""
        return [
            QuoteRow(*r)
            for r in self._rows(
                "SELECT q.id, q.document_id, q.start, q.end, q.text, q.kind, q.speaker_entity, "
                "e.name, q.speaker_start, q.speaker_end, q.cue_start, q.cue_end FROM quotes q "
                "LEFT JOIN entities e ON e.id = q.speaker_entity "
                f"JOIN documents d ON d.id = q.document_id WHERE {where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        ]

    def list_quotes(
        self,
        offset: int = 0,
        limit: int = 50,
        *,
        speaker: str | None = None,
        document: str | None = None,
        kind: str | None = None,
    ) -> Page[QuoteItem]:
        """Quotes with their reports, newest report first; by speaker, report or kind."""
        if not self.has_table("quotes"):
            return Page([], 0, offset, limit)
        clause: list[str] = ["1"]
        params: list[Any] = []
        for fragment, value in (
            ("q.speaker_entity = ?", speaker),
            ("q.document_id = ?", document),
            ("q.kind = ?", kind),
        ):
            if value is not None:
                clause.append(fragment)
                params.append(value)
        where = " AND ".join(clause)
        total = self._scalar(
            f"SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id WHERE {where}",
            tuple(params),
        )
        quotes = self._quotes(
            where, tuple(params), "d.published DESC, q.document_id, q.start", limit, offset
        )
        reports = (
            {
                d.id: d
                for d in self._summaries(
                    self._rows(
                        f"SELECT {SUMMARY} FROM documents d WHERE d.id IN "
                        f"({','.join('?' * len(quotes))})",
                        tuple(q.document for q in quotes),
                    )
                )
            }
            if quotes
            else {}
        )
        items = [
            QuoteItem(q, r.title or r.opening, r.source, r.published)
            for q in quotes
            if (r := reports.get(q.document))
        ]
        return Page(items, total, offset, limit)
