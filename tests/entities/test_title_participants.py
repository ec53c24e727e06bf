"""A title with no name is a participant of the events it takes part in (real model)."""

from __future__ import annotations

import pytest

from storyline.entities.kb.index import KBIndex
from storyline.entities.stage import LinkStage
from storyline.events.extract import EventStage, link_events
from storyline.nlp.spacy_stage import SpacyStage
from tests.conftest import make_document


@pytest.mark.model
def test_the_holder_behind_a_title_takes_part_in_the_meeting(  # type: ignore[no-untyped-def]
    model_nlp, fixture_index: KBIndex
) -> None:
    text = "The Japanese defense minister met Lloyd Austin in Tokyo on Tuesday."
    doc = make_document(text, language="en", published="2023-01-11")
    doc = EventStage(model_nlp)(SpacyStage(model_nlp)(doc))
    doc = link_events(LinkStage(fixture_index)(doc))
    names = {e.id: e.name for e in doc.entities}
    (meeting,) = [e for e in doc.events if e.type == "meeting"]
    taking_part = {(p.span.of(text), names.get(p.entity or "")) for p in meeting.participants}
    assert ("Japanese defense minister", "Yasukazu Hamada") in taking_part
    assert ("Lloyd Austin", "Lloyd Austin") in taking_part
