"""Quoted stretches of a report: quote marks paired, broken ones tolerated.

Each double mark (" “ ” „ « ») is read as opening or closing from its glyph and
the characters around it (a straight mark opens where a word starts right after
white space). Pairing runs left to right over paragraphs:

- a mark that closes with nothing open lost its opener (machine translation
  drops them): the quotation runs back to the paragraph's start, or to the
  sentence after the previous quotation in the paragraph;
- a quotation still open at the end of a paragraph continues into the next
  paragraph when that one starts with a quote mark (the news convention for
  quotations over several paragraphs); otherwise it ends with its paragraph;
- a new opening mark while one is open ends the open one at the last sentence
  end before it.

So a stray mark costs at most the rest of its own paragraph, never the rest of the
report. ‘Single’ marks pair within a paragraph, outside double quotations; an
apostrophe is never taken for an opener (one opens only before a letter, after
white space), and an opener with no closer is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storyline.quotes.context import Report
from storyline.records import Span

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_OPEN, _CLOSE, _EITHER = "open", "close", "either"
_LEFT_OPEN = "([{—–-/"
_WORD_STARTERS = "([‘'…¿¡$£€#"
#: A quotation continues over at most this many paragraphs.
MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class Segment:
    """A quoted stretch of text."""

    inner: Span  # the quoted words, without marks, white space or a trailing comma
    outer: Span  # from the opening mark (or where a lost opener stood) past the closing mark
    opened: bool  # False when the opening mark was lost
    closed: bool  # False when no closing mark came: ended at a paragraph or a new quotation
    single: bool = False  # ‘single’ marks


def find_segments(report: Report) -> tuple[Segment, ...]:
    """Top-level quoted stretches of the report, in order, not overlapping."""
    doubles = list(_double_segments(report))
    # A single quotation inside a double one is part of it; one around double ones holds them.
    singles = [s for s in _single_segments(report) if not _meets(s.outer, doubles)]
    kept = [d for d in doubles if not any(_contains(s.outer, d.outer) for s in singles)]
    return tuple(sorted((*kept, *singles), key=lambda s: s.outer.start))


# --- Double marks ----------------------------------------------------------------------


def _double_segments(report: Report) -> Iterator[Segment]:
    text = report.text
    open_at: int | None = None
    spanned = 0
    skip: int | None = None  # the opening mark of a continued paragraph
    for index, paragraph in enumerate(report.paragraphs):
        last: Segment | None = None  # the last segment ending in this paragraph
        for position, role in _marks(text, paragraph, DOUBLE_MARKS):
            if position == skip:
                continue
            if open_at is None:
                if role == _CLOSE:
                    start = _orphan_start(report, paragraph, last, position)
                    segment = _make(text, start, position, opened=False, closed=True)
                    if segment is not None:
                        last = segment
                        yield segment
                elif role == _OPEN:
                    open_at, spanned = position, 1
            elif role == _OPEN:
                segment = _make(text, open_at, _cap_before(report, open_at, position), closed=False)
                if segment is not None:
                    last = segment
                    yield segment
                open_at, spanned = position, 1
            else:
                segment = _make(text, open_at, position, closed=True)
                open_at = None
                if segment is not None:
                    last = segment
                    yield segment
        if open_at is None:
            continue
        following = report.paragraphs[index + 1] if index + 1 < len(report.paragraphs) else None
        if following is not None and spanned < MAX_PARAGRAPHS and _opens(text, following):
            skip, spanned = following.start, spanned + 1
            continue
        segment = _make(text, open_at, paragraph.end, closed=False)
        open_at = None
        if segment is not None:
            yield segment


def _orphan_start(report: Report, paragraph: Span, last: Segment | None, close: int) -> int:
    """Where a quotation whose opening mark was lost began."""
    if last is None or last.outer.end <= paragraph.start:
        return paragraph.start
    # Past the rest of the sentence that holds the previous quotation's end: its attribution.
    after = report.sentence_at(last.outer.end - 1).end
    if after >= close:
        return last.outer.end
    for sentence in report.sentences_in(Span(after, close)):
        if sentence.start >= after:
            return sentence.start
    return last.outer.end


def _cap_before(report: Report, open_at: int, position: int) -> int:
    """The end of an open quotation cut short by a new opening mark: the last sentence end."""
    end = position
    for sentence in report.sentences_in(Span(open_at, position)):
        if open_at + 1 < sentence.end <= position:
            end = sentence.end
    return end


def _opens(text: str, paragraph: Span) -> bool:
    if paragraph.start >= paragraph.end or text[paragraph.start] not in DOUBLE_MARKS:
        return False
    return _role(text, paragraph.start, Span(paragraph.start, paragraph.end)) != _CLOSE


# --- Single marks ----------------------------------------------------------------------


def _single_segments(report: Report) -> Iterator[Segment]:
    text = report.text
    for paragraph in report.paragraphs:
        open_at: int | None = None
        for position, role in _marks(text, paragraph, SINGLE_MARKS):
            if open_at is None and role == _OPEN:
                open_at = position
            elif open_at is not None and role == _CLOSE:
                segment = _make(text, open_at, position, closed=True, single=True)
                open_at = None
                if segment is not None:
                    yield segment


# --- Marks and segments ----------------------------------------------------------------


def _marks(text: str, paragraph: Span, marks: str) -> Iterator[tuple[int, str]]:
    for position in range(paragraph.start, paragraph.end):
        if text[position] in marks:
            role = _role(text, position, paragraph)
            if role is not None:
                yield position, role


def _role(text: str, position: int, paragraph: Span) -> str | None:
    """Whether the mark at `position` opens, closes, may do either, or (single) neither."""
    mark = text[position]
    before = text[position - 1] if position > paragraph.start else " "
    after = text[position + 1] if position + 1 < paragraph.end else " "
    left_open = before.isspace() or before in _LEFT_OPEN or before in QUOTE_MARKS
    starts_word = after.isalnum() or after in _WORD_STARTERS or after in QUOTE_MARKS
    if mark in SINGLE_MARKS:
        if mark in "'‘" and left_open and (after.isalnum() or after in "(["):
            return _OPEN
        if mark in "'’" and not before.isspace() and not after.isalnum():
            return _CLOSE
        return None
    if mark in "“„«":
        return _CLOSE if not left_open and not starts_word else _OPEN
    if mark in "”»":
        return _OPEN if left_open and starts_word and after not in QUOTE_MARKS else _CLOSE
    if left_open and starts_word:
        return _OPEN
    if not left_open:
        return _CLOSE
    return _EITHER if after.isspace() else _CLOSE


def _make(
    text: str, start: int, end: int, *, opened: bool = True, closed: bool, single: bool = False
) -> Segment | None:
    """A segment from an opening mark at `start` (or a lost opener: `opened=False`) to `end`."""
    left = start + 1 if opened else start
    right = end
    while left < right and text[left].isspace():
        left += 1
    while right > left and (text[right - 1].isspace() or text[right - 1] in ",;"):
        right -= 1
    if right <= left:
        return None
    outer_end = end + 1 if closed else end
    return Segment(Span(left, right), Span(start, outer_end), opened, closed, single)


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _meets(span: Span, segments: Sequence[Segment]) -> bool:
    """Whether `span` overlaps a segment other than by holding it whole."""
    for segment in segments:
        other = segment.outer
        if span.start < other.end and other.start < span.end and not _contains(span, other):
            return True
    return False
