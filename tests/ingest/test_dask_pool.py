"""The analysis on a Dask cluster: outcomes as records, failures skipped, the run always ends."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.errors import ExecutorError
from storyline.ingest.runner import ingest
from storyline.records import Document, Skipped
from storyline.settings import Settings
from storyline.store.sqlite import Store
from tests.ingest.faulty import faulty_stages
from tests.ingest.test_workers import report

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

from storyline.ingest.dask_pool import DaskPool  # noqa: E402

FAST = Settings().override({"max_report_seconds": 5.0, "batch_size": 4})


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    # A worker that dies on a task makes that task fail at once (no re-runs that kill
    # more workers): the pool then sends its reports again one by one.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as local,
    ):
        yield local


@pytest.fixture(scope="module")
def client(cluster: object) -> Iterator[object]:
    with distributed.Client(cluster, set_as_default=False) as connected:
        yield connected


def outcomes(client: object, texts: list[str]) -> dict[int, Document | Skipped]:
    batch = [report(n, text) for n, text in enumerate(texts)]
    batches = [batch[i : i + 4] for i in range(0, len(batch), 4)]
    with DaskPool(faulty_stages, FAST, client) as pool:
        found = dict(pool.analyse(batches))
    assert sorted(found) == list(range(len(texts)))  # one outcome per report, none lost
    return found


def test_good_reports_come_back_analysed(client: object) -> None:
    found = outcomes(client, [f"report {n}" for n in range(10)])
    assert all(isinstance(o, Document) for o in found.values())
    assert all({"batched", "analysed"} <= set(o.flags) for o in found.values())


def test_a_raising_report_is_skipped_with_its_stage(client: object) -> None:
    found = outcomes(client, ["fine", "RAISE here", "BATCHRAISE", "also fine"])
    assert isinstance(found[1], Skipped) and found[1].code == "E010"
    assert found[1].stage == "test.faulty.v1" and "IndexError" in found[1].reason
    assert isinstance(found[2], Skipped) and found[2].stage == "test.batched.v1"
    assert all(isinstance(found[n], Document) for n in (0, 3))


def test_a_report_that_kills_its_worker_is_skipped_and_the_rest_analysed(client: object) -> None:
    texts = ["one", "two", "DIE now", "four", "five", "six"]
    found = outcomes(client, texts)
    died = found[2]
    assert isinstance(died, Skipped) and died.code == "E012", died
    assert "Dask worker" in died.reason
    assert all(isinstance(found[n], Document) for n in (0, 1, 3, 4, 5))


def test_ingest_on_dask_stores_what_the_local_executor_stores(
    tmp_path: Path, cluster: object
) -> None:
    texts = [
        "The minister met the press in Paris on Monday to speak about trade.",
        "A second report says the talks in Geneva went on late into the night.",
        "This one will RAISE inside the faulty stage and be skipped for it.",
        "Another plain report about the weather over the North Sea this week.",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"r{number}.txt").write_text(text, encoding="utf-8")
    address = cluster.scheduler_address
    stored = {}
    for name, values in {
        "local": {"processes": 1},
        "dask": {"executor": "dask", "scheduler": address},
    }.items():
        with Store(tmp_path / f"{name}.db") as store:
            result = ingest([str(folder)], store, faulty_stages, FAST.override(values))
            rows = store.db.execute(
                "SELECT origin, text, flags FROM documents ORDER BY origin"
            ).fetchall()
        stored[name] = ([tuple(row) for row in rows], dict(result.skipped))
    assert stored["dask"] == stored["local"]
    assert stored["dask"][1] == {"E010": 1}


def test_no_scheduler_is_a_clear_error() -> None:
    with pytest.raises(ExecutorError, match="scheduler address"):
        DaskPool(faulty_stages, FAST.override({"executor": "dask"})).__enter__()


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storyline.ingest.dask_pool._CONNECT_SECONDS", 1.0)
    settings = FAST.override({"executor": "dask", "scheduler": "tcp://127.0.0.1:1"})
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        DaskPool(faulty_stages, settings).__enter__()


@pytest.mark.slow
def test_a_report_stuck_in_c_code_times_out_and_its_worker_is_restarted(
    client: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storyline.ingest.dask_pool._GRACE_SECONDS", 2.0)
    batch = [report(n, text) for n, text in enumerate(["one", "SPIN", "three", "four"])]
    settings = FAST.override({"max_report_seconds": 0.5})
    with DaskPool(faulty_stages, settings, client) as pool:
        found = dict(pool.analyse([batch]))
    assert isinstance(found[1], Skipped) and found[1].code == "E011", found[1]
    assert all(isinstance(found[n], Document) for n in (0, 2, 3))
    # the workers are back: the next reports are analysed
    assert all(isinstance(o, Document) for o in outcomes(client, ["again", "and again"]).values())


def test_without_dask_installed_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    settings = FAST.override({"executor": "dask", "scheduler": "tcp://127.0.0.1:1"})
    with pytest.raises(ExecutorError, match=r"storyline\[dask\]"):
        DaskPool(faulty_stages, settings).__enter__()


def test_ingest_scheduler_option_gives_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from storyline.cli.main import main

    monkeypatch.setattr("storyline.ingest.dask_pool._CONNECT_SECONDS", 1.0)
    (tmp_path / "a.txt").write_text("A plain report about the weather in Oslo today.", "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "ingest",
            str(tmp_path / "a.txt"),
            "--db",
            str(tmp_path / "kb.db"),
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
