"""How well `storyline.time.cjk` tags Japanese, Chinese and Korean time expressions.

Two measures:

- On our own annotated sentences (`tests/time/data/cjk_timex.jsonl`: one per
  line with its language, report date, text and gold TIMEX3 spans and values),
  strict-span P/R/F1 (a prediction counts when its span is exactly a gold one)
  and value P/R/F1 (exact span, the same value and the same mod), per language
  and split. The split is written in each record: "tune" sentences were written
  and read while building the grammar; "heldout" ones were written and annotated
  before the tagger first ran on them (their first-run errors were then fixed by
  general rules, so they are no longer unseen); "heldout2" ones were written
  after those fixes and are unseen.
- On KLUE-NER (Korean, spans only), the recall of its DT (date) spans: strictly,
  and by overlap, since KLUE's spans often take in words TIMEX3 leaves out.

Run: `python -m storyline.evaluation.cjk_time [--klue PATH]`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from storyline.time.cjk import tag_times

DATA: Final = Path(__file__).resolve().parents[3] / "tests" / "time" / "data" / "cjk_timex.jsonl"
#: Where the KLUE file lies when `../shared` is beside the repository, run from its root.
KLUE: Final = Path("../shared/data/ko_ner_klue/klue-ner-v1.1_dev.tsv.gz")
#: KLUE writes each sentence once with its entities inline: "<2014년:DT>".
_INLINE: Final = re.compile(r"<([^<>:]+):([A-Z]{2})>")


@dataclass(frozen=True, slots=True)
class Counts:
    """Predicted and gold expressions, and how many predictions matched in span and value."""

    predicted: int = 0
    gold: int = 0
    span_hits: int = 0
    value_hits: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.span_hits + other.span_hits,
            self.value_hits + other.value_hits,
        )


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: Path = DATA) -> list[dict[str, object]]:
    """The annotated sentences, one dict per line of `path`."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score_sentence(record: dict[str, object]) -> Counts:
    """The counts of one annotated sentence against the tagger's output."""
    text, language = str(record["text"]), str(record["language"])
    anchor = record["anchor"]
    found = tag_times(text, language, anchor if isinstance(anchor, str) else None)
    gold = {
        (int(g["start"]), int(g["end"])): (str(g["value"]), g.get("mod")) for g in _timexes(record)
    }
    spans = [(t.span.start, t.span.end) for t in found]
    span_hits = sum(1 for s in spans if s in gold)
    value_hits = sum(
        1 for t, s in zip(found, spans, strict=True) if gold.get(s) == (t.value, t.mod)
    )
    return Counts(len(found), len(gold), span_hits, value_hits)


def _timexes(record: dict[str, object]) -> list[dict[str, Any]]:
    value = record["timexes"]
    return value if isinstance(value, list) else []


def evaluate(records: Iterable[dict[str, object]]) -> dict[tuple[str, str], Counts]:
    """Counts per (language, split), with "all" rows for each language."""
    table: dict[tuple[str, str], Counts] = {}
    for record in records:
        counts = score_sentence(record)
        for key in (
            (str(record["language"]), str(record["split"])),
            (str(record["language"]), "all"),
        ):
            table[key] = table.get(key, Counts()) + counts
    return dict(sorted(table.items()))


def klue_dt_spans(path: Path = KLUE) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each KLUE sentence's plain text and its DT spans (character offsets)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("## klue-ner") or "\t" not in line:
                continue
            marked = line.rstrip("\n").split("\t", 1)[1]
            yield _unmark(marked)


def _unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    at, length = 0, 0
    for m in _INLINE.finditer(marked):
        plain.append(marked[at : m.start()])
        length += m.start() - at
        if m[2] == "DT":
            spans.append((length, length + len(m[1])))
        plain.append(m[1])
        length += len(m[1])
        at = m.end()
    plain.append(marked[at:])
    return "".join(plain), spans


def klue_recall(path: Path = KLUE) -> tuple[int, int, int]:
    """Gold DT spans, those tagged with exactly their span, and those a tag overlaps."""
    gold = strict = overlap = 0
    for text, spans in klue_dt_spans(path):
        found = [(t.span.start, t.span.end) for t in tag_times(text, "ko", None)]
        gold += len(spans)
        strict += sum(1 for s in spans if s in found)
        overlap += sum(1 for s, e in spans if any(a < e and s < b for a, b in found))
    return gold, strict, overlap


def report(table: dict[tuple[str, str], Counts]) -> str:
    """A text table: per language and split, strict-span and value P/R/F1."""
    rows = ["lang  split    gold pred  span P/R/F1         value P/R/F1"]
    for (language, split), c in table.items():
        span = prf(c.span_hits, c.predicted, c.gold)
        value = prf(c.value_hits, c.predicted, c.gold)
        rows.append(f"{language:5} {split:8} {c.gold:4} {c.predicted:4}  "
                    f"{_three(span)}  {_three(value)}")  # fmt: skip
    return "\n".join(rows)


def _three(scores: tuple[float, float, float]) -> str:
    return "/".join(f"{s:.2f}" for s in scores)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA, help="annotated sentences (JSON lines)")
    parser.add_argument("--klue", type=Path, default=None, help="KLUE-NER dev file (.tsv.gz)")
    args = parser.parse_args(argv)
    print(report(evaluate(read_gold(args.data))))
    if args.klue is not None:
        gold, strict, overlap = klue_recall(args.klue)
        print(f"KLUE-NER DT spans: {gold}; recall strict {strict / gold:.3f} "
              f"({strict}), overlapping {overlap / gold:.3f} ({overlap})")  # fmt: skip


if __name__ == "__main__":
    main()
