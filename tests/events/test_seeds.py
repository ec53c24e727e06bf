"""The seed reports (issue 5), end to end; skipped when the shared corpus is absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path("/work/shared/corpus/seeds")
pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed corpus is absent"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    db = tmp_path_factory.mktemp("seeds") / "e.db"
    tool = str(Path(sys.executable).with_name("storyline"))
    subprocess.run([tool, "ingest", str(SEEDS), "--db", str(db)], check=True, capture_output=True)
    out = subprocess.run([tool, "export", "--db", str(db)], check=True, capture_output=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_no_event_is_dated_by_a_point_of_reference(exported: dict) -> None:  # type: ignore[type-arg]
    # "The meeting, the first of its kind since April 2019, …" dates no event
    assert not [e["title"] for e in exported["events"] if (e["date"] or "").startswith("2019")]


def test_the_missile_launch_keeps_its_own_day(exported: dict) -> None:  # type: ignore[type-arg]
    launches = [e for e in exported["events"] if e["type"] == "missile_launch" and e["date"]]
    assert [e["date"] for e in launches] == ["2022-01-05"]


def test_no_meeting_has_its_place_as_a_host(exported: dict) -> None:  # type: ignore[type-arg]
    for event in exported["events"]:
        if event["type"] == "meeting":
            assert "host" not in [p["role"] for p in event["participants"]], event["title"]
