"""`find_quotes`: direct and indirect speech of one report, with speakers and cues."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.nlp.spacy_stage import is_parse_of
from storyline.quotes.context import Report
from storyline.quotes.direct import attribute_direct
from storyline.quotes.found import Found
from storyline.quotes.indirect import find_indirect, find_parsed
from storyline.quotes.marks import find_segments
from storyline.quotes.speakers import SpeakerFinder
from storyline.records import Mention, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

STAGE = "quotes.attribute.v1"


def find_quotes(
    text: str,
    sentences: Sequence[Span],
    mentions: Sequence[Mention],
    spacy_doc: Doc | None = None,
) -> tuple[Quote, ...]:
    """Quotations in `text`, in text order, never overlapping.

    `sentences` and `mentions` are those of the spaCy stage (character offsets into
    `text`); a paragraph no sentence covers is split by punctuation. `spacy_doc`, a
    parse of the same text, adds indirect speech found from dependencies.
    """
    report = Report.build(text, sentences, mentions)
    segments = find_segments(report)
    finder = SpeakerFinder.build(report, tuple(s.inner for s in segments))
    candidates = attribute_direct(report, segments, finder)
    if spacy_doc is not None and is_parse_of(spacy_doc, text):
        candidates += find_parsed(report, finder, spacy_doc)
    # Nested reports ("the Pentagon said Austin told reporters that …"): the inner one.
    candidates += sorted(find_indirect(report, finder), key=lambda f: len(f.span))
    return tuple(_record(f) for f in _without_overlaps(candidates))


def _without_overlaps(candidates: Sequence[Found]) -> list[Found]:
    """Earlier candidates win: direct quotations, then parsed, then pattern-found speech."""
    chosen: list[Found] = []
    for candidate in candidates:
        span = candidate.span
        if all(span.end <= other.span.start or other.span.end <= span.start for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.span.start)


def _record(found: Found) -> Quote:
    speaker = found.speaker
    return Quote(
        span=found.span,
        kind=found.kind,
        stage=STAGE,
        speaker=speaker.span if speaker is not None else None,
        speaker_entity=speaker.entity if speaker is not None else None,
        cue=found.cue,
    )
