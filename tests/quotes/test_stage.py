"""The quote stage in a pipeline."""

from __future__ import annotations

import pytest

from storyline.errors import PipelineError
from storyline.nlp.spacy_stage import SpacyStage
from storyline.pipeline import GIVEN, check_order
from storyline.quotes import STAGE, QuoteStage
from storyline.records import Mention, Sentence, Span
from tests.conftest import make_document


def test_declares_what_it_needs_and_adds() -> None:
    assert QuoteStage.name == STAGE == "quotes.attribute.v1"
    assert QuoteStage.needs == {"sentences", "mentions"}
    assert QuoteStage.adds == {"quotes"}
    with pytest.raises(PipelineError):
        check_order([QuoteStage()], GIVEN)


def test_runs_after_the_spacy_stage(blank_nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Antony Blinken arrived in Tokyo on Monday.\n\n"
        "“The alliance has never been stronger,” Blinken said.\n\n"
        "Secretary Austin said that Japan was a close ally."
    )
    stages = [SpacyStage(blank_nlp), QuoteStage()]
    check_order(stages, GIVEN | {"language", "duplicates"})
    doc = make_document(text, language="en")
    for stage in stages:
        doc = stage(doc)
    found = [
        (q.kind, q.span.of(text), q.speaker.of(text) if q.speaker else None) for q in doc.quotes
    ]
    assert found == [
        ("direct", "The alliance has never been stronger", "Blinken"),
        ("indirect", "Japan was a close ally", "Austin"),
    ]
    assert doc.stages == ("nlp.spacy.v1", STAGE)
    assert all(q.stage == STAGE for q in doc.quotes)


def test_copies_the_linked_entity_of_the_speaker() -> None:
    text = "“We are ready,” Blinken said."
    doc = make_document(
        text,
        language="en",
        sentences=(Sentence(Span(0, len(text)), "nlp.spacy.v1"),),
        mentions=(Mention(Span(16, 23), "Blinken", "PERSON", "person", "x", entity="e7"),),
    )
    (quote,) = QuoteStage()(doc).quotes
    assert quote.speaker == Span(16, 23) and quote.speaker_entity == "e7"


def test_duplicates_and_other_languages_pass_through() -> None:
    stage = QuoteStage()
    french = make_document("« Nous sommes prêts », a dit le ministre.", language="fr")
    copy = make_document("“Ready,” he said.", id="d2", language="en", duplicate_of="d1")
    assert stage(french) is french
    assert stage(copy) is copy
