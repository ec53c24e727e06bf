"""Indirect speech from a dependency parse (a hand-built spaCy Doc: no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.quotes import find_quotes
from tests.quotes.helpers import mentions_of, readable


def test_speech_verb_with_subject_and_clausal_complement() -> None:
    # "Ortega insisted the cranes are old ." — "insisted" has no bare clause in the lexicon,
    # so only the parse finds this report.
    words = ["Ortega", "insisted", "the", "cranes", "are", "old", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, True, True, True, True, False, False],
        heads=[1, 1, 3, 4, 1, 4, 1],
        deps=["nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
        lemmas=["Ortega", "insist", "the", "crane", "be", "old", "."],
    )
    text = doc.text
    assert text == "Ortega insisted the cranes are old."
    with_parse = find_quotes(text, (), mentions_of(text, ["Ortega"]), spacy_doc=doc)
    assert readable(text, with_parse) == [("indirect", "the cranes are old", "Ortega", "insisted")]


def test_a_parse_of_another_text_is_ignored() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["Something", "else"])
    text = "Ortega said that the cranes are old."
    quotes = find_quotes(text, (), mentions_of(text, ["Ortega"]), spacy_doc=doc)
    assert readable(text, quotes) == [("indirect", "the cranes are old", "Ortega", "said")]
