"""The temporal tagger's errors on MEANTIME English, grouped by class.

    python benchmarks/time_errors.py                  # training topics: counts and every error
    python benchmarks/time_errors.py --split held-out # held-out topic: counts only
    python benchmarks/time_errors.py --data PATH      # MEANTIME elsewhere
    python benchmarks/time_errors.py --blind          # the blind sentences' first half
    python benchmarks/time_errors.py --blind --split held-out  # their second half: counts
    python benchmarks/time_errors.py --business       # the business-news blind set's first half

Rules are tuned on the training topics only (`storyline.evaluation.time.TRAINING_TOPICS`);
for the held-out topic the script prints how many errors fall in each class and never
the errors themselves, so that reading them cannot steer the rules. With `--blind` the
same holds for the project's blind sentences (`tests/time/data/blind_timeml.tsv`): the
odd-numbered ones are the training half, the even-numbered ones the held-out half;
`--business` does the same for the blind business-news sentences
(`tests/time/data/business_timeml.tsv`).

A class is decided from the gold and predicted TIMEX3 alone (type, value, text), so the
same error always lands in the same class:

- value errors: `direction` (same shape of value, another period: a weekday, month or
  day anchored the wrong way), `ref/date` (PRESENT_REF and the like against a calendar
  value: generic "now" against the report's day), `offset` ("two years ago", "a month
  earlier"), `vague` (PXY-style values), `duration/date` (one a duration, the other a
  date), `granularity` (the same period at another precision: 2011 against 2011-06),
  `other`;
- `type`: the right value under another type (DATE "P6Y" against DURATION "P6Y"),
  which costs type accuracy but not value F1;
- missed and spurious expressions: `vague word` ("recent", "now", "currently"),
  `bare unit` ("minutes", "the week"), `named` (capitalised names of periods),
  `numeric` (with a digit), `frequency` ("annual"), `other`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.evaluation.meantime import read_corpus  # noqa: E402
from storyline.evaluation.time import (  # noqa: E402
    HELD_OUT_TOPICS,
    TRAINING_TOPICS,
    Mismatch,
    evaluate_documents,
    read_inline,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "meantime_en"
BLIND = ROOT / "tests" / "time" / "data" / "blind_timeml.tsv"
BUSINESS = ROOT / "tests" / "time" / "data" / "business_timeml.tsv"
_REF = re.compile(r"(PRESENT|PAST|FUTURE)_REF$")
_OFFSET = re.compile(r"\b(ago|earlier|later|from now|hence|before|after)\b", re.I)
_VAGUE_WORDS = re.compile(
    r"^(?:the\s+)?(?:more\s+)?(?:recent(?:ly)?|current(?:ly)?|now|later|earlier|soon|formerly"
    r"|previously|present(?:ly)?|past|future|former|ongoing|lately|nowadays|then|once)$",
    re.I,
)
_UNIT_WORDS = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?"
    r"|decades?|centuries|century)\b",
    re.I,
)
_FREQUENCY = re.compile(
    r"\b(?:annual|annually|daily|weekly|monthly|quarterly|yearly|hourly)\b", re.I
)


def shape(value: str) -> str:
    """A value with its digits masked: 2008-09-19 and 2008-09-12 share "9999-99-99"."""
    return re.sub(r"\d", "9", value)


def value_class(gold: str, predicted: str, text: str) -> str:
    """The class of a value error; `gold`/`predicted` are "TYPE VALUE"."""
    gold_value = gold.split(" ", 1)[-1]
    pred_value = predicted.split(" ", 1)[-1]
    if _OFFSET.search(text):
        return "offset"
    if (
        "X" in gold_value
        and gold_value.startswith("P")
        or "X" in pred_value
        and pred_value.startswith("P")
    ):
        return "vague"
    gold_ref, pred_ref = bool(_REF.match(gold_value)), bool(_REF.match(pred_value))
    if gold_ref != pred_ref:
        return "ref/date"
    if gold_value.startswith("P") != pred_value.startswith("P"):
        return "duration/date"
    if shape(gold_value) == shape(pred_value) and not gold_value.startswith("P"):
        return "direction"
    if gold_value[:4] == pred_value[:4] and not gold_value.startswith("P"):
        return "granularity"
    return "other"


def mention_class(text: str) -> str:
    """The class of a missed or spurious expression, from its words."""
    words = " ".join(text.split())
    if _VAGUE_WORDS.match(words):
        return "vague word"
    if _FREQUENCY.search(words):
        return "frequency"
    if any(ch.isdigit() for ch in words):
        return "numeric"
    if _UNIT_WORDS.search(words) and len(words.split()) <= 4:
        return "bare unit"
    if any(w[:1].isupper() for w in words.split()):
        return "named"
    return "other"


def classify(error: Mismatch) -> str:
    if error.kind == "value":
        if error.gold.split(" ", 1)[-1] == error.predicted.split(" ", 1)[-1]:
            return "type"  # the right value under another type: costs type accuracy only
        return "value: " + value_class(error.gold, error.predicted, error.text)
    if error.kind in ("missed", "spurious"):
        return f"{error.kind}: {mention_class(error.text)}"
    return error.kind  # "span": right value, another extent (costs strict F1 only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MEANTIME English")
    parser.add_argument("--split", choices=("train", "held-out"), default="train")
    parser.add_argument("--blind", action="store_true", help="the blind TimeML sentences")
    parser.add_argument("--business", action="store_true", help="the blind business sentences")
    args = parser.parse_args(argv)
    if args.blind or args.business:
        every = list(read_inline(BUSINESS if args.business else BLIND))
        docs = every[0::2] if args.split == "train" else every[1::2]
    else:
        topics = TRAINING_TOPICS if args.split == "train" else HELD_OUT_TOPICS
        docs = [doc for doc in read_corpus(args.data) if doc.topic in topics]
    if not docs:
        print(f"no MEANTIME documents under {args.data}", file=sys.stderr)
        return 1
    evaluation = evaluate_documents(docs)
    by_class: dict[str, list[Mismatch]] = defaultdict(list)
    for error in evaluation.errors:
        by_class[classify(error)].append(error)
    scores = evaluation.overall
    print(
        f"{args.split}: {len(docs)} documents, {scores.gold} gold, {scores.predicted} predicted,"
        f" strict F1 {scores.strict_f1:.2f}, relaxed F1 {scores.relaxed_f1:.2f},"
        f" value F1 {scores.value_f1:.2f}"
    )
    counts = Counter({name: len(errors) for name, errors in by_class.items()})
    for name, count in sorted(counts.items()):
        print(f"{count:4d}  {name}")
    if args.split == "held-out":
        return 0  # counts only: the held-out errors are not for reading
    for name in sorted(by_class):
        print(f"\n## {name}")
        for error in by_class[name]:
            print(f"  {error.document[:40]:40}  {error.text!r}  gold={error.gold}"
                  f"  predicted={error.predicted}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
