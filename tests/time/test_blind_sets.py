"""The tagger on the blind TimeML sets of the project's own sentences.

Each set was written in batches, each committed before the tagger first ran on it, and split
by a fixed rule: the n-th sentence (comments skipped, from 1) is in the first half when n is
odd, in the second when it is even. Errors were read on the first half only and fixed there
as classes; the second half is only scored, so its figure is the held-out one. `python
benchmarks/time_errors.py --blind` (or `--business`) prints the first half's errors by
class, `--split held-out` only the second half's counts.

`data/blind_timeml.tsv` (session 7): 235 news sentences (277 TIMEX3) written for issue 13 in
three batches, each committed before the tagger was first run on it, then split by a fixed
rule: the n-th sentence (comments skipped, from 1) is in the first half when n is odd, in
the second when it is even. Errors were read on the first half only, and fixed there as
classes (a day that opens a reported clause, the new date of a postponement, "the July-
September quarter", a season opening a name, a possessive weekday, "annual" after a
possessive); the second half is only scored, so its figure is the held-out one.

First looks (value F1, first half then second): batch 1 95.00 and 96.10 (96.89 and 97.40
once two gold mistakes were corrected, see the file); batch 2, after the first fixes, 94.59
and 97.22; batch 3, after the second, 97.96 and 100. `python benchmarks/time_errors.py
--blind` prints the first half's errors by class, `--split held-out` only the second half's
counts. On the whole set the tagger before issue 13's third round (commit 05b32d7) scores
96.48 on the first half and 97.81 on the second; after it, 100 and 97.81.

`data/business_timeml.tsv` (session 8): 191 sentences (315 TIMEX3) written for issue 13 in
the style of MEANTIME's held-out topic (car makers' sales, quarters, halves, results, rates,
runs), in two batches, each committed before the tagger first ran on it, and split by the
rule of the first set: the n-th sentence (comments skipped, from 1) is in the first half
when n is odd, in the second when it is even. Errors were read on the first half only and
fixed there as classes ("the same period" after the day of reporting, "the" before a counted
stretch, "the second half of the year", "52 jets a month", a month or year summed up in the
past tense early in the next); the second half is only scored, so its figure is the held-out
one.

First looks (value F1, first half then second): batch 1 with the tagger before this round
96.37 and 94.68 (96.91 once the gold was corrected, see the file); batch 2 after batch 1's
fixes 96.88 and 94.21 (the tagger before this round scores the same there). Whole set with
the tagger before this round (75e9b4e) 96.89 and 94.50, strict F1 98.14 and 95.79; after it
99.38 and 94.50, strict F1 100 and 97.73. `python benchmarks/time_errors.py --business`
prints the first half's errors by class, `--split held-out` only the second half's counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline.evaluation.meantime import GoldDocument
from storyline.evaluation.time import evaluate_documents, read_inline

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class BlindSet:
    """A set and its floors: the first half's value F1, the held-out half's value and
    strict F1 (the figures each was last measured at are in the module docstring)."""

    file: str
    sentences: int
    first_value: float
    held_out_value: float
    held_out_strict: float


SETS = (
    BlindSet("blind_timeml.tsv", 230, 99.0, 97.5, 97.5),  # 100 / 97.81 / 97.81
    BlindSet("business_timeml.tsv", 190, 99.0, 94.0, 97.5),  # 99.38 / 94.50 / 97.73
)


def halves(blind: BlindSet) -> tuple[list[GoldDocument], list[GoldDocument]]:
    """The first half (odd sentences, read while fixing) and the second (even, scored only)."""
    docs = list(read_inline(DATA / blind.file))
    return docs[0::2], docs[1::2]


@pytest.mark.parametrize("blind", SETS, ids=lambda s: s.file)
def test_a_blind_set_is_two_halves_of_the_same_size(blind: BlindSet) -> None:
    first, second = halves(blind)
    assert len(first) + len(second) >= blind.sentences
    assert abs(len(first) - len(second)) <= 1
    assert abs(sum(len(d.timexes) for d in first) - sum(len(d.timexes) for d in second)) <= 10
    for doc in first + second:  # every gold span is where the line says it is
        assert all(doc.text[t.span.start : t.span.end] == t.text for t in doc.timexes)


@pytest.mark.parametrize("blind", SETS, ids=lambda s: s.file)
def test_value_f1_on_the_first_half(blind: BlindSet) -> None:
    evaluation = evaluate_documents(halves(blind)[0])
    errors = [(e.kind, e.text, e.gold, e.predicted) for e in evaluation.errors]
    assert evaluation.overall.value_f1 >= blind.first_value, errors


@pytest.mark.parametrize("blind", SETS, ids=lambda s: s.file)
def test_value_f1_on_the_held_out_second_half(blind: BlindSet) -> None:
    """Its errors are not printed, so they are not read."""
    scores = evaluate_documents(halves(blind)[1]).overall
    assert scores.value_f1 >= blind.held_out_value
    assert scores.strict_f1 >= blind.held_out_strict
