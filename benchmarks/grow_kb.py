"""A knowledge base of N reports of real text, grown cheaply by cloning a real seed.

    python benchmarks/grow_kb.py --reports 10000 --out /tmp/kb10k.db
    python benchmarks/grow_kb.py --reports 100000 --out .cache/kb100k.db --seed-cache .cache/grow_kb

1. The seed: real reports (ECB+ and MEANTIME texts and the web pages under
   `../shared/data`, the seeds under `../shared/corpus/seeds`, the demo corpus in
   `examples/`) ingested once with `KnowledgeBase.ingest`, the whole pipeline,
   into a database cached under `--seed-cache` (rebuilt when the schema changes).
   One ECB+ report in seven is held out of the seed (`fresh_reports`): real text
   never seen by a grown base, for timing the ingest of new reports into it.
2. Growing: the seed's per-report rows (reports, sentences, mentions, time
   expressions, event mentions, quotes, fingerprints, ...) are copied in SQL, clone
   k of every report with new ids and keys and every date it carries moved
   k * `--days` later (whole weeks), so that the grown corpus spans years like a
   real archive. Entity links stay: the same people recur over time. A clone is
   a new text to the duplicate detector (its text hash and MinHash band keys are
   made its own), otherwise every clone would be a copy of its original.
3. The corpus steps (names merged, events merged, stories, sentence vectors) are
   not computed here: they run through the project's own runner, as after an
   ingest, timed apart (`rebuild_corpus`).

Skips with a message when `../shared` is absent.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from storyline.records import RawReport  # noqa: E402

SHARED = ROOT.parent / "shared"
SEED_CACHE = ROOT / ".cache" / "grow_kb"
#: One ECB+ report in this many is held out of the seed, for fresh reports.
HELD_OUT_EVERY = 7


def require_shared(shared: Path) -> None:
    """Exit (successfully: nothing to measure) with a clear message when the shared data is
    not there, as for users, who do not have it."""
    if not (shared / "data" / "ecbplus_dev").is_dir():
        print(f"skipped: no shared data at {shared} (../shared); this benchmark needs its texts")
        sys.exit(0)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# -- real reports -----------------------------------------------------------------


def _ecb_files(shared: Path) -> list[Path]:
    return sorted((shared / "data" / "ecbplus_dev").rglob("*.xml"))


def _ecb_report(path: Path, published: str | None = None) -> RawReport:
    from storyline.evaluation.catxml import read_cat

    text = read_cat(path, sentence_break="\n").text
    origin = f"ecbplus/{path.parent.name}/{path.name}"
    return RawReport(
        _key("ecbplus", origin, text), origin, "ecbplus", text=text, published=published
    )


def _meantime_reports(shared: Path) -> Iterator[RawReport]:
    """MEANTIME's Wikinews articles, with their creation time as the published date."""
    from storyline.evaluation.meantime import read_corpus

    for gold in read_corpus(shared / "data" / "meantime_en"):
        origin = f"meantime/{gold.topic}/{gold.name}"
        published = gold.dct.isoformat() if gold.dct else None
        yield RawReport(
            _key("meantime", origin, gold.text), origin, "wikinews", text=gold.text,
            published=published,
        )  # fmt: skip


def _web_pages(shared: Path) -> Iterator[RawReport]:
    """The web pages of trafilatura's evaluation set (many not in English), as HTML."""
    from urllib.parse import urlsplit

    folder = shared / "data" / "web_pages_dev"
    files = json.loads((folder / "files.json").read_text(encoding="utf-8"))
    urls = {
        entry["file"]: url
        for url, entry in json.loads((folder / "evaldata.json").read_text("utf-8")).items()
    }
    for name, key in sorted(files.items()):
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        url = urls.get(name)
        host = (urlsplit(url).hostname or "web") if url else "web"
        yield RawReport(
            _key("web", name, html), f"web_pages_dev/{name}", host.removeprefix("www."),
            html=html, url=url,
        )  # fmt: skip


def _folder_reports(folders: list[Path]) -> Iterator[RawReport]:
    from storyline.ingest.sources import iter_inputs
    from storyline.settings import Settings

    for item in iter_inputs([str(f) for f in folders if f.exists()], Settings()):
        if isinstance(item, RawReport):
            yield item


def seed_reports(shared: Path) -> Iterator[RawReport]:
    """Every real report of the seed, in a fixed order."""
    for number, path in enumerate(_ecb_files(shared)):
        if number % HELD_OUT_EVERY != HELD_OUT_EVERY - 1:
            yield _ecb_report(path)
    yield from _meantime_reports(shared)
    yield from _folder_reports([shared / "corpus" / "seeds", ROOT / "examples"])
    yield from _web_pages(shared)


def fresh_reports(shared: Path, count: int, published: list[str]) -> list[RawReport]:
    """`count` real ECB+ reports never in the seed, the i-th published on `published[i]`."""
    held = [p for n, p in enumerate(_ecb_files(shared)) if n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    if count > len(held):
        raise SystemExit(f"only {len(held)} held-out reports; ask for fewer than {count}")
    return [_ecb_report(path, published[i]) for i, path in enumerate(held[:count])]


# -- the seed database ------------------------------------------------------------


def seed_database(cache: Path, shared: Path) -> Path:
    """The seed knowledge base, built once per schema version and kept in `cache`."""
    from storyline import KnowledgeBase, Settings
    from storyline.store.schema import SCHEMA_VERSION

    path = cache / f"seed-v{SCHEMA_VERSION}.db"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building.db")
    for stale in cache.glob(f"{building.name}*"):
        stale.unlink()
    started = time.perf_counter()
    with KnowledgeBase.open(building, Settings(), create=True) as kb:
        report = kb.ingest(records=seed_reports(shared))
    print(
        f"seed: {report.stored} reports stored, {report.skipped_total} skipped, "
        f"{report.events} events, in {time.perf_counter() - started:.0f} s -> {path}",
        file=sys.stderr,
    )
    if report.corpus_failures:
        raise SystemExit(f"the seed's corpus steps failed: {report.corpus_failures}")
    building.rename(path)
    Path(f"{building}.lock").unlink(missing_ok=True)  # the writer's lock file, left empty
    return path


# -- growing: clones of the seed's reports, later by whole weeks ---------------------

#: Tables with one row (or several) per report, cloned with their report. Id columns
#: of the integer kind are moved by a stride per clone, so a row's clone is known.
PER_REPORT = (
    "documents", "inputs", "removed_lines", "sentences", "mentions", "timexes",
    "event_mentions", "quotes", "fingerprints", "minhash_bands", "sentence_vectors",
)  # fmt: skip
#: Tables shared by every report: copied once, as the seed has them.
SHARED_TABLES = ("entities", "line_counts")
#: The columns each per-report table gets from a clone-aware expression (the rest as is).
#: `@k` is the clone's number, `@days` how many days later it lies.
CLONED_COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "seq": "seq + @k * {stride}",
        "id": "clone_id(id, @k)",
        "key": "clone_key(key, @k)",
        "duplicate_of": "clone_id(duplicate_of, @k)",
        "published": "shift_date(published, @days)",
        "date_earliest": "shift_date(date_earliest, @days)",
        "date_latest": "shift_date(date_latest, @days)",
        "date_evidence": "shift_json(date_evidence, @days)",
    },
    "inputs": {"key": "clone_key(key, @k)", "document_id": "clone_id(document_id, @k)"},
    "removed_lines": {"document_id": "clone_id(document_id, @k)"},
    "sentences": {"id": "id + @k * {stride}", "document_id": "clone_id(document_id, @k)"},
    # A surface key marks a mention as seen by the name merge (schema 9): the corpus steps'
    # to set, like every corpus-level table, so a clone starts unseen.
    "mentions": {
        "id": "id + @k * {stride}",
        "document_id": "clone_id(document_id, @k)",
        "surface_key": "NULL",
    },
    "timexes": {
        "id": "id + @k * {stride}",
        "document_id": "clone_id(document_id, @k)",
        "value": "shift_date(value, @days)",
    },
    "event_mentions": {
        "document_id": "clone_id(document_id, @k)",
        "date": "shift_date(date, @days)",
        "data": "shift_json(data, @days)",
    },
    "quotes": {
        "id": "id + @k * {stride}",
        "document_id": "clone_id(document_id, @k)",
        "speaker_key": "NULL",
    },
    "fingerprints": {
        "document_id": "clone_id(document_id, @k)",
        "text_hash": "clone_key(text_hash, @k)",
        "duplicate_of": "clone_id(duplicate_of, @k)",
    },
    "minhash_bands": {
        "band_key": "clone_band(band_key, @k)",
        "document_id": "clone_id(document_id, @k)",
    },
    # The semantic index's cells are the corpus step's to assign (its centroids are corpus-level).
    "sentence_vectors": {"sentence_id": "sentence_id + @k * {stride}", "cell": "NULL"},
}
#: The table whose integer id moves a per-report table's rows (`{stride}` above).
STRIDE_OF = {"documents": "documents", "sentences": "sentences", "mentions": "mentions",
             "timexes": "timexes", "quotes": "quotes", "sentence_vectors": "sentences"}  # fmt: skip
STRIDE_COLUMN = {"documents": "seq", "sentences": "id", "mentions": "id", "timexes": "id",
                 "quotes": "id"}  # fmt: skip
#: Which rows of a table belong to the first `m` reports of the seed (a partial last clone).
REPORT_OF = {
    "documents": "id", "inputs": "document_id", "removed_lines": "document_id",
    "sentences": "document_id", "mentions": "document_id", "timexes": "document_id",
    "event_mentions": "document_id", "quotes": "document_id", "fingerprints": "document_id",
    "minhash_bands": "document_id",
    "sentence_vectors": "(SELECT document_id FROM seed.sentences s WHERE s.id = sentence_id)",
}  # fmt: skip


def clone_id(document_id: str | None, k: int) -> str | None:
    """The id of clone `k` of a report (clone 0 is the report itself)."""
    if document_id is None or k == 0:
        return document_id
    return "d" + _key(document_id, str(k))[:15]


def clone_key(key: str | None, k: int) -> str | None:
    if key is None or k == 0:
        return key
    return _key(key, str(k))


def clone_band(band_key: int, k: int) -> int:
    """A band key of clone `k`'s own: clones are not near-duplicates of each other."""
    if k == 0:
        return band_key
    mixed = int.from_bytes(hashlib.blake2b(f"{band_key}:{k}".encode(), digest_size=8).digest())
    return mixed - (1 << 63)


def grow(seed: Path, out: Path, reports: int, days: int = 7) -> dict[str, Any]:
    """Write to `out` (replaced) `reports` reports: the seed's, then clones `days` apart."""
    import sqlite3

    from storyline.store.sqlite import Store

    for stale in out.parent.glob(out.name + "*"):
        stale.unlink()
    with Store(out):  # an empty database, migrated by the project's own code
        pass
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")  # a bulk load: no WAL as large as the data
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")
    db.execute("ATTACH DATABASE ? AS seed", (f"file:{seed}?mode=ro",))
    db.create_function("clone_id", 2, clone_id, deterministic=True)
    db.create_function("clone_key", 2, clone_key, deterministic=True)
    db.create_function("clone_band", 2, clone_band, deterministic=True)
    db.create_function("shift_date", 2, shift_date, deterministic=True)
    db.create_function("shift_json", 2, shift_json, deterministic=True)
    tables = _tables(db, "main")
    left_empty = sorted(t for t in tables if t not in PER_REPORT + SHARED_TABLES + ("meta",))
    strides = {
        table: (db.execute(f"SELECT max({STRIDE_COLUMN[t]}) FROM seed.{t}").fetchone()[0] or 0) + 1
        for table, t in STRIDE_OF.items()
    }
    seed_reports = db.execute("SELECT count(*) FROM seed.documents").fetchone()[0]
    started = time.perf_counter()
    with _without_indexes(db, [t for t in PER_REPORT if t in tables]):
        db.execute("BEGIN")
        for table in SHARED_TABLES:
            db.execute(f"INSERT INTO main.{table} SELECT * FROM seed.{table}")
        db.execute("COMMIT")
        # A report with no date at all is taken once: moved in time, its clones would be
        # the same undated text again and again, which no real archive holds.
        dated = db.execute(
            "SELECT count(*) FROM seed.documents WHERE published IS NOT NULL"
            " OR date_earliest IS NOT NULL OR date_latest IS NOT NULL"
        ).fetchone()[0]
        k = done = 0
        while done < reports:
            take = min(seed_reports if k == 0 else dated, reports - done)
            _clone(db, tables, k, k * days, take, seed_reports, strides)
            k += 1
            done += take
            print(f"clone {k}: {done} reports", file=sys.stderr)
    db.execute("INSERT INTO meta (key, value) VALUES ('corpus_pending', '1')"
               " ON CONFLICT (key) DO UPDATE SET value = '1'")  # fmt: skip
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    return {
        "reports": reports,
        "seed_reports": seed_reports,
        "clones": k,
        "days_apart": days,
        "grow_seconds": round(time.perf_counter() - started, 1),
        "left_to_corpus_steps": left_empty,
    }


def _tables(db: Any, schema: str) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'"
        )
    ]


def _clone(
    db: Any, tables: list[str], k: int, days: int, take: int, total: int, strides: dict[str, int]
) -> None:
    """Clone `k` of the first `take` seed reports, `days` later, in one transaction."""
    db.execute("BEGIN")
    db.execute("DROP TABLE IF EXISTS temp.taken")
    db.execute("CREATE TEMP TABLE taken (id TEXT PRIMARY KEY)")
    db.execute(
        "INSERT INTO temp.taken SELECT id FROM seed.documents WHERE ? = 0"
        " OR published IS NOT NULL OR date_earliest IS NOT NULL OR date_latest IS NOT NULL"
        " ORDER BY seq LIMIT ?",
        (k, take),
    )
    for table in PER_REPORT:
        if table not in tables:
            continue
        columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]
        values = []
        for column in columns:
            expression = CLONED_COLUMNS.get(table, {}).get(column, column)
            expression = expression.replace("{stride}", str(strides.get(table, 0)))
            values.append(expression.replace("@k", str(k)).replace("@days", str(days)))
        where = ""
        if take < total or k > 0:
            where = f" WHERE {REPORT_OF[table]} IN (SELECT id FROM temp.taken)"
        if table == "inputs":
            where += (" AND" if where else " WHERE") + (" status = 'stored'" if k else " 1")
        db.execute(
            f"INSERT INTO main.{table} ({', '.join(columns)})"
            f" SELECT {', '.join(values)} FROM seed.{table}{where}"
        )
    db.execute("COMMIT")


class _without_indexes:
    """The secondary indexes and triggers of `tables` dropped for a bulk load, then made
    again as the schema wrote them; the full-text index is rebuilt once at the end."""

    def __init__(self, db: Any, tables: list[str]) -> None:
        self.db = db
        marks = ",".join("?" * len(tables))
        self.saved = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
            f" AND sql IS NOT NULL AND tbl_name IN ({marks})",
            tables,
        ).fetchall()

    def __enter__(self) -> None:
        for kind, name, _sql in self.saved:
            self.db.execute(f"DROP {kind.upper()} {name}")

    def __exit__(self, *exc: object) -> None:
        print("indexes and full-text index ...", file=sys.stderr)
        for _kind, _name, sql in self.saved:
            self.db.execute(sql)
        has_fts = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sentences_fts'"
        ).fetchone()
        if has_fts:
            self.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')")
        # No ANALYZE: an ingested store has no statistics either, so queries plan alike.


# -- dates moved by whole days -------------------------------------------------------

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$", re.DOTALL)
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(.*)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})(-[A-Z][A-Z0-9]*)?$")  # 2009, 2009-Q1, 2009-SU, 2009-H2


def shift_date(value: str | None, days: int) -> str | None:
    """`value` (an ISO 8601 / TIMEX3 date, at day, week, month or year precision) `days`
    later, at the same precision; anything else (durations, PRESENT_REF, XXXX-..) unchanged.
    Coarser values move with the day in their middle: a month or a year changes only when
    the shift carries that day into the next."""
    if not value or days == 0:
        return value
    if found := _FULL.match(value):
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return value
        return (day + timedelta(days=days)).isoformat() + found[4]
    if found := _WEEK.match(value):
        try:
            day = date.fromisocalendar(int(found[1]), int(found[2]), 4)
        except ValueError:
            return value
        year, week, _ = (day + timedelta(days=days)).isocalendar()
        return f"{year:04}-W{week:02}{found[3]}"
    if found := _MONTH.match(value):
        if not 1 <= int(found[2]) <= 12:
            return value
        day = date(int(found[1]), int(found[2]), 15) + timedelta(days=days)
        return f"{day.year:04}-{day.month:02}"
    if found := _YEAR.match(value):
        day = date(int(found[1]), 7, 1) + timedelta(days=days)
        return f"{day.year:04}{found[2] or ''}"
    return value


def shift_json(value: str | None, days: int) -> str | None:
    """Every string in a JSON value that is a whole date (day, week or month), moved."""
    if not value or days == 0:
        return value
    return json.dumps(_shifted(json.loads(value), days))


def _shifted(item: Any, days: int) -> Any:
    if isinstance(item, str):
        if _FULL.match(item) or _WEEK.match(item) or _MONTH.match(item):
            return shift_date(item, days)
        return item
    if isinstance(item, list):
        return [_shifted(x, days) for x in item]
    if isinstance(item, dict):
        return {key: _shifted(x, days) for key, x in item.items()}
    return item


# -- the corpus steps over the grown base --------------------------------------------


def rebuild_corpus(path: Path) -> dict[str, float]:
    """Run the project's corpus steps (`standard_steps`) with every report as changed, as
    the runner runs them after an ingest: the steps that write the knowledge base in one
    transaction, a step with its own index after. Seconds per step, and in all."""
    from storyline.ingest.corpus_steps import check_steps, standard_steps
    from storyline.settings import Settings
    from storyline.store.sqlite import Store

    seconds: dict[str, float] = {}
    steps = standard_steps(Settings())
    check_steps(steps)
    started = time.perf_counter()
    with Store(path) as store:
        changed = [row[0] for row in store.db.execute("SELECT id FROM documents ORDER BY seq")]
        with store.transaction():
            for step in steps:
                if not step.own_transaction:
                    seconds[step.name] = _timed_step(step, store, changed)
            store.clear_corpus_pending()
        for step in steps:
            if step.own_transaction:
                seconds[step.name] = _timed_step(step, store, changed)
    seconds["all"] = time.perf_counter() - started
    return {name: round(value, 1) for name, value in seconds.items()}


def _timed_step(step: Any, store: Any, changed: list[str]) -> float:
    started = time.perf_counter()
    step.run(store, changed)
    took = time.perf_counter() - started
    print(f"  {step.name}: {took:.1f} s", file=sys.stderr)
    return took


def grown_database(
    reports: int, out: Path, *, seed_cache: Path = SEED_CACHE, shared: Path = SHARED,
    days: int = 7, corpus: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """Build `out` with `reports` reports (seed first, then grown) and, with `corpus`,
    its corpus steps; what it took."""
    require_shared(shared)
    seed = seed_database(seed_cache, shared)
    summary = grow(seed, out, reports, days)
    if corpus:
        summary["corpus_seconds"] = rebuild_corpus(out)
    summary["megabytes"] = round(out.stat().st_size / 1e6)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, required=True, help="reports in the grown base")
    parser.add_argument("--out", type=Path, required=True, help="the database to write (replaced)")
    parser.add_argument(
        "--seed-cache", type=Path, default=SEED_CACHE, help="where the seed database is kept"
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--days", type=int, default=7, help="days between clones (whole weeks)")
    parser.add_argument(
        "--no-corpus", action="store_true", help="leave the corpus steps to the next ingest"
    )
    args = parser.parse_args()
    if args.days % 7:
        parser.error("--days must be whole weeks (a multiple of 7): weekdays stay weekdays")
    summary = grown_database(
        args.reports, args.out, seed_cache=args.seed_cache, shared=args.shared,
        days=args.days, corpus=not args.no_corpus,
    )  # fmt: skip
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
