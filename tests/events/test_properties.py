"""Event extraction on hand-built parses: it never raises, and every span stays in the text.

The parses come from `tests.strategies.parses`: news-like words with a projective
tree per sentence, usually the parts of speech a parser would give them, sometimes
garbled; names and dates are marked as the model's entities.
"""

from __future__ import annotations

from datetime import date

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.entities.surface import SurfaceEntityStage
from storyline.events.extract import EventLinkStage, EventStage, extract_events
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import Document, EventMention, Span
from storyline.time import TimeStage, tag_time
from tests.conftest import make_document
from tests.strategies import parses, spans_of

_ENTITY_LABELS = {
    "PROPN": ["PERSON", "PERSON", "GPE", "GPE", "ORG", "NORP"],
    "NUM": ["DATE", "CARDINAL"],
}
_PUBLISHED = st.sampled_from(
    [None, "2021-03-17", "2021-03", "1999-12-31", "9999-12-31", "0001-01-01", "0000", "2021-13"]
)


@st.composite
def parses_with_entities(draw: st.DrawFn) -> Doc:
    """A hand-built parse whose proper nouns and numbers are (sometimes) entities."""
    doc = draw(parses())
    ents = []
    position = 0
    while position < len(doc):
        labels = _ENTITY_LABELS.get(doc[position].pos_)
        if labels and draw(st.sampled_from([True, True, True, False])):
            end = position + 1
            while end < len(doc) and doc[end].pos_ == doc[position].pos_ and draw(st.booleans()):
                end += 1
            ents.append(SpacySpan(doc, position, end, label=draw(st.sampled_from(labels))))
            position = end
        else:
            position += 1
    doc.ents = ents
    return doc


def _check(text: str, events: tuple[EventMention, ...], *, forced: bool = False) -> None:
    for event in events:
        spans = [event.trigger, event.sentence, event.date_source, event.place]
        spans += [participant.span for participant in event.participants]
        for span in spans:
            assert span is None or 0 <= span.start <= span.end <= len(text)
        assert event.trigger.start < event.trigger.end
        if not forced:  # a forced (gold) trigger keeps its span, even across a sentence end
            assert event.sentence.start <= event.trigger.start
            assert event.trigger.end <= event.sentence.end


def _through_the_stages(spacy_doc: Doc, published: str | None) -> Document:
    """The report as the pipeline leaves it: spaCy stage with event extraction, time
    tagging, surface entities, then the event link stage."""
    doc = make_document(spacy_doc.text, language="en", published=published)
    doc = SpacyStage(_NLP, annotators=[EventStage()]).annotate(doc, spacy_doc)
    return EventLinkStage()(SurfaceEntityStage()(TimeStage()(doc)))


@settings(max_examples=300, deadline=None)
@given(parses_with_entities(), _PUBLISHED)
def test_the_stages_never_raise_on_a_hand_built_parse(
    spacy_doc: Doc, published: str | None
) -> None:
    doc = _through_the_stages(spacy_doc, published)
    _check(doc.text, doc.events)
    ids = {entity.id for entity in doc.entities}
    for event in doc.events:
        assert event.place_entity is None or event.place_entity in ids


@settings(max_examples=200, deadline=None)
@given(parses_with_entities(), st.data())
def test_extraction_with_dates_and_forced_triggers(spacy_doc: Doc, data: st.DataObject) -> None:
    text = spacy_doc.text
    doc = make_document(text, language="en", published="2021-03-17")
    doc = SpacyStage(_NLP).annotate(doc, spacy_doc)
    doc = doc.evolve("test", timexes=tag_time(text, date(2021, 3, 17)))
    if not doc.sentences:
        return
    _check(text, extract_events(spacy_doc, doc))
    drawn = spans_of(data.draw, len(text), data.draw(st.integers(0, 4)))
    forced = [Span(a, b) for a, b in drawn if a < b]  # gold triggers are words
    _check(text, extract_events(spacy_doc, doc, triggers=forced), forced=True)


_NLP = spacy.blank("en")  # never called: the stages are given their parse
