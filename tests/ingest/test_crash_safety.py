"""`storyline ingest` killed at random moments, then run again, stores what one run stores.

These run the real command (worker processes, the model) as a user would, so
they are slow; the corpus is the demo reports (with the seeds when present).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SEEDS

pytestmark = [pytest.mark.model, pytest.mark.slow]

KILLS = 20


def corpus() -> list[str]:
    return [str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])


def command(db: Path, config: Path, *extra: str) -> list[str]:
    cli = [sys.executable, "-m", "storyline.cli.main", "--config", str(config)]
    return [*cli, *extra, "--db", str(db)]


def start(db: Path, config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command(db, config, "ingest", *corpus()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = {pid for pid in pids if Path(f"/proc/{pid}").exists() and not zombie(pid)}
        if not alive:
            return True
        time.sleep(0.2)
    return False


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def knowledge_base(db: Path, config: Path) -> dict[str, Any]:
    """What a user sees (the export) and what the store holds per report, minus clock times."""
    exported = subprocess.run(
        command(db, config, "export", "--format", "json"), capture_output=True, check=True
    )
    kb = json.loads(exported.stdout)
    for document in kb["documents"]:
        document.pop("ingested_at", None)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("documents", "removed_lines", "sentences", "mentions", "quotes", "timexes"):
            kb[f"rows:{table}"] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        kb["inputs"] = sorted(
            connection.execute("SELECT key, status, code FROM inputs").fetchall()
        )
        kb["line_counts"] = sorted(connection.execute("SELECT * FROM line_counts").fetchall())
        kb["fingerprints"] = sorted(
            connection.execute("SELECT document_id, text_hash FROM fingerprints").fetchall()
        )
        kb["bands"] = connection.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
    return kb


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "storyline.toml"
    path.write_text("batch_size = 2\nprocesses = 2\n", encoding="utf-8")
    return path


def test_killed_twenty_times_and_resumed_it_stores_what_one_run_stores(
    tmp_path: Path, config: Path
) -> None:
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    subprocess.run(command(reference, config, "ingest", *corpus()), capture_output=True, check=True)
    duration = time.monotonic() - started

    db = tmp_path / "killed.db"
    moments = random.Random(20).sample(range(1, 1000), KILLS)
    orphans: set[int] = set()
    for moment in moments:
        process = start(db, config)
        time.sleep(duration * moment / 1000)
        workers = children(process.pid)
        process.kill()
        process.wait()
        orphans |= workers
    assert gone(orphans, within=30), "worker processes outlived their killed parent"
    finished = subprocess.run(
        command(db, config, "ingest", *corpus()), capture_output=True, check=True
    )
    assert b"Traceback" not in finished.stderr
    assert knowledge_base(db, config) == knowledge_base(reference, config)


def test_two_ingests_at_once_both_succeed(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "kb.db"
    first, second = start(db, config), start(db, config)
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    messages = (first.stderr.read() + second.stderr.read()).decode()  # type: ignore[union-attr]
    assert "waiting for another ingest" in messages and "Traceback" not in messages


def test_ctrl_c_ends_the_run_within_seconds_and_resumes(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "kb.db"
    process = start(db, config)
    time.sleep(8)  # the model is loaded and reports are on their way
    workers = children(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to the whole group
    assert process.wait(timeout=15) == 130
    said = process.stderr.read()  # type: ignore[union-attr]
    assert b"run the same command again" in said and b"Traceback" not in said
    assert gone(workers, within=10)
    subprocess.run(command(db, config, "ingest", *corpus()), capture_output=True, check=True)
