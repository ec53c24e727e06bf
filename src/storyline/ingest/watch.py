"""Continuous ingest: poll folders (and feeds), ingest what is new or changed.

Each pass looks at the files of known types under the folders, by path, size and
modification time, and ingests only the files that are new or changed since the
pass that last took them, once they are stable: unchanged since the previous poll,
or untouched for `settle_seconds` (so a file still being written is waited for).
Feeds are polled at most every `feed_interval_seconds`; each item not seen before
is fetched from its link. A pass with nothing to take ingests nothing.

`watch` is a generator of passes; the clock, the sleep and the stop condition are
parameters, so tests run passes without waiting for real.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storyline.errors import InputError
from storyline.ingest.feeds import parse_feed
from storyline.ingest.fetch import Fetcher
from storyline.ingest.runner import IngestReport
from storyline.ingest.sources import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    iter_inputs,
    read_url,
)
from storyline.records import RawReport, Skipped
from storyline.settings import Settings


class Ingests(Protocol):
    """What `watch` needs of a `KnowledgeBase` (the ingest does not import the front door)."""

    settings: Settings

    def ingest(
        self,
        paths: Sequence[str] = (),
        *,
        records: Iterable[RawReport | Skipped] | None = None,
        analysis: Any = None,
    ) -> IngestReport: ...


SETTLE_SECONDS = 2.0  # a file untouched this long is taken on first sight
_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
Signature = tuple[int, int]  # (size, mtime in ns)


@dataclass(frozen=True, slots=True)
class Pass:
    """What one pass did."""

    number: int
    files: int  # files taken (new or changed, and stable)
    waiting: int  # files seen changing, left for a later pass
    feed_items: int  # feed items fetched
    report: IngestReport = field(default_factory=IngestReport)


class FolderState:
    """Which files under the folders are new or changed since they were last taken."""

    def __init__(
        self, folders: Sequence[str | Path], settle_seconds: float = SETTLE_SECONDS
    ) -> None:
        self.folders = [Path(f) for f in folders]
        self.settle_ns = int(settle_seconds * 1e9)
        self.taken: dict[str, Signature] = {}
        self.seen: dict[str, Signature] = {}  # as the previous poll saw them

    def poll(self, now: float) -> tuple[list[str], int]:
        """(paths to ingest now, in order; how many are still changing)."""
        current = dict(self._scan())
        ready, waiting = [], 0
        for path, signature in current.items():
            if self.taken.get(path) == signature:
                continue
            untouched = int(now * 1e9) - signature[1]
            if self.seen.get(path) == signature or untouched >= self.settle_ns:
                ready.append(path)
                self.taken[path] = signature
            else:
                waiting += 1
        self.seen = current
        self.taken = {path: self.taken[path] for path in current if path in self.taken}
        return ready, waiting

    def _scan(self) -> Iterator[tuple[str, Signature]]:
        for folder in self.folders:
            yield from _files(folder)


def _files(folder: Path) -> Iterator[tuple[str, Signature]]:
    """(path, signature) of the files of known types under `folder`, in name order, hidden
    ones and links to folders left out (as `storyline ingest` reads a folder)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return  # a folder that is gone (or not yet there) has no files
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path))
            elif Path(entry.name).suffix.lower() in _SUFFIXES and entry.is_file():
                info = entry.stat()
                yield entry.path, (info.st_size, info.st_mtime_ns)
        except OSError:
            continue  # vanished between the listing and the look


class FeedState:
    """Each feed's items not taken yet, polled at most every `interval` seconds."""

    def __init__(self, feeds: Sequence[str], fetcher: Fetcher, interval: float) -> None:
        self.feeds = list(feeds)
        self.fetcher = fetcher
        self.interval = interval
        self.next_poll = dict.fromkeys(self.feeds, float("-inf"))
        self.taken: set[str] = set()

    def poll(self, now: float) -> list[tuple[str, str | None, str | None] | Skipped]:
        """(link, title, published) of each new item of the feeds due, or a feed's failure."""
        found: list[tuple[str, str | None, str | None] | Skipped] = []
        for feed in self.feeds:
            if now < self.next_poll[feed]:
                continue
            self.next_poll[feed] = now + self.interval
            try:
                items = parse_feed(self.fetcher.get(feed, accept=_FEED_TYPES).data, feed)
            except InputError as error:
                found.append(_skipped_feed(feed, error))
                continue
            for item in items:
                if item.link not in self.taken:
                    self.taken.add(item.link)
                    found.append((item.link, item.title, item.published))
        return found


_FEED_TYPES = "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


def watch(
    kb: Ingests,
    folders: Sequence[str | Path],
    *,
    feeds: Sequence[str] = (),
    interval: float = 10.0,
    passes: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
    settle_seconds: float = SETTLE_SECONDS,
    fetcher: Fetcher | None = None,
    analysis: Any = None,
) -> Iterator[Pass]:
    """Pass after pass over `folders` and `feeds`, `interval` seconds apart, until `passes`
    are done or `stop()` is true; each pass ingests only what is new or changed."""
    settings = kb.settings
    files = FolderState(folders, settle_seconds)
    fetcher = fetcher or Fetcher(settings)
    feed_state = FeedState(feeds, fetcher, settings.feed_interval_seconds)
    for number in itertools.count(1):
        now = clock()
        ready, waiting = files.poll(now)
        items = feed_state.poll(now)
        records = itertools.chain(iter_inputs(ready, settings), _feed_records(items, fetcher, kb))
        report = kb.ingest(records=records, analysis=analysis) if ready or items else None
        fetched = sum(1 for item in items if not isinstance(item, Skipped))
        yield Pass(number, len(ready), waiting, fetched, report or IngestReport())
        if (passes is not None and number >= passes) or stop():
            return
        sleep(interval)
        if stop():
            return


def _feed_records(
    items: Iterable[tuple[str, str | None, str | None] | Skipped], fetcher: Fetcher, kb: Ingests
) -> Iterator[RawReport | Skipped]:
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        link, title, published = item
        yield read_url(link, kb.settings, fetcher, title=title, published=published)


def _skipped_feed(feed: str, error: InputError) -> Skipped:
    key = hashlib.sha256(b"feed:" + feed.encode("utf-8", "replace")).hexdigest()
    return Skipped(key, feed, error.code.value, error.reason)
