"""Speed of the report-date solver: the numpy solver against the loop over days it replaced.

    python benchmarks/dating_speed.py                # the seeds and the demo reports
    python benchmarks/dating_speed.py --repeat 5

Each report text (the five seeds, the demo corpus's text files and its wire
feed's text records) is dated with four sets of outside constraints: none, one
term of office (Suga, a year), two terms with the years between them out
(2008-2023), and one long term (2001-2025). Without constraints, a report that
names one past year or date searches up to forty years, the case that cost most.
Time expressions are tagged once beforehand, so the time is the solver's:
evidence, window, scores, decision.
The old path is the reference loop the tests keep (`_reference_solve` in
tests/time/test_solver_vectorised.py), run in this process on the same inputs;
every finding must be equal. The best of `--repeat` runs is reported, since a
busy machine only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.time.test_solver_vectorised import _reference_solve  # noqa: E402

from storyline.clean.dateline import Dateline, find_dateline  # noqa: E402
from storyline.records import DateFinding, TimeExpression  # noqa: E402
from storyline.time import DateConstraint, dating, tag_time  # noqa: E402

SHARED = ROOT.parent / "shared"
TODAY = date(2025, 6, 1)
CONSTRAINTS: list[tuple[DateConstraint, ...]] = [
    (),
    (DateConstraint(date(2020, 9, 16), date(2021, 10, 4), 1.0, "Suga was prime minister"),),
    (DateConstraint(date(2008, 9, 24), date(2023, 9, 13), 1.0, "two terms",
                    gaps=((date(2009, 9, 17), date(2022, 8, 9)),)),),
    (DateConstraint(date(2001, 1, 20), date(2025, 1, 20), 1.0, "a long term"),),
]  # fmt: skip

Report = tuple[str, list[TimeExpression], Dateline | None, tuple[DateConstraint, ...]]


def report_texts() -> list[str]:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    demo = ROOT / "examples" / "demo"
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    texts += [path.read_text(encoding="utf-8") for path in sorted((demo / "txt").glob("*.txt"))]
    feed = (demo / "feed" / "wire_feed.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in feed if line.strip()]
    return texts + [record["text"] for record in records if "text" in record]  # not raw HTML


def reports() -> list[Report]:
    found = []
    for text in report_texts():
        lines = (line.strip() for line in text.splitlines()[:3])
        dateline = next((d for line in lines if (d := find_dateline(line))), None)
        timexes = tag_time(text, None)
        found += [(text, timexes, dateline, extra) for extra in CONSTRAINTS]
    return found


@contextmanager
def solver(solve: Callable[..., DateFinding] | None) -> Iterator[None]:
    """`infer_date` with `solve` in place of the numpy solver (None: the numpy one)."""
    current = dating._solve
    dating._solve = solve or current
    try:
        yield
    finally:
        dating._solve = current


def date_all(batch: list[Report]) -> list[DateFinding]:
    return [
        dating.infer_date(text, timexes, dateline=line, extra=extra, today=TODAY)
        for text, timexes, line, extra in batch
    ]


def best_time(batch: list[Report], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        date_all(batch)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best is reported)")
    args = parser.parse_args()

    batch = reports()
    new = date_all(batch)  # warm-up: the mixtures' tables are built once per process
    with solver(_reference_solve):
        old = date_all(batch)
        before = best_time(batch, args.repeat)
    after = best_time(batch, args.repeat)
    same = sum(a == b for a, b in zip(old, new, strict=True))
    print(f"{len(batch)} reports ({len(batch) // len(CONSTRAINTS)} texts x "
          f"{len(CONSTRAINTS)} constraint sets); {same}/{len(batch)} findings equal")  # fmt: skip
    print(f"loop over days: {1000 * before / len(batch):7.2f} ms per report")
    print(f"numpy arrays:   {1000 * after / len(batch):7.2f} ms per report")
    print(f"{before / after:.1f}x faster (best of {args.repeat})")
    if same != len(batch):
        raise SystemExit("the solvers disagree")


if __name__ == "__main__":
    main()
