"""From a grammar match to a TIMEX3 type, value and mod.

One resolver per rule kind; `absolute.py` holds the calendar-named kinds
("March 16", "the fourth quarter") and `relative.py` the ones computed from an
anchor ("last week", "two days later", "now"), durations and sets. A resolver
returns None when the match is not a time expression after all, which is how
the grammar stays simple: a pattern may over-match, the resolver decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Final

from storyline.time import absolute, relative
from storyline.time.grammar import Candidate
from storyline.time.lexicon import period_mod
from storyline.time.values import Context, Resolved

Resolver = Callable[[dict[str, str | None], Context], Resolved | None]

RESOLVERS: Final[dict[str, Resolver]] = {
    "iso": absolute.resolve_iso,
    "slash": absolute.resolve_slash,
    "md": absolute.resolve_month_day,
    "month": absolute.resolve_month,
    "year": absolute.resolve_year,
    "decade": absolute.resolve_decade,
    "century": absolute.resolve_century,
    "season": absolute.resolve_season,
    "quarter": absolute.resolve_quarter,
    "half": absolute.resolve_half,
    "fiscal": absolute.resolve_fiscal,
    "holiday": absolute.resolve_holiday,
    "ordday": absolute.resolve_day_of_month,
    "weekof": absolute.resolve_week_of_month,
    "unitend": relative.resolve_period_end,
    "relunit": relative.resolve_relative_period,
    "periodbefore": relative.resolve_period_before,
    "relday": relative.resolve_relative_day,
    "dayref": relative.resolve_day_reference,
    "weekday": relative.resolve_weekday,
    "wdset": relative.resolve_weekday_set,
    "clock": relative.resolve_clock,
    "set": relative.resolve_set,
    "freq": relative.resolve_frequency,
    "duration": relative.resolve_duration,
    "vague": relative.resolve_vague_duration,
    "sharedunit": relative.resolve_shared_unit,
    "ref": relative.resolve_reference,
    "unspecified": relative.resolve_unspecified,
    "inrow": relative.resolve_current_period,
    "superlative": relative.resolve_superlative_period,
    "restof": relative.resolve_rest_of_period,
    "sameperiod": relative.resolve_same_period,
}


def normalise(
    candidate: Candidate,
    text: str,
    dct: date | None,
    previous: Resolved | None = None,
    previous_day: Resolved | None = None,
    previous_period: Resolved | None = None,
) -> Resolved | None:
    """The TIMEX3 of one candidate against the report's date and the expressions before it."""
    ctx = Context(
        text, candidate.start, candidate.end, dct, previous, previous_day, previous_period
    )
    resolved = RESOLVERS[candidate.rule.kind](candidate.groups, ctx)
    if resolved is not None and candidate.rule.kind in _MOD_BEFORE and resolved.mod is None:
        # "the end of the third quarter", "late in the day": the period, END/START
        resolved = replace(resolved, mod=period_mod(candidate.groups.get("modw")))
    return resolved


# Kinds whose pattern reads a period modifier that their resolver leaves to this step.
_MOD_BEFORE: Final[frozenset[str]] = frozenset({"quarter", "half", "dayref"})
