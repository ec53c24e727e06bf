"""The solver scores days as numpy arrays; it must find exactly what the loop over days found.

The loop it replaced is kept here, and only here, as `_reference_solve`: every day
scored by `Evidence.score`, the posterior, the credible span and the month and year
masses in plain Python. Each kind's array scorer is checked against `Evidence.score`
on every day of random windows (exact equality, not a tolerance: the solver breaks
ties on equality), and whole findings are checked against the reference on random
evidence, on the repo's own test sentences, on the seeds and on the demo reports.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.dateline import find_dateline
from storyline.records import DateFinding
from storyline.time import DateConstraint, date_report, dating, day_arrays, tag_time
from storyline.time.dates import Direction, day_of_month_near, weekday_near
from storyline.time.day_arrays import (
    ARRAY_SCORERS,
    add_like_sum,
    day_scores,
    score_days,
    window_days,
)
from storyline.time.evidence import _SCORERS, Evidence, _resolve_month_day
from tests.conftest import EXAMPLES, SEEDS

TODAY = date(2025, 6, 1)
DIRECTIONS: tuple[Direction, ...] = ("past", "future", "nearest", "same")


# --- the loop over days that the arrays replaced --------------------------------------


def _reference_solve(
    evidence: list[Evidence], start: date, end: date, _settings: object = None
) -> DateFinding:
    """The default `TimeSettings` thresholds (0.4, 0.6, 0.75) are written out below."""
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    scores = [sum(ev.score(day) for ev in evidence) for day in days]
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    posterior = [w / total for w in weights]
    best = max(range(len(days)), key=lambda i: (posterior[i], -i))
    earliest, latest = _reference_credible(days, posterior)
    reasons = dating._reasons(days[best], evidence)
    near = sum(posterior[max(0, best - 1) : best + 2])
    if near >= 0.4:
        return DateFinding(days[best].isoformat(), "inferred", round(near, 2), reasons,
                           earliest, latest)  # fmt: skip
    by_month: dict[str, float] = {}
    by_year: dict[str, float] = {}
    for day, p in zip(days, posterior, strict=True):
        by_month[f"{day:%Y-%m}"] = by_month.get(f"{day:%Y-%m}", 0.0) + p
        by_year[f"{day:%Y}"] = by_year.get(f"{day:%Y}", 0.0) + p
    month, month_mass = max(by_month.items(), key=lambda kv: kv[1])
    if month_mass >= 0.6:
        return DateFinding(month, "inferred", round(month_mass, 2), reasons, earliest, latest)
    year, year_mass = max(by_year.items(), key=lambda kv: kv[1])
    if year_mass >= 0.75:
        return DateFinding(year, "inferred", round(year_mass, 2), reasons, earliest, latest)
    why = f"the constraints allow any day from {earliest} to {latest}"
    return DateFinding(None, None, round(year_mass, 2), (why, *reasons), earliest, latest)


def _reference_credible(days: list[date], posterior: list[float]) -> tuple[str, str]:
    order = sorted(range(len(days)), key=lambda i: -posterior[i])
    kept: list[int] = []
    mass = 0.0
    for i in order:
        kept.append(i)
        mass += posterior[i]
        if mass >= 0.9:
            break
    return days[min(kept)].isoformat(), days[max(kept)].isoformat()


@contextmanager
def _old_solver() -> Iterator[None]:
    """Everything else in `date_report` as it is (evidence, window), the old solver inside."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dating, "_solve", _reference_solve)
        yield


def _both(text: str, **kwargs: Any) -> tuple[DateFinding, DateFinding]:
    kwargs.setdefault("metadata", None)
    kwargs.setdefault("dateline", None)
    kwargs.setdefault("today", TODAY)
    timexes = tag_time(text, None)
    new = date_report(text, timexes, **kwargs)
    with _old_solver():
        old = date_report(text, timexes, **kwargs)
    return new, old


# --- random evidence of every kind ----------------------------------------------------

EARLY, LATE = date(1900, 1, 1), date(2100, 12, 31)
KINDS = sorted(_SCORERS)


def _shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held inside the calendar."""
    return date.fromordinal(min(max(day.toordinal() + days, 1), date.max.toordinal()))


def _near(anchor: date, days: int) -> st.SearchStrategy[date]:
    return st.dates(min_value=_shifted(anchor, -days), max_value=_shifted(anchor, days))


@st.composite
def evidence_near(draw: st.DrawFn, anchor: date, kinds: Sequence[str] = KINDS) -> Evidence:
    """One piece of evidence of any of `kinds`, with dates around `anchor` (some decades
    off, past the mixtures' tables) and days of the month up to 31 (and some impossible)."""
    kind = draw(st.sampled_from(kinds))
    weight = draw(st.sampled_from([1.0, 0.6, 0.36, 0.5, 0.25, 1]))
    direction = draw(st.sampled_from(DIRECTIONS))
    span = draw(st.sampled_from([60, 800, 30_000]))
    target = draw(_near(anchor, span))
    month = draw(st.integers(1, 12) | st.sampled_from([0, 13]))
    day = draw(st.integers(28, 31) | st.integers(1, 31) | st.sampled_from([0, 32]))
    weekday = draw(st.integers(1, 7) | st.just(0))
    fields: dict[str, Any] = {"weight": weight, "direction": direction}
    if kind in ("explicit", "latest", "soonest", "recency"):
        fields["target"] = target
    elif kind in ("month-day", "dateline", "weekday-of-day"):
        fields |= {"month": month, "day": day, "weekday": weekday}
    elif kind == "day":
        fields["day"] = day
    elif kind == "weekday":
        fields["weekday"] = draw(st.integers(1, 7))
    elif kind in ("month", "last-month"):
        fields["month"] = draw(st.integers(1, 12))
    else:  # bound
        fields["earliest"] = draw(st.none() | _near(anchor, 400))
        fields["latest"] = draw(st.none() | _near(anchor, 400))
        gaps = st.tuples(_near(anchor, 400), st.integers(0, 300))
        fields["gaps"] = tuple(
            (first, _shifted(first, length)) for first, length in draw(st.lists(gaps, max_size=2))
        )
    return Evidence(kind, f"random {kind}", **fields)


@st.composite
def window(draw: st.DrawFn, longest: int = 400) -> tuple[date, date]:
    start = draw(st.dates(min_value=EARLY, max_value=LATE))
    return start, start + timedelta(days=draw(st.integers(0, longest)))


@st.composite
def windows_with_evidence(draw: st.DrawFn) -> tuple[date, date, list[Evidence]]:
    start, end = draw(window())
    evidence = draw(st.lists(evidence_near(start), min_size=1, max_size=8))
    return start, end, evidence


def _scalar_scores(ev: Evidence, start: date, end: date) -> list[float | None]:
    """`ev.score` for each day, None where the scalar code raises (past the calendar)."""
    found: list[float | None] = []
    for i in range((end - start).days + 1):
        try:
            found.append(ev.score(start + timedelta(days=i)))
        except (OverflowError, ValueError):
            found.append(None)
    return found


def _same_scores(ev: Evidence, start: date, end: date) -> None:
    vector = score_days(ev, window_days(start, end)).tolist()
    scalar = _scalar_scores(ev, start, end)
    assert len(vector) == len(scalar)
    for i, (got, want) in enumerate(zip(vector, scalar, strict=True)):
        if want is not None:
            assert got == want, (ev, start + timedelta(days=i), got, want)


# --- each kind, day by day --------------------------------------------------------------


def test_every_scalar_kind_has_an_array_scorer() -> None:
    assert set(ARRAY_SCORERS) == set(_SCORERS)


@settings(max_examples=200, deadline=None)
@given(windows_with_evidence())
def test_each_kind_scores_every_day_as_the_scalar_scorer_does(
    case: tuple[date, date, list[Evidence]],
) -> None:
    start, end, evidence = case
    for ev in evidence:
        _same_scores(ev, start, end)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_kind_at_the_ends_of_the_calendar(kind: str, data: st.DataObject) -> None:
    """Years 1 and 9999: candidates in year 0 or 10000 are not dates, and months near
    the ends are clamped as `add_months` clamps them (out of order)."""
    first = data.draw(st.sampled_from([date.min, date(9999, 9, 1)]))
    start = first + timedelta(days=data.draw(st.integers(0, 60)))
    end = _shifted(start, data.draw(st.integers(0, 120)))
    ev = data.draw(evidence_near(start, [kind]))
    _same_scores(ev, start, end)


def test_the_days_carry_their_calendar() -> None:
    for start, length in ((date.min, 800), (date(1899, 12, 1), 900), (date(2019, 12, 20), 800),
                          (date(9997, 11, 1), 790)):  # fmt: skip
        days = window_days(start, start + timedelta(days=length))
        for i in range(length + 1):
            day = start + timedelta(days=i)
            fields = (days.ordinal[i], days.year[i], days.month[i], days.day[i], days.weekday[i])
            assert fields == (day.toordinal(), day.year, day.month, day.day, day.isoweekday())


YEARS_AROUND_LEAP_DAYS = (date(2019, 1, 1), date(2025, 3, 31))


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_month_days_resolve_to_the_same_date(direction: Direction) -> None:
    """Feb 29 and the 31sts, and the midpoint days between two March 18ths a leap year
    apart, where "nearest" must keep the earlier one."""
    start, end = YEARS_AROUND_LEAP_DAYS
    days = window_days(start, end)
    for month, day in ((2, 29), (3, 18), (1, 31), (4, 31), (12, 31), (2, 28)):
        resolved, found = day_arrays.resolve_month_day(days, month, day, direction)
        for i, ordinal in enumerate(days.ordinal.tolist()):
            want = _resolve_month_day(date.fromordinal(ordinal), month, day, direction)
            assert (want.toordinal() if want else None) == (resolved[i] if found[i] else None)


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_days_of_the_month_and_weekdays_resolve_to_the_same_date(direction: Direction) -> None:
    start, end = YEARS_AROUND_LEAP_DAYS
    days = window_days(start, end)
    anchors = [date.fromordinal(o) for o in days.ordinal.tolist()]
    for day in (1, 16, 29, 30, 31):
        resolved, found = day_arrays.day_of_month_near(days, day, direction)
        for i, anchor in enumerate(anchors):
            want = day_of_month_near(anchor, day, direction)
            assert (want.toordinal() if want else None) == (resolved[i] if found[i] else None)
    for weekday in range(1, 8):
        gaps = day_arrays.weekday_gap(days, weekday, direction).tolist()
        for anchor, gap in zip(anchors, gaps, strict=True):
            assert abs((weekday_near(anchor, weekday, direction) - anchor).days) == gap


# --- the posterior and what is read from it, to the last bit -----------------------------


@settings(max_examples=100, deadline=None)
@given(windows_with_evidence())
def test_posterior_months_years_and_span_are_the_loops(
    case: tuple[date, date, list[Evidence]],
) -> None:
    start, end, evidence = case
    days = window_days(start, end)
    posterior = dating._posterior(day_scores(evidence, days))
    dates = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    scores = [sum(ev.score(day) for ev in evidence) for day in dates]
    weights = [math.exp(s - max(scores)) for s in scores]
    expected = [w / sum(weights) for w in weights]
    assert posterior.tolist() == expected
    _same_masses(days, posterior, dates)
    assert dating._credible(days, posterior) == _reference_credible(dates, expected)


@settings(max_examples=50, deadline=None)
@given(window(longest=1200))
def test_equal_months_and_years_go_to_the_earliest(span: tuple[date, date]) -> None:
    """A flat posterior: every 31-day month (and every 365-day year) holds the same mass."""
    start, end = span
    days = window_days(start, end)
    posterior = dating._posterior(np.zeros(len(days.ordinal)))
    _same_masses(days, posterior, [start + timedelta(days=i) for i in range(len(days.ordinal))])


def _same_masses(days: Any, posterior: np.ndarray, dates: list[date]) -> None:
    by_month: dict[str, float] = {}
    by_year: dict[str, float] = {}
    for day, p in zip(dates, posterior.tolist(), strict=True):
        by_month[f"{day:%Y-%m}"] = by_month.get(f"{day:%Y-%m}", 0.0) + p
        by_year[f"{day:%Y}"] = by_year.get(f"{day:%Y}", 0.0) + p
    month = dating._likeliest(days, posterior, days.year * 12 + days.month, "%Y-%m")
    assert month == max(by_month.items(), key=lambda kv: kv[1])
    assert dating._likeliest(days, posterior, days.year, "%Y") == max(
        by_year.items(), key=lambda kv: kv[1]
    )


# --- adding up, as sum() does -------------------------------------------------------------


def _neumaier_sum(values: Sequence[float]) -> float:
    """`sum()` of floats from Python 3.12 (checked against 3.12 and 3.13 themselves)."""
    total = 0 + values[0]
    compensation = 0.0
    for x in values[1:]:
        added = total + x
        if abs(total) >= abs(x):
            compensation += (total - added) + x
        else:
            compensation += (x - added) + total
        total = added
    return total + compensation if compensation and math.isfinite(compensation) else total


floats = st.sampled_from([0.0, -0.0, -5.0, -8.0, -0.6, -2.0, -1.8, -4.8]) | st.floats(
    -1e6, 1e6, allow_nan=False, allow_subnormal=False
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(floats, min_size=1, max_size=12), min_size=1, max_size=20))
def test_columns_add_up_as_sum_adds_them(rows: list[list[float]]) -> None:
    width = min(len(row) for row in rows)
    columns = [np.array([row[i] for row in rows]) for i in range(width)]
    by_day = [[float(column[d]) for column in columns] for d in range(len(rows))]
    # repr, not ==: a negative zero must come out as the sum gives it.
    here = add_like_sum(columns, len(rows)).tolist()
    assert [repr(x) for x in here] == [repr(sum(v)) for v in by_day]
    compensated = add_like_sum(columns, len(rows), compensated=True).tolist()
    assert [repr(x) for x in compensated] == [repr(_neumaier_sum(v)) for v in by_day]


@settings(max_examples=100, deadline=None)
@given(windows_with_evidence())
def test_day_totals_are_the_scalar_sums(case: tuple[date, date, list[Evidence]]) -> None:
    start, end, evidence = case
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    totals = day_scores(evidence, window_days(start, end)).tolist()
    assert totals == [sum(ev.score(day) for ev in evidence) for day in days]


# --- whole findings ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(windows_with_evidence())
def test_the_solver_finds_what_the_loop_found(case: tuple[date, date, list[Evidence]]) -> None:
    start, end, evidence = case
    assert dating._solve(evidence, start, end) == _reference_solve(evidence, start, end)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([Evidence("bound", "b", earliest=date(2021, 1, 1)),
                              Evidence("weekday", "w", weekday=2),
                              Evidence("month", "m", 0.6, month=3),
                              Evidence("last-month", "l", 0.6, month=10)]), max_size=4),
    window(longest=2000),
)  # fmt: skip
def test_ties_fall_where_they_fell(evidence: list[Evidence], span: tuple[date, date]) -> None:
    """Few kinds, step-shaped scores: many days, months and years tie exactly."""
    assert dating._solve(evidence, *span) == _reference_solve(evidence, *span)


WINDOW_2021 = DateConstraint(date(2021, 1, 1), date(2021, 12, 31), 1.0, "reported in 2021")
SUGA = DateConstraint(date(2020, 9, 16), date(2021, 10, 4), 1.0, "Suga was prime minister")
TWO_TERMS = DateConstraint(date(2008, 9, 24), date(2023, 9, 13), 1.0, "two terms",
                           gaps=((date(2009, 9, 17), date(2022, 8, 9)),))  # fmt: skip
EXTRAS: list[list[DateConstraint]] = [[], [WINDOW_2021], [SUGA], [TWO_TERMS]]

#: The sentences the dating tests use.
SENTENCES = [
    "The talks will be held on the 16th, a Tuesday.",
    "Ministers met on Friday.",
    "The talks will be held on Tuesday, the 16th.",
    "The talks will be held on Wednesday, the 16th.",
    "Talks began on Tuesday, January 10.",
    "The summit was held on March 16, 2021, officials said on Tuesday.",
    "The ministers met on the 16th, before talks due on March 18.",
    "The plan was approved in 2030.",
    "Tokyo talks: the meeting on March 16, 2021 ended on Tuesday.",
    "The ministers will meet in Geneva on June 10, officials said.",
    "The envoy will meet the minister, who oversees foreign affairs in the region, "
    "in Alaska on March 18.",
    "The army seized power in a Feb. 1 coup.",
    "The talks will be held on the 16th, the minister said on the 10th. "
    "He will then travel to Alaska on March 18.",
    "A missile passed over the islands last October, the minister said.",
    "Officials met on Sunday. The talks will be held on Tuesday.",
    "Omicron cases rose in 2022; the minister spoke on Friday, Jan. 7.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_test_sentences_are_dated_as_before(text: str) -> None:
    for extra in EXTRAS:
        new, old = _both(text, extra=extra)
        assert new == old


def _reports() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted((EXAMPLES / "demo" / "txt").glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.stem)
def test_the_seeds_and_demo_reports_are_dated_as_before(path: Path) -> None:
    """With and without their datelines and constraints, a forty-year window among them."""
    text = path.read_text(encoding="utf-8")
    dateline = next((d for line in text.splitlines()[:3] if (d := find_dateline(line.strip()))),
                    None)  # fmt: skip
    for extra in EXTRAS:
        for line in (dateline, None) if dateline else (None,):
            new, old = _both(text, dateline=line, extra=extra)
            assert new == old, (extra, line)


_WORDS = [
    "on", "the", "16th", "31st", "29th", "Tuesday", "Friday", "last", "October", "early",
    "April", "Feb.", "29", "March", "18", ",", "2021", "2020", "1999", "will", "meet", "met",
    "said", "Omicron", "COVID-19", "year", "next", "in", "was", "held", "is due to", ".",
]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=25).map(" ".join),
    st.sampled_from(EXTRAS),
    st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 1, 1)),
)
def test_any_text_is_dated_as_before(text: str, extra: list[DateConstraint], today: date) -> None:
    new, old = _both(text, extra=extra, today=today)
    assert new == old
