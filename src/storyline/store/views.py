"""Read-only views for the web: paged lists, one report or entity whole, the timeline, search.

`Views` puts together the views of each kind of result, one module each:
`reports` (overview, lists, one report), `quotes_view`, `entities_view`,
`timeline`, `search` (full text; the stored vectors semantic search ranks);
what they share is in `view_base` and the filters in `filters`. Here every
timeline item is a dated report; `storyline.store.event_views.EventViews` adds
events and stories. The names they define are importable from here as before.
"""

from __future__ import annotations

from storyline.store.entities_view import (
    ENTITY_SORTS,
    NEWEST,
    Alias,
    AliasSeen,
    EntityDetail,
    EntitySummary,
    EntityViews,
    TitleSeen,
)
from storyline.store.filters import SearchFilter, TimelineFilter, check_date, date_bounds
from storyline.store.quotes_view import QuoteItem, QuoteRow
from storyline.store.reports import (
    DOCUMENT_SORTS,
    Dating,
    DocumentDetail,
    MentionRow,
    Overview,
    RemovedRow,
    ReportViews,
    SentenceRow,
    TimexRow,
)
from storyline.store.search import (
    SEARCH_SCAN,
    SEARCH_WINDOW,
    SEMANTIC_MAX,
    SearchHit,
    SearchResult,
    SearchViews,
)
from storyline.store.timeline import ZOOMS, Bucket, EntityTag, Timeline, TimelineItem
from storyline.store.vectors import (
    all_vectors,
    sentences_without_vectors,
    stored_centroids,
    vector_index_counts,
    vector_transaction,
    write_sentence_vectors,
    write_vector_index,
)
from storyline.store.view_base import PAGE_CACHE_KB, DocumentSummary, Page, ViewCache

__all__ = [
    "DOCUMENT_SORTS",
    "ENTITY_SORTS",
    "NEWEST",
    "PAGE_CACHE_KB",
    "SEARCH_SCAN",
    "SEARCH_WINDOW",
    "SEMANTIC_MAX",
    "ZOOMS",
    "Alias",
    "AliasSeen",
    "Bucket",
    "Dating",
    "DocumentDetail",
    "DocumentSummary",
    "EntityDetail",
    "EntitySummary",
    "EntityTag",
    "MentionRow",
    "Overview",
    "Page",
    "QuoteItem",
    "QuoteRow",
    "RemovedRow",
    "SearchFilter",
    "SearchHit",
    "SearchResult",
    "SentenceRow",
    "Timeline",
    "TimelineFilter",
    "TimelineItem",
    "TimexRow",
    "TitleSeen",
    "ViewCache",
    "Views",
    "all_vectors",
    "check_date",
    "date_bounds",
    "sentences_without_vectors",
    "stored_centroids",
    "vector_index_counts",
    "vector_transaction",
    "write_sentence_vectors",
    "write_vector_index",
]


class Views(EntityViews, ReportViews, SearchViews):
    """The read-only queries of the web pages and the HTTP API (reports as timeline items)."""
