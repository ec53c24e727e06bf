"""Ingest throughput on the local executor and on one and two local Dask workers.

    python benchmarks/dask_scaling.py --reports 300        # varied demo corpus
    python benchmarks/dask_scaling.py --input some/folder  # any folder of reports

Every phase ingests the same reports into a new database, with the real model,
in its own fresh process (so no phase finds the model already loaded):

1. `local-1`, `local-2`: the local executor with 1 and 2 worker processes;
2. `dask-1`, `dask-2`: `executor = "dask"` on a `distributed.LocalCluster` of 1
   and 2 worker processes of one thread each, started before the clock (as a
   running cluster would be); the workers load the model inside the timed run,
   as the local workers do.

The timed run is the whole ingest (reading, cleaning, analysis, store, corpus
steps). Timings are only compared within one run: machines are noisy. Needs
`storyline[dask]`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

PHASES = {
    "local-1": ("local", 1),
    "local-2": ("local", 2),
    "dask-1": ("dask", 1),
    "dask-2": ("dask", 2),
}


def phase(name: str, folder: Path, batch_size: int) -> dict[str, float]:
    from storyline.settings import Settings

    executor, workers = PHASES[name]
    values: dict[str, object] = {"batch_size": batch_size, "processes": workers}
    with tempfile.TemporaryDirectory() as scratch:
        if executor == "local":
            seconds, stored = _timed(folder, Path(scratch), Settings().override(values))
            return {"seconds": seconds, "reports": stored}
        import distributed

        with distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster:
            values.update(executor="dask", scheduler=cluster.scheduler_address)
            seconds, stored = _timed(folder, Path(scratch), Settings().override(values))
        return {"seconds": seconds, "reports": stored}


def _timed(folder: Path, scratch: Path, settings: Settings) -> tuple[float, int]:
    from storyline.ingest.analysis import standard_stages
    from storyline.ingest.runner import ingest
    from storyline.store.sqlite import Store

    started = time.perf_counter()
    with Store(scratch / "bench.db") as store:
        report = ingest([str(folder)], store, standard_stages, settings)
    return time.perf_counter() - started, report.stored


def run_phase(name: str, folder: Path, batch_size: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--phase", name, "--input", str(folder)]
    command += ["--batch-size", str(batch_size)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, help="a folder of reports (default: varied demo)")
    parser.add_argument("--reports", type=int, default=300, help="how many varied demo reports")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        print(json.dumps(phase(args.phase, args.input, args.batch_size)))
        return

    from throughput import make_corpus

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.input or Path(scratch) / "corpus"
        if args.input is None:
            make_corpus(folder, args.reports)
        runs = {name: run_phase(name, folder, args.batch_size) for name in PHASES}

    base = runs["local-1"]["seconds"]
    print(
        f"{'executor':<10}{'workers':>8}{'stored':>8}{'seconds':>10}{'reports/s':>11}{'speed-up':>10}"
    )
    for name, run in runs.items():
        executor, workers = PHASES[name]
        print(
            f"{executor:<10}{workers:>8}{run['reports']:>8.0f}{run['seconds']:>10.1f}"
            f"{run['reports'] / run['seconds']:>11.2f}{base / run['seconds']:>9.2f}x"
        )


if __name__ == "__main__":
    main()
