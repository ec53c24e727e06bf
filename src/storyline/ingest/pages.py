"""HTML pages to article text, a chunk at a time: in a few processes of their own, or here.

Extraction (trafilatura and the shape check) is most of the cost of a web page
and needs nothing but the page, while everything after it needs the whole chunk
(lines repeated across a site's reports). So a chunk's pages are extracted in
`processes` forked processes, in input order, while the analysis workers parse
the chunk before; each outcome is exactly what extracting the page here gives.

A page's failure is its own (a Skipped, as here). The processes ignore Ctrl-C and
exit when this process is gone; if one of them dies, the chunk is extracted here
instead, and so are the chunks after it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing.connection import wait

from storyline.clean.html import ExtractedPage, extract_html
from storyline.errors import InputError
from storyline.ingest.isolation import ReportTimeout, failure, time_limit
from storyline.records import Document, RawReport, Skipped
from storyline.settings import Settings

#: Pages a process is given at once.
_PAGES_PER_TASK = 4


def document_id(key: str) -> str:
    return "d" + key[:15]


def placeholder(raw: RawReport) -> Document:
    """A bare document standing for `raw` in a failure record."""
    return Document(
        id=document_id(raw.key), key=raw.key, origin=raw.origin, source=raw.source, text=""
    )


def extract_page(raw: RawReport, settings: Settings) -> ExtractedPage | Skipped:
    """The article of one HTML input, or why it has none (its code, or the failure)."""
    try:
        with time_limit(settings.max_report_seconds):
            return extract_html(raw.html or "", url=raw.url, settings=settings)
    except InputError as error:
        return Skipped(raw.key, raw.origin, error.code.value, error.reason)
    except (Exception, ReportTimeout) as exc:  # one page's failure is that page's
        return failure(placeholder(raw), "clean.html.v1", exc)


class PageExtractor:
    """Extracts the HTML inputs of each chunk; see the module's doc."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings = settings
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> PageExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def extract(self, raws: Sequence[RawReport]) -> list[ExtractedPage | Skipped]:
        """The outcome of each of `raws` (all HTML), in order."""
        extract = partial(extract_page, settings=self.settings)
        if self.processes > 0 and len(raws) > 1:
            try:
                return list(self._processes().map(extract, raws, chunksize=_PAGES_PER_TASK))
            except BrokenProcessPool:
                self.processes = 0  # a process died: this chunk and the rest, here
                self.close()
        return [extract(raw) for raw in raws]

    def _processes(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self._pool = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=_start_process
            )
        return self._pool


def _start_process() -> None:
    """In each extraction process: Ctrl-C is the parent's to handle, and the parent's
    end is the process's end (a pool process would otherwise wait for work forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(0)
