"""Entities: lists of entities, one entity whole (aliases, titles, related, quotes),
and the reports that mention it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.errors import StoreError
from storyline.store.filters import TimelineFilter
from storyline.store.quotes_view import QuoteItem, QuoteViews
from storyline.store.timeline import Bucket, TimelineItem, TimelineViews
from storyline.store.view_base import SUMMARY, Page

#: Entity pages list (and find related entities among) this many newest reports at once.
NEWEST = 500
ENTITY_SORTS = ("reports", "name")


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: str
    name: str
    type: str
    wikidata: str | None
    mentions: int
    reports: int


@dataclass(frozen=True, slots=True)
class AliasSeen:
    document: str
    title: str | None
    source: str
    published: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    mentions: int
    reports: int
    seen: list[AliasSeen]  # a few of the reports it was seen in


@dataclass(frozen=True, slots=True)
class TitleSeen:
    """A title the reports put before the name ("Prime Minister"), by report date."""

    title: str
    mentions: int
    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True)
class EntityDetail:
    summary: EntitySummary
    aliases: list[Alias]
    titles: list[TitleSeen]
    buckets: list[Bucket]  # its reports per month
    related: list[EntitySummary]  # entities most often in the same reports (counts: shared)
    quotes: Page[QuoteItem] | None = None  # what it said, newest first (None: no quotes table)


class EntityViews(TimelineViews, QuoteViews):
    """Entities, most reported first, and one entity's page."""

    def _entity_totals(self) -> dict[str, tuple[int, int]]:
        """entity id -> (mentions, reports), for every entity."""
        return self.cache.get(
            "entity_totals",
            lambda: {
                r[0]: (r[1], r[2])
                for r in self._rows(
                    "SELECT entity_id, count(*), count(DISTINCT document_id) FROM mentions "
                    "WHERE entity_id IS NOT NULL GROUP BY entity_id"
                )
            },
        )

    def _entity_order(self) -> list[tuple[str, str, str]]:
        """(id, type, folded name) of every entity, most reports first."""

        def compute() -> list[tuple[str, str, str]]:
            totals = self._entity_totals()
            rows = self._rows("SELECT id, type, name FROM entities")
            rows.sort(key=lambda r: (-totals.get(r[0], (0, 0))[1], r[2].casefold()))
            return [(r[0], r[1], r[2].casefold()) for r in rows]

        return self.cache.get("entity_order", compute)

    def list_entities(
        self,
        offset: int = 0,
        limit: int = 50,
        *,
        type: str | None = None,
        query: str | None = None,
        sort: str = "reports",
    ) -> Page[EntitySummary]:
        """Entities, most reported first (or by name), filtered by type and name."""
        if sort not in ENTITY_SORTS:
            raise StoreError(f"unknown sort {sort!r}: choose from {', '.join(ENTITY_SORTS)}")
        needle = (query or "").casefold().strip()
        chosen = [
            (entity_id, name)
            for entity_id, kind, name in self._entity_order()
            if (type is None or kind == type) and needle in name
        ]
        if sort == "name":
            chosen.sort(key=lambda pair: pair[1])
        page = [entity_id for entity_id, _name in chosen[offset : offset + limit]]
        return Page(self.entity_summaries(page), len(chosen), offset, limit)

    def entity_summaries(self, ids: Sequence[str]) -> list[EntitySummary]:
        """Summaries of the entities `ids` that exist, in that order."""
        if not ids:
            return []
        totals = self._entity_totals()
        marks = ",".join("?" * len(ids))
        rows = {
            r[0]: r
            for r in self._rows(
                f"SELECT id, name, type, wikidata FROM entities WHERE id IN ({marks})", tuple(ids)
            )
        }
        return [
            EntitySummary(r[0], r[1], r[2], r[3], *totals.get(r[0], (0, 0)))
            for entity_id in ids
            if (r := rows.get(entity_id))
        ]

    def entity(
        self, entity_id: str, *, examples: int = 3, related: int = 12
    ) -> EntityDetail | None:
        if not self.entity_summaries([entity_id]):
            return None
        return self.cache.get(
            json.dumps(["entity", entity_id, examples, related]),
            lambda: self._entity(entity_id, examples, related),
        )

    def _entity(self, entity_id: str, examples: int, related: int) -> EntityDetail:
        found = self.entity_summaries([entity_id])
        aliases = [
            Alias(r[0], r[1], r[2], [])
            for r in self._rows(
                "SELECT text, count(*), count(DISTINCT document_id) FROM mentions "
                "WHERE entity_id = ? GROUP BY text ORDER BY 2 DESC, 1 LIMIT 200",
                (entity_id,),
            )
        ]
        for alias in aliases:
            alias.seen.extend(
                AliasSeen(*r)
                for r in self._rows(
                    "SELECT d.id, d.title, d.source, d.published, m.start, m.end "
                    "FROM (SELECT document_id, min(start) AS start, end FROM mentions "
                    "      WHERE entity_id = ? AND text = ? GROUP BY document_id "
                    "      ORDER BY document_id LIMIT ?) AS m "
                    "JOIN documents d ON d.id = m.document_id",
                    (entity_id, alias.text, examples),
                )
            )
        titles = self._titles(entity_id)
        timeline = self.timeline(
            TimelineFilter(entity=entity_id, kind="report"), zoom="month", limit=0
        )
        quotes = self.list_quotes(0, 20, speaker=entity_id) if self.has_table("quotes") else None
        return EntityDetail(
            found[0],
            aliases,
            titles,
            timeline.buckets,
            self._related(entity_id, related),
            quotes,
        )

    def _titles(self, entity_id: str, limit: int = 20) -> list[TitleSeen]:
        """The titles put before the entity's name, with the first and last report date."""
        titles = []
        for title, mentions in self._rows(
            "SELECT title, count(*) FROM mentions WHERE entity_id = ? AND title IS NOT NULL "
            "GROUP BY title ORDER BY 2 DESC, 1 LIMIT ?",
            (entity_id, limit),
        ):
            # Walking the reports in date order from either end stops at the first match.
            first, last = (
                next(
                    (
                        r[0]
                        for r in self._rows(
                            "SELECT d.published FROM documents d WHERE d.duplicate_of IS NULL "
                            "AND d.published IS NOT NULL AND +d.id IN (SELECT document_id FROM "
                            "mentions WHERE entity_id = ? AND title = ?) "
                            f"ORDER BY d.published {direction} LIMIT 1",
                            (entity_id, title),
                        )
                    ),
                    None,
                )
                for direction in ("ASC", "DESC")
            )
            titles.append(TitleSeen(title, mentions, first, last))
        titles.sort(key=lambda t: (t.first is None, t.first or "", -t.mentions))
        return titles

    def _newest_reports(self, entity_id: str) -> list[str]:
        """Ids of the entity's NEWEST reports, newest first (undated last)."""
        return self.cache.get(
            json.dumps(["newest", entity_id]),
            lambda: [
                r[0]
                for r in self._rows(
                    "SELECT d.id FROM documents d WHERE d.duplicate_of IS NULL AND +d.id IN "
                    "(SELECT document_id FROM mentions WHERE entity_id = ?) "
                    "ORDER BY d.published DESC, d.id DESC LIMIT ?",
                    (entity_id, NEWEST),
                )
            ],
        )

    def _related(self, entity_id: str, limit: int) -> list[EntitySummary]:
        """Entities in the most reports shared with `entity_id` (among its newest reports)."""
        newest = self._newest_reports(entity_id)
        marks = ",".join("?" * len(newest))
        rows = (
            self._rows(
                "SELECT m.entity_id, count(DISTINCT m.document_id) AS shared FROM mentions m "
                f"WHERE m.document_id IN ({marks}) AND m.entity_id IS NOT NULL "
                "AND m.entity_id <> ? GROUP BY m.entity_id ORDER BY shared DESC, m.entity_id "
                "LIMIT ?",
                (*newest, entity_id, limit),
            )
            if newest
            else []
        )
        shared = {r[0]: r[1] for r in rows}
        return [
            EntitySummary(e.id, e.name, e.type, e.wikidata, e.mentions, shared[e.id])
            for e in self.entity_summaries(list(shared))
        ]

    def entity_documents(
        self, entity_id: str, offset: int = 0, limit: int = 50
    ) -> Page[TimelineItem]:
        """The reports mentioning an entity, newest first, undated ones last."""
        if offset + limit <= NEWEST:
            ids = self._newest_reports(entity_id)[offset : offset + limit]
            marks = ",".join("?" * len(ids))
            found = (
                {
                    r["id"]: r
                    for r in self._rows(
                        f"SELECT {SUMMARY} FROM documents d WHERE d.id IN ({marks})", tuple(ids)
                    )
                }
                if ids
                else {}
            )
            rows = [found[i] for i in ids if i in found]
        else:
            rows = self._rows(
                f"SELECT {SUMMARY} FROM documents d WHERE d.duplicate_of IS NULL AND +d.id IN "
                "(SELECT document_id FROM mentions WHERE entity_id = ?) "
                "ORDER BY d.published DESC, d.id DESC LIMIT ? OFFSET ?",
                (entity_id, limit, offset),
            )
        # Duplicates carry no mentions, so the entity's reports are all originals.
        total = self._entity_totals().get(entity_id, (0, 0))[1]
        return Page(self._report_items(rows), total, offset, limit)
