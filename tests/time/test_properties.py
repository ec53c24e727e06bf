"""Invariants of the tagger on arbitrary text: it never raises, and its spans are sane."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.time import tag_time

_TIME_WORDS = [
    "on", "the", "16th", "Tuesday", "last", "October", "early", "April", "year", "years",
    "ago", "later", "two", "days", "the past", "70", "Jan.", "20", ",", "2021", "quarter",
    "first", "half", "of", "this", "week", "now", "at", "6:40", "p.m.", "every", "Monday",
    "(local time)", "\n", "fiscal", "1990s", "mid-", "the end of", "-", "'", "May", "may",
]  # fmt: skip

texty = st.lists(st.sampled_from(_TIME_WORDS), max_size=30).map(" ".join)
anything = st.text(max_size=300)
dcts = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def _check(text: str, dct: date | None) -> None:
    found = tag_time(text, dct)
    previous_end = 0
    for timex in found:
        assert 0 <= timex.span.start < timex.span.end <= len(text)
        assert timex.span.start >= previous_end, "spans overlap or are out of order"
        assert text[timex.span.start : timex.span.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.value
        previous_end = timex.span.end


@settings(max_examples=300, deadline=None)
@given(anything, dcts)
def test_never_raises_on_arbitrary_text(text: str, dct: date | None) -> None:
    _check(text, dct)


@settings(max_examples=500, deadline=None)
@given(texty, dcts)
def test_spans_are_inside_the_text_and_never_overlap(text: str, dct: date | None) -> None:
    _check(text, dct)
