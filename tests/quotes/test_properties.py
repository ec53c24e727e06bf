"""Invariants of `find_quotes` on arbitrary text, sentences and mentions."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from storyline.quotes import find_quotes
from storyline.records import Mention, Quote, Span
from tests.quotes.helpers import mentions_of, readable

_PHRASES = (
    "said|told reporters|according to|he|she|they|that|the minister|Ortega|Weiss|officials|"
    "and|We|will|act|the port|was|open|Secretary of State|who|saying|a senior official"
)
_PIECES = [*"\"“”‘’'«»„,.:;?!—", " ", " ", " ", "\n", "\n\n", *_PHRASES.split("|")]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=60).map("".join)
_LABELS = st.sampled_from(["PERSON", "ORG", "GPE"])


@st.composite
def reports(draw: st.DrawFn) -> tuple[str, list[Span], list[Mention]]:
    text = draw(texts)
    size = len(text)

    def spans(count: int) -> list[Span]:
        found = []
        for _ in range(count):
            start = draw(st.integers(0, size))
            end = draw(st.integers(start, size))
            found.append(Span(start, end))
        return found

    sentences = spans(draw(st.integers(0, 6)))
    mentions = [
        Mention(
            span,
            span.of(text),
            label,
            "person",
            "test",
            title=draw(st.sampled_from([None, "Minister"])),
        )
        for span in spans(draw(st.integers(0, 6)))
        if len(span)
        for label in [draw(_LABELS)]
    ]
    return text, sentences, mentions


def _check(text: str, quotes: tuple[Quote, ...]) -> None:
    previous_end = 0
    for quote in quotes:
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        assert quote.span.start >= previous_end, "quotes overlap or are out of order"
        previous_end = quote.span.end
        assert quote.kind in ("direct", "indirect")
        for extra in (quote.speaker, quote.cue):
            assert extra is None or 0 <= extra.start <= extra.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(reports())
def test_spans_inside_the_text_and_never_overlapping(
    report: tuple[str, list[Span], list[Mention]],
) -> None:
    text, sentences, mentions = report
    _check(text, find_quotes(text, sentences, mentions))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text, find_quotes(text, (), ()))


@settings(max_examples=200, deadline=None)
@given(texts.map(lambda t: t.replace("\n", " ")))
@example("saying’,“‘")  # a stray apostrophe between a verb and a quote mark once raised
def test_a_broken_paragraph_never_hides_the_next_one(garbage: str) -> None:
    text = f"{garbage}\n\nOrtega said, “The harbour is open.”"
    quotes = find_quotes(text, (), mentions_of(text, ["Ortega"]))
    assert readable(text, quotes)[-1] == ("direct", "The harbour is open.", "Ortega", "said")
