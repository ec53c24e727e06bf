"""People named around a meeting: hand-built parses, then the real model (marked `model`)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from storyline.events.extract import extract_events
from storyline.records import Document, EventMention, Sentence, Span
from tests.conftest import make_document
from tests.events.test_extract import Row, _analyse, annotated, parsed

NAMES = {"Ruiz": "PERSON", "Berg": "PERSON"}

# word, POS, tag, dependency, head (index), lemma
RELATIVE_CLAUSE: list[Row] = [
    ("The", "DET", "DT", "det", 1, "the"),
    ("summit", "NOUN", "NN", "nsubj", 9, "summit"),
    (",", "PUNCT", ",", "punct", 1, ","),
    ("which", "PRON", "WDT", "nsubj", 4, "which"),
    ("involves", "VERB", "VBZ", "relcl", 1, "involve"),
    ("Ruiz", "PROPN", "NNP", "dobj", 4, "Ruiz"),
    ("and", "CCONJ", "CC", "cc", 5, "and"),
    ("Berg", "PROPN", "NNP", "conj", 5, "Berg"),
    (",", "PUNCT", ",", "punct", 1, ","),
    ("continued", "VERB", "VBD", "ROOT", 9, "continue"),
    (".", "PUNCT", ".", "punct", 9, "."),
]
SETTING: list[Row] = [
    ("At", "ADP", "IN", "prep", 7, "at"),
    ("the", "DET", "DT", "det", 2, "the"),
    ("summit", "NOUN", "NN", "pobj", 0, "summit"),
    (",", "PUNCT", ",", "punct", 7, ","),
    ("Ruiz", "PROPN", "NNP", "nsubj", 7, "Ruiz"),
    ("and", "CCONJ", "CC", "cc", 4, "and"),
    ("Berg", "PROPN", "NNP", "conj", 4, "Berg"),
    ("spoke", "VERB", "VBD", "ROOT", 7, "speak"),
    (".", "PUNCT", ".", "punct", 7, "."),
]
MISREAD_LIST: list[Row] = [  # the parser made the second name an apposition to the first
    ("At", "ADP", "IN", "prep", 7, "at"),
    ("the", "DET", "DT", "det", 2, "the"),
    ("summit", "NOUN", "NN", "pobj", 0, "summit"),
    (",", "PUNCT", ",", "punct", 7, ","),
    ("Ruiz", "PROPN", "NNP", "nsubj", 7, "Ruiz"),
    (",", "PUNCT", ",", "punct", 4, ","),
    ("Berg", "PROPN", "NNP", "appos", 4, "Berg"),
    ("spoke", "VERB", "VBD", "ROOT", 7, "speak"),
    (".", "PUNCT", ".", "punct", 7, "."),
]
PASSIVE_AT: list[Row] = [
    ("At", "ADP", "IN", "prep", 6, "at"),
    ("the", "DET", "DT", "det", 2, "the"),
    ("summit", "NOUN", "NN", "pobj", 0, "summit"),
    (",", "PUNCT", ",", "punct", 6, ","),
    ("Berg", "PROPN", "NNP", "nsubjpass", 6, "Berg"),
    ("was", "AUX", "VBD", "auxpass", 6, "be"),
    ("criticized", "VERB", "VBN", "ROOT", 6, "criticize"),
    (".", "PUNCT", ".", "punct", 6, "."),
]
DEED_DURING: list[Row] = [
    ("During", "ADP", "IN", "prep", 5, "during"),
    ("the", "DET", "DT", "det", 2, "the"),
    ("talks", "NOUN", "NNS", "pobj", 0, "talk"),
    (",", "PUNCT", ",", "punct", 5, ","),
    ("Berg", "PROPN", "NNP", "nsubj", 5, "Berg"),
    ("fired", "VERB", "VBD", "ROOT", 5, "fire"),
    ("a", "DET", "DT", "det", 7, "a"),
    ("missile", "NOUN", "NN", "dobj", 5, "missile"),
    (".", "PUNCT", ".", "punct", 5, "."),
]
JOINED_FOR: list[Row] = [
    ("The", "DET", "DT", "det", 1, "the"),
    ("envoys", "NOUN", "NNS", "nsubj", 2, "envoy"),
    ("met", "VERB", "VBD", "ROOT", 2, "meet"),
    ("and", "CCONJ", "CC", "cc", 2, "and"),
    ("were", "AUX", "VBD", "auxpass", 5, "be"),
    ("joined", "VERB", "VBN", "conj", 2, "join"),
    ("by", "ADP", "IN", "agent", 5, "by"),
    ("Ruiz", "PROPN", "NNP", "pobj", 6, "Ruiz"),
    ("and", "CCONJ", "CC", "cc", 7, "and"),
    ("Berg", "PROPN", "NNP", "conj", 7, "Berg"),
    ("for", "ADP", "IN", "prep", 9, "for"),
    ("talks", "NOUN", "NNS", "pobj", 10, "talk"),
    (".", "PUNCT", ".", "punct", 2, "."),
]
TOOK_PART: list[Row] = [
    ("Berg", "PROPN", "NNP", "nsubj", 1, "Berg"),
    ("took", "VERB", "VBD", "ROOT", 1, "take"),
    ("part", "NOUN", "NN", "dobj", 1, "part"),
    ("in", "ADP", "IN", "prep", 1, "in"),
    ("the", "DET", "DT", "det", 5, "the"),
    ("meeting", "NOUN", "NN", "pobj", 3, "meeting"),
    (".", "PUNCT", ".", "punct", 1, "."),
]
BARE_ATTEND: list[Row] = [
    ("The", "DET", "DT", "det", 1, "the"),
    ("talks", "NOUN", "NNS", "nsubjpass", 3, "talk"),
    ("were", "AUX", "VBD", "auxpass", 3, "be"),
    ("held", "VERB", "VBN", "ROOT", 3, "hold"),
    (".", "PUNCT", ".", "punct", 3, "."),
    ("Ruiz", "PROPN", "NNP", "nsubj", 8, "Ruiz"),
    ("and", "CCONJ", "CC", "cc", 5, "and"),
    ("Berg", "PROPN", "NNP", "conj", 5, "Berg"),
    ("attended", "VERB", "VBD", "ROOT", 8, "attend"),
    (".", "PUNCT", ".", "punct", 8, "."),
]
ATTENDED_BEFORE: list[Row] = [
    ("Ruiz", "PROPN", "NNP", "nsubj", 1, "Ruiz"),
    ("attended", "VERB", "VBD", "ROOT", 1, "attend"),
    ("the", "DET", "DT", "det", 3, "the"),
    ("ceremony", "NOUN", "NN", "dobj", 1, "ceremony"),
    (".", "PUNCT", ".", "punct", 1, "."),
    ("The", "DET", "DT", "det", 6, "the"),
    ("talks", "NOUN", "NNS", "nsubjpass", 8, "talk"),
    ("were", "AUX", "VBD", "auxpass", 8, "be"),
    ("held", "VERB", "VBN", "ROOT", 8, "hold"),
    (".", "PUNCT", ".", "punct", 8, "."),
]


def _who(event: EventMention, text: str) -> list[tuple[str, str]]:
    return [(p.role, p.span.of(text)) for p in event.participants]


def _meeting(events: tuple[EventMention, ...], text: str, trigger: str) -> EventMention:
    (event,) = [e for e in events if e.type == "meeting" and e.trigger.of(text) == trigger]
    return event


def _report(rows: list[Row]) -> tuple[Doc, Document]:
    """The hand-built parse and its report: the names it holds linked, one sentence per
    sentence of the parse."""
    spacy_doc = parsed(rows)
    one = annotated(spacy_doc, {n: k for n, k in NAMES.items() if n in spacy_doc.text}, {})
    sentences = tuple(Sentence(Span(s.start_char, s.end_char), "t") for s in spacy_doc.sents)
    return spacy_doc, make_document(one.text, sentences=sentences, mentions=one.mentions)


def test_a_relative_clause_on_the_meeting_lists_who_is_there() -> None:
    spacy_doc, doc = _report(RELATIVE_CLAUSE)
    (event,) = extract_events(spacy_doc, doc)
    assert doc.text == "The summit, which involves Ruiz and Berg, continued."
    assert _who(event, doc.text) == [("participant", "Ruiz"), ("participant", "Berg")]


def test_the_people_of_a_clause_set_at_the_meeting_are_there() -> None:
    spacy_doc, doc = _report(SETTING)
    (event,) = extract_events(spacy_doc, doc)
    assert doc.text == "At the summit, Ruiz and Berg spoke."
    assert _who(event, doc.text) == [("participant", "Ruiz"), ("participant", "Berg")]


def test_a_name_read_as_an_apposition_to_another_is_there_too() -> None:
    spacy_doc, doc = _report(MISREAD_LIST)
    assert doc.text == "At the summit, Ruiz, Berg spoke."
    (event,) = extract_events(spacy_doc, doc)
    assert _who(event, doc.text) == [("participant", "Ruiz"), ("participant", "Berg")]


def test_a_passive_subject_or_a_deed_done_during_it_puts_nobody_at_the_meeting() -> None:
    spacy_doc, doc = _report(PASSIVE_AT)
    assert doc.text == "At the summit, Berg was criticized."
    assert _meeting(extract_events(spacy_doc, doc), doc.text, "summit").participants == ()
    spacy_doc, doc = _report(DEED_DURING)
    assert doc.text == "During the talks, Berg fired a missile."
    assert _meeting(extract_events(spacy_doc, doc), doc.text, "talks").participants == ()


def test_joined_by_for_talks_puts_the_agents_at_the_talks_not_at_the_other_verb() -> None:
    spacy_doc, doc = _report(JOINED_FOR)  # the parser hung "for talks" on the last name
    assert doc.text == "The envoys met and were joined by Ruiz and Berg for talks."
    events = extract_events(spacy_doc, doc)
    assert _meeting(events, doc.text, "met").participants == ()
    talks = _meeting(events, doc.text, "talks")
    assert _who(talks, doc.text) == [("participant", "Ruiz"), ("participant", "Berg")]


def test_taking_part_in_the_meeting() -> None:
    spacy_doc, doc = _report(TOOK_PART)
    (event,) = extract_events(spacy_doc, doc)
    assert _who(event, doc.text) == [("participant", "Berg")]


def test_an_attendance_verb_without_object_joins_the_meeting_just_named() -> None:
    spacy_doc, doc = _report(BARE_ATTEND)
    assert doc.text == "The talks were held. Ruiz and Berg attended."
    assert len(doc.sentences) == 2
    (event,) = extract_events(spacy_doc, doc)
    assert event.trigger.of(doc.text) == "talks"  # "attended" makes no event of its own
    assert _who(event, doc.text) == [("participant", "Ruiz"), ("participant", "Berg")]
    assert [p.entity for p in event.participants] == ["e-ruiz", "e-berg"]


def test_an_attendance_verb_with_its_own_object_or_no_meeting_before_it_adds_nobody() -> None:
    spacy_doc, doc = _report(ATTENDED_BEFORE)
    assert doc.text == "Ruiz attended the ceremony. The talks were held."
    (event,) = extract_events(spacy_doc, doc)
    assert event.participants == ()
    spacy_doc, doc = _report(_shifted(BARE_ATTEND[5:], 5))
    assert doc.text == "Ruiz and Berg attended."
    assert extract_events(spacy_doc, doc) == ()


def _shifted(rows: list[Row], by: int) -> list[Row]:
    return [(w, pos, tag, dep, head - by, lemma) for w, pos, tag, dep, head, lemma in rows]


# --- with the real model -------------------------------------------------------------------


def _names(event: EventMention, text: str) -> set[str]:
    return {p.span.of(text) for p in event.participants}


@pytest.mark.model
def test_model_people_named_around_a_meeting(model_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The summit, which also involves Ministers Ana Ruiz and Tomas Berg, will be held soon."
    doc = _analyse(model_nlp, text)
    assert _names(_meeting(doc.events, text, "summit"), text) == {"Ana Ruiz", "Tomas Berg"}
    text = "At the summit, Ana Ruiz and Tomas Berg are expected to discuss trade."
    doc = _analyse(model_nlp, text)
    assert _names(_meeting(doc.events, text, "summit"), text) == {"Ana Ruiz", "Tomas Berg"}
    text = "Ana Ruiz said at the start of the talks that trade was growing."
    doc = _analyse(model_nlp, text)
    assert _names(_meeting(doc.events, text, "talks"), text) == {"Ana Ruiz"}


@pytest.mark.model
def test_model_a_misread_list_of_ministers_keeps_all_four(model_nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In the meeting, Norway's Foreign Minister Tomas Berg, Trade Minister Lena Dahl, and "
        "their Spanish counterparts Foreign Minister Ana Ruiz and Trade Minister Pablo Soto, "
        "are expected to review the pact."
    )
    doc = _analyse(model_nlp, text)
    event = _meeting(doc.events, text, "meeting")
    assert _names(event, text) == {"Tomas Berg", "Lena Dahl", "Ana Ruiz", "Pablo Soto"}


@pytest.mark.model
def test_model_joined_for_talks_and_will_attend(model_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The envoys met and were joined by Ana Ruiz and Tomas Berg for trade talks."
    doc = _analyse(model_nlp, text)
    assert _names(_meeting(doc.events, text, "talks"), text) == {"Ana Ruiz", "Tomas Berg"}
    assert _names(_meeting(doc.events, text, "met"), text) == set()
    text = (
        "Trade talks between Spain and Norway will be held in Oslo on Friday. Minister Ana Ruiz "
        "and Minister Tomas Berg, who are touring the region, will attend."
    )
    doc = _analyse(model_nlp, text)
    talks = _meeting(doc.events, text, "talks")
    assert _names(talks, text) >= {"Ana Ruiz", "Tomas Berg"}
    assert [e.type for e in doc.events].count("meeting") == 1
    text = "Trade talks were held in Oslo on Friday. Ana Ruiz did not attend."
    doc = _analyse(model_nlp, text)
    assert _names(_meeting(doc.events, text, "talks"), text) == set()


@pytest.mark.model
def test_model_a_clause_the_parse_hung_on_a_date_after_the_meeting(model_nlp) -> None:  # type: ignore[no-untyped-def]
    """The relative clause belongs to the talks, not to the date it follows: a date
    brings nobody together."""
    text = (
        "The deal followed the trade talks in the Norwegian capital, the first since May 2018, "
        "which brought Minister Ana Ruiz together with Minister Tomas Berg and Lena Dahl."
    )
    doc = _analyse(model_nlp, text, {"May 2018": "2018-05"})
    assert _names(_meeting(doc.events, text, "talks"), text) == {
        "Ana Ruiz",
        "Tomas Berg",
        "Lena Dahl",
    }
