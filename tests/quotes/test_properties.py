"""Invariants of `find_quotes` on arbitrary text, sentences and mentions."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from storyline.quotes import find_quotes
from storyline.quotes.context import Report
from storyline.quotes.direct import attribute_direct
from storyline.quotes.found import Found
from storyline.quotes.indirect import find_indirect, find_parsed
from storyline.quotes.marks import find_segments
from storyline.quotes.speakers import SpeakerFinder
from storyline.quotes.stage import QuoteStage
from storyline.records import Mention, Quote, Sentence, Span
from tests.conftest import make_document
from tests.quotes.helpers import mentions_of, readable
from tests.strategies import any_text, parses

_PHRASES = (
    "said|told reporters|according to|he|she|they|that|the minister|Ortega|Weiss|officials|"
    "and|We|will|act|the port|was|open|Secretary of State|who|saying|a senior official"
)
_PIECES = [*"\"“”‘’'«»„,.:;?!—", " ", " ", " ", "\n", "\n\n", *_PHRASES.split("|")]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=60).map("".join)
_LABELS = st.sampled_from(["PERSON", "ORG", "GPE"])


@st.composite
def reports(
    draw: st.DrawFn, text_strategy: st.SearchStrategy[str] = texts
) -> tuple[str, list[Span], list[Mention]]:
    text = draw(text_strategy)
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


# --- Hard text, each finder on its own, the stage, a parse --------------------------------

Case = tuple[str, list[Span], list[Mention]]


def _check_found(text: str, found: Sequence[Found]) -> None:
    for quote in found:
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        assert quote.kind in ("direct", "indirect")
        assert quote.cue is None or 0 <= quote.cue.start <= quote.cue.end <= len(text)
        if quote.speaker is not None:
            for span in (quote.speaker.phrase, quote.speaker.span):
                assert span is None or 0 <= span.start <= span.end <= len(text)


def _each_finder(text: str, sentences: Sequence[Span], mentions: Sequence[Mention]) -> None:
    report = Report.build(text, sentences, mentions)
    for sentence in report.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
    segments = find_segments(report)
    for segment in segments:
        for span in (segment.inner, segment.outer):
            assert 0 <= span.start <= span.end <= len(text)
    finder = SpeakerFinder.build(report, tuple(s.inner for s in segments))
    _check_found(text, attribute_direct(report, segments, finder))
    _check_found(text, find_indirect(report, finder))


@settings(max_examples=300, deadline=None)
@given(reports(any_text))
@example(("More storms were expected over the weekend, the agency said.) Nothing else.", [], []))
def test_never_raises_on_hard_text(report: Case) -> None:
    text, sentences, mentions = report
    _check(text, find_quotes(text, sentences, mentions))
    _each_finder(text, sentences, mentions)


@settings(max_examples=300, deadline=None)
@given(reports())
def test_each_finder_keeps_its_spans_inside(report: Case) -> None:
    _each_finder(*report)


@settings(max_examples=200, deadline=None)
@given(reports(any_text), st.sampled_from([None, "en", "fr"]))
def test_the_stage_on_hand_built_documents(report: Case, language: str | None) -> None:
    text, sentences, mentions = report
    doc = make_document(
        text,
        language=language,
        sentences=tuple(Sentence(span, "test") for span in sentences),
        mentions=tuple(mentions),
    )
    _check(text, QuoteStage()(doc).quotes)


def _mentions_of_parse(doc: Doc) -> list[Mention]:
    return [
        Mention(span, span.of(doc.text), "PERSON", "person", "test", entity=f"e-{token.i}")
        for token in doc
        if token.pos_ == "PROPN"
        for span in [Span(token.idx, token.idx + len(token.text))]
    ]


@settings(max_examples=300, deadline=None)
@given(parses())
def test_a_hand_built_parse_keeps_spans_inside(doc: Doc) -> None:
    text = doc.text
    sentences = [Span(s.start_char, s.end_char) for s in doc.sents]
    mentions = _mentions_of_parse(doc)
    report = Report.build(text, sentences, mentions)
    finder = SpeakerFinder.build(report, tuple(s.inner for s in find_segments(report)))
    _check_found(text, find_parsed(report, finder, doc))
    _check(text, find_quotes(text, sentences, mentions, spacy_doc=doc))
