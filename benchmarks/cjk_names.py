"""Names in Japanese, Chinese and Korean originals: exact-span P/R/F1 per label, and speed.

    python benchmarks/cjk_names.py                # every corpus present
    python benchmarks/cjk_names.py --limit 500    # the first 500 texts of each
    python benchmarks/cjk_names.py --half test    # the odd-numbered texts (held out)

Japanese: the Wikipedia NER corpus at `../shared/data/ja_ner_wikipedia/ner.json.gz`,
read with the GiNZA analyser (`storyline.nlp.japanese`). A corpus whose file is
absent, or whose language has no analyser installed, is skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluation.cjk_names import HALVES, evaluate_ja_ner_wikipedia  # noqa: E402
from storyline.nlp.languages import analyser_for  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
JA_WIKIPEDIA = DATA / "ja_ner_wikipedia" / "ner.json.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="texts of each corpus")
    parser.add_argument("--ja-wikipedia", type=Path, default=JA_WIKIPEDIA)
    parser.add_argument(
        "--half",
        choices=sorted(HALVES),
        default=None,
        help="even-numbered texts (tune) or odd-numbered ones (test); all when absent",
    )
    args = parser.parse_args()

    japanese = analyser_for("ja")
    if not args.ja_wikipedia.is_file():
        print(f"skipped ja_ner_wikipedia: {args.ja_wikipedia} is absent")
    elif japanese is None:
        print("skipped ja_ner_wikipedia: no Japanese analyser (pip install 'storyline[cjk]')")
    else:
        print(evaluate_ja_ner_wikipedia(args.ja_wikipedia, japanese, args.limit, args.half).table())


if __name__ == "__main__":
    main()
