"""Direct quotations in the shapes news reports use."""

from __future__ import annotations

import pytest

from tests.quotes.helpers import quotes_in, read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # "…," X said
            '"The harbour will reopen on Monday," Ortega said.',
            ("The harbour will reopen on Monday", "Ortega", "said"),
        ),
        (  # X said, "…"
            'Ortega said, "The harbour will reopen on Monday."',
            ("The harbour will reopen on Monday.", "Ortega", "said"),
        ),
        (  # X: "…"
            'Ortega: "The harbour will reopen on Monday."',
            ("The harbour will reopen on Monday.", "Ortega", None),
        ),
        (  # "…," said X
            "“The harbour will reopen on Monday,” said Ortega.",
            ("The harbour will reopen on Monday", "Ortega", "said"),
        ),
        (  # "…," said <title> X
            "“The harbour will reopen on Monday,” said Port Minister Luis Ortega.",
            ("The harbour will reopen on Monday", "Luis Ortega", "said"),
        ),
        (  # X told <audience> <place>: "…"
            "Ortega told reporters in Valparaiso: «The harbour will reopen on Monday.»",
            ("The harbour will reopen on Monday.", "Ortega", "told"),
        ),
        (  # X said in a statement that "…"
            "Ortega said in a statement that “the harbour will reopen on Monday.”",
            ("the harbour will reopen on Monday.", "Ortega", "said"),
        ),
        (  # "…?" asked X
            '"Who will pay for the repairs?" asked Ortega.',
            ("Who will pay for the repairs?", "Ortega", "asked"),
        ),
        (  # ‘single’ marks used as quotation marks
            "‘The harbour will reopen on Monday,’ Ortega said.",
            ("The harbour will reopen on Monday", "Ortega", "said"),
        ),
        (  # "…," according to X
            '"The harbour will reopen on Monday," according to Ortega.',
            ("The harbour will reopen on Monday", "Ortega", "according to"),
        ),
    ],
)
def test_common_shapes(text: str, expected: tuple[str, str, str | None]) -> None:
    assert read(text, ["Ortega", "Luis Ortega"]) == [("direct", *expected)]


def test_quote_split_by_its_attribution() -> None:
    text = '"We are ready," Ortega said, "and the ships are waiting."'
    assert read(text, ["Ortega"]) == [
        ("direct", "We are ready", "Ortega", "said"),
        ("direct", "and the ships are waiting.", "Ortega", "said"),
    ]


def test_several_sentences_in_one_quote_and_a_second_quote_continuing() -> None:
    text = (
        '"The storm is over. The damage is large," Ortega said. "We will need months to rebuild."'
    )
    assert read(text, ["Ortega"]) == [
        ("direct", "The storm is over. The damage is large", "Ortega", "said"),
        ("direct", "We will need months to rebuild.", "Ortega", None),
    ]


def test_quote_over_several_paragraphs() -> None:
    # The news convention: an open quotation continues into the next paragraph
    # that starts with a quote mark; the speaker comes at the end.
    text = (
        "Ortega spoke for an hour.\n\n"
        "“The harbour is our lifeline. Without it the city stops.\n\n"
        "“The cranes were damaged first.\n\n"
        "“We will rebuild them before winter,” she said.\n\n"
        "The council approved the budget."
    )
    quotes = quotes_in(text, ["Ortega"])
    assert len(quotes) == 1
    words = quotes[0].span.of(text)
    assert words.startswith("The harbour is our lifeline.")
    assert words.endswith("We will rebuild them before winter")
    assert quotes[0].speaker is not None and quotes[0].speaker.of(text) == "Ortega"
    assert "The council" not in words


def test_nested_single_quotes_stay_inside() -> None:
    text = (
        "Ortega said, “The captain radioed, ‘We are taking on water,’ and then the line went dead.”"
    )
    assert read(text, ["Ortega"]) == [
        (
            "direct",
            "The captain radioed, ‘We are taking on water,’ and then the line went dead.",
            "Ortega",
            "said",
        )
    ]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The port’s cranes and the workers' union: Ortega’s plan was 'bold'."
    assert read(text, ["Ortega"]) == []


def test_scare_quotes_and_titles_are_not_quotations() -> None:
    text = (
        'The so-called "blue economy" plan was announced in a report titled "Ports of Tomorrow" '
        "that Ortega praised."
    )
    assert read(text, ["Ortega"]) == []


def test_unattributed_speech_in_a_paragraph_of_its_own_has_no_speaker() -> None:
    text = "The crowd fell silent.\n\n“We will not leave this harbour without a fight.”"
    assert read(text) == [("direct", "We will not leave this harbour without a fight.", None, None)]


def test_speaker_named_in_the_sentence_before() -> None:
    text = (
        "Ortega did not hide her anger at the ministry.\n\n“Nobody warned us. Nobody came to help.”"
    )
    assert read(text, ["Ortega"]) == [
        ("direct", "Nobody warned us. Nobody came to help.", "Ortega", None)
    ]


def test_speaker_introduced_by_a_colon_in_the_paragraph_before() -> None:
    text = "Ortega told the council:\n\n“The harbour will reopen on Monday.”"
    assert read(text, ["Ortega"]) == [
        ("direct", "The harbour will reopen on Monday.", "Ortega", "told")
    ]


def test_participle_takes_the_subject_of_its_sentence() -> None:
    text = 'Ortega rejected the offer, saying, "It is far too little."'
    assert read(text, ["Ortega"]) == [("direct", "It is far too little.", "Ortega", "saying")]


def test_second_verb_shares_the_subject() -> None:
    text = "Ortega said, “The port is safe,” and added that “the ships can return.”"
    assert read(text, ["Ortega"]) == [
        ("direct", "The port is safe", "Ortega", "said"),
        ("direct", "the ships can return.", "Ortega", "added"),
    ]
