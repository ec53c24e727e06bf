"""The command line end to end, with the real model, on the demo corpus and the seeds."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.main import main
from tests.conftest import EXAMPLES
from tests.export.test_export import check_contract

pytestmark = [pytest.mark.model, pytest.mark.slow]


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    invoke("ingest", str(EXAMPLES), "--db", str(db))
    return db


def test_demo_ingest_finds_reports_people_and_places(demo_db: Path) -> None:
    figures = json.loads(invoke("stats", "--db", str(demo_db), "--json"))
    assert figures["reports"] >= 12
    assert figures["near_duplicates"] + figures["exact_duplicates"] >= 1
    assert figures["not_english"] >= 1
    people = {name for name, _mentions, _docs in figures["top"]["person"]}
    assert any("Blinken" in name for name in people)
    countries = {name for name, _mentions, _docs in figures["top"]["country"]}
    assert {"Japan", "United States"} <= countries


def test_reingesting_the_demo_adds_nothing(demo_db: Path) -> None:
    before = invoke("stats", "--db", str(demo_db), "--json")
    output = invoke("ingest", str(EXAMPLES), "--db", str(demo_db))
    assert "stored 0 new report(s)" in output
    assert f"{json.loads(before)['events']} events in the knowledge base" in output
    assert invoke("stats", "--db", str(demo_db), "--json") == before


def test_export_follows_the_contract(demo_db: Path) -> None:
    kb = json.loads(invoke("export", "--db", str(demo_db), "--format", "json"))
    check_contract(kb)
    assert any(doc["published_how"] == "metadata" for doc in kb["documents"])


def test_search_names_report_and_sentence(demo_db: Path) -> None:
    output = invoke("search", "alliance", "--db", str(demo_db), "--limit", "3")
    assert output.startswith("d") and "#" in output and "[" in output


def test_seeds_ingest_clean_with_entities(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    invoke("ingest", str(seeds_dir), "--db", str(db))
    kb = json.loads(invoke("export", "--db", str(db)))
    check_contract(kb)
    texts = "\n".join(doc["text"] for doc in kb["documents"])
    for debris in (
        "Loading",
        "Comment(s) Write comment",
        "Trackback (You need to login.)",
        "Recent Comments",
        "Enlarge Image",
        "▲ U.S. Secretary of Defense",
    ):
        assert debris not in texts
    assert "Still, Washington has demonstrated a willingness to engage in dialogue" in texts
    dateline = next(
        doc
        for doc in kb["documents"]
        if doc["id"]
        and "AJMEDIA" not in doc["text"]
        and "virtual ministerial security meeting" in doc["text"]
    )
    # "Tokyo, 7 January" has no year: a constraint for the solver, not a date by itself.
    assert dateline["published_how"] != "dateline"
    names = {alias for entity in kb["entities"] for alias in entity["aliases"]}
    assert {"Blinken", "Austin"} <= names


def test_events_timeline_and_show(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    invoke("ingest", str(seeds_dir), "--db", str(db))
    kb = json.loads(invoke("export", "--db", str(db)))
    check_contract(kb)
    assert kb["events"] and kb["stories"]
    lines = invoke("timeline", "--db", str(db), "--entity", "Blinken").splitlines()
    assert lines and all("Antony Blinken" in line or "source(s)" in line for line in lines)
    event_id = lines[0].split()[-1]
    shown = json.loads(invoke("show", "event", event_id, "--db", str(db)))
    assert shown["id"] == event_id and all(e["text"] for e in shown["evidence"])
    entity = json.loads(invoke("show", "entity", "Motegi", "--db", str(db)))
    assert entity["name"] == "Toshimitsu Motegi" and "Toshimichi Shigeki" in entity["aliases"]
    # The 2023 meeting has no date in its report: listed apart, with the report's window.
    undated = invoke("timeline", "--db", str(db), "--undated", "--entity", "Hamada").splitlines()
    assert undated and all(line.startswith("undated") for line in undated)
    assert any("[reports 2022-08-11..2023-09-13]" in line for line in undated)
    assert "no undated event" in invoke("timeline", "--db", str(db), "--undated", "--to", "2019")
