"""`storyline timeline`: events of low salience are counted in one line, listed with --all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import main
from storyline.records import Event, Evidence
from storyline.store.events import replace_events
from storyline.store.sqlite import Store
from tests.export.test_export import MEETING, build

# Told by one report only, with no participant and no place: the merger marks it low.
LOW = replace(
    MEETING, id="v2", title="A meeting", date="2021-03-17", date_basis="report",
    participants=(), documents=("d2",), evidence=(Evidence("d2", 0, 14),),
    attributes=(("salience", "low"),),
)  # fmt: skip
ANOTHER_LOW = replace(LOW, id="v3", date="2021-03-18")


def timeline(db: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(main, ["timeline", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def with_events(tmp_path: Path, *events: Event) -> Path:
    db: Path = build(tmp_path)
    with Store(db) as store, store.transaction():
        replace_events(store.db, list(events), [])
    return db


def test_low_salience_events_are_counted_in_one_line(tmp_path: Path) -> None:
    db = with_events(tmp_path, MEETING, LOW, ANOTHER_LOW)
    lines = timeline(db)
    assert len(lines) == 2
    assert lines[0].startswith("2021-03-16") and lines[0].endswith("v1")
    assert lines[1] == (
        "… and 2 low-salience events (one report, no who or where; --all to list them)"
    )


def test_all_lists_them_in_date_order_marked(tmp_path: Path) -> None:
    db = with_events(tmp_path, MEETING, LOW, ANOTHER_LOW)
    lines = timeline(db, "--all")
    assert [line.split()[-1] for line in lines] == ["v1", "v2", "v3"]
    assert ["[low salience]" in line for line in lines] == [False, True, True]


def test_no_line_when_nothing_was_left_out(tmp_path: Path) -> None:
    db = with_events(tmp_path, MEETING, LOW)
    assert len(timeline(db, "--entity", "Blinken")) == 1  # the low one has no participant
    assert timeline(db, "--to", "2021-03-16") == timeline(db, "--to", "2021-03-16", "--all")
    assert timeline(db, "--from", "2021-03-17") == [
        "… and 1 low-salience event (one report, no who or where; --all to list them)"
    ]
