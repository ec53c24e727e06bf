"""How far one SQLite file goes: size, rows, adding reports and what a user waits for.

    python benchmarks/sqlite_scale.py                        # 10k, 100k, 1M reports
    python benchmarks/sqlite_scale.py --sizes 10000,100000 --json scale.json
    python benchmarks/sqlite_scale.py --corpus-up-to 1000000 # corpus steps at 1M too

Each knowledge base is grown by `grow_kb.py` (real seed reports cloned week by
week: generated scaling, not a real archive of that size). Up to
`--corpus-up-to` reports the corpus steps run over the grown base (events,
stories, names merged, the semantic index), as after an ingest; above it they
are left out and the base has reports but no merged events (its timeline then
lists reports), which the table says.

For each size: the file's size on disk and its rows; then, in a fresh process
with the base read-only, what a user waits for, through the web app's own code
(its FastAPI app, requested in-process) and the front door
(`KnowledgeBase.search`, `.timeline`, `.show`, `.stats`): each request's first
time in that process ("first", the operating system's file cache not emptied)
and the median of `--rounds` varied requests after it; then the time to add
100 new reports (`incremental.py`'s measure; at the largest size in place, not
on a copy, and without the corpus steps above `--corpus-up-to`).
Bases above `--keep-up-to` reports are deleted when measured.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import grow_kb  # noqa: E402
import incremental  # noqa: E402

COUNTED = ("documents", "sentences", "mentions", "event_mentions", "events", "stories")
WORDS = ("earthquake", "police", "president", "fire", "arrested", "shooting", "company", "killed")


def rows_and_size(path: Path) -> dict[str, Any]:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}
    on_disk = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {"gigabytes": round(on_disk / 1e9, 2), "rows": rows}


# -- what a user waits for (run in a fresh process) -----------------------------------


def page_times(path: Path, rounds: int) -> dict[str, dict[str, float]]:
    """First and median ms of each kind of request on the base at `path`."""
    import sqlite3

    from fastapi.testclient import TestClient

    from storyline import KnowledgeBase
    from storyline.web.app import create_app

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        documents = [r[0] for r in db.execute(
            "SELECT id FROM documents WHERE duplicate_of IS NULL"
            " ORDER BY (seq * 2654435761) % 1000003 LIMIT ?", (rounds + 1,)
        )]  # fmt: skip
        # The most mentioned entities: their pages are the largest.
        entities = [r[0] for r in db.execute(
            "SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL"
            " GROUP BY entity_id ORDER BY count(*) DESC LIMIT ?", (rounds + 1,)
        )]  # fmt: skip
        names = [
            db.execute("SELECT name FROM entities WHERE id = ?", (e,)).fetchone()[0]
            for e in entities
        ]

    def pick(items: list[str] | tuple[str, ...]) -> Callable[[int], str]:
        return lambda r: items[r % len(items)]

    word, doc, entity, name = pick(WORDS), pick(documents), pick(entities), pick(names)
    kb = KnowledgeBase.open(path)
    cases: dict[str, Callable[[int], Any]] = {}
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:

        def get(url: str) -> None:
            response = client.get(url)
            response.raise_for_status()

        cases = {
            "web: search page (full text)": lambda r: get(f"/search?q={word(r)}"),
            "web: timeline": lambda r: get(f"/timeline?page={1 + r}"),
            "web: timeline of an entity": lambda r: get(f"/timeline?entity={entity(r)}"),
            "web: entity page": lambda r: get(f"/entities/{entity(r)}"),
            "web: report page": lambda r: get(f"/reports/{doc(r)}"),
            "web: home (overview)": lambda r: get("/"),
            "api: search (full text)": lambda r: get(f"/api/search?q={word(r)}"),
            "api: overview (stats)": lambda r: get("/api/overview"),
            "kb.search": lambda r: kb.search(word(r)),
            "kb.timeline": lambda r: kb.timeline(limit=200),
            "kb.timeline(entity)": lambda r: kb.timeline(entity=entity(r), limit=200),
            "kb.show(entity)": lambda r: kb.show("entity", name(r)),
            "kb.stats": lambda r: kb.stats(),
        }
        times = {label: _timed(run, rounds) for label, run in cases.items()}
    kb.close()
    return times


def _timed(run: Callable[[int], Any], rounds: int) -> dict[str, Any]:
    """First and median ms; a request that fails (a reader's time limit) is counted
    and its time kept, so a size where a page stops working says so."""
    failures: list[str] = []

    def once(r: int) -> float:
        started = time.perf_counter()
        try:
            run(r)
        except Exception as exc:  # noqa: BLE001 - a failed request is a result here
            failures.append(f"{type(exc).__name__}: {exc}"[:200])
        return (time.perf_counter() - started) * 1000

    first = once(0)
    rest = [once(r) for r in range(1, rounds + 1)]
    figures: dict[str, Any] = {
        "first_ms": round(first, 1),
        "median_ms": round(statistics.median(rest), 1),
    }
    if failures:
        figures["failed"] = len(failures)
        figures["failure"] = failures[0]
    return figures


# -- one size ---------------------------------------------------------------------------


def measure_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    with_corpus = size <= args.corpus_up_to
    path = incremental.base_path(args.work, size, args.days)
    if with_corpus:
        build = incremental.ensure_base(size, args)
    elif path.exists() and not args.rebuild:
        build = {"reused": True}
    else:
        build = grow_kb.grown_database(
            size, path, seed_cache=args.seed_cache, shared=args.shared, corpus=False
        )
    figures: dict[str, Any] = {"size": size, "corpus_steps": with_corpus, "build": build}
    figures.update(rows_and_size(path))
    command = [sys.executable, __file__, "--pages", str(path), "--rounds", str(args.rounds)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    figures["pages"] = json.loads(done.stdout.strip().splitlines()[-1])
    in_place = size > args.keep_up_to
    figures["add_100"] = incremental.measure(size, args, in_place=in_place, corpus=with_corpus)
    if in_place:
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
    return figures


def tables(results: list[dict[str, Any]]) -> list[str]:
    sizes = [f"{r['size']:,}" for r in results]
    lines = ["| | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(results)]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")

    row("corpus steps run", lambda r: "yes" if r["corpus_steps"] else "**no**")
    row("database on disk", lambda r: f"{r['gigabytes']:.2f} GB")

    def count(figures: dict[str, Any], table: str) -> str:
        return f"{figures['rows'][table]:,}"

    for table in COUNTED:
        row(f"rows: {table}", partial(count, table=table))
    row("add 100 reports: total", lambda r: f"{r['add_100']['total_s']:.1f} s")
    row("… of which reports", lambda r: f"{r['add_100']['reports_s']:.1f} s")
    row("… of which corpus steps", lambda r: f"{r['add_100']['corpus_s']:.1f} s")

    def page(figures: dict[str, Any], label: str) -> str:
        if label.startswith("kb.timeline") and not figures["rows"]["events"]:
            return "— (no events)"
        times = figures["pages"][label]
        failed = f" ({times['failed']} failed)" if times.get("failed") else ""
        return f"{times['median_ms']:.0f} / {times['first_ms']:.0f} ms{failed}"

    for label in results[0]["pages"]:
        row(f"{label} (median / first)", partial(page, label=label))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated")
    parser.add_argument("--rounds", type=int, default=9, help="varied requests per kind")
    parser.add_argument(
        "--corpus-up-to", type=int, default=100_000, help="corpus steps on bases up to this size"
    )
    parser.add_argument(
        "--keep-up-to", type=int, default=100_000, help="bases larger than this are deleted"
    )
    parser.add_argument("--work", type=Path, default=incremental.WORK)
    parser.add_argument("--seed-cache", type=Path, default=grow_kb.SEED_CACHE)
    parser.add_argument("--shared", type=Path, default=grow_kb.SHARED)
    parser.add_argument("--new", type=int, default=100, help="reports added to each base")
    parser.add_argument("--days", type=int, default=7, help="days between clones (incremental.py)")
    parser.add_argument("--rebuild", action="store_true", help="grow the bases again")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--pages", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pages:
        print(json.dumps(page_times(args.pages, args.rounds)))
        return
    grow_kb.require_shared(args.shared)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results.append(measure_size(size, args))
        print(json.dumps(results[-1]), file=sys.stderr)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
    print("\n".join(tables(results)))


if __name__ == "__main__":
    main()
