"""The web application: server-rendered pages, the HTTP API under /api/, static assets.

`create_app` wires a pool of read-only readers (each query under a time limit),
the templates (autoescaped), the security headers and the routers. Ingest over
HTTP exists only when `allow_ingest` is set.
"""

from __future__ import annotations

import gc
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline import __version__
from storyline.errors import StoreError
from storyline.pipeline import Stage
from storyline.settings import Settings
from storyline.store.event_views import EventViews
from storyline.store.sqlite import READ_TIMEOUT_SECONDS
from storyline.store.views import ViewCache
from storyline.web import api, pages
from storyline.web.render import templates
from storyline.web.security import LOCAL_HOSTS, SecurityHeaders

HERE = Path(__file__).resolve().parent


class ReaderPool:
    """A fixed set of read-only `EventViews`, lent to one request at a time."""

    def __init__(self, path: Path, size: int, timeout: float) -> None:
        self.path = path
        self.cache = ViewCache(path)
        # Last in, first out: under light load the same, warm reader serves every request.
        self._free: queue.LifoQueue[EventViews] = queue.LifoQueue()
        self._all = [EventViews(path, timeout, cache=self.cache) for _ in range(size)]
        for views in self._all:
            self._free.put(views)

    @contextmanager
    def borrow(self, wait: float = 10.0) -> Iterator[EventViews]:
        try:
            views = self._free.get(timeout=wait)
        except queue.Empty:
            raise StoreError("the server is busy; try again") from None
        try:
            yield views
        finally:
            self._free.put(views)

    def close(self, wait: float = 30.0) -> None:
        """Close every reader once it is returned (a query running elsewhere is never cut)."""
        for _ in self._all:
            try:
                self._free.get(timeout=wait).close()
            except queue.Empty:
                break
        self.cache.close()


def create_app(
    db_path: str | Path,
    *,
    allow_ingest: bool = False,
    allowed_hosts: Sequence[str] = LOCAL_HOSTS,
    readers: int = 4,
    timeout: float = READ_TIMEOUT_SECONDS,
    ingest_stage: Callable[[], Stage] | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The ASGI app serving the knowledge base in `db_path` (read-only unless `allow_ingest`).

    `settings` and `ingest_stage` (a factory of the NLP stage; default: the configured spaCy
    model) are used by HTTP ingest.
    """
    pool = ReaderPool(Path(db_path), readers, timeout)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Whole-table figures and the embedding model are ready before the first visitor.
        warming = threading.Thread(target=_warm_up, args=(pool,), daemon=True)
        warming.start()
        # The objects alive now (modules, routes, schemas) live as long as the server: the
        # garbage collector need not walk them on every full pass (shorter pauses).
        gc.freeze()
        yield
        warming.join(timeout=60)
        pool.close()

    app = FastAPI(
        title="storyline",
        version=__version__,
        description="The event knowledge base of storyline: reports, entities, timeline, search.",
        docs_url=None,  # the hosted Swagger UI loads assets from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.db_path = Path(db_path)
    app.state.allow_ingest = allow_ingest
    app.state.ingest_stage = ingest_stage
    app.state.settings = settings
    app.state.templates = templates()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    if allow_ingest:
        app.include_router(api.ingest_router)
    app.include_router(pages.router)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    return app


def _warm_up(pool: ReaderPool) -> None:
    try:
        with pool.borrow() as views:
            views.overview()
            views.list_entities(0, 1)
            has_vectors = views.vector_model() is not None
        if has_vectors:
            from storyline.nlp.embeddings import embed

            embed(["warm up"])
    except Exception:  # noqa: BLE001 - a failed warm-up only means a slower first request
        return


async def _store_error(request: Request, error: Exception) -> Response:
    """A query too slow, a busy server or an unusable database: 503, said plainly."""
    return _error(request, 503, str(error))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    return _error(request, error.status_code, str(error.detail), error.headers)


async def _bad_request(request: Request, error: Exception) -> Response:
    """Bad query parameters: the API's usual 422 JSON; a page says which parameter, in HTML."""
    assert isinstance(error, RequestValidationError)
    if request.url.path.startswith("/api/"):
        return await request_validation_exception_handler(request, error)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'][1:])}: {problem['msg']}"
        for problem in error.errors()
    )
    return _error(request, 400, f"Bad parameter — {problems}")


def _error(
    request: Request, status: int, detail: str, headers: Mapping[str, str] | None = None
) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    page = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "detail": detail}, status_code=status
    )
    if headers:
        page.headers.update(headers)
    response: Response = page
    return response
