"""Fetching pages and feeds from a local server: timeouts, sizes, retries, redirects."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline import KnowledgeBase
from storyline.errors import Code, InputError
from storyline.ingest.feeds import parse_feed
from storyline.ingest.fetch import MAX_REDIRECTS, USER_AGENT, Fetcher, is_url
from storyline.ingest.sources import read_url
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import RawReport, Skipped
from storyline.settings import Settings
from tests.ingest.local_web import ARTICLE, Site, serving

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks in Tokyo</title><link>{url}/a</link>
<pubDate>Tue, 16 Mar 2021 09:00:00 GMT</pubDate></item>
<item><title>No link</title></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Wire</title><entry><title>Ports</title><link rel="alternate" href="/b"/>
<published>2021-03-17T10:00:00Z</published><id>urn:b</id></entry></feed>"""


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


def _settings(**values: Any) -> Settings:
    return Settings().override({"processes": 0, "fetch_retries": 2, **values})


def test_a_page_is_fetched_with_the_user_agent_and_kept_with_its_url(site: Site) -> None:
    url = site.page("/a", ARTICLE.format(title="Talks", topic="trade"))
    found = read_url(url, _settings(), Fetcher(_settings()))
    assert isinstance(found, RawReport)
    assert found.url == url and found.origin == url and found.html and not found.text
    assert found.source == "127.0.0.1"
    assert site.requests == [("/a", USER_AGENT)] and USER_AGENT.startswith("storyline/")


def test_a_500_that_recovers_is_tried_again_with_backoff(site: Site) -> None:
    site.page("/flaky", ARTICLE.format(title="Flaky", topic="trade"))
    site.flaky = 2
    waits: list[float] = []
    fetched = Fetcher(_settings(), sleep=waits.append).get(site.url + "/flaky")
    assert fetched.data.startswith(b"<html>") and waits == [1.0, 2.0]


@pytest.mark.parametrize(
    ("path", "code", "words"),
    [("/missing", Code.FETCH_FAILED, "HTTP 404"), ("/flaky", Code.FETCH_FAILED, "HTTP 500")],
)
def test_failures_are_skips_with_a_code_and_reason(
    site: Site, path: str, code: Code, words: str
) -> None:
    site.flaky = 10
    found = read_url(site.url + path, _settings(), Fetcher(_settings(), sleep=lambda s: None))
    assert isinstance(found, Skipped) and found.code == code.value and words in found.reason


def test_a_page_too_large_is_refused(site: Site) -> None:
    url = site.page("/big", "<html>" + "x" * 5000 + "</html>")
    small = _settings(max_report_bytes=1000)
    found = read_url(url, small, Fetcher(small))
    assert isinstance(found, Skipped) and found.code == Code.TOO_LARGE.value


def test_a_slow_page_times_out(site: Site) -> None:
    site.slow_seconds = 1.5
    settings = _settings(fetch_timeout_seconds=0.3)
    with pytest.raises(InputError) as caught:
        Fetcher(settings, sleep=lambda s: None).get(site.url + "/slow")
    assert caught.value.code is Code.FETCH_FAILED and "0.3 s" in caught.value.reason
    assert sum(1 for path, _ in site.requests if path == "/slow") == 1


def test_redirects_are_followed_a_bounded_number_of_times(site: Site) -> None:
    site.page("/a", ARTICLE.format(title="Talks", topic="trade"))
    fetcher = Fetcher(_settings())
    assert fetcher.get(site.url + "/hop/2").final_url == site.url + "/a"
    with pytest.raises(InputError) as caught:
        fetcher.get(site.url + f"/hop/{MAX_REDIRECTS + 3}")
    assert caught.value.code is Code.FETCH_FAILED


def test_only_http_and_https_are_fetched(tmp_path: Path) -> None:
    assert is_url("https://example.org/a") and not is_url("file:///etc/passwd")
    with pytest.raises(InputError):
        Fetcher(_settings()).get("file:///etc/passwd")


def test_rss_and_atom_items_with_links_titles_and_dates() -> None:
    rss = parse_feed(RSS.format(url="http://h").encode(), "http://h/rss")
    assert [(i.link, i.title) for i in rss] == [("http://h/a", "Talks in Tokyo")]
    assert rss[0].published == "2021-03-16T09:00:00+00:00"
    atom = parse_feed(ATOM.encode(), "http://h/feeds/atom")
    assert [(i.link, i.title, i.published) for i in atom] == [
        ("http://h/b", "Ports", "2021-03-17T10:00:00Z")
    ]


def test_feeds_with_entities_or_not_feeds_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>'
    for data in (bomb, b"<html></html>", b"not xml"):
        with pytest.raises(InputError) as caught:
            parse_feed(data, "http://h/f")
        assert caught.value.code is Code.MALFORMED_FEED


def test_ingest_url_through_the_front_door(site: Site, tmp_path: Path, blank_nlp: Any) -> None:
    url = site.page("/a", ARTICLE.format(title="Talks in Tokyo", topic="trade"))
    with KnowledgeBase.open(tmp_path / "kb.db", _settings()) as kb:
        report = kb.ingest(
            [url, site.url + "/missing"], analysis=SpacyStage(blank_nlp, processes=1)
        )
        assert report.stored == 1 and report.skipped[Code.FETCH_FAILED.value] == 1
        (document,) = kb.documents()
        assert document["url"] == url and document["title"] == "Talks in Tokyo"
