"""Pronouns, titles, counted groups and short names resolved to the report's names
(`events.reference`): hand-built parses, then the real model (marked `model`)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import spacy
from spacy.tokens import Doc

from storyline.events.arguments import MentionIndex
from storyline.events.extract import extract_events
from storyline.events.reference import References
from storyline.records import Mention, Sentence, Span
from tests.conftest import make_document

# word, POS, tag, dependency, head (index), lemma
Row = tuple[str, str, str, str, int, str]
Name = tuple[str, str] | tuple[str, str, str]  # words, label[, title]


def parsed(rows: Sequence[Row]) -> Doc:
    return Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in rows],
        spaces=[i + 1 < len(rows) and rows[i + 1][0] != "." for i in range(len(rows))],
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def mentions_of(text: str, names: Sequence[Name]) -> list[Mention]:
    """Mentions of `names`, each at its next occurrence after the previous one of its words."""
    out = []
    after: dict[str, int] = {}
    for name in names:
        words, label = name[0], name[1]
        start = text.index(words, after.get(words, 0))
        after[words] = start + len(words)
        title = name[2] if len(name) == 3 else None
        kind = "person" if label == "PERSON" else "place"
        out.append(Mention(Span(start, start + len(words)), words, label, kind, "t", title=title))
    return out


def resolver(rows: Sequence[Row], names: Sequence[Name]) -> tuple[Doc, References]:
    doc = parsed(rows)
    found = mentions_of(doc.text, names)
    return doc, References(doc, MentionIndex(found), found)


def texts(found: Sequence[Mention]) -> list[str]:
    return [m.text for m in found]


# "Blinken spoke. He met Motegi."
HE: list[Row] = [
    ("Blinken", "PROPN", "NNP", "nsubj", 1, "Blinken"),
    ("spoke", "VERB", "VBD", "ROOT", 1, "speak"),
    (".", "PUNCT", ".", "punct", 1, "."),
    ("He", "PRON", "PRP", "nsubj", 4, "he"),
    ("met", "VERB", "VBD", "ROOT", 4, "meet"),
    ("Motegi", "PROPN", "NNP", "dobj", 4, "Motegi"),
    (".", "PUNCT", ".", "punct", 4, "."),
]


def test_he_is_the_person_subject_of_the_sentence_before() -> None:
    doc, references = resolver(HE, [("Blinken", "PERSON"), ("Motegi", "PERSON")])
    assert texts(references.of(doc[3])) == ["Blinken"]


def test_he_after_a_subject_that_is_no_name_stays_unresolved() -> None:
    rows = [("Officials", "NOUN", "NNS", "nsubj", 1, "official"), *HE[1:]]
    doc, references = resolver(rows, [("Motegi", "PERSON")])
    assert references.of(doc[3]) == ()


# "Jobs said he would sue Samsung."
SAID_HE: list[Row] = [
    ("Jobs", "PROPN", "NNP", "nsubj", 1, "Jobs"),
    ("said", "VERB", "VBD", "ROOT", 1, "say"),
    ("he", "PRON", "PRP", "nsubj", 4, "he"),
    ("would", "AUX", "MD", "aux", 4, "would"),
    ("sue", "VERB", "VB", "ccomp", 1, "sue"),
    ("Samsung", "PROPN", "NNP", "dobj", 4, "Samsung"),
    (".", "PUNCT", ".", "punct", 1, "."),
]


def test_he_in_a_reported_clause_is_the_speaker_and_becomes_the_agent() -> None:
    doc, references = resolver(SAID_HE, [("Jobs", "PERSON"), ("Samsung", "ORG")])
    assert texts(references.of(doc[2])) == ["Jobs"]
    report = make_document(
        doc.text,
        sentences=(Sentence(Span(0, len(doc.text)), "t"),),
        mentions=tuple(mentions_of(doc.text, [("Jobs", "PERSON"), ("Samsung", "ORG")])),
    )
    (event,) = [e for e in extract_events(doc, report) if e.trigger.of(doc.text) == "sue"]
    assert [(p.role, p.span.of(doc.text)) for p in event.participants] == [
        ("agent", "Jobs"),  # the span of the name "he" stands for
        ("target", "Samsung"),
    ]


# "Blinken and Austin arrived. The two ministers met Motegi."
TWO: list[Row] = [
    ("Blinken", "PROPN", "NNP", "nsubj", 3, "Blinken"),
    ("and", "CCONJ", "CC", "cc", 0, "and"),
    ("Austin", "PROPN", "NNP", "conj", 0, "Austin"),
    ("arrived", "VERB", "VBD", "ROOT", 3, "arrive"),
    (".", "PUNCT", ".", "punct", 3, "."),
    ("The", "DET", "DT", "det", 7, "the"),
    ("two", "NUM", "CD", "nummod", 7, "two"),
    ("ministers", "NOUN", "NNS", "nsubj", 8, "minister"),
    ("met", "VERB", "VBD", "ROOT", 8, "meet"),
    ("Motegi", "PROPN", "NNP", "dobj", 8, "Motegi"),
    (".", "PUNCT", ".", "punct", 8, "."),
]


def test_the_two_ministers_are_the_two_persons_last_named_together() -> None:
    names: list[Name] = [("Blinken", "PERSON"), ("Austin", "PERSON"), ("Motegi", "PERSON")]
    doc, references = resolver(TWO, names)
    assert texts(references.of(doc[7])) == ["Blinken", "Austin"]
    rows = [*TWO[:6], ("four", "NUM", "CD", "nummod", 7, "four"), *TWO[7:]]
    doc, references = resolver(rows, names)
    assert references.of(doc[7]) == ()  # no four persons were named together


# "Prime Minister Suga met Biden. The prime minister criticized China."
TITLE: list[Row] = [
    ("Prime", "PROPN", "NNP", "compound", 1, "Prime"),
    ("Minister", "PROPN", "NNP", "compound", 2, "Minister"),
    ("Suga", "PROPN", "NNP", "nsubj", 3, "Suga"),
    ("met", "VERB", "VBD", "ROOT", 3, "meet"),
    ("Biden", "PROPN", "NNP", "dobj", 3, "Biden"),
    (".", "PUNCT", ".", "punct", 3, "."),
    ("The", "DET", "DT", "det", 8, "the"),
    ("prime", "ADJ", "JJ", "amod", 8, "prime"),
    ("minister", "NOUN", "NN", "nsubj", 9, "minister"),
    ("criticized", "VERB", "VBD", "ROOT", 9, "criticize"),
    ("China", "PROPN", "NNP", "dobj", 9, "China"),
    (".", "PUNCT", ".", "punct", 9, "."),
]


def test_a_title_noun_is_the_last_person_named_with_that_title() -> None:
    names: list[Name] = [
        ("Suga", "PERSON", "Prime Minister"),
        ("Biden", "PERSON", "President"),
        ("China", "GPE"),
    ]
    doc, references = resolver(TITLE, names)
    assert texts(references.of(doc[8])) == ["Suga"]
    names[0] = ("Suga", "PERSON", "Chief Cabinet Secretary")
    doc, references = resolver(TITLE, names)
    assert references.of(doc[8]) == ()  # nobody was named prime minister


# "Aung San Suu Kyi won. Soldiers detained Aung."
SHORT: list[Row] = [
    ("Aung", "PROPN", "NNP", "compound", 3, "Aung"),
    ("San", "PROPN", "NNP", "compound", 3, "San"),
    ("Suu", "PROPN", "NNP", "compound", 3, "Suu"),
    ("Kyi", "PROPN", "NNP", "nsubj", 4, "Kyi"),
    ("won", "VERB", "VBD", "ROOT", 4, "win"),
    (".", "PUNCT", ".", "punct", 4, "."),
    ("Soldiers", "NOUN", "NNS", "nsubj", 7, "soldier"),
    ("detained", "VERB", "VBD", "ROOT", 7, "detain"),
    ("Aung", "PROPN", "NNP", "dobj", 7, "Aung"),
    (".", "PUNCT", ".", "punct", 7, "."),
]


def test_a_short_name_is_the_one_full_name_the_parse_compounds() -> None:
    # The model cut the name: "Aung" a place, "Suu Kyi" a person.
    names: list[Name] = [("Aung", "GPE"), ("Suu Kyi", "PERSON"), ("Aung", "GPE")]
    doc, references = resolver(SHORT, names)
    first, person, later = mentions_of(doc.text, names)
    assert references.full_name(later) == person
    report = make_document(
        doc.text,
        sentences=(Sentence(Span(0, 22), "t"), Sentence(Span(23, len(doc.text)), "t")),
        mentions=(first, person, later),
    )
    (arrest,) = [e for e in extract_events(doc, report) if e.type == "arrest"]
    assert [(p.role, p.span) for p in arrest.participants] == [("target", person.span)]


def test_a_country_is_never_a_short_name() -> None:
    rows = [(w.replace("Aung", "Japan"), *rest) for w, *rest in SHORT]  # type: ignore[misc]
    names: list[Name] = [("Japan", "GPE"), ("Suu Kyi", "PERSON"), ("Japan", "GPE")]
    doc, references = resolver(rows, names)
    later = mentions_of(doc.text, names)[2]
    assert references.full_name(later) == later


# "Suu Kyi was detained."
PASSIVE: list[Row] = [
    ("Suu", "PROPN", "NNP", "compound", 1, "Suu"),
    ("Kyi", "PROPN", "NNP", "nsubjpass", 3, "Kyi"),
    ("was", "AUX", "VBD", "auxpass", 3, "be"),
    ("detained", "VERB", "VBN", "ROOT", 3, "detain"),
    (".", "PUNCT", ".", "punct", 3, "."),
]


def test_a_passive_subject_takes_the_object_role() -> None:
    doc = parsed(PASSIVE)
    report = make_document(
        doc.text,
        sentences=(Sentence(Span(0, len(doc.text)), "t"),),
        mentions=tuple(mentions_of(doc.text, [("Suu Kyi", "PERSON")])),
    )
    (event,) = extract_events(doc, report)
    assert [(p.role, p.span.of(doc.text)) for p in event.participants] == [("target", "Suu Kyi")]


# --- with the real model -------------------------------------------------------------------


def _events(nlp, text: str) -> list[tuple[str, str, list[tuple[str, str]]]]:  # type: ignore[no-untyped-def]
    from storyline.entities.surface import SurfaceEntityStage
    from storyline.events.extract import EventStage
    from storyline.nlp.spacy_stage import SpacyStage

    doc = SurfaceEntityStage()(SpacyStage(nlp)(make_document(text, language="en")))
    doc = EventStage(nlp)(doc)
    return [
        (e.type, e.trigger.of(text), [(p.role, p.span.of(text)) for p in e.participants])
        for e in doc.events
    ]


@pytest.mark.model
def test_model_groups_titles_and_pronouns(model_nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Biden met the leaders of Japan, Australia and India, a grouping called the Quad. "
        "The Quad leaders condemned North Korea."
    )
    condemned = [e for e in _events(model_nlp, text) if e[1] == "condemned"]
    assert condemned[0][2] == [
        ("agent", "Japan"),
        ("agent", "Australia"),
        ("agent", "India"),
        ("target", "North Korea"),
    ]
    text = "Prime Minister Yoshihide Suga met Joe Biden. The prime minister criticized China."
    (criticized,) = [e for e in _events(model_nlp, text) if e[1] == "criticized"]
    assert criticized[2] == [("agent", "Yoshihide Suga"), ("target", "China")]
    text = "Blinken and Austin arrived in Tokyo on Monday. They met Motegi and Kishi."
    (met,) = [e for e in _events(model_nlp, text) if e[1] == "met"]
    assert met[2][:2] == [("agent", "Blinken"), ("agent", "Austin")]
