"""Ingest throughput and memory, against plain spaCy over the same texts.

    python benchmarks/throughput.py --reports 2000            # demo corpus, varied
    python benchmarks/throughput.py --input some/folder       # any folder of reports

Each phase runs in its own fresh process so that peak memory (of the process
and of its model workers) is its own:

1. `spacy`:  `nlp.pipe` over the clean texts, with the same model, processes
   and batch size as the ingest — the reference.
2. `ingest`: `storyline ingest` of the same reports into a new database.

It prints reports/s, words/s, peak memory and the ratio ingest / spaCy; the
target is a ratio of at most 1.3. Timings are only compared within one run,
since machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_PARAGRAPHS = re.compile(r"\n\s*\n")


def demo_paragraphs() -> list[str]:
    """Clean paragraphs of the demo corpus (HTML pages extracted), as material for variations."""
    from storyline.clean.debris import clean_text
    from storyline.clean.html import extract_html
    from storyline.errors import InputError
    from storyline.ingest.sources import iter_inputs
    from storyline.records import RawReport
    from storyline.settings import Settings

    settings = Settings()
    paragraphs: list[str] = []
    for item in iter_inputs([str(ROOT / "examples")], settings):
        if not isinstance(item, RawReport):
            continue
        text = item.text or ""
        if item.html is not None:
            try:
                text = extract_html(item.html, url=item.url, settings=settings).text
            except InputError:
                continue
        cleaned = clean_text(text)
        paragraphs.extend(p for p in _PARAGRAPHS.split(cleaned.text) if len(p.split()) >= 12)
    return paragraphs


def make_corpus(folder: Path, reports: int, seed: int = 7) -> None:
    """`reports` text files, each a new mix of demo paragraphs (so none is a near-duplicate)."""
    rng = random.Random(seed)
    paragraphs = demo_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(reports):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 8)))
        header = f"Report {number}: dispatch {rng.randint(1, 10**9)}.\n\n"
        (folder / f"r{number:06d}.txt").write_text(header + "\n\n".join(chosen), encoding="utf-8")


def peak_memory_mb() -> float:
    """Peak resident memory of this process plus its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def phase_spacy(folder: Path, processes: int, batch_size: int) -> dict[str, float]:
    from storyline.clean.debris import clean_text
    from storyline.nlp.model import load_model

    nlp = load_model()
    files = sorted(folder.rglob("*.txt"))

    words = 0

    def texts():  # streamed, as the ingest streams
        nonlocal words
        for path in files:
            text = clean_text(path.read_text(encoding="utf-8")).text
            words += len(text.split())
            yield text

    started = time.perf_counter()
    for _doc in nlp.pipe(texts(), batch_size=batch_size, n_process=processes):
        pass
    seconds = time.perf_counter() - started
    return {"reports": len(files), "words": words, "seconds": seconds, "peak_mb": peak_memory_mb()}


def phase_ingest(folder: Path, processes: int, batch_size: int) -> dict[str, float]:
    from storyline.ingest.analysis import standard_stages
    from storyline.ingest.runner import ingest
    from storyline.settings import Settings
    from storyline.store.sqlite import Store

    settings = Settings().override({"processes": processes, "batch_size": batch_size})
    with tempfile.TemporaryDirectory() as scratch:
        # As `storyline ingest` runs it: the workers load the model inside the timed run.
        started = time.perf_counter()
        with Store(Path(scratch) / "bench.db") as store:
            report = ingest([str(folder)], store, standard_stages, settings)
        seconds = time.perf_counter() - started
    return {
        "reports": report.stored,
        "duplicates": report.duplicates,
        "not_english": report.not_english,
        "seconds": seconds,
        "peak_mb": peak_memory_mb(),
    }


def run_phase(name: str, folder: Path, processes: int, batch_size: int) -> dict[str, float]:
    command = [
        sys.executable,
        __file__,
        "--phase",
        name,
        "--input",
        str(folder),
        "--processes",
        str(processes),
        "--batch-size",
        str(batch_size),
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--input", type=Path, help="a folder of .txt reports (default: varied demo)"
    )
    parser.add_argument("--reports", type=int, default=2000, help="how many varied demo reports")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--phase", choices=["spacy", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        phase = phase_spacy if args.phase == "spacy" else phase_ingest
        print(json.dumps(phase(args.input, args.processes, args.batch_size)))
        return

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.input or Path(scratch) / "corpus"
        if args.input is None:
            make_corpus(folder, args.reports)
        spacy_run = run_phase("spacy", folder, args.processes, args.batch_size)
        ingest_run = run_phase("ingest", folder, args.processes, args.batch_size)

    reports, words = spacy_run["reports"], spacy_run["words"]
    ratio = ingest_run["seconds"] / spacy_run["seconds"]
    print(f"reports          {reports:.0f} ({words:.0f} words), {args.processes} process(es)")
    print(
        f"ingest stored {ingest_run['reports']:.0f}: {ingest_run['duplicates']:.0f} duplicates "
        f"and {ingest_run['not_english']:.0f} not English (not parsed)"
    )
    for name, run in (("spaCy nlp.pipe", spacy_run), ("storyline ingest", ingest_run)):
        print(
            f"{name:<17}{run['seconds']:8.1f} s  {reports / run['seconds']:8.1f} reports/s  "
            f"{words / run['seconds']:9.0f} words/s  peak {run['peak_mb']:7.0f} MB"
        )
    print(f"ratio ingest / spaCy  {ratio:.2f}  (target <= 1.30)")


if __name__ == "__main__":
    main()
