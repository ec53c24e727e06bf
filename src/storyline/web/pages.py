"""Server-rendered pages: home, timeline, reports, report, entities, entity, search,
event, stories, story.

Each page borrows one read-only reader, asks `storyline.store.views` for what
it shows and renders a template; nothing here computes facts. An old id of an
event, entity or story is sent on to its current page (`moved`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline.briefing import Briefing, as_markdown, summarise
from storyline.errors import StorylineError
from storyline.knowledge_base import SEMANTIC_MODEL, find_sentences
from storyline.store.event_views import EVENT_STATUSES, EventViews
from storyline.store.views import (
    ENTITY_SORTS,
    SearchResult,
    TimelineFilter,
    TimelineItem,
)
from storyline.web.filters import search_filter, timeline_filter
from storyline.web.highlight import highlight_text
from storyline.web.moved import moved
from storyline.web.render import (
    CHILD_ZOOM,
    PARENT_ZOOM,
    bars,
    bucket_range,
    filled,
    href,
    pan,
)

router = APIRouter(include_in_schema=False)

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
PER_PAGE = 50
#: At most this many events of low salience in the timeline's collapsed list; the
#: rest are a link away (`low=1` lists them on the timeline itself).
LOW_SHOWN = 20
HOW = ("metadata", "dateline", "inferred")


def views(request: Request) -> Iterator[EventViews]:
    with request.app.state.pool.borrow() as borrowed:
        yield borrowed


ViewsDep = Annotated[EventViews, Depends(views)]
Status = Annotated[str | None, Query(pattern="^(" + "|".join(EVENT_STATUSES) + ")?$")]
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=DATE)]
PageNumber = Annotated[int, Query(ge=1, le=100_000)]


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response


def _empty(value: str | None) -> str | None:
    return value or None


def _pages(total: int, page: int, per_page: int = PER_PAGE) -> dict[str, int]:
    return {"page": page, "pages": max(1, -(-total // per_page)), "total": total}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, views: ViewsDep) -> HTMLResponse:
    overview = views.overview()
    top = {
        kind: views.list_entities(0, 8, type=kind).items
        for kind in ("person", "country", "place", "organization")
    }
    return render(request, "index.html", overview=overview, top=top, sources=views.sources()[:10])


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    views: ViewsDep,
    start: Day = None,
    end: Day = None,
    entity: Text = None,
    source: Text = None,
    kind: Text = None,
    type: Text = None,
    status: Status = None,
    how: Text = None,
    zoom: Annotated[str | None, Query(pattern="^(year|month|day)?$")] = None,
    low: bool = False,
    page: PageNumber = 1,
) -> HTMLResponse:
    where = timeline_filter(
        start=start, end=end, entity=entity, source=source, kind=kind, type=type, how=how,
        status=status, low=low,
    )  # fmt: skip
    result = views.timeline(where, zoom=_empty(zoom), offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    # Events of low salience are not on the list, but not hidden either: a collapsed list.
    low_items = (
        views.timeline(replace(where, salience="low"), zoom=result.zoom, limit=LOW_SHOWN)
        if result.low_salience
        else None
    )
    params = {
        "start": where.start,
        "end": where.end,
        "entity": where.entity,
        "source": where.source,
        "kind": where.kind,
        "type": where.type,
        "status": where.status,
        "how": where.how,
        "low": 1 if low else None,
    }
    chart = filled(result.buckets, result.zoom, where.start, where.end)
    ranged = where.start is not None or where.end is not None
    before, after = pan(where.start, where.end, result.zoom)
    return render(
        request,
        "timeline.html",
        where=where,
        params=params,
        timeline=result,
        bars=bars(chart),
        imprecise=[b for b in result.buckets if not b.precise],
        zoom_in={b.key: _zoom_in(params, b.key, result.zoom) for b in result.buckets},
        zoom_out=href("/timeline", **{**params, **_zoom_out(where, result.zoom)}),
        pan_before=_range_href(params, before, result.zoom) if ranged else None,
        pan_after=_range_href(params, after, result.zoom) if ranged else None,
        groups=_by_date(result.items.items),
        low_items=low_items.items.items if low_items else [],
        with_low=href("/timeline", **{**params, "low": 1}, zoom=zoom),
        without_low=href("/timeline", **{**params, "low": None}, zoom=zoom),
        pager=_pages(result.items.total, page),
        page_href=lambda n: href("/timeline", **params, zoom=zoom, page=n),
        sources=views.sources()[:200],
        entities=views.list_entities(0, 100).items,
        selected=views.entity_summaries([where.entity]) if where.entity else [],
        how_options=HOW,
        shown=where.kind or ("event" if "event" in result.kinds or where.type else "report"),
        event_types=views.event_types(),
        statuses=EVENT_STATUSES,
    )


def _range_href(params: dict[str, Any], span: tuple[str, str], zoom: str) -> str:
    return href("/timeline", **{**params, "start": span[0], "end": span[1], "zoom": zoom})


def _zoom_in(params: dict[str, Any], key: str, zoom: str) -> str:
    """The timeline of one bucket, one zoom level down (a day stays at day zoom)."""
    return _range_href(params, bucket_range(key), CHILD_ZOOM[zoom] if len(key) < 10 else "day")


def _zoom_out(where: TimelineFilter, zoom: str) -> dict[str, Any]:
    """The range and zoom one level up: a day's month, a month's year, all years."""
    parent = PARENT_ZOOM[zoom]
    anchor = where.start or where.end
    if zoom == "year" or anchor is None or parent == "year":
        return {"start": None, "end": None, "zoom": "year"}
    first, last = bucket_range(anchor[:4])
    return {"start": first, "end": last, "zoom": parent}


def _by_date(items: list[TimelineItem]) -> list[tuple[str | None, list[TimelineItem]]]:
    groups: list[tuple[str | None, list[TimelineItem]]] = []
    for item in items:
        if groups and groups[-1][0] == item.date:
            groups[-1][1].append(item)
        else:
            groups.append((item.date, [item]))
    return groups


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    views: ViewsDep,
    source: Text = None,
    dated: Annotated[str | None, Query(pattern="^(yes|no)?$")] = None,
    sort: Annotated[str, Query(pattern="^(newest|oldest|ingested)$")] = "newest",
    page: PageNumber = 1,
) -> HTMLResponse:
    found = views.list_documents(
        (page - 1) * PER_PAGE,
        PER_PAGE,
        source=_empty(source),
        dated=None if not dated else dated == "yes",
        sort=sort,
    )
    params = {"source": source, "dated": dated, "sort": sort}
    return render(
        request,
        "reports.html",
        documents=found.items,
        params=params,
        pager=_pages(found.total, page),
        page_href=lambda n: href("/reports", **params, page=n),
        sources=views.sources()[:200],
    )


@router.get("/reports/{doc_id}", response_class=HTMLResponse)
def report(request: Request, views: ViewsDep, doc_id: str) -> HTMLResponse:
    detail = views.document(doc_id)
    if detail is None:
        raise HTTPException(404, f"no report {doc_id}")
    entities: dict[str, dict[str, Any]] = {}
    for mention in detail.mentions:
        if mention.entity:
            entry = entities.setdefault(
                mention.entity,
                {
                    "id": mention.entity,
                    "name": mention.entity_name,
                    "type": mention.entity_type,
                    "count": 0,
                },
            )
            entry["count"] += 1
    return render(
        request,
        "report.html",
        doc=detail,
        body=highlight_text(
            detail.text, detail.sentences, detail.mentions, detail.timexes, detail.quotes
        ),
        entities=sorted(entities.values(), key=lambda e: (-e["count"], e["name"] or "")),
        kinds=sorted({m.entity_type or "other" for m in detail.mentions}),
        events=views.document_events(doc_id),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    views: ViewsDep,
    type: Annotated[
        str | None, Query(pattern="^(person|organization|place|country|other)?$")
    ] = None,
    q: Text = None,
    sort: Annotated[str, Query(pattern="^(" + "|".join(ENTITY_SORTS) + ")$")] = "reports",
    page: PageNumber = 1,
) -> HTMLResponse:
    found = views.list_entities(
        (page - 1) * PER_PAGE, PER_PAGE, type=_empty(type), query=_empty(q), sort=sort
    )
    params = {"type": type, "q": q, "sort": sort}
    return render(
        request,
        "entities.html",
        entities=found.items,
        params=params,
        counts=views.overview().entities,
        pager=_pages(found.total, page),
        page_href=lambda n: href("/entities", **params, page=n),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, views: ViewsDep, entity_id: str, page: PageNumber = 1) -> Response:
    detail = views.entity(entity_id)
    if detail is None:
        return moved(request, views, "entity", entity_id, "/entities/{}")
    reports = views.entity_documents(entity_id, (page - 1) * PER_PAGE, PER_PAGE)
    chart = filled(detail.buckets, "month")
    return render(
        request,
        "entity.html",
        entity=detail,
        bars=bars(chart, height=90),
        zoom_in={
            b.key: href(
                "/timeline",
                entity=entity_id,
                start=bucket_range(b.key)[0],
                end=bucket_range(b.key)[1],
                zoom="day",
            )
            for b in chart
        },
        groups=_by_date(reports.items),
        pager=_pages(reports.total, page),
        page_href=lambda n: href(f"/entities/{entity_id}", page=n),
        events=views.entity_events(entity_id),
        briefing=_briefing(views, entity=entity_id),
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    views: ViewsDep,
    q: Annotated[str | None, Query(max_length=500)] = None,
    mode: Annotated[str, Query(pattern="^(text|semantic)$")] = "text",
    source: Text = None,
    start: Day = None,
    end: Day = None,
    entity: Text = None,
    duplicates: bool = False,
    page: PageNumber = 1,
) -> HTMLResponse:
    where = search_filter(source=source, start=start, end=end, entity=entity, duplicates=duplicates)
    per_page = 20
    result: SearchResult | None = None
    semantic_ready = views.vector_model() == SEMANTIC_MODEL
    if q and q.strip():
        result = find_sentences(views, q, mode, where, (page - 1) * per_page, per_page)
    params = {
        "q": q,
        "mode": mode,
        "source": where.source,
        "start": where.start,
        "end": where.end,
        "entity": where.entity,
        "duplicates": "true" if duplicates else None,
    }
    return render(
        request,
        "search.html",
        q=q or "",
        mode=mode,
        where=where,
        result=result,
        semantic_ready=semantic_ready,
        params=params,
        pager=_pages(result.total if result else 0, page, per_page),
        page_href=lambda n: href("/search", **params, page=n),
        sources=views.sources()[:200],
        selected=views.entity_summaries([where.entity]) if where.entity else [],
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, views: ViewsDep, event_id: str) -> Response:
    detail = views.event_detail(event_id)
    if detail is None:
        return moved(request, views, "event", event_id, "/events/{}")
    return render(request, "event.html", event=detail, e=detail.summary)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, views: ViewsDep, page: PageNumber = 1) -> HTMLResponse:
    found = views.list_stories((page - 1) * PER_PAGE, PER_PAGE)
    return render(
        request,
        "stories.html",
        stories=found.items,
        pager=_pages(found.total, page),
        page_href=lambda n: href("/stories", page=n),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, views: ViewsDep, story_id: str) -> Response:
    detail = views.story_detail(story_id)
    if detail is None:
        return moved(request, views, "story", story_id, "/stories/{}")
    return render(
        request, "story.html", story=detail, s=detail.summary,
        briefing=_briefing(views, story=story_id),
    )  # fmt: skip


@router.get("/stories/{story_id}/briefing.md")
def story_briefing(request: Request, views: ViewsDep, story_id: str) -> Response:
    detail = views.story_detail(story_id)
    if detail is None:
        return moved(request, views, "story", story_id, "/stories/{}/briefing.md")
    found = _briefing(views, story=story_id, dates=10)
    return _markdown(as_markdown(found or Briefing(()), f"Briefing: {detail.summary.title}"))


@router.get("/entities/{entity_id}/briefing.md")
def entity_briefing(request: Request, views: ViewsDep, entity_id: str) -> Response:
    detail = views.entity(entity_id)
    if detail is None:
        return moved(request, views, "entity", entity_id, "/entities/{}/briefing.md")
    found = _briefing(views, entity=entity_id, dates=10)
    return _markdown(as_markdown(found or Briefing(()), f"Briefing: {detail.summary.name}"))


#: Days and sentences a page's briefing shows (the Markdown download has ten days).
BRIEFING_DAYS = 5
BRIEFING_SENTENCES = 2


def _briefing(
    views: EventViews,
    *,
    story: str | None = None,
    entity: str | None = None,
    dates: int = BRIEFING_DAYS,
) -> Briefing | None:
    """The days that matter in a story or for an entity (`storyline.briefing`); None when
    it cannot be made within the page's read limit (the page shows the rest)."""
    try:
        return summarise(
            views, story=story, entity=entity, dates=dates, sentences=BRIEFING_SENTENCES
        )
    except (StorylineError, sqlite3.OperationalError):  # each query has the read limit
        return None


def _markdown(text: str) -> Response:
    return Response(
        text,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="briefing.md"'},
    )
