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


_CORPUS: list[str] = []
# Names, not numbers: digits fold into one line key.
_QUAYS = "north south east west river market mill ferry bridge fish salt coal"
QUAYS = _QUAYS.split()


def corpus() -> list[str]:
    return [*_CORPUS, str(EXAMPLES)] + ([str(SEEDS)] if SEEDS.is_dir() else [])


_WORDS = (
    "the council said on monday that the new harbour plan would bring more ships and jobs to "
    "the town but residents who live near the water fear noise and traffic from trucks at night "
    "officials promised a study of the effects before any work begins and the mayor told "
    "reporters that the vote would take place after a public meeting in the old market hall "
    "where people can ask questions about the cost the schedule and the money from the state"
)
WORDS = _WORDS.split()


def write_outlet(folder: Path) -> None:
    """Twenty-four English reports of one outlet; reports i and i + 12 share a short line.
    Seen twice, the line is kept; a run that counted a report's lines again would see it
    three times and drop it as the outlet's boilerplate."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(24):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(16)).capitalize() + "." for _ in range(8)
        ]
        shared = f"The harbour desk filed its {QUAYS[number % 12]} note at dawn."
        body = "\n\n".join([sentences[0], shared, *sentences[1:]])
        (folder / f"report{number:02}.txt").write_text(body + "\n", encoding="utf-8")


def command(db: Path, config: Path, *extra: str) -> list[str]:
    cli = [sys.executable, "-m", "storyline.cli.main", "--config", str(config)]
    return [*cli, *extra, "--db", str(db)]


def start(db: Path, config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command(db, config, "ingest", *corpus()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # As a terminal starts a command: Ctrl-C as by default, whatever this test
        # process inherited or was left with (an ignored SIGINT is inherited, and a
        # Python started with it ignored keeps ignoring it).
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def wait_for(process: subprocess.Popen[bytes], db: Path, reports: int) -> None:
    """Until `reports` reports are stored (or the run ends)."""
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if stored(db) >= reports:
            return
        time.sleep(0.02)


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
        kb["inputs"] = sorted(connection.execute("SELECT key, status, code FROM inputs").fetchall())
        kb["line_counts"] = sorted(connection.execute("SELECT * FROM line_counts").fetchall())
        kb["fingerprints"] = sorted(
            connection.execute("SELECT document_id, text_hash FROM fingerprints").fetchall()
        )
        kb["bands"] = connection.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
    return kb


@pytest.fixture
def config(tmp_path: Path) -> Path:
    write_outlet(tmp_path / "outlet")
    _CORPUS[:] = [str(tmp_path / "outlet")]
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
    total = stored(reference)
    rng = random.Random(20)
    orphans: set[int] = set()
    for kill in range(KILLS):
        process = start(db, config)
        done = stored(db)
        if kill % 3 == 2 or done >= total - 1:
            # Any moment: loading the model, reading, the corpus steps at the end.
            time.sleep(duration * rng.random())
        else:
            # Just after a batch is committed, mid-run: the moment a lost count would show.
            wait_for(process, db, rng.randint(done + 1, total - 1))
        orphans |= children(process.pid)
        process.kill()
        process.wait()
    assert gone(orphans, within=30), "worker processes outlived their killed parent"
    finished = subprocess.run(
        command(db, config, "ingest", *corpus()), capture_output=True, check=True
    )
    assert b"Traceback" not in finished.stderr
    kept = knowledge_base(db, config)
    assert sum("The harbour desk filed its" in d["text"] for d in kept["documents"]) == 24
    assert kept == knowledge_base(reference, config)


def test_two_ingests_at_once_both_succeed(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "kb.db"
    first, second = start(db, config), start(db, config)
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    messages = (first.stderr.read() + second.stderr.read()).decode()  # type: ignore[union-attr]
    assert "waiting for another ingest" in messages and "Traceback" not in messages


def test_ctrl_c_ends_the_run_within_seconds_and_resumes(tmp_path: Path, config: Path) -> None:
    db = tmp_path / "kb.db"
    process = start(db, config)
    wait_for(process, db, 2)  # the model is loaded and reports are on their way
    workers = children(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to the whole group
    assert process.wait(timeout=15) == 130
    said = process.stderr.read()  # type: ignore[union-attr]
    assert b"run the same command again" in said and b"Traceback" not in said
    assert gone(workers, within=10)
    subprocess.run(command(db, config, "ingest", *corpus()), capture_output=True, check=True)
