"""The solver's candidate days as numpy arrays, and every kind of evidence scored over them.

`Evidence.score` scores one day; a window holds up to forty years of days, and
scoring them one call at a time was most of the cost of dating a report. Here
each kind scores the whole window at once and must give, bit for bit, what
`Evidence.score` gives for each day, because the solver breaks ties between
days on exact equality:

- only exact operations are done in numpy (integer arithmetic, comparisons, and
  the one IEEE operation +, -, * or / that the scalar code does in each place);
- `exp` and `log` come from `math` through tables of the gap in days (numpy's
  own differ from them in the last bit for a few inputs in a hundred);
- calendar lookups (`day_of_month_near`, `weekday_near`, `_resolve_month_day`)
  walk their candidates in the scalar code's order and keep the same one,
  including its tie-breaking and its clamping of months to the years 1-9999;
- the per-day totals are added up as `sum()` adds them (`add_like_sum`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt

from storyline.time.dates import Direction
from storyline.time.evidence import Evidence, latest_fit, soonest_fit

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]

_EPOCH: Final[int] = date(1970, 1, 1).toordinal()  # day 0 of numpy's datetime64[D]
#: Gaps tabulated for the mixtures: a forty-year window and its slack; longer gaps
#: (a date decades before the window) are computed one distinct gap at a time.
_TABLE_DAYS: Final[int] = 1 << 14
#: From Python 3.12 `sum()` of floats carries Neumaier's compensation term.
_SUM_IS_COMPENSATED: Final[bool] = sys.version_info >= (3, 12)


@dataclass(frozen=True)
class Days:
    """Consecutive candidate days: proleptic ordinals (`date.toordinal`) and their
    year, month, day of month and ISO weekday, computed once per window."""

    ordinal: Ints
    year: Ints
    month: Ints
    day: Ints
    weekday: Ints

    def date_at(self, index: int) -> date:
        return date.fromordinal(int(self.ordinal[index]))


def window_days(first: date, last: date) -> Days:
    """Every day from `first` to `last`, both included."""
    ordinal = first.toordinal() + np.arange((last - first).days + 1, dtype=np.int64)
    year, month, day = _calendar(ordinal)
    # Ordinal 1 (0001-01-01) is a Monday, ISO weekday 1.
    return Days(ordinal, year, month, day, (ordinal - 1) % 7 + 1)


def _calendar(ordinal: Ints) -> tuple[Ints, Ints, Ints]:
    """Year, month and day of month of each ordinal, through datetime64 (same calendar)."""
    stamp = (ordinal - _EPOCH).astype("datetime64[D]")
    months = stamp.astype("datetime64[M]")
    index = months.astype(np.int64)
    day = (stamp - months.astype("datetime64[D]")).astype(np.int64) + 1
    return index // 12 + 1970, index % 12 + 1, day


@cache
def _month_starts() -> Ints:
    """The ordinal of the first day of every month from year 0 to year 10000 (one past
    the calendar on each side, for the years around a day), by month index
    year * 12 + month - 1, and one more; read-only."""
    index = np.arange(10001 * 12 + 1, dtype=np.int64) - 1970 * 12
    starts = index.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + _EPOCH
    starts.setflags(write=False)
    return starts


def _ordinals(year: Ints, month: Ints | int, day: int) -> tuple[Ints, Flags]:
    """`safe_date(year, month, day)` over arrays: each ordinal, and whether it is a date
    at all (years 1-9999, a real month, a day the month has: Feb 29, the 31st)."""
    starts = _month_starts()
    # Out of the table only where it is no date anyway (an impossible month or year).
    index = np.clip(year * 12 + month - 1, 0, len(starts) - 2)
    first = starts[index]
    valid = (year >= 1) & (year <= 9999) & (month >= 1) & (month <= 12)
    valid &= (day >= 1) & (day <= starts[index + 1] - first)
    return first + (day - 1), valid


# --- the scalar code's calendar lookups, over arrays --------------------------------


def _pick(
    candidates: Sequence[tuple[Ints, Flags]],
    anchor: Ints,
    direction: Direction,
    key: Callable[[Ints], Ints],
) -> tuple[Ints, Flags]:
    """The candidate the scalar code keeps, walking them in its order: "past" the last
    one on or before the anchor, "future" the first on or after it, else the first
    with the least `key` (a strict < keeps the first, as `min` does)."""
    chosen = np.zeros_like(anchor)
    found = np.zeros(anchor.shape, dtype=bool)
    best = np.zeros_like(anchor)
    for ordinal, valid in candidates:
        if direction == "past":
            take = valid & (ordinal <= anchor)
        elif direction == "future":
            take = valid & (ordinal >= anchor) & ~found
        else:
            rank = key(ordinal)
            take = valid & (~found | (rank < best))
            best = np.where(take, rank, best)
        chosen = np.where(take, ordinal, chosen)
        found |= take
    return chosen, found


def resolve_month_day(days: Days, month: int, day: int, direction: Direction) -> tuple[Ints, Flags]:
    """`evidence._resolve_month_day` for every day: that month and day in the year
    before, the same year or the year after, in that order; "nearest" (and "same")
    keeps the earlier of two equally near."""
    candidates = [_ordinals(days.year + shift, month, day) for shift in (-1, 0, 1)]
    return _pick(candidates, days.ordinal, direction, lambda o: np.abs(o - days.ordinal))


def day_of_month_near(days: Days, day: int, direction: Direction) -> tuple[Ints, Flags]:
    """`dates.day_of_month_near` for every day: the `day`th of the months two before
    to two after, months clamped to the years 1-9999 as `add_months` clamps them;
    "nearest" prefers, at equal distance, the one not after the day."""
    if direction == "same":
        return _ordinals(days.year, days.month, day)
    candidates = []
    for offset in (-2, -1, 0, 1, 2):
        index = days.year * 12 + days.month - 1 + offset
        candidates.append(_ordinals(np.clip(index // 12, 1, 9999), index % 12 + 1, day))
    anchor = days.ordinal
    return _pick(candidates, anchor, direction, lambda o: 2 * np.abs(o - anchor) + (o > anchor))


def weekday_gap(days: Days, weekday: int, direction: Direction) -> Ints:
    """How many days `dates.weekday_near` lands from each day ("nearest": the past one
    on a tie, which is the same distance)."""
    back = (days.weekday - weekday) % 7
    ahead = (weekday - days.weekday) % 7
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    if direction == "same":
        return np.abs(weekday - days.weekday)
    return np.minimum(back, ahead)


# --- exact sums and tabulated mixtures ----------------------------------------------


def add_like_sum(
    columns: Sequence[Floats], length: int, *, compensated: bool | None = None
) -> Floats:
    """What `sum(column[i] for column in columns)` gives for each i, to the last bit.

    `sum()` starts from the int 0 and adds left to right; from Python 3.12 it also
    keeps Neumaier's running compensation and adds it at the end when it is non-zero
    and finite. `compensated` overrides the interpreter's choice (for tests).
    """
    compensated = _SUM_IS_COMPENSATED if compensated is None else compensated
    total: Floats = np.zeros(length)
    if not columns:
        return total
    total = total + columns[0]  # 0 + x: x itself, but a negative zero becomes 0.0
    if not compensated:
        for column in columns[1:]:
            total = total + column
        return total
    compensation: Floats = np.zeros(length)
    for column in columns[1:]:
        added = total + column
        lost = np.where(
            np.abs(total) >= np.abs(column), (total - added) + column, (column - added) + total
        )
        compensation = compensation + lost
        total = added
    usable = (compensation != 0) & np.isfinite(compensation)
    return np.where(usable, total + compensation, total)


@cache
def _fit_table(fit: Callable[[int], float]) -> Floats:
    """`fit(gap)` for the gaps 0.._TABLE_DAYS-1, computed once with `math` (read-only)."""
    table = np.array([fit(gap) for gap in range(_TABLE_DAYS)])
    table.setflags(write=False)
    return table


def _fits(fit: Callable[[int], float], gaps: Ints) -> Floats:
    """`fit(gap)` for every gap >= 0: from the table, and any longer gap by itself."""
    inside = gaps < _TABLE_DAYS
    values: Floats = _fit_table(fit)[np.where(inside, gaps, 0)]
    if not inside.all():
        far, where = np.unique(gaps[~inside], return_inverse=True)
        values[~inside] = np.array([fit(int(gap)) for gap in far])[where]
    return values


# --- one array scorer per kind, each mirroring the scalar scorer in evidence.py -----


def _explicit(ev: Evidence, days: Days) -> Floats:
    assert ev.target is not None
    target = ev.target.toordinal()
    if ev.direction == "future":
        return np.where(days.ordinal > target, -5.0, 0.0)
    return np.where(days.ordinal < target, -5.0, 0.0)


def _latest(ev: Evidence, days: Days) -> Floats:
    assert ev.target is not None
    gap = days.ordinal - ev.target.toordinal()
    return np.where(gap < 0, 0.0, _fits(latest_fit, np.maximum(gap, 0)))


def _soonest(ev: Evidence, days: Days) -> Floats:
    assert ev.target is not None
    gap = ev.target.toordinal() - days.ordinal
    return np.where(gap < 0, 0.0, _fits(soonest_fit, np.maximum(gap, 0)))


def _month_day(ev: Evidence, days: Days) -> Floats:
    resolved, found = resolve_month_day(days, ev.month, ev.day, ev.direction)
    gap = np.where(found, np.abs(resolved - days.ordinal), 0)
    if ev.direction == "future":
        fit = np.maximum(_fits(soonest_fit, gap), -6.0)
    elif ev.direction == "past":
        fit = -np.minimum(gap / 120.0, 2.0)
    else:
        fit = -np.minimum(gap / 30.0, 3.0)
    return np.where(found, fit, -3.0)


def _day(ev: Evidence, days: Days) -> Floats:
    resolved, found = day_of_month_near(days, ev.day, ev.direction)
    gap = np.abs(resolved - days.ordinal)
    return np.where(found, -np.minimum(gap / 5.0, 4.0), -4.0)


def _weekday(ev: Evidence, days: Days) -> Floats:
    gap = weekday_gap(days, ev.weekday, ev.direction)
    if ev.direction == "nearest":
        return np.where(gap == 0, 0.0, np.where(gap == 1, -0.6, -2.0))
    return np.where(gap <= 1, 0.0, -np.minimum(0.4 + 0.25 * (gap - 2), 2.0))


def _weekday_of_day(ev: Evidence, days: Days) -> Floats:
    if ev.month:
        resolved, found = resolve_month_day(days, ev.month, ev.day, ev.direction)
    else:
        resolved, found = day_of_month_near(days, ev.day, ev.direction)
    return np.where(found & ((resolved - 1) % 7 + 1 == ev.weekday), 0.0, -4.0)


def _month(ev: Evidence, days: Days) -> Floats:
    index = days.year * 12 + days.month - 1
    target = ev.month - 1
    if ev.direction == "past":
        gap = (days.month - 1 - target) % 12
    elif ev.direction == "future":
        gap = (target - (days.month - 1)) % 12
    else:
        gap = np.minimum((index - target) % 12, (target - index) % 12)
    return -np.minimum(gap * 0.3, 3.0)


def _last_month(ev: Evidence, days: Days) -> Floats:
    gap = (days.month - ev.month) % 12
    gap = np.where(gap == 0, 12, gap)
    return np.where(gap == 12, -3.0, -np.minimum(0.15 * (gap - 1), 3.0))


def _bound(ev: Evidence, days: Days) -> Floats:
    out = np.zeros(days.ordinal.shape, dtype=bool)
    if ev.earliest is not None:
        out |= days.ordinal < ev.earliest.toordinal()
    if ev.latest is not None:
        out |= days.ordinal > ev.latest.toordinal()
    for first, last in ev.gaps:
        out |= (first.toordinal() <= days.ordinal) & (days.ordinal <= last.toordinal())
    return np.where(out, -8.0, 0.0)


def _dateline(ev: Evidence, days: Days) -> Floats:
    _, month_before, day_before = _calendar(days.ordinal - 1)
    on_it = (days.month == ev.month) & (days.day == ev.day)
    after_it = (month_before == ev.month) & (day_before == ev.day)
    return np.where(on_it, 0.0, np.where(after_it, -1.0, -8.0))


def _recency(ev: Evidence, days: Days) -> Floats:
    assert ev.target is not None
    years = (days.ordinal - ev.target.toordinal()) / 365.25
    return np.where(years <= 0, 0.0, -np.minimum(years * 0.5, 2.0))


ARRAY_SCORERS: Final[dict[str, Callable[[Evidence, Days], Floats]]] = {
    "explicit": _explicit, "latest": _latest, "month-day": _month_day, "day": _day,
    "weekday": _weekday, "month": _month, "bound": _bound, "dateline": _dateline,
    "recency": _recency, "weekday-of-day": _weekday_of_day, "soonest": _soonest,
    "last-month": _last_month,
}  # fmt: skip


def score_days(ev: Evidence, days: Days) -> Floats:
    """`ev.score(day)` for every day of the window."""
    return ev.weight * ARRAY_SCORERS[ev.kind](ev, days)


def day_scores(evidence: Sequence[Evidence], days: Days) -> Floats:
    """`sum(ev.score(day) for ev in evidence)` for every day, in the same order."""
    return add_like_sum([score_days(ev, days) for ev in evidence], len(days.ordinal))
