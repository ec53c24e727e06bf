"""Ingest throughput and memory on real news, against plain spaCy over the same clean texts.

    python benchmarks/real_throughput.py --corpus all       # ecb, demo and web, one after another
    python benchmarks/real_throughput.py --corpus ecb --keep /tmp/after   # keep ecb.db

The corpora (real text, none generated):

- `ecb`:  the 772 ECB+ reports of `../shared/data/ecbplus_dev` (text rebuilt from the CAT XML);
- `demo`: the demo corpus of `examples/` (text files, HTML pages, a feed);
- `web`:  the 922 web pages of `../shared/data/web_pages_dev` (HTML; many not in English).

Per corpus, each phase runs in its own fresh process (so that peak memory is its own):

1. `ingest`: the whole `storyline ingest` of the corpus into a new database, as the
   command runs it (worker processes load the model inside the timed run); the corpus
   steps after the last report are timed apart as well.
2. `spacy`:  `nlp.pipe` over exactly the clean texts the ingest parsed (English, not
   duplicates, read back from its database), same model, processes and batch size; the
   model is loaded before the clock starts.

It prints, per corpus, both times, the ratio ingest / spaCy (target at most 1.3), the
corpus steps' share, the CPU time of each phase with its ratio (steadier than the
wall clock when other work shares the machine), the load average, and each phase's
peak memory (the process plus its largest child).
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPORA = ("ecb", "demo", "web")


# -- the corpora, as files the ingest reads -----------------------------------------


def make_corpus(name: str, shared: Path, out: Path) -> int:
    """Write corpus `name` into folder `out` as the ingest reads it; the number of inputs."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if name == "ecb":
        from storyline.evaluation.catxml import read_cat

        files = sorted((shared / "data" / "ecbplus_dev").rglob("*.xml"))
        for number, path in enumerate(files):
            text = read_cat(path, sentence_break="\n").text
            (out / f"{number:05}.txt").write_text(text, encoding="utf-8")
        return len(files)
    if name == "demo":
        shutil.copytree(ROOT / "examples" / "demo", out, dirs_exist_ok=True)
        return sum(1 for path in out.rglob("*") if path.is_file())
    if name == "web":
        pages = sorted((shared / "data" / "web_pages_dev" / "html").glob("*.html.gz"))
        for path in pages:
            (out / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
        return len(pages)
    raise ValueError(f"no corpus {name!r}")


# -- the two phases, each in a fresh process ----------------------------------------


def peak_memory_mb() -> float:
    """Peak resident memory of this process plus its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of its children waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def reap_children() -> None:
    """Wait for child processes that are ending, so that their CPU time is counted."""
    for _ in range(100):
        if not multiprocessing.active_children():
            return
        time.sleep(0.1)


def phase_ingest(folder: Path, db: Path, processes: int, batch_size: int) -> dict[str, float]:
    from storyline.ingest import runner
    from storyline.ingest.analysis import standard_stages
    from storyline.settings import Settings
    from storyline.store.sqlite import Store

    corpus_seconds = 0.0
    corpus_steps = runner._corpus_steps

    def timed_corpus_steps(*args: object) -> None:
        nonlocal corpus_seconds
        started = time.perf_counter()
        corpus_steps(*args)  # type: ignore[arg-type]
        corpus_seconds += time.perf_counter() - started

    runner._corpus_steps = timed_corpus_steps  # type: ignore[assignment]
    settings = Settings().override({"processes": processes, "batch_size": batch_size})
    cpu = cpu_seconds()
    started = time.perf_counter()
    with Store(db) as store:
        report = runner.ingest([str(folder)], store, standard_stages, settings)
    seconds = time.perf_counter() - started
    reap_children()
    return {
        "stored": report.stored,
        "duplicates": report.duplicates,
        "not_english": report.not_english,
        "skipped": report.skipped_total,
        "seconds": seconds,
        "corpus_seconds": corpus_seconds,
        "cpu_seconds": cpu_seconds() - cpu,
        "load": os.getloadavg()[0],  # other work on the machine during the phase
        "peak_mb": peak_memory_mb(),
    }


def parsed_texts(db: Path) -> list[str]:
    """The clean texts the ingest gave the model: English reports that copy no other."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT text FROM documents WHERE language = 'en' AND duplicate_of IS NULL ORDER BY seq"
        ).fetchall()
    return [text for (text,) in rows]


def phase_spacy(db: Path, processes: int, batch_size: int) -> dict[str, float]:
    from storyline.nlp.model import load_model

    texts = parsed_texts(db)
    nlp = load_model()
    cpu = cpu_seconds()
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    reap_children()
    return {
        "reports": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - cpu,
        "load": os.getloadavg()[0],  # other work on the machine during the phase
        "peak_mb": peak_memory_mb(),
    }


def run_phase(phase: str, folder: Path, db: Path, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, "--phase", phase, "--input", str(folder), "--db", str(db)]
    command += ["--processes", str(args.processes), "--batch-size", str(args.batch_size)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


# -- the run ------------------------------------------------------------------------


def corpus_folder(name: str, args: argparse.Namespace) -> tuple[Path, int]:
    """The corpus's folder under `--corpora`, written the first time (same paths every run,
    so that two runs store the same origins and their exports can be compared)."""
    folder = args.corpora / name
    if not folder.exists():
        make_corpus(name, args.shared, folder.with_suffix(".part"))
        folder.with_suffix(".part").rename(folder)
    return folder, sum(1 for path in folder.rglob("*") if path.is_file())


def measure(name: str, args: argparse.Namespace, scratch: Path) -> dict[str, float]:
    folder, inputs = corpus_folder(name, args)
    db = args.keep / f"{name}.db" if args.keep else scratch / f"{name}.db"
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    ingest_run = run_phase("ingest", folder, db, args)
    spacy_run = run_phase("spacy", folder, db, args)
    return {"inputs": inputs, **{f"ingest_{k}": v for k, v in ingest_run.items()},
            **{f"spacy_{k}": v for k, v in spacy_run.items()}}  # fmt: skip


def print_table(results: dict[str, dict[str, float]], processes: int, batch_size: int) -> None:
    print(f"{processes} process(es), batch size {batch_size}")
    print(
        f"{'corpus':<6} {'files':>5} {'parsed':>6} {'words':>7} {'spaCy s':>8} {'ingest s':>9}"
        f" {'ratio':>6} {'corpus steps s':>14} {'CPU s spaCy':>12} {'ingest':>7} {'ratio':>6}"
        f" {'load':>9} {'MB spaCy':>9} {'ingest':>7}"
    )
    for name, r in results.items():
        ratio = r["ingest_seconds"] / r["spacy_seconds"]
        cpu_ratio = r["ingest_cpu_seconds"] / r["spacy_cpu_seconds"]
        print(
            f"{name:<6} {r['inputs']:5.0f} {r['spacy_reports']:6.0f} {r['spacy_words']:7.0f}"
            f" {r['spacy_seconds']:8.1f} {r['ingest_seconds']:9.1f} {ratio:6.2f}"
            f" {r['ingest_corpus_seconds']:14.1f} {r['spacy_cpu_seconds']:12.1f}"
            f" {r['ingest_cpu_seconds']:7.1f} {cpu_ratio:6.2f}"
            f" {r['spacy_load']:4.1f}/{r['ingest_load']:<4.1f} {r['spacy_peak_mb']:9.0f}"
            f" {r['ingest_peak_mb']:7.0f}"
        )
    print(
        "ratio = ingest / spaCy, wall clock (target <= 1.30) and CPU time (processes and their"
        " children); corpus steps are inside the ingest's time; load = the machine's load"
        " average at the end of each phase (spaCy/ingest; above 2, other work shared the cores)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="all")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--keep", type=Path, help="keep each database in this folder")
    parser.add_argument(
        "--corpora",
        type=Path,
        default=Path(tempfile.gettempdir()) / "storyline-real-corpora",
        help="where the corpora are written once and read by every run",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=["spacy", "ingest"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase == "ingest":
        print(json.dumps(phase_ingest(args.input, args.db, args.processes, args.batch_size)))
        return
    if args.phase == "spacy":
        print(json.dumps(phase_spacy(args.db, args.processes, args.batch_size)))
        return

    names = CORPORA if args.corpus == "all" else (args.corpus,)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            results[name] = measure(name, args, Path(scratch))
    print_table(results, args.processes, args.batch_size)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
