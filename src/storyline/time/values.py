"""What normalising an expression produces, and what it is normalised against.

`Resolved` is a TIMEX3 (type, value, mod) plus a representative day (`ref`) and
its granularity (`gran`), so that a later expression ("two days later", "the
same day") can be anchored on it. `Context` carries the anchor date (the
report's date, DCT), the previous resolved expression and the text, and
computes the tense around an expression only when a rule asks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from storyline.time.dates import Direction
from storyline.time.lexicon import words
from storyline.time.tense import Tense, rescheduled_to, tense_at, tense_until

#: Granularities, coarse to fine; "previous" anchoring needs a day or finer.
DAY_LEVEL: Final[frozenset[str]] = frozenset({"D", "T"})
#: A value that names a day of the month but no month or year ("on the 16th" with no
#: report date): XXXX-XX-16, XXXX-XX-16TAF. Group 1 is the day, group 2 any time part.
DAY_ONLY: Final = re.compile(r"XXXX-XX-(\d{2})(T.*)?$")
# What a report of unknown date calls its own day: "today (16th)", "this morning", "today".
_OWN_DAY: Final = re.compile(r"(?:XXXX-XX-(?:\d{2}|XX)(?:T.*)?|PRESENT_REF)$")


def is_report_day(type_: str, value: str, anchor: str | None) -> bool:
    """Whether a time expression of a report of unknown date is the report's own day:
    a day-level value the tagger computed from the report's date (anchor "dct") that
    stays open ("today (16th)" is XXXX-XX-16). "Two days later" (FUTURE_REF, anchored
    at the report's date too) is not."""
    return type_ in ("DATE", "TIME") and anchor == "dct" and bool(_OWN_DAY.match(value))


@dataclass(frozen=True, slots=True)
class Resolved:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    anchor: str | None = None  # "dct" | "previous" | None (absolute)
    ref: date | None = None  # a day inside the value, for anchoring later expressions
    gran: str | None = None  # "D", "W", "M", "Q", "Y", "T" (a time of day)…


@dataclass(frozen=True, slots=True)
class Context:
    """What one candidate is normalised against."""

    text: str
    start: int
    end: int
    dct: date | None
    previous: Resolved | None = None  # the last dated expression, of any granularity
    previous_day: Resolved | None = None  # the last one that names a day
    previous_period: Resolved | None = None  # the last one coarser than a day ("the quarter")

    def tense(self) -> Tense | None:
        return tense_at(self.text, self.start, self.end)

    def direction(self) -> Direction:
        """Which way the expression looks: "since" always back, the new date of a
        postponement forward; then past tense back, future tense forward; "by" and
        "until" forward in an untensed clause ("a plan to cut jobs by June");
        otherwise the nearest."""
        signal = self.previous_word().casefold()
        if signal == "since":
            return "past"
        if rescheduled_to(self.text, self.start):
            return "future"  # "postponed to the autumn", "was delayed until March"
        if signal in ("until", "till"):
            until = tense_until(self.text, self.start, self.end)
            return "past" if until == "past" else "future"
        tense = self.tense()
        if tense == "past" or (tense is None and self.in_headline()):
            return "past"  # a headline's present ("GM files for bankruptcy on Monday") is past
        if tense == "future" or signal in ("by", "until", "till"):
            return "future"
        return "nearest"

    def in_headline(self) -> bool:
        """Whether the expression is in the text's first line and that line is a headline
        in the present (short, with no full stop at its end, and no "to" before the
        expression: "GM to file for bankruptcy on Monday" looks ahead)."""
        first_end = self.text.find("\n")
        if first_end < 0 or self.start >= first_end or first_end > _HEADLINE_CHARS:
            return False
        if _TO.search(self.text, 0, self.start):
            return False
        return not self.text[:first_end].rstrip().endswith((".", "!", "?", ":", ";", ","))

    def anchor_day(self) -> tuple[date | None, str]:
        """The day "the following week" or "a year earlier" count from: the last dated
        expression, else the report's date."""
        prev = self.previous
        if prev is not None and prev.ref is not None and prev.type in ("DATE", "TIME"):
            return prev.ref, "previous"
        return self.dct, "dct"

    def last_day(self) -> Resolved | None:
        """The last expression that names a day, which "the same day", "the day" and
        "two days later" count from even when a month or a year was named since."""
        prev = self.previous_day
        return prev if prev is not None and prev.ref is not None else None

    def before(self, chars: int = 40) -> str:
        return self.text[max(0, self.start - chars) : self.start]

    def after(self, chars: int = 40) -> str:
        return self.text[self.end : self.end + chars]

    def next_word(self) -> str:
        match = _NEXT_WORD.match(self.after())
        return (match.group(1) or "") if match else ""

    def previous_word(self) -> str:
        match = _PREVIOUS_WORD.search(self.before())
        return (match.group(1) or "") if match else ""

    def at_sentence_start(self) -> bool:
        return _SENTENCE_START.search(self.before(6)) is not None or self.start == 0


_HEADLINE_CHARS: Final[int] = 160
_TO = re.compile(r"\b(?:to|To|TO)\b")
_NEXT_WORD = re.compile(r"\s*([^\W\d_][\w'’-]*|\S)?")
_PREVIOUS_WORD = re.compile(r"([\w'’$%.-]+|\S)\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n][\"”’)]*\s*|^\s*[\"“‘(])$")

#: Words that may follow a date without making it a modifier of a noun:
#: "on the 16th in Tokyo" is a date, "the 16th century" and "the 16th floor" are not.
FUNCTION_WORDS: Final[frozenset[str]] = words(
    """and or but at in on to from through until till when after before with for as that this
    the a an of by while since where which who amid during between against local near than
    ahead over under into onto upon about around so because if then he she it they we i you
    his her its their our there here said says say will would could should may might is are
    was were has have had be been being not also, both either"""
)


def number_text(value: float) -> str:
    """A duration quantity as TimeML writes it: 5 -> "5", 1.5 -> "1.5"."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def duration_value(amount: float | None, unit: str) -> str:
    """The TimeML value of a duration: (5, "Y") "P5Y", (None, "D") "PXD", (2, "H") "PT2H"."""
    number = "X" if amount is None else number_text(amount)
    if unit in ("H", "TM", "S"):
        return f"PT{number}{'M' if unit == 'TM' else unit}"
    return f"P{number}{unit}"


def half_unit(unit: str, multiple: float) -> tuple[float, str] | None:
    """Half of one unit written exactly in a smaller one: half a year is 6 months."""
    if multiple != 1:
        return (multiple / 2, unit) if multiple % 2 == 0 else None
    return {"Y": (6, "M"), "D": (12, "H"), "H": (30, "TM"), "TM": (30, "S"), "W": (3.5, "D")}.get(
        unit
    )
