"""Read-only views for the web: paged lists, one report or entity whole, the timeline, search.

`Views` is a `Reader`, so every query runs on a read-only connection under the
reader's time limit. Parameters are always bound; the only SQL that varies
is a choice among fixed fragments (a filter present or not, a whitelisted sort).

Figures that need a pass over many rows (counts, entity totals, sources, an
entity's reports per date, an entity page) are cached in a `ViewCache` shared by
all readers and keyed on the database's data version, so any commit by a writer
empties it: a cache never changes a result.

The timeline is a list of *items* of a `kind`. Here every item is a dated
report (`kind = "report"`); `storyline.store.event_views.EventViews` adds items
of kind "event" (with a type, status and conflicts) without changing the API.

At the end: the tables and indexes the web needs beyond schema 4 (the vector
index, and indexes measured in benchmarks/web_speed.py), proposed as the next
migration, with the writes of the vector index.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from storyline.errors import StoreError
from storyline.nlp.embeddings import Vectors, from_blobs, nearest_cells, rerank
from storyline.records import origin_label
from storyline.store.queries import Reader, fts_query
from storyline.store.sqlite import READ_TIMEOUT_SECONDS, connect

T = TypeVar("T")

#: Full-text search ranks (bm25) among at most this many matching sentences, newest first.
SEARCH_WINDOW = 1_000
#: Page cache of each reader, in KiB (SQLite's default is 2 MiB).
PAGE_CACHE_KB = 65_536
#: With filters, at most this many of the newest matching sentences are looked at.
SEARCH_SCAN = 10_000
#: Semantic search shows at most this many nearest sentences.
SEMANTIC_MAX = 100
#: Entity pages list (and find related entities among) this many newest reports at once.
NEWEST = 500
#: Zoom levels of the timeline and the length of the date prefix each groups by.
ZOOMS: dict[str, int] = {"year": 4, "month": 7, "day": 10}
DOCUMENT_SORTS: dict[str, str] = {
    "newest": "d.published DESC, d.seq DESC",  # undated last: NULL sorts lowest
    "oldest": "d.published IS NULL, d.published, d.seq",
    "ingested": "d.seq DESC",
}
ENTITY_SORTS = ("reports", "name")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"  # private-use code points around search hits


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
class Bucket:
    key: str  # a date prefix: YYYY, YYYY-MM or YYYY-MM-DD
    count: int
    precise: bool  # False for items dated less precisely than the zoom (YYYY at month zoom)


@dataclass(frozen=True, slots=True)
class EntityDetail:
    summary: EntitySummary
    aliases: list[Alias]
    titles: list[TitleSeen]
    buckets: list[Bucket]  # its reports per month
    related: list[EntitySummary]  # entities most often in the same reports (counts: shared)
    quotes: Page[QuoteItem] | None = None  # what it said, newest first (None: no quotes table)


@dataclass(frozen=True, slots=True)
class EntityTag:
    id: str
    name: str
    type: str
    mentions: int


@dataclass(frozen=True, slots=True)
class TimelineItem:
    kind: str  # "report" | "event"
    id: str
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None for an undated report (entity pages)
    title: str | None
    opening: str | None  # the first words of an untitled report
    type: str | None  # the event type; None for reports
    source: str
    sources: int
    how: str | None
    flags: list[str]
    entities: list[EntityTag]
    status: str | None = None  # events: happened, planned, hypothetical, denied
    conflicts: int = 0  # events: facts the sources disagree on


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    start: str | None = None  # YYYY[-MM[-DD]], inclusive
    end: str | None = None
    entity: str | None = None
    source: str | None = None
    kind: str | None = None
    type: str | None = None
    how: str | None = None  # how the date was found: metadata, dateline, inferred (reports)
    status: str | None = None  # events: happened, planned, hypothetical, denied


@dataclass(frozen=True, slots=True)
class Timeline:
    zoom: str
    buckets: list[Bucket]
    items: Page[TimelineItem]
    undated: int  # reports matching the filter that have no date
    kinds: list[str]  # kinds of item the knowledge base holds


@dataclass(frozen=True, slots=True)
class SearchFilter:
    source: str | None = None
    start: str | None = None
    end: str | None = None
    entity: str | None = None
    duplicates: bool = False  # include the sentences of duplicate reports


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


def check_date(value: str | None) -> str | None:
    """`value` if it is YYYY, YYYY-MM or YYYY-MM-DD (or empty -> None); else StoreError."""
    if not value:
        return None
    if not _DATE.match(value):
        raise StoreError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def date_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """SQL bounds on `published` text for an inclusive range, so that a report dated
    `2021-03` is inside 2021-03-01..2021-03-31 and `2021` inside 2021-01-01..2021-12-31."""
    low = check_date(start)
    if low:
        while low.endswith("-01") and len(low) > 4:
            low = low[:-3]
    high = check_date(end)
    if high:
        high += "\uffff"  # every finer date under the prefix sorts before it
    return low, high


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


class Views(Reader):
    """The read-only queries of the web pages and the HTTP API."""

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

    # -- overview ---------------------------------------------------------------------

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

    # -- documents --------------------------------------------------------------------

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
            f"SELECT {_SUMMARY} FROM documents d WHERE {clause} "
            f"ORDER BY {DOCUMENT_SORTS[sort]} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return Page(self._summaries(rows), total, offset, limit)

    def document(self, doc_id: str) -> DocumentDetail | None:
        rows = self._rows(
            f"SELECT {_SUMMARY}, d.origin, d.url, d.dateline, d.text, d.stages, "
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
                f"SELECT {_SUMMARY} FROM documents d WHERE d.duplicate_of = ? ORDER BY d.seq",
                (doc_id,),
            )
        )
        original = None
        if summary.duplicate_of:
            found = self._rows(
                f"SELECT {_SUMMARY} FROM documents d WHERE d.id = ?", (summary.duplicate_of,)
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

    def _summaries(self, rows: Sequence[sqlite3.Row]) -> list[DocumentSummary]:
        """Summaries of `rows` (selected with _SUMMARY), with the sources count of each."""
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

    # -- quotes -----------------------------------------------------------------------

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
                        f"SELECT {_SUMMARY} FROM documents d WHERE d.id IN "
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

    # -- entities ---------------------------------------------------------------------

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
                        f"SELECT {_SUMMARY} FROM documents d WHERE d.id IN ({marks})", tuple(ids)
                    )
                }
                if ids
                else {}
            )
            rows = [found[i] for i in ids if i in found]
        else:
            rows = self._rows(
                f"SELECT {_SUMMARY} FROM documents d WHERE d.duplicate_of IS NULL AND +d.id IN "
                "(SELECT document_id FROM mentions WHERE entity_id = ?) "
                "ORDER BY d.published DESC, d.id DESC LIMIT ? OFFSET ?",
                (entity_id, limit, offset),
            )
        # Duplicates carry no mentions, so the entity's reports are all originals.
        total = self._entity_totals().get(entity_id, (0, 0))[1]
        return Page(self._report_items(rows), total, offset, limit)

    # -- timeline ---------------------------------------------------------------------

    def kinds(self) -> list[str]:
        return ["report"]

    def timeline(  # type: ignore[override]  # Reader.timeline is the CLI's
        self,
        where: TimelineFilter,
        *,
        zoom: str | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Timeline:
        """Buckets at `zoom` (chosen from the date range when None) and a page of items."""
        if zoom is not None and zoom not in ZOOMS:
            raise StoreError(f"unknown zoom {zoom!r}: choose from {', '.join(ZOOMS)}")
        if (
            where.kind not in (None, *self.kinds())
            or where.type is not None
            or where.status is not None
        ):
            # No item of that kind or type exists (yet): an honest empty timeline.
            return Timeline(zoom or "year", [], Page([], 0, offset, limit), 0, self.kinds())
        # Reports per date, for the filter without its date range (cached: zooming and
        # moving through time reuse it), summed up to years or months and cut to the range.
        low, high = date_bounds(where.start, where.end)
        undated, dated = self._report_dates(replace(where, start=None, end=None))
        if low or high:
            undated = 0
            dated = [
                (day, n)
                for day, n in dated
                if (low is None or day >= low) and (high is None or day <= high)
            ]
        zoom = zoom or _zoom_for(dated[0][0] if dated else None, dated[-1][0] if dated else None)
        size = ZOOMS[zoom]
        counts: dict[str, int] = {}
        for published, count in dated:
            counts[published[:size]] = counts.get(published[:size], 0) + count
        buckets = [Bucket(key, n, len(key) >= size) for key, n in sorted(counts.items())]
        clause, params = _report_filter(where)
        total = sum(counts.values())
        items: list[TimelineItem] = []
        if limit:
            rows = self._rows(
                f"SELECT {_SUMMARY} FROM documents d WHERE {clause} AND d.published IS NOT NULL "
                "ORDER BY d.published, d.id LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
            items = self._report_items(rows)
        return Timeline(zoom, buckets, Page(items, total, offset, limit), undated, self.kinds())

    def _report_dates(self, where: TimelineFilter) -> tuple[int, list[tuple[str, int]]]:
        """(undated reports, [(date, reports)] in date order) matching `where`."""
        clause, params = _report_filter(where)

        def compute() -> tuple[int, list[tuple[str, int]]]:
            rows = self._rows(
                f"SELECT d.published, count(*) FROM documents d WHERE {clause} "
                "GROUP BY d.published ORDER BY d.published",
                params,
            )
            undated = sum(r[1] for r in rows if r[0] is None)
            return undated, [(r[0], r[1]) for r in rows if r[0] is not None]

        key = json.dumps(["dates", where.entity, where.source, where.how])
        return self.cache.get(key, compute)

    def _report_items(self, rows: Sequence[sqlite3.Row]) -> list[TimelineItem]:
        tags = self._entity_tags([row["id"] for row in rows])
        return [
            TimelineItem(
                kind="report",
                id=s.id,
                date=s.published,
                title=s.title,
                opening=s.opening,
                type=None,
                source=s.source,
                sources=s.sources,
                how=s.published_how,
                flags=s.flags,
                entities=tags.get(s.id, []),
            )
            for s in self._summaries(rows)
        ]

    def _entity_tags(
        self, doc_ids: Sequence[str], per_report: int = 6
    ) -> dict[str, list[EntityTag]]:
        """The most mentioned entities of each report."""
        if not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        tags: dict[str, list[EntityTag]] = {}
        for r in self._rows(
            "SELECT m.document_id, e.id, e.name, e.type, count(*) AS n FROM mentions m "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.document_id IN ({marks}) "
            "GROUP BY m.document_id, e.id ORDER BY m.document_id, n DESC, e.name",
            tuple(doc_ids),
        ):
            found = tags.setdefault(r[0], [])
            if len(found) < per_report:
                found.append(EntityTag(r[1], r[2], r[3], r[4]))
        return tags

    # -- search -----------------------------------------------------------------------

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
        clause, params = _search_filter(where)
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
            for sentence_id, hit in self._hits(list(scores), scores)
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

    def _hits(
        self,
        sentence_ids: Sequence[int],
        scores: dict[int, float],
        where: SearchFilter | None = None,
    ) -> list[tuple[int, SearchHit]]:
        """(sentence id, hit) for `sentence_ids` in that order, those passing `where` if given."""
        if not sentence_ids:
            return []
        clause, params = _search_filter(where) if where else ("1", ())
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

    # -- semantic search ----------------------------------------------------------------

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

    def search_semantic(
        self,
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
        model = self.vector_model()
        if model is None:
            return SearchResult([], 0, False, offset, limit)
        centroids = from_blobs([self.centroids(model)])
        cells = nearest_cells(query, centroids, probes) if len(centroids) else []
        ids, blobs = self.cell_vectors(model, cells)
        # Rank more than are shown: filters applied afterwards may drop some candidates.
        where = where or SearchFilter()
        unfiltered = where == SearchFilter(duplicates=where.duplicates)
        ranked = rerank(query, ids, from_blobs(blobs), SEMANTIC_MAX * (2 if unfiltered else 8))
        scores = dict(ranked)
        hits = [hit for _i, hit in self._hits(list(scores), scores, where)]
        hits = hits[:SEMANTIC_MAX]
        return SearchResult(hits[offset : offset + limit], len(hits), False, offset, limit)


_SUMMARY = (
    "d.id, d.title, d.source, d.published, d.published_how, d.language, d.duplicate_of, d.flags, "
    "CASE WHEN d.title IS NULL THEN substr(d.text, 1, 120) END AS opening"
)


def _report_filter(where: TimelineFilter) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause (fixed fragments) and parameters for timeline reports."""
    clause: list[str] = ["d.duplicate_of IS NULL"]
    params: list[Any] = []
    low, high = date_bounds(where.start, where.end)
    if low:
        clause.append("d.published >= ?")
        params.append(low)
    if high:
        clause.append("d.published <= ?")
        params.append(high)
    # The unary + keeps the planner on the timeline's covering index (in date order) rather
    # than looking up tens of thousands of report rows by id or source.
    if where.source is not None:
        clause.append("+d.source = ?")
        params.append(where.source)
    if where.how is not None:
        clause.append("+d.published_how = ?")
        params.append(where.how)
    if where.entity is not None:
        clause.append("+d.id IN (SELECT document_id FROM mentions WHERE entity_id = ?)")
        params.append(where.entity)
    return " AND ".join(clause), tuple(params)


def _search_filter(where: SearchFilter) -> tuple[str, tuple[Any, ...]]:
    """WHERE clause (fixed fragments) and parameters on the sentence `s` and report `d` of a hit.

    The unary + keeps full-text matching as the driver of the query, newest first.
    """
    clause: list[str] = ["1"]
    params: list[Any] = []
    if not where.duplicates:
        clause.append("d.duplicate_of IS NULL")
    low, high = date_bounds(where.start, where.end)
    if low:
        clause.append("+d.published >= ?")
        params.append(low)
    if high:
        clause.append("+d.published <= ?")
        params.append(high)
    if where.source is not None:
        clause.append("+d.source = ?")
        params.append(where.source)
    if where.entity is not None:
        clause.append("+s.document_id IN (SELECT document_id FROM mentions WHERE entity_id = ?)")
        params.append(where.entity)
    return " AND ".join(clause), tuple(params)


def _zoom_for(first: str | None, last: str | None) -> str:
    """Years over two years or more, days within one month, months otherwise."""
    if not first or not last or int(last[:4]) - int(first[:4]) >= 2:
        return "year"
    return "day" if first[:7] == last[:7] and len(first) >= 7 else "month"


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


def _opening(text: str | None, words: int = 12) -> str | None:
    """The first words of a text, on one line, with an ellipsis when cut."""
    if not text:
        return None
    cut = text.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _hit(row: sqlite3.Row, score: float) -> SearchHit:
    """A hit from a row of (sentence id, document, title, source, published, position, start,
    end, text)."""
    return SearchHit(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], score)


def _with_marks(hit: SearchHit, marked: str) -> SearchHit:
    return replace(hit, marked=_segments(marked))


# -- The writes of the semantic-search index (its tables are schema migration 5).


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
    """Batches of (sentence id, text) that have no vector of `model` yet."""
    last = 0
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


def stored_centroids(db: sqlite3.Connection, model: str) -> bytes:
    """The IVF centroids of `model` as one blob, in cell order (empty when not built)."""
    return b"".join(
        row[0]
        for row in db.execute(
            "SELECT vector FROM vector_centroids WHERE model = ? ORDER BY cell", (model,)
        )
    )


def vector_index_counts(db: sqlite3.Connection, model: str) -> tuple[int, int]:
    """(vectors the index was trained on, vectors of `model` now)."""
    trained = db.execute(
        "SELECT value FROM meta WHERE key = ?", (f"vector_index_trained:{model}",)
    ).fetchone()
    total = db.execute(
        "SELECT count(*) FROM sentence_vectors WHERE model = ?", (model,)
    ).fetchone()[0]
    return (int(trained[0]) if trained else 0), int(total)


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
