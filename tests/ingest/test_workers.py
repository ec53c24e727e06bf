"""Worker processes: every failure a report can cause ends with that report skipped, fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storyline.errors import PipelineError
from storyline.ingest.isolation import analyse
from storyline.ingest.runner import ingest
from storyline.ingest.workers import WorkerPool
from storyline.records import Document, Skipped
from storyline.settings import Settings
from storyline.store.sqlite import Store
from tests.ingest.faulty import Batched, Faulty, broken_stages, faulty_stages

FAST = Settings().override({"max_report_seconds": 1.0, "processes": 2, "batch_size": 4})


def report(number: int, text: str) -> tuple[int, Document]:
    key = f"{number:032x}"
    return number, Document(id="d" + key[:15], key=key, origin=f"r{number}", source="t", text=text)


def outcomes(texts: list[str], settings: Settings = FAST) -> dict[int, Document | Skipped]:
    batch = [report(n, text) for n, text in enumerate(texts)]
    batches = [batch[i : i + 4] for i in range(0, len(batch), 4)]
    with WorkerPool(faulty_stages, settings, settings.processes) as pool:
        found = dict(pool.analyse(batches))
    assert sorted(found) == list(range(len(texts)))  # one outcome per report, none lost
    return found


def test_good_reports_come_back_analysed() -> None:
    found = outcomes([f"report {n}" for n in range(10)])
    assert all(isinstance(o, Document) and "analysed" in o.flags for o in found.values())
    assert all("batched" in o.flags for o in found.values() if isinstance(o, Document))


def test_a_raising_report_is_skipped_with_its_stage_and_traceback() -> None:
    found = outcomes(["fine", "RAISE here", "fine too", "also fine"])
    failed = found[1]
    assert isinstance(failed, Skipped) and failed.code == "E010"
    assert failed.stage == "test.faulty.v1" and "IndexError" in failed.reason
    assert failed.detail and "Traceback" in failed.detail
    assert all(isinstance(found[n], Document) for n in (0, 2, 3))


def test_a_stalled_report_times_out_and_the_rest_go_on() -> None:
    started = time.monotonic()
    found = outcomes(["one", "SLEEP", "three", "SPIN", "five", "six"])
    assert time.monotonic() - started < 60
    for number in (1, 3):
        skipped = found[number]
        assert isinstance(skipped, Skipped) and skipped.code == "E011", skipped
    assert all(isinstance(found[n], Document) for n in (0, 2, 4, 5))


def test_a_dying_report_is_skipped_and_its_worker_replaced() -> None:
    found = outcomes(["one", "DIE", "three", "four", "DIE again", "six", "seven"])
    assert {n for n, o in found.items() if isinstance(o, Skipped)} == {1, 4}
    assert all(o.code == "E012" for o in found.values() if isinstance(o, Skipped))
    assert "exit code 3" in found[1].reason  # type: ignore[union-attr]


def test_a_death_inside_a_batch_is_narrowed_down_to_its_report() -> None:
    found = outcomes(["one", "two", "BATCHDIE", "four", "five", "six", "seven", "eight"])
    assert {n for n, o in found.items() if isinstance(o, Skipped)} == {2}
    assert found[2].code == "E012"  # type: ignore[union-attr]


def test_a_failure_in_a_batched_stage_is_narrowed_down_too() -> None:
    found = outcomes(["one", "BATCHRAISE", "three", "four"])
    assert {n for n, o in found.items() if isinstance(o, Skipped)} == {1}
    assert found[1].stage == "test.batched.v1"  # type: ignore[union-attr]


def test_stages_that_cannot_be_built_stop_the_run_with_a_message() -> None:
    with pytest.raises(PipelineError, match="no model here"), WorkerPool(broken_stages, FAST, 1):
        pass


def test_in_process_analysis_isolates_reports_too() -> None:
    batch = [report(n, text) for n, text in enumerate(["one", "RAISE", "SLEEP", "four"])]
    found = dict(analyse([Batched(), Faulty()], batch, 1.0))
    assert [type(found[n]).__name__ for n in range(4)] == [
        "Document", "Skipped", "Skipped", "Document",
    ]  # fmt: skip
    assert found[1].code == "E010" and found[2].code == "E011"  # type: ignore[union-attr]


def distinct(n: int) -> str:
    """A report of its own (no two are near-duplicates)."""
    words = [f"w{n}x{i}" for i in range(60)]
    return f"Report {n} was filed from Tokyo. " + " ".join(words) + "."


@pytest.mark.parametrize("processes", [0, 2])
def test_ingest_skips_failing_reports_and_stores_the_rest(tmp_path: Path, processes: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    faults = {"raise": "RAISE", "sleep": "SLEEP", "die": "DIE"} if processes else {"raise": "RAISE"}
    for n in range(6):
        (folder / f"good{n}.txt").write_text(distinct(n), encoding="utf-8")
    for n, (name, marker) in enumerate(faults.items(), start=10):
        (folder / f"{name}.txt").write_text(f"{marker} {distinct(n)}", encoding="utf-8")
    # In process, a lazy first load (the language identifier) must not count as a stall.
    settings = FAST.override(
        {"processes": processes, "max_report_seconds": 1.0 if processes else 30.0}
    )
    with Store(tmp_path / "kb.db") as store:
        result = ingest([str(folder)], store, faulty_stages, settings)
        rows = store.db.execute(
            "SELECT origin, code, stage, detail FROM inputs WHERE status = 'skipped'"
        ).fetchall()
    assert result.stored == 6
    codes = {Path(origin).stem: code for origin, code, _stage, _detail in rows}
    assert (
        codes == {"raise": "E010", "sleep": "E011", "die": "E012"}
        if processes
        else {"raise": "E010"}
    )
    assert all(stage == "test.faulty.v1" for _o, _c, stage, _d in rows)
    # Run again: the stored reports are kept; the failing ones are tried (and fail) again.
    with Store(tmp_path / "kb.db") as store:
        again = ingest([str(folder)], store, faulty_stages, settings)
    assert again.stored == 0 and again.unchanged == 6 and again.skipped_total == len(faults)


def test_big_outcomes_and_a_slow_reader_never_block_the_pipes() -> None:
    batch = [report(n, f"BIG {n}") for n in range(24)]
    with WorkerPool(faulty_stages, FAST, 2) as pool:
        found = {}
        for number, outcome in pool.analyse([batch[i : i + 4] for i in range(0, 24, 4)]):
            time.sleep(0.05)  # the writer is busy while the workers keep sending
            found[number] = outcome
    assert sorted(found) == list(range(24))
    assert all(isinstance(o, Document) and len(o.text) > 2_000_000 for o in found.values())


def test_a_worker_killed_from_outside_is_replaced() -> None:
    import os
    import signal

    batch = [report(n, f"report {n}") for n in range(12)]
    with WorkerPool(faulty_stages, FAST, 2) as pool:
        for worker in pool._workers:
            os.kill(worker.process.pid, signal.SIGKILL)
        found = dict(pool.analyse([batch[i : i + 4] for i in range(0, 12, 4)]))
    assert sorted(found) == list(range(12))
    assert all(isinstance(o, Document) for o in found.values())


def test_a_failing_corpus_step_keeps_the_reports_and_runs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.ingest import corpus_steps

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"r{n}.txt").write_text(distinct(n), encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the merge broke")

    settings = FAST.override({"processes": 0, "max_report_seconds": 30.0})
    monkeypatch.setattr(corpus_steps, "merge_corpus_events", broken)
    with Store(tmp_path / "kb.db") as store:
        first = ingest([str(folder)], store, faulty_stages, settings)
        assert first.stored == 3 and "the merge broke" in first.corpus_failures[0]
        assert store.corpus_pending()
    monkeypatch.undo()
    with Store(tmp_path / "kb.db") as store:
        second = ingest([str(folder)], store, faulty_stages, settings)
        assert second.stored == 0 and not second.corpus_failures
        assert not store.corpus_pending()
        assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_stray_nul_is_removed_and_flagged_not_a_reason_to_skip(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nul.txt").write_bytes(distinct(1).replace(" was ", " was\x00 ").encode())
    with Store(tmp_path / "kb.db") as store:
        settings = FAST.override({"processes": 0, "max_report_seconds": 30.0})
        result = ingest([str(folder)], store, faulty_stages, settings)
        text, flags = store.db.execute("SELECT text, flags FROM documents").fetchone()
    assert result.stored == 1 and "\x00" not in text
    assert "control-chars-removed:1" in flags
