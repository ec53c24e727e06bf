"""Robustness: every real text in ../shared and mutated copies of them, through the ingest.

    python benchmarks/robustness.py                          # all real texts + 5,000 mutations
    python benchmarks/robustness.py --sample 150 --mutations 300
    python benchmarks/robustness.py --direct                 # in process, one input at a time

The corpus (ECB+ and MEANTIME rebuilt from their tokens, the web pages, the seeds,
`examples/`, and seeded mutated copies: quote marks, apostrophes, brackets and commas
deleted or doubled, lines split and joined, truncation mid-word, unicode punctuation,
RTL, zero-width and NUL characters, very long lines, broken tags) is written to a
folder and ingested by `storyline ingest` in a subprocess with a wall-clock limit.
It prints the inputs by outcome (stored, duplicate, skipped by code), crashes (E010,
E012, a non-zero exit or a traceback), hangs (over the limit, E011), inputs lost
(neither stored nor skipped), the database's integrity check, reports per second, and
every crash; the exit code is 1 when anything crashed, hung or was lost.

`--direct` ingests each input on its own in this process and catches every exception,
to list all crashing inputs with their tracebacks (on stderr) even when a runner
without isolation stops at the first one.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluation.robustness import (  # noqa: E402
    Outcomes,
    count_mutations,
    run_direct,
    run_ingest,
    write_corpus,
)


def print_outcomes(outcomes: Outcomes, corpus: str) -> None:
    print(corpus)
    print(f"inputs           {outcomes.inputs}")
    print(
        f"stored           {outcomes.stored} ({outcomes.duplicates} duplicate, "
        f"{outcomes.not_english} not English)"
    )
    skipped = ", ".join(f"{code} {n}" for code, n in sorted(outcomes.skipped.items()))
    print(f"skipped          {sum(outcomes.skipped.values())} ({skipped or 'none'})")
    print(f"same bytes       {outcomes.same_bytes} (as another input: read once)")
    print(f"crashes          {len(outcomes.crashes)}")
    print(f"hangs            {len(outcomes.hangs)}")
    print(f"lost             {len(outcomes.lost)}")
    print(f"integrity        {outcomes.integrity}")
    print(
        f"time             {outcomes.seconds:.1f} s, {outcomes.per_second:.2f} reports/s "
        f"(exit code {outcomes.exit_code})"
    )
    for crash in outcomes.crashes:
        print(f"  crash {crash.origin}\n        in {crash.stage}: {crash.error}")
    for hang in outcomes.hangs:
        print(f"  hang  {hang}")
    for lost in outcomes.lost[:50]:
        print(f"  lost  {lost}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--mutations", type=int, default=5000, help="mutated copies")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, help="only this many real texts (by the seed)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=7200.0, help="seconds for the run")
    parser.add_argument("--keep", type=Path, help="write the corpus and database here, and keep")
    parser.add_argument(
        "--direct", action="store_true", help="in process, one input at a time (finds every crash)"
    )
    parser.add_argument(
        "--report-timeout", type=float, default=300.0, help="seconds per input with --direct"
    )
    args = parser.parse_args()

    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="robustness-"))
    try:
        started = time.perf_counter()
        if args.keep and (out_dir / "manifest.jsonl").exists():
            shutil.rmtree(out_dir / "inputs", ignore_errors=True)
        files = write_corpus(
            out_dir, args.shared, args.mutations, seed=args.seed, sample=args.sample
        )
        if not files:
            print(f"no real texts under {args.shared}", file=sys.stderr)
            return 2
        real = sum(1 for f in files if not f.mutations)
        written = time.perf_counter() - started
        print(f"corpus           {real} real + {len(files) - real} mutated files in {out_dir} "
              f"({written:.0f} s to write)")  # fmt: skip
        counts = count_mutations(files)
        print("mutations        " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
        if args.direct:
            outcomes = run_direct(
                out_dir, processes=1, timeout=args.report_timeout, progress=_progress
            )
        else:
            outcomes = run_ingest(out_dir, processes=args.processes, timeout=args.timeout)
        mode = (
            "in process, one input at a time"
            if args.direct
            else f"storyline ingest, {args.processes} process(es)"
        )
        print_outcomes(outcomes, f"run              {mode}")
        return 0 if outcomes.ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(out_dir, ignore_errors=True)


def _progress(done: int, outcomes: Outcomes) -> None:
    if done % 100 == 0:
        print(
            f"  {done} files: {len(outcomes.crashes)} crashes, {len(outcomes.hangs)} hangs",
            file=sys.stderr,
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
