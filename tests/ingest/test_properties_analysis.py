"""The real per-report stages, with the language model, on broken versions of news sentences.

Each case is a few sentences of news (the two of issue 10 among them) broken as scraped
and machine-translated text is: quote marks, apostrophes, brackets and commas deleted
or doubled, lines split and joined, text cut mid-word, odd punctuation, right-to-left
and zero-width marks, NUL. Cleaning, then every stage `storyline ingest` runs after
the duplicate check, must not raise, and every offset must stay inside the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storyline.clean.debris import clean_text
from storyline.events.extract import EventStage
from storyline.ingest.analysis import FRONT_ADDS, analysis_stages
from storyline.nlp.spacy_stage import SpacyStage
from storyline.pipeline import GIVEN, Pipeline
from storyline.records import Document, Span
from storyline.settings import Settings
from tests.conftest import make_document
from tests.strategies import broken, news_text

pytestmark = pytest.mark.model

SENTENCES = [
    "He may not like it, but I say 'So what?' to his opinions.",
    "More storms were expected over the weekend, the agency said.) Nothing else happened today.",
    "U.S. Secretary of State Antony Blinken met Japanese Foreign Minister Toshimitsu Motegi in "
    "Tokyo on Tuesday, March 16, 2021.",
    "“The alliance is the cornerstone of peace,” Blinken told reporters after the talks.",
    "According to a senior official, the two sides will hold a 2+2 meeting next month.",
    "Prime Minister Kishida (left) and President Biden attend a summit in Hiroshima. (Reuters)",
    "TOKYO (Kyodo) -- North Korea fired a ballistic missile on Wednesday, the ministry said.",
    "The minister said that the ‘talks’ were useful, adding that China's coast guard had left.",
    "« Nous agirons », a déclaré M. Macron, who visited Seoul three days later.",
    "In 1999 she told him: \"we'll meet again in two years' time\" – and they did.",
]
_SURROGATE = re.compile("[\ud800-\udfff]")
_texts = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)


@pytest.fixture(scope="module")
def pipeline(model_nlp) -> Iterator[Pipeline]:  # type: ignore[no-untyped-def]
    """Every stage after the duplicate check, as `storyline ingest` builds them."""
    nlp_stage = SpacyStage(model_nlp, annotators=[EventStage()])
    stages = Pipeline(analysis_stages(nlp_stage, Settings()), GIVEN | FRONT_ADDS)
    yield stages
    stages.close()


def _inside(text: str, span: Span | None) -> None:
    assert span is None or 0 <= span.start <= span.end <= len(text), (span, len(text))


def _check(doc: Document) -> None:
    text = doc.text
    for sentence in doc.sentences:
        _inside(text, sentence.span)
    for mention in doc.mentions:
        _inside(text, mention.span)
        assert mention.span.of(text) == mention.text
    for timex in doc.timexes:
        _inside(text, timex.span)
        assert timex.span.of(text) == timex.text
    for event in doc.events:
        for span in (event.trigger, event.sentence, event.date_source, event.place):
            _inside(text, span)
        for participant in event.participants:
            _inside(text, participant.span)
    for quote in doc.quotes:
        for span in (quote.span, quote.speaker, quote.cue):
            _inside(text, span)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(broken(_texts) | news_text)
@example(SENTENCES[1])
@example("days,\udc80 adding that officials.")
def test_the_stages_never_raise_on_broken_news(pipeline: Pipeline, raw: str) -> None:
    # Lone surrogates are no text: the ingest replaces them before any stage runs (spaCy's
    # tokenizer cannot hash them); NUL and the other control characters stay in this test.
    cleaned = clean_text(_SURROGATE.sub("\ufffd", raw))
    doc = make_document(
        cleaned.text,
        language="en",
        title=cleaned.title,
        dateline=cleaned.dateline,
        removed=cleaned.removed,
    )
    (out,) = pipeline.pipe([doc])
    assert out.text == cleaned.text
    _check(out)
