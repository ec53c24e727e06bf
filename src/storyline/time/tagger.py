"""The temporal tagger: text and a report date in, TIMEX3 expressions out.

`tag_time` runs the grammar, lets each kind's resolver accept or reject its
matches, keeps the longest non-overlapping ones, and normalises them in text
order so that "two days later" can count from the expression before it.
`TimeStage` does the same for a `Document`, with the report's date as DCT when
it is a full date and an unknown DCT (X placeholders) otherwise.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.pipeline import Stage
from storyline.records import Document, Span, TimeExpression
from storyline.time.grammar import Candidate, candidates, longest_first
from storyline.time.normalise import normalise
from storyline.time.values import DAY_LEVEL, Resolved

STAGE = "time.tag.v1"

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")


def tag_time(text: str, dct: date | None, *, stage: str = STAGE) -> tuple[TimeExpression, ...]:
    """Every time expression in `text`, normalised against the report's date `dct`.

    With `dct` None, values that depend on it keep X placeholders ("XXXX-XX-16")
    or become PAST_REF / PRESENT_REF / FUTURE_REF.
    """
    # While choosing among overlapping matches, an anaphoric expression ("the same
    # day") is accepted as if something came before it; it is resolved for real below.
    stand_in = Resolved("DATE", "XXXX-XX-XX", ref=dct or date(2000, 1, 1), gran="D")
    accepted: list[tuple[Candidate, Resolved]] = []
    for cand in candidates(text):
        resolved = normalise(cand, text, dct, stand_in, stand_in)
        if resolved is not None:
            accepted.append((cand, resolved))
    chosen = longest_first([cand for cand, _ in accepted])
    out: list[TimeExpression] = []
    previous: Resolved | None = None
    previous_day: Resolved | None = None
    for index in chosen:
        cand, resolved = accepted[index]
        if resolved.anchor == "previous":
            again = normalise(cand, text, dct, previous, previous_day)
            if again is None:
                continue
            resolved = again
        out.append(_expression(text, cand, resolved, stage))
        if resolved.ref is not None and resolved.type in ("DATE", "TIME"):
            previous = resolved
            if resolved.gran in DAY_LEVEL:
                previous_day = resolved
    return tuple(out)


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
        return doc.evolve(self.name, timexes=tag_time(doc.text, full_date(doc.published)))
