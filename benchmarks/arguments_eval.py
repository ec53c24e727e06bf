"""Participants and roles of extracted events against MEANTIME English's gold.

    python benchmarks/arguments_eval.py                     # figures, train and held-out
    python benchmarks/arguments_eval.py --cache .cache/eval  # keep the parses between runs
    python benchmarks/arguments_eval.py --errors             # wrong participants, train only

Train topics: airbus, apple, stock (read errors there); held out: gm (figures only).
See `storyline.evaluation.arguments` for what is counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluation.arguments import (  # noqa: E402
    build_corpus,
    errors,
    evaluate_arguments,
    load_meantime_arguments,
)
from storyline.nlp.model import load_model  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding meantime_en/")
    parser.add_argument("--cache", type=Path, default=None, help="keep the parses here")
    parser.add_argument("--errors", action="store_true", help="print wrong participants (train)")
    args = parser.parse_args()
    root = args.data / "meantime_en"
    if not root.is_dir():
        sys.exit(f"no MEANTIME under {args.data}: nothing to measure")
    items, gold = load_meantime_arguments(root)
    corpus = build_corpus(items, load_model(), args.cache)
    if args.errors:
        print("\n".join(errors(corpus, gold)))
        return
    figures = evaluate_arguments(corpus, gold)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
