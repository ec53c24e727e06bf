"""Several processes on one database: migrations, one writer at a time, readers beside it.

Real processes (multiprocessing), since SQLite's locks and `flock` are per process.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import sqlite3
import time
import traceback
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.export.writers import write_json
from storyline.store.lock import WriterLock, lock_path
from storyline.store.queries import Reader
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.sqlite import Store, connect
from storyline.store.views import Views
from tests.store.test_store import stored_document

FORK = multiprocessing.get_context("fork")


def _open_at_once(path: str, barrier: Barrier, as_store: bool) -> None:
    try:
        barrier.wait(10)
        if as_store:
            Store(path).close()
        else:
            connect(path).close()
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT type, name FROM sqlite_master ORDER BY type, name").fetchall()


@pytest.mark.slow
@pytest.mark.parametrize("as_store", [False, True], ids=["connect", "Store"])
def test_processes_opening_a_new_database_at_once_all_succeed(
    tmp_path: Path, as_store: bool
) -> None:
    reference = tmp_path / "reference.db"
    connect(reference).close()
    rounds, processes = (12, 4) if as_store else (30, 4)
    for number in range(rounds):
        path = tmp_path / f"new{number}.db"
        barrier = FORK.Barrier(processes)
        workers = [
            FORK.Process(target=_open_at_once, args=(str(path), barrier, as_store))
            for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert [w.exitcode for w in workers] == [0] * processes, f"round {number}"
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert _schema(path) == _schema(reference)


def _hold_the_writer(path: str, holding: Event, release: Event) -> None:
    with Store(path):
        holding.set()
        release.wait(30)
    os._exit(0)


def test_a_second_writer_waits_for_the_first_and_says_so_once(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    holding, release = FORK.Event(), FORK.Event()
    first = FORK.Process(target=_hold_the_writer, args=(str(db), holding, release))
    first.start()
    assert holding.wait(30)
    told: list[int | None] = []

    def on_wait(pid: int | None) -> None:
        told.append(pid)
        FORK.Process(target=_release_later, args=(release,)).start()

    started = time.monotonic()
    with Store(db, on_wait=on_wait) as store, store.transaction():
        store.write_document(stored_document())
    first.join(30)
    assert told == [first.pid]
    assert time.monotonic() - started >= 0.3  # it did wait for the first writer


def _release_later(release: Event) -> None:
    time.sleep(0.5)
    release.set()
    os._exit(0)


def test_a_writer_that_waits_too_long_gets_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    holding, release = FORK.Event(), FORK.Event()
    first = FORK.Process(target=_hold_the_writer, args=(str(db), holding, release))
    first.start()
    try:
        assert holding.wait(30)
        with pytest.raises(StoreError, match=rf"pid {first.pid}.*ingest_wait_seconds"):
            Store(db, wait_seconds=0.3)
    finally:
        release.set()
        first.join(30)
    Store(db, wait_seconds=5).close()  # free again once the first is done


def test_the_lock_dies_with_its_holder_even_by_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    holding, release = FORK.Event(), FORK.Event()
    first = FORK.Process(target=_hold_the_writer, args=(str(db), holding, release))
    first.start()
    assert holding.wait(30)
    assert first.pid is not None
    os.kill(first.pid, signal.SIGKILL)
    first.join(30)
    started = time.monotonic()
    Store(db, wait_seconds=5).close()
    assert time.monotonic() - started < 2
    assert lock_path(db).exists()  # kept: deleting it would let two writers lock two files


def _hold_with_a_hung_worker(path: str, holding: Event, worker_pid: Queue) -> None:
    with Store(path):
        worker = os.fork()
        if worker == 0:  # a worker hung on a report, still running when its parent dies
            time.sleep(60)
            os._exit(0)
        worker_pid.put(worker)
        holding.set()
        time.sleep(60)
    os._exit(0)


def test_a_hung_forked_worker_does_not_keep_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    holding, worker_pid = FORK.Event(), FORK.Queue()
    first = FORK.Process(target=_hold_with_a_hung_worker, args=(str(db), holding, worker_pid))
    first.start()
    assert holding.wait(30)
    worker = worker_pid.get(timeout=30)
    try:
        assert first.pid is not None
        os.kill(first.pid, signal.SIGKILL)
        Store(db, wait_seconds=3).close()
    finally:
        os.kill(worker, signal.SIGKILL)
        first.join(30)  # not before: the worker holds a copy of its end of the sentinel pipe


def test_a_failed_open_releases_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    Store(db).close()
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(db)
    lock = WriterLock(db)
    lock.acquire(wait_seconds=1)
    lock.release()


def _write_batches(path: str, started: Event, seconds: float) -> None:
    try:
        with Store(path) as store, store.transaction():
            number = 0
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                for _ in range(5):
                    number += 1
                    text = f"Report {number}: Blinken met Motegi in Tokyo. They discussed trade."
                    store.write_document(stored_document(f"d{number:06d}", text))
                store.checkpoint()
                started.set()
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


@pytest.mark.slow
def test_readers_never_see_a_locked_database_while_an_ingest_runs(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    Store(db).close()
    started = FORK.Event()
    writer = FORK.Process(target=_write_batches, args=(str(db), started, 3.0))
    writer.start()
    assert started.wait(30)
    calls = 0
    while writer.is_alive() or calls < 40:
        with Reader(db) as reader:
            figures = reader.stats()
            assert figures["reports"] >= 0
            write_json(reader, io.StringIO())
            reader.timeline(limit=50)
            reader.search("Motegi", limit=5)
        views = Views(db)  # the web pages' reader
        try:
            views.overview()
            views.list_documents()
            views.document("d000001")
        finally:
            views.close()
        calls += 1
    writer.join(30)
    assert writer.exitcode == 0
    with Reader(db) as reader:
        assert reader.stats()["reports"] >= 5
    assert calls >= 40
