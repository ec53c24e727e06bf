"""Calendar arithmetic and TimeML value strings.

Pure functions over `datetime.date`: shifting by a unit, finding the nearest
weekday or day of month in a direction, ISO weeks, quarters, seasons, and the
movable feasts that news mentions. The normaliser and the report-date solver
share them, so a value computed while tagging and a value checked while dating
a report are the same value.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

#: Which way a relative expression looks from its anchor.
Direction = Literal["past", "future", "nearest", "same"]


@lru_cache(maxsize=1 << 16)
def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's length (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = max(1, min(9999, year))
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def shift(day: date, amount: int, unit: str) -> date:
    """`day` moved by `amount` units; `unit` is a TimeML designator (D, W, M, Q, Y)."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    if unit == "M":
        return add_months(day, amount)
    if unit == "Q":
        return add_months(day, 3 * amount)
    if unit == "Y":
        return add_months(day, 12 * amount)
    raise ValueError(f"cannot shift by unit {unit!r}")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: date) -> str:
    return ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[day.month - 1]


def season_month(season: str) -> int:
    """The middle month of a season, to compare seasons with dates."""
    return {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[season]


def fmt_day(day: date) -> str:
    return day.isoformat()


def fmt_month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def fmt_year(year: int) -> str:
    return f"{year:04d}"


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]


@lru_cache(maxsize=1 << 16)
def safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= year <= 9999 or not valid_day(year, month, day):
        return None
    return date(year, month, day)


@lru_cache(maxsize=1 << 16)
def weekday_near(anchor: date, weekday: int, direction: Direction) -> date:
    """The day with ISO `weekday` nearest `anchor` looking in `direction`.

    "past" allows the anchor itself ("said Tuesday" in Tuesday's paper is that
    Tuesday), as does "future"; "nearest" takes the closer of the two, the past
    one on a tie, since news more often reports than announces; "same" is the
    day of that weekday in the anchor's ISO week ("this Tuesday").
    """
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    if direction == "same":
        return anchor + timedelta(days=weekday - anchor.isoweekday())
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


@lru_cache(maxsize=1 << 16)
def day_of_month_near(anchor: date, day: int, direction: Direction) -> date | None:
    """The `day`th of the anchor's month, or of a month up to two before or after it.

    "past": the latest such day not after the anchor; "future": the earliest not
    before it; "nearest": the closest of the three candidate months; "same": in
    the anchor's own month. None when no such day exists near (the 31st in a run
    of short months).
    """
    candidates = [
        d
        for offset in (-2, -1, 0, 1, 2)
        if (base := add_months(anchor.replace(day=1), offset))
        if (d := safe_date(base.year, base.month, day)) is not None
    ]
    if direction == "same":
        return safe_date(anchor.year, anchor.month, day)
    if direction == "past":
        before = [d for d in candidates if d <= anchor]
        return before[-1] if before else None
    if direction == "future":
        after = [d for d in candidates if d >= anchor]
        return after[0] if after else None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)


def month_near(anchor: date, month: int, direction: Direction, *, strict: bool = False) -> int:
    """The year of the month `month` nearest the anchor in `direction`.

    With `strict`, the anchor's own month does not count ("last October" said in
    October is the October a year before). "nearest" keeps the anchor's year:
    a month named in a news report without a tense is, most often, of the
    report's year.
    """
    year = anchor.year
    same_counts = month == anchor.month and not strict
    if direction == "past":
        return year if month < anchor.month or same_counts else year - 1
    if direction == "future":
        return year if month > anchor.month or same_counts else year + 1
    return year


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th ISO `weekday` of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)
