"""Every page over HTTP: what it shows, its links, its filters, its errors."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


def page(client: TestClient, path: str, **params: object) -> str:
    response = client.get(path, params=params or None)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_home_shows_counts_and_top_entities(client: TestClient) -> None:
    overview = client.get("/api/overview").json()
    html = page(client, "/")
    assert f"{overview['reports']} reports" in html
    assert "Most reported countries" in html and 'href="/entities/' in html
    assert 'href="/timeline"' in html


def test_timeline_lists_dated_reports_with_entities_sources_and_flags(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = page(client, "/timeline")
    timeline = client.get("/api/timeline", params={"limit": 200}).json()
    assert timeline["items"]["total"] >= 5
    for item in timeline["items"]["items"]:
        assert f'href="/reports/{item["id"]}"' in html
    assert "1 source" in html and "metadata" in html and "inferred" in html
    assert 'class="chip' in html  # entities of each report
    assert "not on the timeline" in html  # the undated reports are counted, not hidden
    assert ids["copy"] not in html  # a duplicate is folded into its original


def test_timeline_zooms_from_years_to_days(client: TestClient) -> None:
    html = page(client, "/timeline", zoom="year")
    assert "Reports per year" in html
    years = re.findall(r'href="(/timeline\?[^"]*zoom=month[^"]*)"', html)
    assert years, "each year's bar links to its months"
    months = page(client, unescape(years[0]))
    assert "Reports per month" in months and 'id="zoom-out"' in months
    assert 'id="pan-before"' in months and 'id="pan-after"' in months
    days = re.findall(r'href="(/timeline\?[^"]*zoom=day[^"]*)"', months)
    assert days
    assert "Reports per day" in page(client, unescape(days[0]))


def test_timeline_filters(client: TestClient, ids: dict[str, str]) -> None:
    hand = page(client, "/timeline", source="Hand Wire")
    assert "Motegi and Blinken meet" in hand and "Japan, US hold 2+2" not in hand
    inferred = page(client, "/timeline", how="inferred")
    assert "Motegi and Blinken meet" in inferred and "by video link" not in inferred
    ranged = page(client, "/timeline", start="2021-03-01", end="2021-03-31")
    assert "Motegi and Blinken meet" in ranged  # dated 2021-03: inside March
    assert "by video link" not in ranged  # 2022
    blinken = page(client, "/timeline", entity=ids["blinken"])
    assert "Blinken in Tokyo" in blinken and "mentioning" in blinken
    assert "by video link" not in page(client, "/timeline", kind="event")


def test_report_page_highlights_mentions_and_time_expressions(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = page(client, f"/reports/{ids['hand']}")
    assert '<span class="sentence" id="s0">' in html and 'id="s1"' in html
    assert re.search(r'<a class="mention person" id="m\d+" href="/entities/ehandmotegi01"', html)
    assert 'class="timex" title="DATE 2021-03-16"' in html
    assert "16 March 2021" in html and "2021-03-18" in html  # the time expressions table
    assert "inferred from the text, confidence 80%" in html
    assert "names the month" in html  # the dating evidence
    assert "Removed lines" in html and "comment widget" in html
    assert "title: Foreign Minister" in html
    quote = r'<span class="quote direct" id="q\d+" title="direct quote of Toshimitsu Motegi"'
    assert re.search(quote, html)
    assert "Quotes" in html and "&lt;b onclick=x()&gt;strong&lt;/b&gt;" in html
    article = re.search(r'<article class="text"[^>]*>(.*?)</article>', html, re.S)
    assert article is not None
    assert text_of(article.group(1)) == client.get(f"/api/documents/{ids['hand']}").json()["text"]


def test_report_page_links_copies_both_ways(client: TestClient, ids: dict[str, str]) -> None:
    original = page(client, f"/reports/{ids['original']}")
    assert "Copies of this report" in original and f'href="/reports/{ids["copy"]}"' in original
    assert "2 sources" in original or "1 source" in original
    copy = page(client, f"/reports/{ids['copy']}")
    assert "This report copies" in copy and f'href="/reports/{ids["original"]}"' in copy


def test_reports_list_pages_and_filters(client: TestClient) -> None:
    html = page(client, "/reports")
    assert "Reports" in html and "Hand Wire" in html
    undated = page(client, "/reports", dated="no")
    assert "Motegi and Blinken meet" not in undated and "undated" in undated
    assert "Motegi and Blinken meet" in page(client, "/reports", source="Hand Wire")


def test_entity_page_shows_aliases_where_seen_titles_and_reports(
    client: TestClient, ids: dict[str, str]
) -> None:
    html = page(client, "/entities/ehandmotegi01")
    assert "Toshimitsu Motegi" in html
    assert 'href="https://www.wikidata.org/wiki/Q1150186"' in html
    assert "Names seen" in html and f'href="/reports/{ids["hand"]}#m' in html
    assert "Foreign Minister" in html  # the title the report gave him
    assert "Motegi and Blinken meet" in html
    assert "Often in the same reports" in html
    assert "What Toshimitsu Motegi said" in html and f"/reports/{ids['hand']}#q" in html
    blinken = page(client, f"/entities/{ids['blinken']}")
    assert "Reports per month" in blinken or "Undated" in blinken


def test_entity_list_filters_by_type_and_name(client: TestClient) -> None:
    people = page(client, "/entities", type="person")
    assert "Antony Blinken" in people and ">Tokyo<" not in people
    assert "Tokyo" in page(client, "/entities", q="tok")
    assert "No entity matches" in page(client, "/entities", q="zzzz-nothing")


def test_search_page_links_each_hit_to_its_sentence(client: TestClient) -> None:
    html = page(client, "/search", q="alliance")
    assert "matching sentence" in html and "<mark>alliance</mark>" in html
    anchors = re.findall(r'href="/reports/(d[0-9a-f]+)#s(\d+)"', html)
    assert anchors
    doc, sentence = anchors[0]
    report = page(client, f"/reports/{doc}")
    assert f'id="s{sentence}"' in report


def test_semantic_search_page(client: TestClient) -> None:
    html = page(client, "/search", q="ballistic missile launch", mode="semantic")
    assert "nearest in meaning" in html and "similarity" in html
    assert re.search(r'href="/reports/d[0-9a-z]+#s\d+"', html)


def test_search_filters(client: TestClient) -> None:
    html = page(client, "/search", q="Blinken", source="Hand Wire")
    assert "Motegi and Blinken meet" in html and "Blinken in Tokyo" not in html
    assert "No sentence matches" in page(client, "/search", q="Blinken", start="1999", end="1999")


@pytest.mark.parametrize("path", ["/reports/dnothing", "/entities/enothing", "/no-such-page"])
def test_missing_things_are_404_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Not found" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/timeline?start=yesterday",
        "/timeline?zoom=week",
        "/reports?sort=seq;DROP%20TABLE%20documents",
        "/entities?type=alien",
        "/search?q=x&mode=magic",
        "/timeline?page=0",
    ],
)
def test_bad_parameters_are_400_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "Bad parameter" in response.text


def test_static_assets_ship_in_the_package(client: TestClient) -> None:
    for asset in ("/static/storyline.css", "/static/storyline.js", "/static/favicon.svg"):
        response = client.get(asset)
        assert response.status_code == 200 and response.content
    html = page(client, "/")
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == [], "no asset from another host"


def test_an_empty_knowledge_base_shows_empty_pages(tmp_path: Path) -> None:
    from storyline.store.sqlite import Store
    from storyline.web.app import create_app

    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as empty:
        for path in (
            "/",
            "/timeline",
            "/reports",
            "/entities",
            "/search?q=anything",
            "/search?q=anything&mode=semantic",
        ):
            response = empty.get(path)
            assert response.status_code == 200, path
        assert "No dated report matches" in empty.get("/timeline").text
        assert empty.get("/api/timeline").json()["items"]["total"] == 0


def test_report_page_says_where_the_report_came_from(tmp_path: Path) -> None:
    from storyline.store.sqlite import Store
    from storyline.web.app import create_app
    from tests.conftest import make_document

    db = tmp_path / "kb.db"
    text = "Blinken met Motegi in Tokyo on Tuesday. They discussed the alliance at length."
    with Store(db) as store, store.transaction():
        store.write_document(
            make_document(
                text,
                id="dorigin00000001",
                origin="feeds/<b>wire</b>.jsonl#L12",
                url="https://example.org/talks?a=1&b=2",
            )
        )
        store.write_document(make_document(text + " Again.", id="dorigin00000002", origin="-"))
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as client:
        html = page(client, "/reports/dorigin00000001")
        assert "feeds/&lt;b&gt;wire&lt;/b&gt;.jsonl:12" in html  # the input and its line
        assert "<b>wire" not in html
        assert 'href="https://example.org/talks?a=1&amp;b=2"' in html
        assert client.get("/api/documents/dorigin00000001").json()["origin"] == (
            "feeds/<b>wire</b>.jsonl:12"
        )
        stdin = text_of(page(client, "/reports/dorigin00000002"))
        assert re.search(r"Input\s*-\s*Id", stdin)  # standard input
