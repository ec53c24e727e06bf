"""`watch`: pass after pass, only new or changed files, once they stop changing; feeds."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from storyline import KnowledgeBase
from storyline.ingest.fetch import Fetcher
from storyline.ingest.watch import watch
from storyline.nlp.spacy_stage import SpacyStage
from storyline.settings import Settings
from tests.ingest.local_web import ARTICLE, UNTITLED, serving

TEXT = (
    "Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi in Tokyo on "
    "{day}. The two ministers agreed that the alliance remains the cornerstone of peace in the "
    "region, officials said after the talks on {day}."
)


def _old(path: Path) -> None:
    os.utime(path, (1_000_000_000, 1_000_000_000))  # untouched for long: stable on sight


def _kb(tmp_path: Path, **values: Any) -> KnowledgeBase:
    return KnowledgeBase.open(tmp_path / "kb.db", Settings().override({"processes": 0, **values}))


def test_passes_take_new_files_only_and_wait_for_growing_ones(
    tmp_path: Path, blank_nlp: Any
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT.format(day="Monday"))
    _old(folder / "a.txt")
    clock = [time.time()]
    actions = {
        1: lambda: (folder / "b.txt").write_text(TEXT.format(day="Tuesday")),
        3: lambda: (folder / "b.txt").write_text(TEXT.format(day="Tuesday") + " More."),
    }
    with _kb(tmp_path) as kb:
        passes = []

        def tick(seconds: float) -> None:
            # Between passes: the next change; the clock moves less than the settle time.
            actions.get(len(passes), lambda: None)()
            clock[0] += 1

        for done in watch(
            kb,
            [folder],
            interval=10,
            passes=6,
            sleep=tick,
            clock=lambda: clock[0],
            settle_seconds=3600,
            analysis=SpacyStage(blank_nlp, processes=1),
        ):
            passes.append(done)
        stored = [p.report.stored for p in passes]
        waiting = [p.waiting for p in passes]
        files = [p.files for p in passes]
        assert stored[0] == 1 and files[0] == 1  # the first pass ingests the folder
        assert waiting[1] == 1 and files[1] == 0  # b.txt just appeared: waited for
        assert files[2] == 1 and stored[2] == 1  # unchanged since: taken
        assert waiting[3] == 1  # b.txt grew: waited for again
        assert files[4] == 1 and stored[4] == 1  # stable again: the new version is taken
        assert files[5] == 0 and stored[5] == 0  # nothing new: nothing ingested
        assert len(list(kb.documents())) == 3


def test_one_pass_with_a_feed_ingests_its_items_with_their_urls(
    tmp_path: Path, blank_nlp: Any
) -> None:
    with serving() as site:
        a = site.page("/a", ARTICLE.format(title="Talks in Tokyo", topic="trade"))
        b = site.page("/b", UNTITLED)
        rss = (
            '<?xml version="1.0"?><rss version="2.0"><channel>'
            f"<item><title>Feed title A</title><link>{a}</link></item>"
            f"<item><title>Ports and lanes</title><link>{b}</link>"
            "<pubDate>Wed, 17 Mar 2021 10:00:00 GMT</pubDate></item>"
            f"<item><title>Gone</title><link>{site.url}/gone</link></item>"
            "</channel></rss>"
        )
        feed = site.page("/rss", rss, "application/rss+xml")
        atom = site.page(
            "/atom",
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Again</title>'
            f'<link href="{a}"/></entry></feed>',
            "application/atom+xml",
        )
        with _kb(tmp_path, feed_interval_seconds=0.0) as kb:
            fetcher = Fetcher(kb.settings, sleep=lambda s: None)
            (done,) = watch(
                kb,
                [tmp_path / "absent"],
                feeds=[feed, atom],
                passes=1,
                fetcher=fetcher,
                analysis=SpacyStage(blank_nlp, processes=1),
            )
            assert done.report.stored == 2 and done.report.skipped["E013"] == 1
            documents = {d["url"]: d for d in kb.documents()}
            assert documents[a]["title"] == "Talks in Tokyo"  # the page's own title wins
            assert documents[b]["title"] == "Ports and lanes"  # the feed's, the page has none
            assert documents[b]["published"] == "2021-03-17"
