"""Sentence and mention offsets stay inside the text, whatever the text."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.nlp.mentions import make_mention, preceding_title
from storyline.nlp.spacy_stage import SpacyStage, _line_spans
from storyline.records import Span
from tests.conftest import make_document
from tests.strategies import any_text, spans_of

LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", ""])


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(any_text)
    return text, spans_of(draw, len(text), draw(st.integers(1, 6)))


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_line_spans_are_stripped_parts_of_one_line(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, ranges = case
    for start, end in ranges:
        previous = start
        for span in _line_spans(text, start, end):
            assert previous <= span.start < span.end <= end
            part = span.of(text)
            assert "\n" not in part and part == part.strip()
            previous = span.end


@settings(max_examples=300, deadline=None)
@given(text_and_spans(), LABELS)
def test_mentions_stay_inside_their_span(
    case: tuple[str, list[tuple[int, int]]], label: str
) -> None:
    text, ranges = case
    for start, end in ranges:
        mention = make_mention(text, Span(start, end), label, "test")
        if mention is not None:
            assert start <= mention.span.start < mention.span.end <= end
            assert mention.span.of(text) == mention.text
        title = preceding_title(text, start)
        assert title is None or title in text[:start]


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_the_stage_keeps_offsets_inside_the_text(text: str) -> None:
    doc = SpacyStage(_NLP)(make_document(text, language="en"))
    assert len(doc.text) == len(text)  # a lone surrogate becomes U+FFFD, in its place
    text = doc.text
    for sentence in doc.sentences:
        assert 0 <= sentence.span.start < sentence.span.end <= len(text)
        assert "\n" not in sentence.span.of(text)
    for mention in doc.mentions:
        assert mention.span.of(text) == mention.text and mention.text


def _blank_with_names() -> spacy.language.Language:
    """A model-free pipeline that labels capitalised words, so mentions appear often."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": [{"IS_TITLE": True}, {"IS_TITLE": True}]},
            {"label": "GPE", "pattern": [{"IS_UPPER": True}]},
            {"label": "ORG", "pattern": [{"IS_PUNCT": True}, {"IS_TITLE": True}]},
        ]
    )
    return nlp


_NLP = _blank_with_names()
