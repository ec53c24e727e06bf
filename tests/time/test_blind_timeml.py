"""The tagger on a blind TimeML set (`data/blind_timeml.tsv`).

235 news sentences (277 TIMEX3) written for issue 13 in three batches, each committed
before the tagger was first run on it, then split by a fixed rule: the n-th sentence
(comments skipped, from 1) is in the first half when n is odd, in the second when it is
even. Errors were read on the first half only, and fixed there as classes (a day that
opens a reported clause, the new date of a postponement, "the July-September quarter", a
season opening a name, a possessive weekday, "annual" after a possessive); the second
half is only scored, so its figure is the held-out one.

First looks (value F1, first half then second): batch 1 95.00 and 96.10 (96.89 and 97.40
once two gold mistakes were corrected, see the file); batch 2, after the first fixes,
94.59 and 97.22; batch 3, after the second, 97.96 and 100. `python
benchmarks/time_errors.py --blind` prints the first half's errors by class, `--split
held-out` only the second half's counts. On the whole set the tagger before issue 13's
third round (commit 05b32d7) scores 96.48 on the first half and 97.81 on the second;
after it, 100 and 97.81.
"""

from __future__ import annotations

from pathlib import Path

from storyline.evaluation.meantime import GoldDocument
from storyline.evaluation.time import evaluate_documents, read_inline

BLIND = Path(__file__).parent / "data" / "blind_timeml.tsv"


def halves() -> tuple[list[GoldDocument], list[GoldDocument]]:
    """The first half (odd sentences, read while fixing) and the second (even, scored only)."""
    docs = list(read_inline(BLIND))
    return docs[0::2], docs[1::2]


def test_the_blind_set_is_two_halves_of_the_same_size() -> None:
    first, second = halves()
    assert len(first) + len(second) >= 230
    assert abs(len(first) - len(second)) <= 1
    assert abs(sum(len(d.timexes) for d in first) - sum(len(d.timexes) for d in second)) <= 10
    for doc in first + second:  # every gold span is where the line says it is
        assert all(doc.text[t.span.start : t.span.end] == t.text for t in doc.timexes)


def test_value_f1_on_the_first_half() -> None:
    """96.48 before the fixes of this round, 100 after."""
    evaluation = evaluate_documents(halves()[0])
    errors = [(e.kind, e.text, e.gold, e.predicted) for e in evaluation.errors]
    assert evaluation.overall.value_f1 >= 99.0, errors


def test_value_f1_on_the_held_out_second_half() -> None:
    """97.81 (value and strict F1); its errors are not printed, so they are not read."""
    scores = evaluate_documents(halves()[1]).overall
    assert scores.value_f1 >= 97.5
    assert scores.strict_f1 >= 97.5
