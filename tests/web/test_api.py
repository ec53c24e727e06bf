"""The HTTP API: every endpoint, paging, errors, the OpenAPI description, ingest behind a flag."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.nlp.spacy_stage import SpacyStage
from storyline.web.app import create_app
from tests.web.conftest import build_knowledge_base

ENDPOINTS = {
    "/api/overview",
    "/api/sources",
    "/api/documents",
    "/api/documents/{doc_id}",
    "/api/entities",
    "/api/entities/{entity_id}",
    "/api/entities/{entity_id}/documents",
    "/api/quotes",
    "/api/timeline",
    "/api/search",
    "/api/events",
    "/api/events/{event_id}",
    "/api/stories",
    "/api/stories/{story_id}",
}


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params or None)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = get(client, "/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == ENDPOINTS  # no ingest: the server is read-only
    assert "TimelineItem" in spec["components"]["schemas"]
    timeline = spec["paths"]["/api/timeline"]["get"]
    assert {p["name"] for p in timeline["parameters"]} >= {
        "start",
        "end",
        "entity",
        "source",
        "kind",
        "type",
        "zoom",
        "offset",
        "limit",
    }
    assert client.get("/docs").status_code == 404  # the CDN-hosted Swagger UI is off


def test_overview_and_sources(client: TestClient) -> None:
    overview = get(client, "/api/overview")
    assert overview["reports"] == overview["originals"] + overview["duplicates"]
    assert overview["timexes"] >= 2 and overview["vectors"] == overview["sentences"]
    sources = get(client, "/api/sources")
    assert sum(s["reports"] for s in sources) == overview["reports"]


def test_documents_page_without_gaps_or_overlaps(client: TestClient) -> None:
    total = get(client, "/api/documents", limit=1)["total"]
    seen: list[str] = []
    for offset in range(0, total, 4):
        page = get(client, "/api/documents", offset=offset, limit=4, sort="oldest")
        assert page["total"] == total and page["offset"] == offset and page["limit"] == 4
        seen += [d["id"] for d in page["items"]]
    assert len(seen) == len(set(seen)) == total
    originals = get(client, "/api/documents", originals=True, limit=200)
    assert all(d["duplicate_of"] is None for d in originals["items"])
    undated = get(client, "/api/documents", dated=False, limit=200)["items"]
    assert undated and all(d["published"] is None for d in undated)


def test_one_document_whole(client: TestClient, ids: dict[str, str]) -> None:
    doc = get(client, f"/api/documents/{ids['hand']}")
    text = doc["text"]
    assert [s["position"] for s in doc["sentences"]] == [0, 1, 2]
    for mention in doc["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for timex in doc["timexes"]:
        assert text[timex["start"] : timex["end"]] == timex["text"]
    assert doc["dating"]["how"] == "inferred" and doc["dating"]["confidence"] == 0.8
    assert doc["removed"][0]["kind"] == "debris"
    original = get(client, f"/api/documents/{ids['original']}")
    assert ids["copy"] in [d["id"] for d in original["duplicates"]]
    assert get(client, f"/api/documents/{ids['copy']}")["original"]["id"] == ids["original"]


def test_entities_paged_and_filtered(client: TestClient) -> None:
    everyone = get(client, "/api/entities", limit=200)
    reports = [e["reports"] for e in everyone["items"]]
    assert reports == sorted(reports, reverse=True)
    first, second = (get(client, "/api/entities", offset=o, limit=3)["items"] for o in (0, 3))
    assert not {e["id"] for e in first} & {e["id"] for e in second}
    people = get(client, "/api/entities", type="person", limit=200)["items"]
    assert people and all(e["type"] == "person" for e in people)
    names = [e["name"] for e in get(client, "/api/entities", sort="name", limit=200)["items"]]
    assert names == sorted(names, key=str.casefold)
    assert all("tok" in e["name"].lower() for e in get(client, "/api/entities", q="Tok")["items"])


def test_one_entity_with_aliases_and_its_reports(client: TestClient, ids: dict[str, str]) -> None:
    entity = get(client, f"/api/entities/{ids['blinken']}")
    assert entity["summary"]["type"] == "person"
    alias = entity["aliases"][0]
    assert alias["seen"] and alias["seen"][0]["document"].startswith("d")
    reports = get(client, f"/api/entities/{ids['blinken']}/documents", limit=2)
    assert reports["total"] == entity["summary"]["reports"] >= 2
    assert len(reports["items"]) == 2
    assert all(item["kind"] == "report" for item in reports["items"])


def test_quotes_by_speaker_and_by_report(client: TestClient, ids: dict[str, str]) -> None:
    said = get(client, "/api/quotes", speaker="ehandmotegi01")
    assert said["total"] == 1
    (item,) = said["items"]
    quote = item["quote"]
    text = get(client, f"/api/documents/{ids['hand']}")["text"]
    assert (
        text[quote["start"] : quote["end"]]
        == quote["text"]
        == ("The alliance is <b onclick=x()>strong</b>")
    )
    assert quote["speaker_name"] == "Toshimitsu Motegi" and item["source"] == "Hand Wire"
    assert get(client, "/api/quotes", document=ids["hand"])["total"] == 1
    everything = get(client, "/api/quotes", limit=200)
    assert everything["total"] >= 1
    assert all(
        q["quote"]["kind"] == "direct" for q in get(client, "/api/quotes", kind="direct")["items"]
    )


def test_timeline_buckets_add_up_and_items_are_in_date_order(client: TestClient) -> None:
    for zoom in ("year", "month", "day"):
        timeline = get(client, "/api/timeline", zoom=zoom, limit=200)
        assert timeline["zoom"] == zoom and timeline["kinds"] == ["report"]
        assert sum(b["count"] for b in timeline["buckets"]) == timeline["items"]["total"]
        dates = [item["date"] for item in timeline["items"]["items"]]
        assert dates == sorted(dates)
    month = get(client, "/api/timeline", zoom="day", start="2021-03", end="2021-03")
    imprecise = [b for b in month["buckets"] if not b["precise"]]
    assert imprecise == [{"key": "2021-03", "count": 1, "precise": False}]
    assert get(client, "/api/timeline", kind="event")["items"]["total"] == 0
    assert get(client, "/api/timeline", type="meeting")["items"]["total"] == 0


def test_timeline_pages(client: TestClient) -> None:
    total = get(client, "/api/timeline", limit=0)["items"]["total"]
    ids = [
        item["id"]
        for offset in range(0, total, 2)
        for item in get(client, "/api/timeline", offset=offset, limit=2)["items"]["items"]
    ]
    assert len(ids) == len(set(ids)) == total


def test_text_search_hits_point_at_their_sentence(client: TestClient) -> None:
    result = get(client, "/api/search", q="alliance", limit=5)
    assert result["hits"] and result["total"] >= len(result["hits"])
    for hit in result["hits"]:
        doc = get(client, f"/api/documents/{hit['document']}")
        assert doc["text"][hit["start"] : hit["end"]] == hit["text"]
        assert "".join(text for text, _match in hit["marked"]) == hit["text"]
        assert any(match for _text, match in hit["marked"])
    second = get(client, "/api/search", q="alliance", offset=5, limit=5)["hits"]
    assert not {(h["document"], h["sentence"]) for h in result["hits"]} & {
        (h["document"], h["sentence"]) for h in second
    }


def test_semantic_search(client: TestClient) -> None:
    result = get(client, "/api/search", q="missile fired over Japan", mode="semantic")
    scores = [hit["score"] for hit in result["hits"]]
    assert scores and scores == sorted(scores, reverse=True) and -1 <= scores[-1] <= 1
    filtered = get(client, "/api/search", q="ministers meet", mode="semantic", source="Hand Wire")
    assert filtered["hits"] and {h["source"] for h in filtered["hits"]} == {"Hand Wire"}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/dnothing", 404),
        ("/api/entities/enothing", 404),
        ("/api/entities/enothing/documents", 404),
        ("/api/documents?limit=0", 422),
        ("/api/documents?limit=100000", 422),
        ("/api/documents?sort=seq", 422),
        ("/api/timeline?start=2021-3-1", 422),
        ("/api/search", 422),
        ("/api/search?q=x&mode=both", 422),
    ],
)
def test_errors_are_json(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert "detail" in response.json()


def test_ingest_does_not_exist_without_the_flag(client: TestClient) -> None:
    response = client.post("/api/ingest", json=[{"text": "Blinken met Motegi in Tokyo."}])
    assert response.status_code in (404, 405)


@pytest.fixture
def writable(tmp_path: Path, blank_nlp: Any) -> TestClient:
    db = build_knowledge_base(tmp_path, blank_nlp)
    app = create_app(
        db,
        allow_ingest=True,
        allowed_hosts=["testserver"],
        ingest_stage=lambda: SpacyStage(blank_nlp, processes=1),
    )
    return TestClient(app)


REPORT = {
    "text": "Secretary of State Antony Blinken met officials in Tokyo to discuss the alliance "
    "with Japan and the pressure from China on the region's shipping lanes. " * 3,
    "title": "Posted over HTTP",
    "published": "2024-02-02",
    "source": "http-wire",
}


def test_ingest_over_http_with_the_flag(writable: TestClient) -> None:
    with writable as client:
        assert "/api/ingest" in client.get("/api/openapi.json").json()["paths"]
        before = get(client, "/api/overview")["reports"]
        response = client.post("/api/ingest", json=[REPORT, {"text": ""}])
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["stored"] == 1 and sum(result["skipped"].values()) == 1
        assert get(client, "/api/overview")["reports"] == before + 1  # the cache saw it
        assert get(client, "/api/search", q="shipping lanes")["hits"]
        again = client.post("/api/ingest", json=[REPORT]).json()
        assert again["stored"] == 0 and again["unchanged"] == 1


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        (json.dumps([REPORT]), {"content-type": "text/plain"}, 415),
        ("[{", {"content-type": "application/json"}, 400),
        (json.dumps({"text": "x"}), {"content-type": "application/json"}, 400),
        (json.dumps([{"title": "no text"}]), {"content-type": "application/json"}, 400),
        (
            json.dumps([REPORT]),
            {"content-type": "application/json", "origin": "http://evil.example"},
            403,
        ),
    ],
)
def test_ingest_refuses_bad_or_cross_site_requests(
    writable: TestClient, body: str, headers: dict[str, str], status: int
) -> None:
    with writable as client:
        response = client.post("/api/ingest", content=body, headers=headers)
        assert response.status_code == status, response.text
