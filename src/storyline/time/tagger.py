"""The temporal tagger: text and a report date in, TIMEX3 expressions out.

`tag_time` runs the grammar, lets each kind's resolver accept or reject its
matches, keeps the longest non-overlapping ones, and normalises them in text
order so that "two days later" can count from the expression before it.
`TimeStage` does the same for a `Document`, with the report's date as DCT when
it is a full date and an unknown DCT (X placeholders) otherwise (reports in
Japanese, Chinese and Korean go through `cjk.tag_times`); when dating
found the report's month or year only, `complete_partial` fills in what that
tells ("on the 16th" of a report from March 2021 is 2021-03-16).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from storyline.pipeline import Stage
from storyline.records import DateFinding, Document, Span, TimeExpression
from storyline.time.cjk import LANGUAGES as CJK_LANGUAGES
from storyline.time.cjk import tag_times
from storyline.time.grammar import Candidate, candidates, longest_first
from storyline.time.normalise import normalise
from storyline.time.tense import tense_at
from storyline.time.values import DAY_LEVEL, DAY_ONLY, Resolved

STAGE = "time.tag.v1"

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
# Values whose year, or year and month, the report's date would have given.
_NO_YEAR = re.compile(r"XXXX-(\d{2})((?:-\d{2})?(?:T.*)?)$")
# The year, and the month if known, of a report's date ("2021", "2021-03", "2021-03-16").
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])\b)?", re.ASCII)
_NEAREST_MONTHS = 6
_BACK = frozenset({"last", "previous"})
_AHEAD = frozenset({"next", "coming"})


def tag_time(
    text: str, dct: date | None, *, stage: str = STAGE, split: int = 0
) -> tuple[TimeExpression, ...]:
    """Every time expression in `text`, normalised against the report's date `dct`.

    With `dct` None, values that depend on it keep X placeholders ("XXXX-XX-16")
    or become PAST_REF / PRESENT_REF / FUTURE_REF. `split` > 0 says that
    `text[:split]` is a text tagged on its own too (a report's body, which dating
    tags with the report's title and captions after it): its matches are found
    once for both (`_matches`), the rest separately.
    """
    if dct is not None and dct.year in (date.min.year, date.max.year):
        dct = None  # "next January" of a report dated 9999 would fall off the calendar
    # While choosing among overlapping matches, an anaphoric expression ("the same
    # day") is accepted as if something came before it; it is resolved for real below.
    stand_in = Resolved("DATE", "XXXX-XX-XX", ref=dct or date(2000, 1, 1), gran="D")
    accepted: list[tuple[Candidate, Resolved]] = []
    for cand in _candidates(text, split):
        resolved = normalise(cand, text, dct, stand_in, stand_in)
        if resolved is not None:
            accepted.append((cand, resolved))
    chosen = longest_first([cand for cand, _ in accepted])
    out: list[TimeExpression] = []
    previous: Resolved | None = None
    previous_day: Resolved | None = None
    previous_period: Resolved | None = None
    for index in chosen:
        cand, resolved = accepted[index]
        if resolved.anchor == "previous":
            again = normalise(cand, text, dct, previous, previous_day, previous_period)
            if again is None:
                continue
            resolved = again
        out.append(_expression(text, cand, resolved, stage))
        if resolved.ref is not None and resolved.type in ("DATE", "TIME"):
            previous = resolved
            if resolved.gran in DAY_LEVEL:
                previous_day = resolved
            else:
                previous_period = resolved
    return tuple(out)


def _candidates(text: str, split: int) -> tuple[Candidate, ...]:
    """The grammar's matches in `text`; with `split`, those of the two parts, joined."""
    if not 0 < split < len(text):
        return _matches(text)
    tail = tuple(
        replace(cand, start=cand.start + split, end=cand.end + split)
        for cand in _matches(text[split:])
    )
    return _matches(text[:split]) + tail


@lru_cache(maxsize=4)
def _matches(text: str) -> tuple[Candidate, ...]:
    """Matching the grammar is most of the tagger's time, and a report is tagged twice
    (undated to date it, then against its date): the second time reuses the first."""
    return tuple(candidates(text))


def _expression(text: str, cand: Candidate, resolved: Resolved, stage: str) -> TimeExpression:
    return TimeExpression(
        span=Span(cand.start, cand.end),
        text=text[cand.start : cand.end],
        type=resolved.type,
        value=resolved.value,
        stage=stage,
        mod=resolved.mod,
        anchor=resolved.anchor,
    )


def full_date(value: str | None) -> date | None:
    """A `date` from "YYYY-MM-DD"; None for a partial date ("2021-03") or none at all."""
    match = _FULL_DATE.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class TimeStage(Stage):
    """Tags a report's time expressions against its date (when it has a full one)."""

    name = STAGE
    needs = frozenset({"text"})
    adds = frozenset({"timexes"})

    def __call__(self, doc: Document) -> Document:
        dct = full_date(doc.published)
        if doc.language in CJK_LANGUAGES:
            # Japanese, Chinese and Korean have their own grammar, which reads the text alone.
            anchor = dct.isoformat() if dct else None
            timexes = tuple(tag_times(doc.text, doc.language or "", anchor))
        else:
            timexes = tag_time(doc.text, dct)
        if dct is None and doc.dating is not None:
            timexes = complete_partial(doc.text, timexes, doc.dating)
        return doc.evolve(self.name, timexes=timexes)


def complete_partial(
    text: str, timexes: tuple[TimeExpression, ...], dating: DateFinding
) -> tuple[TimeExpression, ...]:
    """`timexes` with the year (and month) the report's partial date supplies.

    A day of the month ("the 16th") takes the report's month when dating found
    one; a month or a day of a named month ("March 18") takes the year that puts
    it nearest the report's month, not after it in a past-tense clause nor before
    it in a future one (the report's year when only that is known).
    Weekdays and other values that need the exact day keep their placeholders.
    """
    found = _YEAR_MONTH.match(dating.value or "")
    if found is None:  # "²⁰²¹" from odd metadata: nothing to complete with
        return timexes
    year = int(found[1])
    month = int(found[2]) if found[2] else None
    return tuple(_completed(text, t, year, month) for t in timexes)


def _completed(text: str, timex: TimeExpression, year: int, month: int | None) -> TimeExpression:
    if timex.type not in ("DATE", "TIME"):
        return timex
    no_month = DAY_ONLY.match(timex.value)
    if no_month is not None:
        if month is None:
            return timex
        value = f"{year:04d}-{month:02d}-{no_month[1]}{no_month[2] or ''}"
    else:
        no_year = _NO_YEAR.match(timex.value)
        if no_year is None:
            return timex
        named = int(no_year[1])
        if not 1 <= named <= 12:
            return timex
        word = timex.text.split()[0].casefold()
        if word not in _BACK and word not in _AHEAD:
            word = tense_at(text, timex.span.start, timex.span.end) or ""
        chosen = _year_of_month(year, month, named, word)
        if chosen is None:
            return timex
        value = f"{chosen:04d}-{named:02d}{no_year[2]}"
    return replace(timex, value=value, anchor="dct")


def _year_of_month(year: int, month: int | None, named: int, first_word: str) -> int | None:
    """The year of month `named`: the last one before the report's month for "last
    October", the next one after it for "next October"; for a clause's tense
    ("past"/"future") the report's month or the one before/after it; else the
    nearest. None when "last"/"next" meet a report whose month is unknown."""
    if first_word in _BACK or first_word in _AHEAD:
        if month is None:
            return None
        if first_word in _BACK:
            return year if named < month else year - 1
        return year if named > month else year + 1
    if first_word in ("past", "future") and month is not None:
        if first_word == "past":
            return year if named <= month else year - 1
        return year if named >= month else year + 1
    if month is None:
        return year
    if named - month > _NEAREST_MONTHS:
        return year - 1
    if month - named > _NEAREST_MONTHS:
        return year + 1
    return year
