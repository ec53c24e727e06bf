"""Dating a report: metadata, then a full dateline, then inference from the text.

Inference is a small probabilistic solver. Every day in a bounded window is a
candidate publication date; each piece of evidence (`evidence.py`) scores it;
the scores, as log-likelihoods, give a posterior over the days. The answer is
as precise as that posterior allows and no more:

- a day, when the three days around the best one hold at least 40% of it;
- else a month, when one month holds 60%;
- else a year, when one year holds 75%;
- else undated, with the reason: an honest "undated" rather than a guess.

The window comes from what the text says about years: explicit dates, a
dateline year, named coinages and constraints passed in from other stages,
and never runs past today (a report is not published in the future). A text
that says nothing about the year ("on the 16th", "Tuesday") is undated,
whatever else fits.

The days are scored as numpy arrays (`day_arrays.py`), every kind of evidence
over the whole window at once; the posterior, the credible span and the month
and year masses are computed from them with the same float operations, in the
same order, as a loop over the days would, so ties fall the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Final, Protocol

import numpy as np

from storyline.clean.dateline import parse_dateline
from storyline.pipeline import Stage
from storyline.records import DateFinding, Document, OfficeTerm, TimeExpression
from storyline.settings import TimeSettings
from storyline.time.cjk import LANGUAGES as CJK_LANGUAGES
from storyline.time.cjk import tag_times
from storyline.time.cjk_dateline import cjk_dateline
from storyline.time.day_arrays import Days, Floats, Ints, day_scores, window_days
from storyline.time.evidence import (
    DateConstraint,
    Evidence,
    constraint_evidence,
    dateline_evidence,
    text_evidence,
)
from storyline.time.tagger import full_date, tag_time

__all__ = ["DateConstraint", "DatelineLike", "DatingStage", "date_report"]

_DEFAULTS: Final = TimeSettings()
#: A year or a month of one, as metadata may give it: "2021", "2021-03" (not "2021-13").
_PARTIAL_DATE: Final = re.compile(r"(?!0000)\d{4}(?:-(?:0[1-9]|1[0-2]))?", re.ASCII)


class DatelineLike(Protocol):
    """What a dateline states (`storyline.clean.dateline.Dateline` is one)."""

    @property
    def day(self) -> int | None: ...
    @property
    def month(self) -> int | None: ...
    @property
    def year(self) -> int | None: ...


def date_report(
    text: str,
    timexes: Sequence[TimeExpression],
    *,
    metadata: str | None,
    dateline: DatelineLike | None,
    extra: Sequence[DateConstraint] = (),
    today: date | None = None,
    settings: TimeSettings = _DEFAULTS,
) -> DateFinding:
    """The report's publication date, how it was found, how sure, and why.

    `timexes` are the report's time expressions tagged with an unknown date
    (`tag_time(text, None)`); `metadata` is a date from the input ("2021-03-16",
    "2021-03-16T09:00:00Z", "2021-03"); `extra` carries constraints from other
    stages; `today` (default: the system date) bounds the search; `settings`
    the search's slack and length and how sure a day, month or year must be.
    """
    stated = stated_date(metadata, dateline)
    if stated is not None:
        return stated
    return infer_date(text, timexes, dateline=dateline, extra=extra, today=today, settings=settings)


def stated_date(metadata: str | None, dateline: DatelineLike | None) -> DateFinding | None:
    """The date the metadata or a full dateline states, which `date_report` takes as is."""
    if metadata and (found := _from_metadata(metadata)) is not None:
        return found
    if dateline is not None and dateline.year and dateline.month and dateline.day:
        try:
            day = date(dateline.year, dateline.month, dateline.day)
        except ValueError:
            day = None
        if day is not None:
            return DateFinding(day.isoformat(), "dateline", 0.95,
                               (f"dateline states {day.isoformat()}",), day.isoformat(),
                               day.isoformat())  # fmt: skip
    return None


def _from_metadata(metadata: str) -> DateFinding | None:
    value = metadata.strip()
    day = full_date(value[:10])
    if day is not None:
        return DateFinding(day.isoformat(), "metadata", 1.0, (f'metadata "{metadata}"',),
                           day.isoformat(), day.isoformat())  # fmt: skip
    if _PARTIAL_DATE.fullmatch(value):
        return DateFinding(value, "metadata", 1.0, (f'metadata "{metadata}"',))
    return None


def infer_date(
    text: str,
    timexes: Sequence[TimeExpression],
    *,
    dateline: DatelineLike | None = None,
    extra: Sequence[DateConstraint] = (),
    today: date | None = None,
    settings: TimeSettings = _DEFAULTS,
) -> DateFinding:
    """The solver alone: the date the text's constraints support, or undated."""
    today = today or date.today()
    evidence = text_evidence(text, timexes)
    if dateline is not None and dateline.day and dateline.month:
        raw = f"{dateline.day} {date(2000, dateline.month, 1):%B}"
        evidence.append(dateline_evidence(dateline.day, dateline.month, raw))
    evidence += [constraint_evidence(c) for c in extra]
    window = _window(evidence, dateline, today, settings)
    if window is None:
        return _undated(evidence, "the text states no year, and nothing else gives one")
    return _solve(evidence, *window, settings)


def _solve(
    evidence: list[Evidence], start: date, end: date, settings: TimeSettings = _DEFAULTS
) -> DateFinding:
    """The finding for the days from `start` to `end`, each scored by all the evidence."""
    days = window_days(start, end)
    return _decide(days, day_scores(evidence, days), evidence, settings)


def _window(
    evidence: list[Evidence], dateline: DatelineLike | None, today: date, settings: TimeSettings
) -> tuple[date, date] | None:
    """The candidate days: around what the evidence says about years, never after today."""
    slack = timedelta(days=settings.search_slack_days)
    lows: list[date] = []
    highs: list[date] = []
    for ev in evidence:
        if ev.kind == "explicit" and ev.target is not None:
            (highs if ev.direction == "future" else lows).append(ev.target)
        elif ev.kind == "bound":
            lows += [ev.earliest] if ev.earliest else []
            highs += [ev.latest] if ev.latest else []
    if dateline is not None and dateline.year:
        lows.append(date(dateline.year, 1, 1))
        highs.append(date(dateline.year, 12, 31))
    if not lows and not highs:
        return None
    start = max(lows) - slack if lows else min(highs) - timedelta(days=366 * 2)
    end = min(highs) + slack if highs else today
    end = min(end, today)
    if start > end:
        # The bounds disagree (one misread name gives a wrong term of office): search
        # all the days any of them allows, and let the scores find where most agree.
        start = (min(lows) if lows else min(highs) - timedelta(days=366)) - slack
        end = min(max(highs) + slack if highs else today, today)
        if start > end:
            start = end - timedelta(days=366)
    start = max(start, end - timedelta(days=settings.max_search_days))
    return start, end


def _decide(
    days: Days, scores: Floats, evidence: list[Evidence], settings: TimeSettings
) -> DateFinding:
    posterior = _posterior(scores)
    best = int(np.argmax(posterior))  # the earliest of equally likely days
    earliest, latest = _credible(days, posterior)
    reasons = _reasons(days.date_at(best), evidence)
    near = sum(posterior[max(0, best - 1) : best + 2].tolist())
    if near >= settings.day_mass:
        return DateFinding(days.date_at(best).isoformat(), "inferred", round(near, 2),
                           reasons, earliest, latest)  # fmt: skip
    month, month_mass = _likeliest(days, posterior, days.year * 12 + days.month, "%Y-%m")
    if month_mass >= settings.month_mass:
        return DateFinding(month, "inferred", round(month_mass, 2), reasons, earliest, latest)
    year, year_mass = _likeliest(days, posterior, days.year, "%Y")
    if year_mass >= settings.year_mass:
        return DateFinding(year, "inferred", round(year_mass, 2), reasons, earliest, latest)
    why = f"the constraints allow any day from {earliest} to {latest}"
    return DateFinding(None, None, round(year_mass, 2), (why, *reasons), earliest, latest)


def _posterior(scores: Floats) -> Floats:
    """Each day's share of exp(score), the best day's weight being 1.

    With `math.exp` and the built-in `sum`, as the loop over days had it: numpy's
    `exp` differs from `math.exp` in the last bit for a few inputs in a hundred,
    and a posterior's last bit can decide a tie or a threshold.
    """
    weights = list(map(math.exp, (scores - scores.max()).tolist()))
    return np.array(weights) / sum(weights)


def _likeliest(days: Days, posterior: Floats, period: Ints, form: str) -> tuple[str, float]:
    """The period (month or year) holding the most mass, named with `form`, and its mass.

    Each period's days are added one by one in day order from 0.0, as a running
    total per period would: laid out one period per row, padded with zeros (adding
    0.0 changes nothing), and accumulated along the rows, which is sequential by
    definition (unlike `np.add.reduce`, which adds pairwise). Ties go to the
    earliest period, as `max` over periods in day order does.
    """
    starts = np.flatnonzero(np.diff(period, prepend=period[0] - 1))
    lengths = np.diff(starts, append=len(period))
    rows = np.repeat(np.arange(len(starts)), lengths)
    grid = np.zeros((len(starts), int(lengths.max())))
    grid[rows, np.arange(len(period)) - starts[rows]] = posterior
    masses = np.cumsum(grid, axis=1)[:, -1]
    top = int(np.argmax(masses))
    return f"{days.date_at(int(starts[top])):{form}}", float(masses[top])


def _credible(days: Days, posterior: Floats) -> tuple[str, str]:
    """The earliest and latest of the likeliest days holding 90% of the posterior.

    A stable sort keeps equally likely days in day order, and the running mass is
    accumulated in that order, as the loop it replaces did.
    """
    order = np.argsort(-posterior, kind="stable")
    reached = np.flatnonzero(np.cumsum(posterior[order]) >= 0.9)
    kept = order[: reached[0] + 1] if reached.size else order
    return days.date_at(int(kept.min())).isoformat(), days.date_at(int(kept.max())).isoformat()


def _reasons(best: date, evidence: list[Evidence]) -> tuple[str, ...]:
    """The evidence, best fitting first, each with how well the chosen day fits it."""
    rated = sorted(evidence, key=lambda ev: ev.score(best), reverse=True)
    return tuple(
        f"{ev.label}: {'fits' if ev.score(best) > -0.5 else 'fits loosely'}"
        if ev.score(best) > -2.0
        else f"{ev.label}: does not fit"
        for ev in rated
    )


def _undated(evidence: list[Evidence], why: str) -> DateFinding:
    return DateFinding(None, None, 0.0, (why, *(ev.label for ev in evidence)))


class DatingStage(Stage):
    """Dates a report: its metadata, a full dateline, else the solver over its text.

    Runs before `time.tag.v1`, which then normalises against the date found.
    """

    name = "time.date.v1"
    # `office_terms` (the terms of the officials a report names, from `entities.offices.v1`)
    # bound the date when present; a document without them is dated from its text alone.
    needs = frozenset({"text", "published", "dateline"})
    adds = frozenset({"dating", "published"})

    def __init__(
        self,
        extra: Sequence[DateConstraint] = (),
        today: date | None = None,
        settings: TimeSettings = _DEFAULTS,
    ) -> None:
        self.extra = tuple(extra)
        self.today = today
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        dateline = _dateline(doc)
        metadata = doc.published if doc.published_how == "metadata" else None
        # A stated date is taken as is: the text is tagged only to infer one.
        finding = stated_date(metadata, dateline)
        if finding is None:
            text = _text_with_surroundings(doc)
            finding = infer_date(
                text,
                _undated_timexes(doc, text),
                dateline=dateline,
                extra=(*self.extra, *office_constraints(doc.office_terms)),
                today=self.today,
                settings=self.settings,
            )
        published, how = doc.published, doc.published_how
        # `published` is a full day (the export contract); a month or a year found
        # stays in `dating`, with the window it allows.
        if finding.value is not None and not published and len(finding.value) == 10:
            published, how = finding.value, finding.how
        return doc.evolve(self.name, dating=finding, published=published, published_how=how)


def _dateline(doc: Document) -> DatelineLike | None:
    """The report's dateline; a ja/zh/ko report's may open its text ("【ソウル共同】")."""
    found: DatelineLike | None = parse_dateline(doc.dateline) if doc.dateline else None
    if doc.language not in CJK_LANGUAGES or (found is not None and found.year):
        return found
    return cjk_dateline(doc.dateline or "") or cjk_dateline(doc.text) or found


def _undated_timexes(doc: Document, text: str) -> Sequence[TimeExpression]:
    """The text's time expressions with no report date, in the report's language's grammar."""
    if doc.language in CJK_LANGUAGES:
        return tag_times(text, doc.language or "", None)
    return tag_time(text, None, split=len(doc.text))  # the body's matches serve TimeStage


def office_constraints(terms: Sequence[OfficeTerm]) -> list[DateConstraint]:
    """The terms of office of the people a report names with their title, as bounds."""
    return [
        DateConstraint(
            date.fromisoformat(term.start) if term.start else None,
            date.fromisoformat(term.end) if term.end else None,
            1.0,
            term.reason,
            tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in term.gaps),
        )
        for term in terms
    ]


# Lines the cleaner took out of the body but which still speak of the report's
# time: a headline, a sub-head ("Talks in Tokyo on March 16, 2021"), a caption.
_DATED_REMOVED_KINDS = frozenset({"title", "heading", "caption"})


def _text_with_surroundings(doc: Document) -> str:
    """The report's text, then its title and removed headline/sub-head/caption lines."""
    extra = [doc.title] if doc.title else []
    extra += [line.text for line in doc.removed if line.kind in _DATED_REMOVED_KINDS]
    return "\n\n".join([doc.text, *dict.fromkeys(extra)])
