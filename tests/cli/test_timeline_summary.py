"""`storyline timeline --summary`: a dated briefing as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.main import main
from tests.test_briefing import build_kb


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return build_kb(tmp_path)


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["timeline", "--db", str(db), "--summary", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_summary_as_json(kb: Path) -> None:
    out = json.loads(run(kb, "--dates", "2", "--sentences", "1", "--json"))
    assert out["format"] == "storyline-timeline/1"
    assert [d["date"] for d in out["dates"]] == ["2021-03-16", "2021-03-17"]
    first = out["dates"][0]
    assert first["events"] == ["v1"] and len(first["sentences"]) == 1
    assert first["sentences"][0]["document"] == "d1"


def test_the_summary_as_text(kb: Path) -> None:
    lines = run(kb, "--entity", "Blinken", "--dates", "1", "--sentences", "1").splitlines()
    assert lines[0] == "2021-03-16  (1 event)"
    assert lines[1].startswith("  - Blinken met Motegi in Tokyo on Tuesday.  [d1 ")


def test_nothing_matches_and_bad_options(kb: Path) -> None:
    assert run(kb, "--from", "2030").strip() == "no event dated to the day matches"
    result = CliRunner().invoke(main, ["timeline", "--db", str(kb), "--story", "s1"])
    assert result.exit_code != 0 and "--summary" in result.output
    result = CliRunner().invoke(main, ["timeline", "--db", str(kb), "--summary", "--dates", "0"])
    assert result.exit_code != 0
    result = CliRunner().invoke(main, ["timeline", "--db", str(kb), "--summary", "--story", "nope"])
    assert result.exit_code == 1 and "no story 'nope'" in result.output


def test_the_type_narrows_and_undated_is_refused(kb: Path) -> None:
    out = json.loads(run(kb, "--type", "visit", "--json"))
    assert [d["events"] for d in out["dates"]] == [["v2"]]
    result = CliRunner().invoke(main, ["timeline", "--db", str(kb), "--summary", "--undated"])
    assert result.exit_code != 0 and "--undated" in result.output


def test_the_summary_as_markdown(kb: Path) -> None:
    out = run(kb, "--entity", "Blinken", "--dates", "1", "--sentences", "1", "--markdown")
    lines = out.splitlines()
    assert lines[0] == "# Timeline summary: Blinken"
    assert lines[2] == "## 2021-03-16 (1 event)"
    assert lines[4].startswith("- Blinken met Motegi in Tokyo on Tuesday. (report `d1`")
