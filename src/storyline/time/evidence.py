"""What a report's text says about its own date, as scored constraints.

Each `Evidence` scores a candidate publication day with a log-likelihood (0 is
"fits perfectly", negative "fits less"); the solver (`dating.py`) adds them up
over every candidate day. They come from the time expressions tagged with an
unknown date, read with their tense:

- an explicit date ("March 16, 2021") bounds the report: past tense after it,
  future before it; and a report usually appears within days of the latest
  dated thing it tells, and within weeks before the first one it announces;
- a day of the month ("on the 16th"), a month and day ("March 18"), a weekday
  ("Tuesday"), a month ("early April") are resolved against the candidate day
  the way the tagger would resolve them, and the further they land from it
  the less that day fits: news speaks of the days around it;
- a dateline day and month without a year must match;
- named coinages (the Omicron variant) cannot be written about before they
  were named;
- `DateConstraint`s from other stages (an official's term of office) bound it.

All scales are in days, and all penalties are capped, so that one misread
expression can lower a day's score but never veto it alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final

from storyline.records import TimeExpression
from storyline.time.dates import Direction, day_of_month_near, safe_date, weekday_near
from storyline.time.lexicon import WEEKDAY_RE, weekday_number
from storyline.time.values import Context

_FULL = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_MONTH_DAY = re.compile(r"XXXX-(\d{2})-(\d{2})(?:T\w+)?$")
_DAY = re.compile(r"XXXX-XX-(\d{2})(?:T\w+)?$")
_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])(?:T\w+)?$")
_MONTH_ONLY = re.compile(r"XXXX-(\d{2})$")
_WEEKDAY_NAME = re.compile(WEEKDAY_RE)
_LAST = re.compile(r"last\s+\w+$", re.I)
# A sentence that announces: "X will meet Y, who oversees Z, in Alaska on March 18".
_ANNOUNCES = re.compile(
    r"\b(?:will|shall|is to|are to|is due to|are due to|is scheduled to|are scheduled to"
    r"|is slated to|are slated to|is set to|are set to)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")

#: Expressions this near the start are the report's news; later ones, background.
_LEAD_CHARS: Final[int] = 400


@dataclass(frozen=True, slots=True)
class DateConstraint:
    """A window the report's date should fall in, known from outside the text.

    `weight` (0..1) is how sure the window is: a day outside it loses
    8 x weight in log-score, so 1.0 all but excludes it and 0.25 only leans.
    The entity stage supplies officials' terms of office this way ("Prime
    Minister Suga" was in office from 2020-09-16 to 2021-10-04).
    """

    earliest: date | None
    latest: date | None
    weight: float
    reason: str
    # Spans inside the window that are out of it: the years between two terms of office.
    gaps: tuple[tuple[date, date], ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One scored constraint, with its text for the report's evidence list."""

    kind: str  # "explicit" | "latest" | "month-day" | "day" | "weekday" | "month" | "bound"…
    label: str
    weight: float = 1.0
    target: date | None = None  # an explicit date
    month: int = 0
    day: int = 0
    weekday: int = 0
    direction: Direction = "nearest"
    earliest: date | None = None
    latest: date | None = None
    gaps: tuple[tuple[date, date], ...] = ()  # for "bound": spans inside it that are out

    def score(self, when: date) -> float:
        return self.weight * _SCORERS[self.kind](self, when)


def _explicit(ev: Evidence, when: date) -> float:
    assert ev.target is not None
    if ev.direction == "future":
        return -5.0 if when > ev.target else 0.0
    # Past or untensed: what the report tells has happened (captions, headlines).
    return -5.0 if when < ev.target else 0.0


def _latest(ev: Evidence, when: date) -> float:
    """A report appears on or within days after the latest dated thing it tells.

    A mixture: two reports in three within days (mean 1.5), the rest within a
    year or two (mean 365); normalised so that the same day scores 0.
    """
    assert ev.target is not None
    gap = (when - ev.target).days
    if gap < 0:
        return 0.0  # before it: the "explicit" constraint already says how bad that is
    return latest_fit(gap)


def latest_fit(gap: int) -> float:
    """The "latest" mixture at `gap` days (>= 0) after the date; a function of the gap
    alone, so the solver can tabulate it once instead of calling it per day."""
    likely = _NEAR_SHARE / _NEAR_DAYS * math.exp(-gap / _NEAR_DAYS)
    later = (1 - _NEAR_SHARE) / _FAR_DAYS * math.exp(-gap / _FAR_DAYS)
    return _log_mixture(likely + later, (1 - _NEAR_SHARE) / _FAR_DAYS, gap / _FAR_DAYS) - (
        _LATEST_AT_ZERO
    )


def _soonest(ev: Evidence, when: date) -> float:
    """A report announces what comes within weeks more often than what comes in months:
    three in five within about a week of the earliest future date it gives."""
    assert ev.target is not None
    gap = (ev.target - when).days
    if gap < 0:
        return 0.0  # after it: the "explicit" constraint already says how bad that is
    return soonest_fit(gap)


def soonest_fit(gap: int) -> float:
    """The "soonest" mixture at `gap` days (>= 0) before the date, as `latest_fit`."""
    soon = _SOON_SHARE / _SOON_DAYS * math.exp(-gap / _SOON_DAYS)
    later = (1 - _SOON_SHARE) / _LATER_DAYS * math.exp(-gap / _LATER_DAYS)
    return _log_mixture(soon + later, (1 - _SOON_SHARE) / _LATER_DAYS, gap / _LATER_DAYS) - (
        _SOONEST_AT_ZERO
    )


def _log_mixture(total: float, slow_weight: float, slow_decay: float) -> float:
    """log(`total`) of a mixture of two decaying terms; centuries away both underflow to 0,
    and the slower term, `slow_weight` * exp(-`slow_decay`), stands for the mixture in log
    space (a date read from garbled digits can be that far)."""
    if total > 0:
        return math.log(total)
    return math.log(slow_weight) - slow_decay


_SOON_SHARE: Final[float] = 0.6
_SOON_DAYS: Final[float] = 7.0
_LATER_DAYS: Final[float] = 120.0
_SOONEST_AT_ZERO: Final[float] = math.log(
    _SOON_SHARE / _SOON_DAYS + (1 - _SOON_SHARE) / _LATER_DAYS
)
_NEAR_SHARE: Final[float] = 0.65
_NEAR_DAYS: Final[float] = 1.5
_FAR_DAYS: Final[float] = 365.0
_LATEST_AT_ZERO: Final[float] = math.log(_NEAR_SHARE / _NEAR_DAYS + (1 - _NEAR_SHARE) / _FAR_DAYS)


def _month_day(ev: Evidence, when: date) -> float:
    """A month and day without a year ("March 18", "a Feb. 1 coup").

    Future: the report comes before that day of some year, most often within weeks
    (the same mixture as the first date it announces). Past: after that day of some
    year, within the year, with a slow decline (an event named without its year is
    recent, but may be months old). Untensed: the nearer, the better.
    """
    resolved = _resolve_month_day(when, ev.month, ev.day, ev.direction)
    if resolved is None:
        return -3.0
    gap = abs((resolved - when).days)
    if ev.direction == "future":
        return max(soonest_fit(gap), -6.0)
    if ev.direction == "past":
        return -min(gap / 120.0, 2.0)
    return -min(gap / 30.0, 3.0)


@lru_cache(maxsize=1 << 16)
def _resolve_month_day(when: date, month: int, day: int, direction: Direction) -> date | None:
    years = (when.year - 1, when.year, when.year + 1)
    options = [d for y in years if (d := safe_date(y, month, day))]
    if direction == "past":
        options = [d for d in options if d <= when]
        return options[-1] if options else None
    if direction == "future":
        options = [d for d in options if d >= when]
        return options[0] if options else None
    return min(options, key=lambda d: abs((d - when).days), default=None)


def _day(ev: Evidence, when: date) -> float:
    resolved = day_of_month_near(when, ev.day, ev.direction)
    if resolved is None:
        return -4.0
    return -min(abs((resolved - when).days) / 5.0, 4.0)


def _weekday(ev: Evidence, when: date) -> float:
    """A tensed weekday is one of the six days ahead (future) or behind (past); the
    nearer, the likelier. Untensed, it is most often the report's own day or next to it."""
    gap = abs((weekday_near(when, ev.weekday, ev.direction) - when).days)
    if ev.direction == "nearest":
        return 0.0 if gap == 0 else -0.6 if gap == 1 else -2.0
    return 0.0 if gap <= 1 else -min(0.4 + 0.25 * (gap - 2), 2.0)


def _weekday_of_day(ev: Evidence, when: date) -> float:
    """ "Tuesday, the 16th": the day of the month the report means must be that weekday."""
    if ev.month:
        resolved = _resolve_month_day(when, ev.month, ev.day, ev.direction)
    else:
        resolved = day_of_month_near(when, ev.day, ev.direction)
    return 0.0 if resolved is not None and resolved.isoweekday() == ev.weekday else -4.0


def _month(ev: Evidence, when: date) -> float:
    index = when.year * 12 + when.month - 1
    target_month = ev.month - 1
    if ev.direction == "past":
        gap = (when.month - 1 - target_month) % 12
    elif ev.direction == "future":
        gap = (target_month - (when.month - 1)) % 12
    else:
        gap = min((index - target_month) % 12, (target_month - index) % 12)
    return -min(gap * 0.3, 3.0)


def _last_month(ev: Evidence, when: date) -> float:
    """ "last October": the latest October before the report's month, never its own
    month; a report says "last October" most often within months of it."""
    gap = (when.month - ev.month) % 12 or 12
    return -3.0 if gap == 12 else -min(0.15 * (gap - 1), 3.0)


def _bound(ev: Evidence, when: date) -> float:
    outside = (ev.earliest is not None and when < ev.earliest) or (
        ev.latest is not None and when > ev.latest
    )
    between = any(first <= when <= last for first, last in ev.gaps)
    return -8.0 if outside or between else 0.0


def _dateline(ev: Evidence, when: date) -> float:
    if when.month == ev.month and when.day == ev.day:
        return 0.0
    previous = date.fromordinal(when.toordinal() - 1)
    if previous.month == ev.month and previous.day == ev.day:
        return -1.0  # filed late in the day, published the next
    return -8.0


def _recency(ev: Evidence, when: date) -> float:
    """Mild: writing about a new coinage, or a year just named, happens soon after."""
    assert ev.target is not None
    years = (when - ev.target).days / 365.25
    return 0.0 if years <= 0 else -min(years * 0.5, 2.0)


_SCORERS = {
    "explicit": _explicit, "latest": _latest, "month-day": _month_day, "day": _day,
    "weekday": _weekday, "month": _month, "bound": _bound, "dateline": _dateline,
    "recency": _recency, "weekday-of-day": _weekday_of_day, "soonest": _soonest,
    "last-month": _last_month,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NamedTerm:
    """A coinage that dates any text using it: it did not exist before `since`."""

    pattern: re.Pattern[str]
    since: date
    reason: str


NAMED_TERMS: Final[tuple[NamedTerm, ...]] = (
    NamedTerm(re.compile(r"\bCOVID-?19\b|\bSARS-CoV-2\b", re.I), date(2020, 2, 11),
              "the names COVID-19 and SARS-CoV-2 were given on 2020-02-11"),
    NamedTerm(re.compile(r"\bDelta variant\b", re.I), date(2021, 5, 31),
              "the WHO named the Delta variant on 2021-05-31"),
    NamedTerm(re.compile(r"\bOmicron\b", re.I), date(2021, 11, 26),
              "the WHO named the Omicron variant on 2021-11-26"),
    NamedTerm(re.compile(r"\bmpox\b", re.I), date(2022, 11, 28),
              "the WHO renamed monkeypox to mpox on 2022-11-28"),
    NamedTerm(re.compile(r"\bChatGPT\b"), date(2022, 11, 30), "ChatGPT was released on 2022-11-30"),
)  # fmt: skip


def text_evidence(text: str, timexes: Sequence[TimeExpression]) -> list[Evidence]:
    """Every constraint the tagged text gives (tagged with an unknown date)."""
    found: list[Evidence] = []
    latest: tuple[date, str] | None = None
    soonest: tuple[date, str] | None = None
    for timex in timexes:
        ctx = Context(text, timex.span.start, timex.span.end, None)
        direction = ctx.direction()
        if direction == "nearest" and _announces(text, timex.span.start):
            direction = "future"
        weight = 1.0 if timex.span.start < _LEAD_CHARS else 0.6
        quoted = f'"{timex.text}"' + (f" ({direction} tense)" if direction != "nearest" else "")
        value = timex.value
        if (m := _FULL.match(value)) and (day := safe_date(int(m[1]), int(m[2]), int(m[3]))):
            found.append(Evidence("explicit", f"{quoted} is {day}", target=day,
                                  direction=direction))  # fmt: skip
            if direction != "future" and (latest is None or day > latest[0]):
                latest = (day, quoted)
            if direction == "future" and (soonest is None or day < soonest[0]):
                soonest = (day, quoted)
        elif (m := _MONTH.match(value)) and 1 <= int(m[2]) <= 12:
            first = date(int(m[1]), int(m[2]), 1)
            last = safe_date(first.year, first.month, 28) or first
            bound = first if direction != "future" else last
            found.append(Evidence("explicit", f"{quoted} is {value}", 0.6, target=bound,
                                  direction=direction))  # fmt: skip
        elif (m := _YEAR.match(value)) and timex.type == "DATE":
            year = int(m[1])
            if direction == "future":
                found.append(Evidence("bound", f"{quoted}: before the end of {year}", 0.5,
                                      latest=date(year, 12, 31)))  # fmt: skip
            elif direction == "past":
                found.append(Evidence("bound", f"{quoted}: after {year} began", 0.5,
                                      earliest=date(year, 1, 1)))  # fmt: skip
        elif m := _MONTH_DAY.match(value):
            found.append(Evidence("month-day", quoted, weight, month=int(m[1]), day=int(m[2]),
                                  direction=direction))  # fmt: skip
            found += _weekday_agreement(timex, int(m[1]), int(m[2]), direction)
        elif m := _DAY.match(value):
            found.append(Evidence("day", quoted, weight, day=int(m[1]), direction=direction))
            found += _weekday_agreement(timex, 0, int(m[1]), direction)
        elif m := _WEEKDAY.match(value):
            found.append(Evidence("weekday", quoted, weight, weekday=int(m[1]),
                                  direction=direction))  # fmt: skip
        elif (m := _MONTH_ONLY.match(value)) and 1 <= int(m[1]) <= 12:
            if _LAST.match(timex.text):
                found.append(Evidence("last-month", quoted, 0.6 * weight, month=int(m[1])))
                continue
            found.append(Evidence("month", quoted, 0.6 * weight, month=int(m[1]),
                                  direction=direction))  # fmt: skip
    if latest is not None:
        found.append(Evidence("latest", f"{latest[1]} is the latest date the report tells",
                              target=latest[0]))  # fmt: skip
    if soonest is not None:
        found.append(Evidence("soonest", f"{soonest[1]} is the first date it announces",
                              target=soonest[0]))  # fmt: skip
    for term in NAMED_TERMS:
        if (hit := term.pattern.search(text)) is not None:
            found.append(Evidence("bound", f'"{hit.group(0)}": {term.reason}',
                                  earliest=term.since))  # fmt: skip
            found.append(Evidence("recency", f'"{hit.group(0)}" is a recent coinage',
                                  target=term.since))  # fmt: skip
    return found


def _announces(text: str, start: int) -> bool:
    """Whether the sentence, before the expression, announces (the verb group next to
    the expression may belong to a clause in between, which the tense reader stops at)."""
    left = text[max(0, start - 300) : start]
    ends = [m.end() for m in _SENTENCE_END.finditer(left)]
    return _ANNOUNCES.search(left[ends[-1] :] if ends else left) is not None


def _weekday_agreement(
    timex: TimeExpression, month: int, day: int, direction: Direction
) -> list[Evidence]:
    """ "Tuesday, the 16th" or "Tuesday, March 16": only days where both agree fit."""
    named = _WEEKDAY_NAME.search(timex.text)
    if named is None:
        return []
    weekday = weekday_number(named.group(0)) or 0
    label = f'"{timex.text}": the {day} must be a {named.group(0)}'
    return [Evidence("weekday-of-day", label, month=month, day=day, weekday=weekday,
                     direction=direction)]  # fmt: skip


def dateline_evidence(day: int, month: int, raw: str) -> Evidence:
    return Evidence("dateline", f"dateline {raw}: day {day}, month {month}", month=month, day=day)


def constraint_evidence(constraint: DateConstraint) -> Evidence:
    return Evidence("bound", constraint.reason, constraint.weight,
                    earliest=constraint.earliest, latest=constraint.latest,
                    gaps=constraint.gaps)  # fmt: skip
