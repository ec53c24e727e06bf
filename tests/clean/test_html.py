"""HTML page -> article text and metadata; HTML bombs refused before parsing."""

from __future__ import annotations

import pytest

from storyline.clean.html import ExtractedPage, check_html_shape, extract_html
from storyline.errors import Code, InputError
from storyline.settings import Settings

SETTINGS = Settings()

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Allies meet in Tokyo | Daily Example</title>
<meta property="og:title" content="Blinken and Austin meet Motegi and Kishi in Tokyo">
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2021-03-16T10:00:00+09:00">
<script>var nav = "<div><div><div>"; if (a < b) { load(); }</script>
<style>body > div { margin: 0 }</style>
</head><body>
<header><nav class="main-menu"><ul>
  <li><a href="/">Home</a><li><a href="/world">World Navigation Link</a><li><a href="/s">Search</a>
</ul></nav></header>
<div class="layout">
<aside class="sidebar"><h3>Most read</h3>
  <ul><li><a href="/x">Sidebar headline about the football scores</a></li></ul></aside>
<main><article>
<h1>Blinken and Austin meet Motegi and Kishi in Tokyo</h1>
<p>US Secretary of State Antony Blinken and Secretary of Defense Lloyd Austin met Japanese
Foreign Minister Toshimitsu Motegi and Defense Minister Nobuo Kishi in Tokyo on Tuesday.</p>
<p>The four ministers held the first two-plus-two security talks since the new US
administration took office, and discussed the regional security situation at length.</p>
<p>Officials said the talks lasted about two hours and ended with a joint statement on
closer cooperation between the two allies.</p>
</article></main></div>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Reader comment: this meeting was a waste of everybody's time.</p></div>
<div class="comment"><p>Another reader comment saying the alliance is stronger than ever.</p></div>
</section>
<footer class="site-footer"><p>Copyright 2021 Daily Example. All rights reserved.</p></footer>
</body></html>"""


def reject(html: str, settings: Settings = SETTINGS) -> InputError:
    with pytest.raises(InputError) as caught:
        extract_html(html, url=None, settings=settings)
    return caught.value


def test_news_page_text_and_metadata() -> None:
    page = extract_html(NEWS_PAGE, url="https://www.example.com/news/1", settings=SETTINGS)
    assert isinstance(page, ExtractedPage)
    assert page.title == "Blinken and Austin meet Motegi and Kishi in Tokyo"  # og:title
    assert page.published == "2021-03-16"  # article:published_time
    assert page.site == "Daily Example"
    assert page.url == "https://www.example.com/news/1"
    assert "met Japanese Foreign Minister Toshimitsu Motegi" in page.text.replace("\n", " ")
    assert "joint statement" in page.text


@pytest.mark.parametrize(
    "debris",
    ["comment", "Navigation", "Search", "Sidebar", "Most read", "Copyright", "var nav", "margin"],
)
def test_news_page_leaves_out_comments_navigation_and_footer(debris: str) -> None:
    text = extract_html(NEWS_PAGE, url=None, settings=SETTINGS).text
    assert debris.lower() not in text.lower()


def test_paragraphs_are_lines() -> None:
    text = extract_html(NEWS_PAGE, url=None, settings=SETTINGS).text
    paragraphs = [line for line in text.split("\n") if line.startswith(("US Sec", "The four"))]
    assert len(paragraphs) == 2
    assert "\n\n" not in text and text == text.strip()


def test_no_date_without_metadata() -> None:
    undated = NEWS_PAGE.replace(
        '<meta property="article:published_time" content="2021-03-16T10:00:00+09:00">', ""
    )
    assert "2021-03-16" not in undated
    page = extract_html(undated, url=None, settings=SETTINGS)
    assert page.published is None


def test_site_falls_back_to_the_host_name() -> None:
    anonymous = NEWS_PAGE.replace('property="og:site_name"', 'property="og:locale"')
    page = extract_html(anonymous, url="https://www.kyodonews.net/news/1", settings=SETTINGS)
    assert page.site is not None and "kyodonews.net" in page.site


def test_malformed_html_with_text_still_extracts() -> None:
    sloppy = (
        "<html><body><div><p>First paragraph of a report that was never closed properly, "
        "long enough to count as the text of an article about the talks."
        "<p>Second paragraph, <b>bold and never closed, carrying on about the ministers "
        "who met in Tokyo on Tuesday.<div><span>"
    )
    page = extract_html(sloppy, url=None, settings=SETTINGS)
    assert "First paragraph" in page.text and "met in Tokyo" in page.text


def test_deeply_nested_bomb_is_refused_fast() -> None:
    error = reject("<div>" * 100_000 + "text")
    assert error.code is Code.MALFORMED_HTML
    assert f"nested more than {SETTINGS.max_html_depth} deep" in error.reason


def test_depth_limit_comes_from_settings() -> None:
    shallow = SETTINGS.override({"max_html_depth": 10})
    nested = "<html><body>" + "<div>" * 12 + "<p>text</p>" + "</div>" * 12 + "</body></html>"
    assert reject(nested, shallow).code is Code.MALFORMED_HTML
    check_html_shape(nested, 20)  # no error


def test_a_flood_of_tags_is_refused() -> None:
    error = reject("<br>" * 100_000)
    assert error.code is Code.MALFORMED_HTML
    assert "100,000 tags" in error.reason


@pytest.mark.parametrize(
    "html",
    [
        # End tags that HTML lets authors leave out do not count as nesting.
        "<ul>" + "<li>item" * 2_000 + "</ul>",
        "<table>" + "<tr><td>a<td>b" * 1_000 + "</table>",
        "<div>" + "<p>para" * 2_000 + "</div>",
        # Tags in scripts, comments and attributes' text are not tags.
        "<script>" + "<div>" * 2_000 + "</script>",
        "<!--" + "<div>" * 2_000 + "-->",
        "<div>" * 50 + "</div>" * 50 + "<div/>" * 1_000,
        "<p>" + "stray end tags</span>" * 1_000,
    ],
)
def test_ordinary_sloppy_html_passes_the_shape_check(html: str) -> None:
    check_html_shape(html, 400)


@pytest.mark.parametrize("html", ["<!--" * 50_000, "<a" * 50_000, "<" * 100_000])
def test_shape_check_accepts_unterminated_constructs(html: str) -> None:
    # Speed on such input is measured by benchmarks, not asserted here.
    check_html_shape(html, 400)


@pytest.mark.parametrize(
    "html", ["<html><body><div><img src='a.png'></div></body></html>", "<p></p>", "   "]
)
def test_no_text(html: str) -> None:
    assert reject(html).code is Code.NO_TEXT


def test_parser_errors_become_malformed_html(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", explode)
    error = reject(NEWS_PAGE)
    assert error.code is Code.MALFORMED_HTML
    assert "RecursionError" in error.reason
