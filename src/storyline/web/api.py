"""The HTTP API under /api/: JSON for every page's data, paged, described at /api/openapi.json.

Read-only; an old id of an event, entity or story answers 307 to its current resource
(`moved`). `POST /api/ingest` exists only when the server was started with
--allow-ingest; it reuses the ingest runner (the reports go through exactly
the pipeline of `storyline ingest`).
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from storyline.knowledge_base import find_sentences
from storyline.settings import Settings, WebSettings
from storyline.store.event_views import (
    EVENT_STATUSES,
    EventDetail,
    EventSummary,
    EventViews,
    StoryDetail,
    StorySummary,
)
from storyline.store.views import (
    DocumentDetail,
    DocumentSummary,
    EntityDetail,
    EntitySummary,
    Overview,
    Page,
    QuoteItem,
    SearchResult,
    Timeline,
    TimelineItem,
)
from storyline.web.filters import event_filter, search_filter, timeline_filter
from storyline.web.moved import MOVED, moved

router = APIRouter(prefix="/api", tags=["knowledge base"])
ingest_router = APIRouter(prefix="/api", tags=["ingest"])

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def views(request: Request) -> Iterator[EventViews]:
    with request.app.state.pool.borrow() as borrowed:
        yield borrowed


ViewsDep = Annotated[EventViews, Depends(views)]
Status = Annotated[
    str | None,
    Query(pattern="^(" + "|".join(EVENT_STATUSES) + ")?$", description="event status"),
]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[
    str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")
]


def _empty(value: str | None) -> str | None:
    return value or None


@router.get("/overview", response_model=Overview, summary="What the knowledge base holds")
def overview(views: ViewsDep) -> Overview:
    return views.overview()


class SourceCount(BaseModel):
    source: str
    reports: int


@router.get("/sources", response_model=list[SourceCount], summary="Sources and their reports")
def sources(views: ViewsDep) -> list[SourceCount]:
    return [SourceCount(source=s, reports=n) for s, n in views.sources()]


@router.get("/documents", response_model=Page[DocumentSummary], summary="Reports, paged")
def documents(
    views: ViewsDep,
    offset: Offset = 0,
    limit: Limit = 50,
    source: Text = None,
    dated: Annotated[bool | None, Query(description="only dated (true) or undated")] = None,
    originals: Annotated[bool, Query(description="leave duplicates out")] = False,
    sort: Annotated[str, Query(pattern="^(newest|oldest|ingested)$")] = "newest",
) -> Page[DocumentSummary]:
    return views.list_documents(
        offset, limit, source=_empty(source), dated=dated, originals_only=originals, sort=sort
    )


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    summary="One report: text, sentences, mentions, time expressions, removed lines, copies",
)
def document(views: ViewsDep, doc_id: str) -> DocumentDetail:
    detail = views.document(doc_id)
    if detail is None:
        raise HTTPException(404, f"no report {doc_id}")
    return detail


@router.get("/entities", response_model=Page[EntitySummary], summary="Entities, paged")
def entities(
    views: ViewsDep,
    offset: Offset = 0,
    limit: Limit = 50,
    type: Annotated[
        str | None, Query(pattern="^(person|organization|place|country|other)?$")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    sort: Annotated[str, Query(pattern="^(reports|name)$")] = "reports",
) -> Page[EntitySummary]:
    return views.list_entities(offset, limit, type=_empty(type), query=_empty(q), sort=sort)


@router.get(
    "/entities/{entity_id}",
    response_model=EntityDetail,
    summary="One entity: aliases and where each was seen, titles, reports per month, related"
    " (an old id: 307 to the current one)",
    responses=MOVED,
)
def entity(request: Request, views: ViewsDep, entity_id: str) -> EntityDetail | Response:
    detail = views.entity(entity_id)
    if detail is None:
        return moved(request, views, "entity", entity_id, "/api/entities/{}")
    return detail


@router.get(
    "/entities/{entity_id}/documents",
    response_model=Page[TimelineItem],
    summary="The reports mentioning an entity, in date order (an old id: 307 to the current one)",
    responses=MOVED,
)
def entity_documents(
    request: Request, views: ViewsDep, entity_id: str, offset: Offset = 0, limit: Limit = 50
) -> Page[TimelineItem] | Response:
    if not views.entity_summaries([entity_id]):
        return moved(request, views, "entity", entity_id, "/api/entities/{}/documents")
    return views.entity_documents(entity_id, offset, limit)


@router.get(
    "/quotes",
    response_model=Page[QuoteItem],
    summary="Quotes (direct and indirect speech) with their speaker and report, paged",
)
def quotes(
    views: ViewsDep,
    offset: Offset = 0,
    limit: Limit = 50,
    speaker: Annotated[str | None, Query(max_length=200, description="entity id")] = None,
    document: Annotated[str | None, Query(max_length=200, description="report id")] = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect)?$")] = None,
) -> Page[QuoteItem]:
    return views.list_quotes(
        offset, limit, speaker=_empty(speaker), document=_empty(document), kind=_empty(kind)
    )


@router.get(
    "/timeline",
    response_model=Timeline,
    summary="Items over time: counts per bucket at a zoom, and a page of items",
    description="Items are dated events (kind `event`, with `type`, `status`, `conflicts` and "
    "`salience`) or dated reports (kind `report`). Without `kind`: events when the knowledge "
    "base holds any, else reports. `kinds` lists the kinds it holds. `type` and `status` apply "
    "to events; `how` to reports. Events of low salience (one source, no participant, no "
    "place) are counted in `low_salience` and listed only with `low=true`.",
)
def timeline(
    views: ViewsDep,
    start: Day = None,
    end: Day = None,
    entity: Text = None,
    source: Text = None,
    kind: Text = None,
    type: Annotated[str | None, Query(max_length=100, description="event type")] = None,
    status: Status = None,
    how: Annotated[str | None, Query(pattern="^(metadata|dateline|inferred)?$")] = None,
    zoom: Annotated[str | None, Query(pattern="^(year|month|day)?$")] = None,
    low: Annotated[bool, Query(description="also list the events of low salience")] = False,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=0, le=200)] = 50,
) -> Timeline:
    where = timeline_filter(
        start=start, end=end, entity=entity, source=source, kind=kind, type=type, how=how,
        status=status, low=low,
    )  # fmt: skip
    return views.timeline(where, zoom=_empty(zoom), offset=offset, limit=limit)


@router.get(
    "/search",
    response_model=SearchResult,
    summary="Sentences by full text (every word) or by meaning (semantic)",
    description="Each hit names its report, sentence position and character span; "
    "`/reports/{document}#s{sentence}` shows it in context.",
)
def search(
    views: ViewsDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    mode: Annotated[str, Query(pattern="^(text|semantic)$")] = "text",
    source: Text = None,
    start: Day = None,
    end: Day = None,
    entity: Text = None,
    duplicates: bool = False,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    limit: Limit = 20,
) -> SearchResult:
    where = search_filter(source=source, start=start, end=end, entity=entity, duplicates=duplicates)
    return find_sentences(views, q, mode, where, offset, limit)


@router.get(
    "/events",
    response_model=Page[EventSummary],
    summary="Events merged across reports, in date order (undated last), paged",
)
def events(
    views: ViewsDep,
    start: Day = None,
    end: Day = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="participant entity id")
    ] = None,
    source: Text = None,
    type: Annotated[str | None, Query(max_length=100, description="event type")] = None,
    status: Status = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> Page[EventSummary]:
    where = event_filter(
        start=start, end=end, entity=entity, source=source, type=type, status=status
    )
    return views.list_events(where, offset, limit)


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    summary="One event: date and its basis, place, salience, the sentence that tells it best,"
    " participants, reports, evidence sentences, conflicts, stories"
    " (an old id of events since merged or split: 307 to the current one)",
    responses=MOVED,
)
def event(request: Request, views: ViewsDep, event_id: str) -> EventDetail | Response:
    detail = views.event_detail(event_id)
    if detail is None:
        return moved(request, views, "event", event_id, "/api/events/{}")
    return detail


@router.get("/stories", response_model=Page[StorySummary], summary="Stories, newest first")
def stories(views: ViewsDep, offset: Offset = 0, limit: Limit = 50) -> Page[StorySummary]:
    return views.list_stories(offset, limit)


@router.get(
    "/stories/{story_id}",
    response_model=StoryDetail,
    summary="One story: its events in order and its reports (an old id: 307 to the current one)",
    responses=MOVED,
)
def story(request: Request, views: ViewsDep, story_id: str) -> StoryDetail | Response:
    detail = views.story_detail(story_id)
    if detail is None:
        return moved(request, views, "story", story_id, "/api/stories/{}")
    return detail


# -- ingest (only with --allow-ingest) ----------------------------------------------------


class ReportIn(BaseModel):
    """One report, as a line of a .jsonl input: `text` or `html` is required."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601")
    source: str | None = None


class IngestOut(BaseModel):
    stored: int
    duplicates: int
    not_english: int
    unchanged: int
    skipped: dict[str, int]
    skipped_examples: list[dict[str, str]]


_INGEST_LOCK = threading.Lock()


@ingest_router.post(
    "/ingest",
    response_model=IngestOut,
    summary="Ingest a JSON list of reports (only when started with --allow-ingest)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": ReportIn.model_json_schema()}
                }
            },
        }
    },
)
async def ingest(request: Request) -> IngestOut:
    _check_same_origin(request)
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the reports as application/json")
    limits = _web_settings(request)
    body = await _read_capped(request, limits.max_ingest_bytes)
    try:
        items = json.loads(body)
    except ValueError as exc:
        raise HTTPException(400, f"the body is not JSON: {exc}") from exc
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise HTTPException(400, "send a JSON list of report objects")
    if len(items) > limits.max_ingest_reports:
        raise HTTPException(413, f"at most {limits.max_ingest_reports} reports per request")
    reports = [ReportIn.model_validate(item) for item in items]
    if any(r.text is None and r.html is None for r in reports):
        raise HTTPException(400, "every report needs `text` or `html`")
    return await run_in_threadpool(_ingest, request, reports)


def _web_settings(request: Request) -> WebSettings:
    settings: Settings | None = request.app.state.settings
    return settings.web if settings is not None else WebSettings()


def _check_same_origin(request: Request) -> None:
    """A page on another site must not make the browser post reports here."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    host = request.headers.get("host", "")
    if origin.split("://", 1)[-1] != host:
        raise HTTPException(403, "cross-origin requests may not ingest")


async def _read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"at most {limit:,} bytes per request")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"at most {limit:,} bytes per request")
        chunks.append(chunk)
    return b"".join(chunks)


def _ingest(request: Request, reports: list[ReportIn]) -> IngestOut:
    from storyline.knowledge_base import KnowledgeBase

    settings = request.app.state.settings or Settings()
    lines = (json.dumps(r.model_dump(exclude_none=True), ensure_ascii=False) for r in reports)
    payload = io.BytesIO(("\n".join(lines) + "\n").encode("utf-8"))
    factory = request.app.state.ingest_stage  # tests give a model-free NLP stage
    with _INGEST_LOCK, KnowledgeBase.open(request.app.state.db_path, settings) as kb:
        # In this process (a server thread): the same stages as `storyline ingest`.
        report = kb.ingest(
            ["-"], stdin=payload, analysis=factory() if factory else None, in_process=True
        )
    return IngestOut(
        stored=report.stored,
        duplicates=report.duplicates,
        not_english=report.not_english,
        unchanged=report.unchanged,
        skipped=dict(report.skipped),
        skipped_examples=[
            {"origin": s.origin, "code": s.code, "reason": s.reason}
            for s in report.skipped_examples
        ],
    )
