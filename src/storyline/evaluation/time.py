"""TempEval-3 metrics for TIMEX3 tagging, and the MEANTIME evaluation.

What TempEval-3 (UzZaman et al. 2013, Task A) reports, computed here:

- strict span P/R/F1: a prediction matches a gold expression with exactly its span;
- relaxed span P/R/F1: a prediction matches a gold expression it overlaps
  (one-to-one, largest overlap first);
- type and value accuracy: the share of relaxed matches with the right type/value;
- value F1 (the headline figure, HeidelTime 77.61): relaxed F1 x value accuracy.

Counts are summed over documents (micro-averaged), per topic, per split and overall.

The split: the tagger's rules are tuned on three topics (`TRAINING_TOPICS`) and
checked on the fourth (`HELD_OUT_TOPICS`, General Motors), whose errors are not
read while tuning (`benchmarks/time_errors.py` lists only their counts by class).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from storyline.evaluation.meantime import GoldDocument, GoldTimex, read_corpus
from storyline.records import Span, TimeExpression
from storyline.time.tagger import tag_time

#: MEANTIME topics the rules are tuned on, and the one kept for checking them.
TRAINING_TOPICS: Final[frozenset[str]] = frozenset({"airbus", "apple", "stock"})
HELD_OUT_TOPICS: Final[frozenset[str]] = frozenset({"gm"})


def split_of(topic: str) -> str | None:
    """ "train" or "held-out": which side of the tuning split a MEANTIME topic is on."""
    if topic in HELD_OUT_TOPICS:
        return "held-out"
    return "train" if topic in TRAINING_TOPICS else None


@dataclass(frozen=True, slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.type_ok + other.type_ok,
            self.value_ok + other.value_ok,
        )


@dataclass(frozen=True, slots=True)
class Scores:
    """TempEval-3 figures, as percentages."""

    strict_p: float
    strict_r: float
    strict_f1: float
    relaxed_p: float
    relaxed_r: float
    relaxed_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float
    gold: int
    predicted: int

    @classmethod
    def of(cls, c: Counts) -> Scores:
        sp, sr, sf = _prf(c.strict, c.predicted, c.gold)
        rp, rr, rf = _prf(c.relaxed, c.predicted, c.gold)
        type_acc = _ratio(c.type_ok, c.relaxed)
        value_acc = _ratio(c.value_ok, c.relaxed)
        return cls(
            sp, sr, sf, rp, rr, rf, type_acc, value_acc,
            rf * type_acc / 100, rf * value_acc / 100, c.gold, c.predicted,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One error, for reading: a missed, spurious or wrongly normalised expression."""

    document: str
    kind: str  # "missed" | "spurious" | "type" | "value" | "span"
    text: str
    gold: str
    predicted: str


def _ratio(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p, r = _ratio(hits, predicted), _ratio(hits, gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def align(
    gold: Sequence[GoldTimex], predicted: Sequence[TimeExpression]
) -> list[tuple[GoldTimex, TimeExpression]]:
    """One-to-one relaxed matches: overlapping pairs, largest overlap first."""
    pairs = []
    for g in gold:
        for p in predicted:
            overlap = min(g.span.end, p.span.end) - max(g.span.start, p.span.start)
            if overlap > 0:
                pairs.append((overlap, g, p))
    pairs.sort(key=lambda item: -item[0])
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for _, g, p in pairs:
        if id(g) in used_gold or id(p) in used_pred:
            continue
        used_gold.add(id(g))
        used_pred.add(id(p))
        matches.append((g, p))
    return matches


def score_document(
    gold: Sequence[GoldTimex], predicted: Sequence[TimeExpression]
) -> tuple[Counts, list[tuple[str, str, str, str]]]:
    """Counts for one document, and its errors as (kind, text, gold, predicted)."""
    matches = align(gold, predicted)
    errors: list[tuple[str, str, str, str]] = []
    strict = type_ok = value_ok = 0
    for g, p in matches:
        strict += g.span == p.span
        type_ok += g.type == p.type
        value_ok += g.value == p.value
        if g.value != p.value or g.type != p.type:
            errors.append(("value", f"{g.text} / {p.text}", f"{g.type} {g.value}",
                           f"{p.type} {p.value}"))  # fmt: skip
        elif g.span != p.span:
            errors.append(("span", p.text, g.text, p.text))
    matched_gold = {id(g) for g, _ in matches}
    matched_pred = {id(p) for _, p in matches}
    errors += [("missed", g.text, f"{g.type} {g.value}", "") for g in gold
               if id(g) not in matched_gold]  # fmt: skip
    errors += [("spurious", p.text, "", f"{p.type} {p.value}") for p in predicted
               if id(p) not in matched_pred]  # fmt: skip
    counts = Counts(len(gold), len(predicted), strict, len(matches), type_ok, value_ok)
    return counts, errors


def predictions_for(doc: GoldDocument) -> list[TimeExpression]:
    """The tagger's output on a MEANTIME document, restricted to what was annotated:
    the annotated sentences, less the creation-time line (metadata, not text)."""
    found = tag_time(doc.text, doc.dct)
    kept = []
    for timex in found:
        if timex.span.start >= doc.annotated_end:
            continue
        dct = doc.dct_span
        if dct is not None and timex.span.start < dct.end and dct.start < timex.span.end:
            continue
        kept.append(timex)
    return kept


@dataclass(frozen=True, slots=True)
class Evaluation:
    overall: Scores
    topics: dict[str, Scores]
    documents: int
    splits: dict[str, Scores]  # "train" and "held-out", each the sum of its topics
    errors: tuple[Mismatch, ...]


def evaluate_documents(docs: Iterable[GoldDocument]) -> Evaluation:
    totals: dict[str, Counts] = {}
    errors: list[Mismatch] = []
    count = 0
    for doc in docs:
        count += 1
        counts, doc_errors = score_document(doc.timexes, predictions_for(doc))
        totals[doc.topic] = totals.get(doc.topic, Counts()) + counts
        errors += [Mismatch(doc.name, *error) for error in doc_errors]
    overall = sum(totals.values(), Counts())
    splits: dict[str, Counts] = {}
    for topic, counts in totals.items():
        if (side := split_of(topic)) is not None:
            splits[side] = splits.get(side, Counts()) + counts
    return Evaluation(
        overall=Scores.of(overall),
        topics={topic: Scores.of(c) for topic, c in sorted(totals.items())},
        documents=count,
        splits={name: Scores.of(splits[name]) for name in ("train", "held-out") if name in splits},
        errors=tuple(errors),
    )


def evaluate_meantime(root: Path) -> Evaluation:
    """TempEval-3 figures of the tagger on MEANTIME English under `root`."""
    return evaluate_documents(read_corpus(root))


_INLINE_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>")
_INLINE_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def read_inline(path: Path, topic: str = "own") -> Iterator[GoldDocument]:
    """Sentences annotated inline, one a line: "YYYY-MM-DD<TAB>text with <TIMEX3 type=..
    value=.. [mod=..]>span</TIMEX3>"; "#" starts a comment. Each line is one document
    whose DCT is the date before the tab."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        stamp, _, marked = line.partition("\t")
        text, timexes, done = "", [], 0
        for match in _INLINE_TIMEX.finditer(marked):
            text += marked[done : match.start()]
            attributes = dict(_INLINE_ATTRIBUTE.findall(match[1]))
            span = Span(len(text), len(text) + len(match[2]))
            text += match[2]
            timexes.append(GoldTimex(span, match[2], attributes["type"], attributes["value"]))
            done = match.end()
        text += marked[done:]
        yield GoldDocument(
            name=f"{path.stem}:{number}",
            topic=topic,
            text=text,
            dct=date.fromisoformat(stamp),
            dct_span=None,
            annotated_end=len(text),
            timexes=tuple(timexes),
        )


HEADERS = ("set", "gold", "pred", "strict F1", "relaxed P", "relaxed R", "relaxed F1",
           "type acc", "value acc", "value F1")  # fmt: skip


def table_rows(evaluation: Evaluation) -> list[tuple[str, ...]]:
    """The metrics table: one row per topic, one per split, then the overall row."""
    rows: list[tuple[str, ...]] = []
    named = [
        *evaluation.topics.items(),
        *evaluation.splits.items(),
        ("overall", evaluation.overall),
    ]
    for name, s in named:
        rows.append(
            (
                name,
                str(s.gold),
                str(s.predicted),
                f"{s.strict_f1:.2f}",
                f"{s.relaxed_p:.2f}",
                f"{s.relaxed_r:.2f}",
                f"{s.relaxed_f1:.2f}",
                f"{s.type_accuracy:.2f}",
                f"{s.value_accuracy:.2f}",
                f"{s.value_f1:.2f}",
            )  # fmt: skip
        )
    return rows
