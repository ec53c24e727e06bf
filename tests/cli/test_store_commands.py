"""The command line around the database, without the model: one ingest at a time, stats."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import main
from storyline.records import Skipped
from storyline.store.lock import WriterLock
from storyline.store.sqlite import Store
from tests.store.test_store import stored_document

TRACEBACK = 'Traceback (most recent call last):\n  File "x.py", line 1\nValueError: boom\n'


def test_an_ingest_that_waits_too_long_says_so_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    Store(db).close()
    config = tmp_path / "storyline.toml"
    config.write_text("ingest_wait_seconds = 0.3\n", encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Blinken met Motegi in Tokyo. They discussed the alliance.\n")
    other = WriterLock(db)  # another ingest, as far as the command can tell
    other.acquire()
    try:
        result = CliRunner().invoke(
            main, ["--config", str(config), "ingest", str(report), "--db", str(db)]
        )
    finally:
        other.release()
    assert result.exit_code == 1
    assert f"waiting for another ingest into {db} to finish (pid {os.getpid()})…" in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert "still running after 0.3 s (ingest_wait_seconds)" in error
    assert "Traceback" not in result.output


def _with_a_failed_input(db: Path) -> None:
    with Store(db) as store, store.transaction():
        store.write_document(stored_document())
        failed = Skipped(
            "k1", "feeds/day.jsonl#L3", "E010", "[E010] boom", "events.extract.v1", TRACEBACK
        )
        store.record_skip(failed)
        store.record_skip(Skipped("k2", "bad.bin", "E002", "[E002] the input is binary"))


def test_stats_lists_failed_inputs_and_their_tracebacks_on_request(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    _with_a_failed_input(db)
    plain = CliRunner().invoke(main, ["stats", "--db", str(db)])
    assert plain.exit_code == 0, plain.output
    assert "E002 x1: [E002] the input is binary (e.g. bad.bin)" in plain.output
    assert "feeds/day.jsonl#L3: E010 in events.extract.v1: [E010] boom" in plain.output
    assert "ValueError: boom" not in plain.output
    full = CliRunner().invoke(main, ["stats", "--db", str(db), "--tracebacks"])
    assert "      ValueError: boom" in full.output


def test_stats_json_has_failed_entries_with_the_traceback_only_on_request(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    _with_a_failed_input(db)
    plain = json.loads(CliRunner().invoke(main, ["stats", "--db", str(db), "--json"]).stdout)
    assert plain["failed"] == [
        {
            "origin": "feeds/day.jsonl#L3",
            "code": "E010",
            "stage": "events.extract.v1",
            "reason": "[E010] boom",
        }
    ]
    args = ["stats", "--db", str(db), "--json", "--tracebacks"]
    full = json.loads(CliRunner().invoke(main, args).stdout)
    assert full["failed"][0]["traceback"] == TRACEBACK


def test_readers_answer_while_a_writer_holds_its_transaction(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(stored_document())
    with Store(db) as store, store.transaction():
        store.write_document(stored_document("d2"))  # not committed yet
        for args in (
            ["stats", "--db", str(db)],
            ["search", "alliance", "--db", str(db)],
            ["timeline", "--db", str(db)],
            ["export", "--db", str(db)],
            ["show", "entity", "Blinken", "--db", str(db)],
        ):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 0, (args, result.output)
        assert "d2" not in CliRunner().invoke(main, ["export", "--db", str(db)]).stdout


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    for command in (["stats"], ["search", "x"], ["timeline"], ["export"], ["show", "event", "x"]):
        result = CliRunner().invoke(main, [*command, "--db", str(tmp_path / "none.db")])
        assert result.exit_code == 1
        assert result.output.strip().count("\n") == 0 and "no database at" in result.output
