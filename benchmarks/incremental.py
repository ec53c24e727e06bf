"""The cost of adding 100 new reports to knowledge bases of 1k, 10k and 100k reports.

    python benchmarks/incremental.py                           # sizes 1000,10000,100000
    python benchmarks/incremental.py --sizes 1000,10000 --json out.json
    python benchmarks/incremental.py --rebuild                 # grow the bases again

Each base is grown once by `grow_kb.py` (real seed reports cloned week by week,
the corpus steps run over all of them) and kept in `--work`. For each size, a
copy of it (so every run starts from the same base) takes 100 real reports
never in the seed (held-out ECB+ texts), dated in the week after its last
report, through `KnowledgeBase.ingest`, in a fresh process. Reported: the whole
ingest; the part up to the last report written (reading, cleaning, the
per-report analysis in worker processes, the store); the part after it (the
corpus steps); the peak memory of the ingesting process and of its workers;
and each size's times against the 1k base's in the same run. The target of
issue 12: at most 2x from 1k to 100k.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import grow_kb  # noqa: E402

WORK = ROOT / ".cache" / "grow_kb"


#: The oldest schema a grown base may have and still be used: later migrations only add
#: tables and indexes (12: learned terms), applied to each copy when it is opened.
OLDEST_BASE_SCHEMA = 11


def base_path(work: Path, size: int, days: int) -> Path:
    """The grown base of `size` reports: the newest of a schema still usable, else where
    one of today's schema is grown."""
    from storyline.store.schema import SCHEMA_VERSION

    for version in range(SCHEMA_VERSION, OLDEST_BASE_SCHEMA - 1, -1):
        path = work / f"kb-v{version}-{size}-{days}d.db"
        if path.exists() and path.with_suffix(".json").exists():
            return path
    return work / f"kb-v{SCHEMA_VERSION}-{size}-{days}d.db"


def ensure_base(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """The grown base of `size` reports (built when missing or asked); what building took."""
    path = base_path(args.work, size, args.days)
    if args.rebuild:
        from storyline.store.schema import SCHEMA_VERSION

        path = args.work / f"kb-v{SCHEMA_VERSION}-{size}-{args.days}d.db"
    log = path.with_suffix(".json")
    if path.exists() and log.exists() and not args.rebuild:
        return dict(json.loads(log.read_text()), reused=True)
    summary = grow_kb.grown_database(
        size, path, seed_cache=args.seed_cache, shared=args.shared, days=args.days
    )
    log.write_text(json.dumps(summary, indent=2))
    return summary


def last_published(path: Path) -> date:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        found = db.execute("SELECT max(published) FROM documents").fetchone()[0]
    return date.fromisoformat(found[:10])


def measure(
    size: int, args: argparse.Namespace, *, in_place: bool = False, corpus: bool = True
) -> dict[str, Any]:
    """One timed ingest of the new reports into a fresh copy of the `size` base (into the
    base itself with `in_place`; without the corpus steps unless `corpus`)."""
    base = base_path(args.work, size, args.days)
    target = base if in_place else args.work / f"incremental-{size}.db"
    if not in_place:
        for stale in args.work.glob(target.name + "*"):
            stale.unlink()
        shutil.copyfile(base, target)
    try:
        after = last_published(base)
        command = [
            sys.executable, __file__, "--child", str(target), "--new", str(args.new),
            "--after", after.isoformat(), "--shared", str(args.shared),
        ]  # fmt: skip
        if not corpus:
            command.append("--no-corpus")
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        if not in_place:
            for stale in args.work.glob(target.name + "*"):
                stale.unlink()
    return dict(result, size=size)


def child(path: Path, new: int, after: date, shared: Path, corpus: bool = True) -> None:
    """Ingest `new` fresh reports into `path`; print the times as one JSON line."""
    import storyline
    from storyline import KnowledgeBase, Settings

    if not corpus:
        # Measuring the reports alone on a base too large for today's corpus steps: the
        # runner is given no steps (the benchmark's only reach into the runner).
        import storyline.ingest.runner as runner

        runner.standard_steps = lambda settings=None: ()

    dates = [(after + timedelta(days=1 + i * 7 // new)).isoformat() for i in range(new)]
    records = grow_kb.fresh_reports(shared, new, dates)
    written: list[float] = []
    started = time.perf_counter()
    with KnowledgeBase.open(path, Settings()) as kb:
        report = kb.ingest(records=records, progress=lambda _n: written.append(time.perf_counter()))
    total = time.perf_counter() - started
    reports_done = (written[-1] if written else started) - started
    own = _peak_kb() / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "stored": report.stored,
                "skipped": report.skipped_total,
                "events": report.events,
                "corpus_failures": report.corpus_failures,
                "total_s": round(total, 1),
                "reports_s": round(reports_done, 1),
                "corpus_s": round(total - reports_done, 1),
                "peak_mb": round(own),
                "worker_peak_mb": round(workers),
                "storyline": str(Path(storyline.__file__).parent),
            }
        )
    )


def _peak_kb() -> int:
    """This process's peak resident memory. Not `ru_maxrss`: on Linux it keeps, across
    fork and exec, the peak of the parent that started this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def table(results: list[dict[str, Any]]) -> list[str]:
    first = results[0]
    lines = [
        f"| reports in the base | stored | total s | reports s | corpus steps s | "
        f"peak MB (ingest / worker) | total vs {first['size']:,} | corpus vs {first['size']:,} |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['stored']} | {r['total_s']:.1f} | {r['reports_s']:.1f} | "
            f"{r['corpus_s']:.1f} | {r['peak_mb']:,} / {r['worker_peak_mb']:,} | "
            f"{r['total_s'] / first['total_s']:.2f}x | "
            f"{r['corpus_s'] / max(first['corpus_s'], 0.1):.2f}x |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="base sizes, comma-separated")
    parser.add_argument("--new", type=int, default=100, help="new reports added to each base")
    parser.add_argument(
        "--days",
        type=int,
        default=7,
        help="days between clones (whole weeks): 7 makes a base denser as it grows (more"
        " reports a week), about the seed's span (9492) makes it longer (the same reports a"
        " week over more years)",
    )
    parser.add_argument("--work", type=Path, default=WORK, help="where the grown bases are kept")
    parser.add_argument("--seed-cache", type=Path, default=grow_kb.SEED_CACHE)
    parser.add_argument("--shared", type=Path, default=grow_kb.SHARED)
    parser.add_argument("--rebuild", action="store_true", help="grow the bases again")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--after", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--no-corpus", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.new, date.fromisoformat(args.after), args.shared, not args.no_corpus)
        return
    grow_kb.require_shared(args.shared)
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    builds = {size: ensure_base(size, args) for size in sizes}
    results = []
    for size in sizes:
        results.append(measure(size, args))
        print(json.dumps(results[-1]), file=sys.stderr)
    print("\n".join(table(results)))
    if args.json:
        args.json.write_text(json.dumps({"builds": builds, "results": results}, indent=2))


if __name__ == "__main__":
    main()
