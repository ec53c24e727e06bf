"""Speed of the temporal tagger (finding + normalising), in sentences per second on one core.

    python benchmarks/time_speed.py                  # MEANTIME sentences, else the seeds
    python benchmarks/time_speed.py --input FILE     # one sentence per line
    python benchmarks/time_speed.py --unknown-dct    # tag as for an undated report

The target is at least 2,000 sentences/s per core. Sentences are tagged one
at a time (the worst case: per-call overhead is counted every sentence), with a
report date, after one warm-up pass; the best of `--repeat` runs is reported,
since a busy machine only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SHARED = ROOT.parent / "shared"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")


def corpus_sentences() -> tuple[str, list[str]]:
    """Real news sentences: MEANTIME's 120 articles when present, else the five seeds."""
    meantime = SHARED / "data" / "meantime_en"
    if meantime.is_dir():
        from storyline.evaluation.meantime import read_corpus

        lines = [line for doc in read_corpus(meantime) for line in doc.text.split("\n")]
        return "MEANTIME English", [line for line in lines if line.strip()]
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not seeds:
        raise SystemExit("no sentences: pass --input FILE (one sentence per line)")
    text = "\n".join(path.read_text(encoding="utf-8") for path in seeds)
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]
    return "the seed reports", sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, help="a file of sentences, one per line")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (best is reported)")
    parser.add_argument("--unknown-dct", action="store_true", help="tag with no report date")
    args = parser.parse_args()

    from storyline.time import tag_time

    if args.input:
        source = str(args.input)
        lines = args.input.read_text(encoding="utf-8").splitlines()
        sentences = [line for line in lines if line.strip()]
    else:
        source, sentences = corpus_sentences()
    dct = None if args.unknown_dct else date(2021, 3, 14)
    found = sum(len(tag_time(s, dct)) for s in sentences)  # warm-up, and a sanity count
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for sentence in sentences:
            tag_time(sentence, dct)
        best = min(best, time.perf_counter() - start)
    words = sum(len(s.split()) for s in sentences)
    print(f"{len(sentences)} sentences ({words} words) from {source}, {found} expressions")
    print(f"best of {args.repeat}: {best:.3f} s")
    print(f"{len(sentences) / best:,.0f} sentences/s, {words / best:,.0f} words/s (one core)")


if __name__ == "__main__":
    main()
