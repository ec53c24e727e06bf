"""Indirect speech."""

from __future__ import annotations

import pytest

from storyline.quotes import find_quotes
from storyline.records import Span
from tests.quotes.helpers import mentions_of, read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ortega said that the harbour would reopen on Monday.",
            ("the harbour would reopen on Monday", "Ortega", "said"),
        ),
        (
            "Ortega said the harbour would reopen on Monday.",
            ("the harbour would reopen on Monday", "Ortega", "said"),
        ),
        (
            "Ortega told reporters the harbour would reopen on Monday.",
            ("the harbour would reopen on Monday", "Ortega", "told"),
        ),
        (
            "Ortega told reporters on Friday that the harbour would reopen.",
            ("the harbour would reopen", "Ortega", "told"),
        ),
        (
            "Ortega stressed that the harbour was safe.",
            ("the harbour was safe", "Ortega", "stressed"),
        ),
        (
            "Ortega warned that storms could return.",
            ("storms could return", "Ortega", "warned"),
        ),
        (
            "Ortega pointed out that the cranes were old.",
            ("the cranes were old", "Ortega", "pointed out"),
        ),
        (
            "According to Ortega, the harbour will reopen on Monday.",
            ("the harbour will reopen on Monday", "Ortega", "According to"),
        ),
        (
            "The harbour will reopen on Monday, according to Ortega.",
            ("The harbour will reopen on Monday", "Ortega", "according to"),
        ),
        (
            "The harbour will reopen on Monday, Ortega said in a statement.",
            ("The harbour will reopen on Monday", "Ortega", "said"),
        ),
        (
            "The harbour will reopen on Monday, said Ortega.",
            ("The harbour will reopen on Monday", "Ortega", "said"),
        ),
        (
            "Ortega said on Tuesday she wants the harbour open.",
            ("she wants the harbour open", "Ortega", "said"),
        ),
    ],
)
def test_indirect_shapes(text: str, expected: tuple[str, str, str]) -> None:
    assert read(text, ["Ortega"]) == [("indirect", *expected)]


def test_verbs_with_noun_objects_are_not_speech() -> None:
    for text in [
        "Ortega announced plans for a new harbour.",
        "Ortega stressed the importance of the harbour.",
        "Ortega said nothing.",
        "Ortega told them to leave.",
    ]:
        assert read(text, ["Ortega"]) == [], text


def test_a_second_report_ends_the_first() -> None:
    text = "Ortega said that the harbour was safe, and added that the ships could return."
    assert read(text, ["Ortega"]) == [
        ("indirect", "the harbour was safe", "Ortega", "said"),
        ("indirect", "the ships could return", "Ortega", "added"),
    ]


def test_pronoun_and_unnamed_subjects() -> None:
    text = (
        "Ana Ortega visited the port. She said the cranes were old. Officials said repairs began."
    )
    assert read(text, ["Ana Ortega"]) == [
        ("indirect", "the cranes were old", "Ana Ortega", "said"),
        ("indirect", "repairs began", None, "said"),
    ]


def test_quoted_phrase_inside_reported_speech_stays_inside() -> None:
    text = 'Ortega said that the plan was "a disaster" for the port.'
    assert read(text, ["Ortega"]) == [
        ("indirect", 'the plan was "a disaster" for the port', "Ortega", "said")
    ]


def test_indirect_speech_inside_a_quotation_is_not_reported_again() -> None:
    text = "“My father said the sea was kind,” Ortega said."
    assert read(text, ["Ortega"]) == [
        ("direct", "My father said the sea was kind", "Ortega", "said")
    ]


def test_but_before_a_second_verb_ends_the_first_report() -> None:
    text = "Ortega said that the harbour was safe but warned that storms could return."
    assert read(text, ["Ortega"]) == [
        ("indirect", "the harbour was safe", "Ortega", "said"),
        ("indirect", "storms could return", "Ortega", "warned"),
    ]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        # Issue 10: the tail after a trailing attribution holds punctuation and no word.
        ("More storms were expected over the weekend, the agency said.) Nothing else.", None),
        ("The film was dull, critics said, but I say 'So what?' to his opinions.", 32),
    ],
)
def test_a_tail_of_punctuation_only_closes_the_sentence(text: str, cut: int | None) -> None:
    sentences = (Span(0, cut), Span(cut, len(text))) if cut else ()
    quotes = find_quotes(text, sentences, mentions_of(text, []))
    assert all(0 <= q.span.start < q.span.end <= len(text) for q in quotes)


def test_a_closing_bracket_after_a_trailing_attribution() -> None:
    text = "More storms were expected over the weekend, the agency said.) Nothing else happened."
    assert read(text) == [
        ("indirect", "More storms were expected over the weekend", "the agency", "said")
    ]
