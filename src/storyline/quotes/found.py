"""A quotation found in a report, before it becomes a `Quote` record."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.quotes.speakers import Speaker
from storyline.records import Span

DIRECT, INDIRECT = "direct", "indirect"


@dataclass(frozen=True, slots=True)
class Found:
    span: Span  # the quoted or reported words
    kind: str  # DIRECT | INDIRECT
    speaker: Speaker | None  # None: nobody named it (an unnamed group keeps a Speaker with no span)
    cue: Span | None  # the speech verb, or None (a colon, a continued quotation)
