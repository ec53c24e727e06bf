"""Old ids on the web: a page or API resource asked for by an id that stopped naming
anything answers 307 to the current one; an id that never named anything is 404."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.web.app import create_app
from tests.export.test_export import build_with_redirects


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_with_redirects(tmp_path_factory.mktemp("redirects"))
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("/events/vold1", "/events/v1", "merged or split"),
        ("/stories/sold1", "/stories/s1", "merged or split"),
        ("/entities/eold1", "/entities/e1", "renamed"),
        ("/entities/eold1?page=2", "/entities/e1?page=2", "renamed"),  # the query string kept
        ("/api/events/vold2", "/api/events/v1", "merged or split"),
        ("/api/stories/sold1", "/api/stories/s1", "merged or split"),
        ("/api/entities/eold1", "/api/entities/e1", "renamed"),
        ("/api/entities/eold1/documents?limit=5", "/api/entities/e1/documents?limit=5", "renamed"),
    ],
)
def test_an_old_id_is_sent_on_to_the_current_one(
    client: TestClient, old: str, new: str, reason: str
) -> None:
    response = client.get(old, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == new
    assert response.headers["storyline-redirect-reason"].replace("%20", " ") == reason
    assert client.get(old).status_code == 200  # and the current one is there


def test_the_current_page_is_what_the_old_id_leads_to(client: TestClient) -> None:
    assert client.get("/api/events/vold1").json()["summary"]["id"] == "v1"
    page = client.get("/events/vold1")
    assert page.status_code == 200 and "Blinken meets Motegi" in page.text


@pytest.mark.parametrize(
    "path",
    ["/events/vnever", "/stories/snever", "/entities/enever", "/api/events/vnever",
     "/api/stories/snever", "/api/entities/enever", "/api/entities/enever/documents",
     "/api/stories/vold1"],
)  # fmt: skip
def test_an_id_that_never_named_anything_is_404(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404 and "location" not in response.headers


def test_the_api_documents_the_redirect(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/events/{event_id}", "/api/stories/{story_id}", "/api/entities/{entity_id}"):
        route = paths[path]["get"]
        assert "307" in route["responses"] and "307" in route["summary"]


def test_a_redirect_cannot_lead_off_site(tmp_path: Path) -> None:
    import sqlite3

    db = build_with_redirects(tmp_path)
    with sqlite3.connect(db) as raw:
        raw.execute(
            "INSERT INTO redirects VALUES ('event', 'vodd', '//evil.example/x?y#z', 'merged')"
        )
    with TestClient(create_app(db, allowed_hosts=["testserver"])) as client:
        response = client.get("/events/vodd", follow_redirects=False)
    assert response.headers["location"] == "/events/%2F%2Fevil.example%2Fx%3Fy%23z"
