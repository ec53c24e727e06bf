"""HTML pages extracted in processes of their own: the same outcomes as here, in order."""

import multiprocessing
import os

import pytest

from storyline.clean.html import ExtractedPage
from storyline.ingest import pages
from storyline.ingest.pages import PageExtractor, extract_page
from storyline.records import RawReport, Skipped
from storyline.settings import Settings

ARTICLE = (
    "<html><head><title>Talks in Tokyo</title></head><body><article>"
    + "".join(
        f"<p>Paragraph {n}: the two ministers met in Tokyo and agreed that the alliance "
        "remains the cornerstone of peace in the region, officials said on Tuesday.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def raw(key: str, html: str) -> RawReport:
    return RawReport(key=key * 64, origin=f"{key}.html", source="site", html=html)


def inputs() -> list[RawReport]:
    bomb = "<div>" * 5000 + "text"  # nested deeper than max_html_depth
    return [raw("a", ARTICLE), raw("b", "<html><body></body></html>"), raw("c", bomb)] * 3


def test_processes_give_the_outcomes_extraction_here_gives() -> None:
    settings = Settings()
    expected = [extract_page(item, settings) for item in inputs()]
    assert isinstance(expected[0], ExtractedPage)
    assert isinstance(expected[1], Skipped) and isinstance(expected[2], Skipped)
    with PageExtractor(settings, 2) as extractor:
        assert extractor.extract(inputs()) == expected
        assert extractor.extract(inputs()[:1]) == expected[:1]  # alone: here


def test_a_page_failing_is_that_page_skipped() -> None:
    def broken(html: str, *, url: object, settings: object) -> ExtractedPage:
        raise RuntimeError("extractor bug")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "extract_html", broken)
        with PageExtractor(Settings(), 2) as extractor:
            outcomes = extractor.extract(inputs()[:2])
    assert [o.code for o in outcomes] == ["E010", "E010"]  # type: ignore[union-attr]
    assert all("extractor bug" in o.reason for o in outcomes)  # type: ignore[union-attr]


def test_a_process_that_dies_leaves_the_chunk_to_this_process() -> None:
    real = pages.extract_html

    def dies_in_a_child(html: str, *, url: object, settings: Settings) -> ExtractedPage:
        if multiprocessing.parent_process() is not None:
            os._exit(3)
        return real(html, url=url, settings=settings)  # type: ignore[arg-type]

    settings = Settings()
    expected = [extract_page(item, settings) for item in inputs()]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "extract_html", dies_in_a_child)
        with PageExtractor(settings, 2) as extractor:
            assert extractor.extract(inputs()) == expected
            assert extractor.processes == 0
