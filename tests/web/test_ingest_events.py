"""HTTP ingest runs the same analysis as `storyline ingest`: events included."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline import KnowledgeBase
from storyline.cli.main import main
from storyline.web.app import create_app

REPORT = {
    "text": "Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi in Tokyo "
    "on March 16, 2021. The two ministers held talks on the alliance and agreed to strengthen "
    "cooperation, officials said after the meeting.",
    "title": "Talks in Tokyo",
    "published": "2021-03-17",
    "source": "http-wire",
}


@pytest.mark.model
def test_reports_posted_over_http_get_their_events(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    KnowledgeBase.open(db, create=True).close()
    app = create_app(db, allow_ingest=True, allowed_hosts=["testserver"])
    with TestClient(app) as client:
        response = client.post("/api/ingest", json=[REPORT])
        assert response.status_code == 200, response.text
        assert response.json()["stored"] == 1
    with KnowledgeBase.open(db) as kb:
        events = kb.timeline(low_salience=True)
        assert any(event["date"] == "2021-03-16" for event in events), events
        assert kb.stats()["events"] >= 1


def test_serve_with_ingest_creates_a_missing_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: started.append(app))
    db = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--allow-ingest"])
    assert result.exit_code == 0, result.output
    assert db.exists() and started
    with KnowledgeBase.open(db) as kb:
        assert kb.stats()["reports"] == 0
