"""A title glued to a name is split off whole, wherever the model's span starts.

Spans are built by hand the way en_core_web_md marks these sentences (checked against
the model): it often starts a span inside the title ("State Pompeio"), tags the name as
a place ("Kishida" in "PM Kishida's") or keeps a word of the title as an organisation
("Defense" of "Secretary of Defense Lloyd Austin").
"""

from __future__ import annotations

import pytest

from storyline.nlp.mentions import make_mention, split_title
from storyline.nlp.title_phrases import title_phrases
from storyline.records import Mention, Span


def _mention(text: str, surface: str, label: str, nth: int = 0) -> Mention | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return make_mention(text, Span(start, start + len(surface)), label, "test")


@pytest.mark.parametrize(
    ("text", "surface", "label", "name", "title"),
    [
        # The model's span starts inside the title.
        ("Secretary of State Pompeio met reporters.", "State Pompeio", "ORG", "Pompeio",
         "Secretary of State"),
        ("Secretary of State Pompeio met reporters.", "State Pompeio", "PERSON", "Pompeio",
         "Secretary of State"),
        # Multiword titles inside or before the span.
        ("Defense Secretary Lloyd Austin arrived.", "Defense Secretary Lloyd Austin", "PERSON",
         "Lloyd Austin", "Defense Secretary"),
        ("Defense Secretary Lloyd Austin arrived.", "Lloyd Austin", "PERSON", "Lloyd Austin",
         "Defense Secretary"),
        ("Chief Cabinet Secretary Kato told reporters.", "Kato", "PERSON", "Kato",
         "Chief Cabinet Secretary"),
        ("Foreign Minister Motegi Toshimitsu said so.", "Motegi Toshimitsu", "PERSON",
         "Motegi Toshimitsu", "Foreign Minister"),
        # Abbreviations, and a name the model took for a place.
        ("PM Kishida's cabinet approved it.", "Kishida", "GPE", "Kishida", "PM"),
        ("FM Hayashi met Sec. Blinken.", "FM Hayashi", "PERSON", "Hayashi", "FM"),
        ("FM Hayashi met Sec. Blinken.", "Blinken", "PERSON", "Blinken", "Sec."),
        ("Gen. Mark Milley testified.", "Mark Milley", "PERSON", "Mark Milley", "Gen."),
        # Countries: adjectives, possessives, "of Japan", several words.
        ("Japanese Foreign Minister Toshimitsu Motegi spoke.", "Toshimitsu Motegi", "PERSON",
         "Toshimitsu Motegi", "Japanese Foreign Minister"),
        ("China's Foreign Minister Wang Yi warned.", "Wang Yi", "PERSON", "Wang Yi",
         "China's Foreign Minister"),
        ("South Korean President Moon Jae-in came.", "Moon Jae-in", "PERSON", "Moon Jae-in",
         "South Korean President"),
        ("U.S. Secretary of State Mike Pompeo said so.", "Mike Pompeo", "PERSON", "Mike Pompeo",
         "U.S. Secretary of State"),
        ("Prime Minister of Japan Fumio Kishida spoke.", "Fumio Kishida", "PERSON",
         "Fumio Kishida", "Prime Minister of Japan"),
        ("Prime Minister of Japan Fumio Kishida spoke.", "Japan Fumio Kishida", "PERSON",
         "Fumio Kishida", "Prime Minister of Japan"),
        # A possessive at the end of the name.
        ("Defense Minister Kishi's visit", "Defense Minister Kishi's", "PERSON", "Kishi",
         "Defense Minister"),
    ],
)  # fmt: skip
def test_the_title_is_split_off_the_name(
    text: str, surface: str, label: str, name: str, title: str
) -> None:
    mention = _mention(text, surface, label)
    assert mention is not None
    assert (mention.text, mention.label, mention.title) == (name, "PERSON", title)


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Secretary of Defense Lloyd Austin spoke.", "Defense", "ORG"),
        ("Secretary of State Antony Blinken spoke.", "State", "ORG"),
        ("Chief Cabinet Secretary Kato told reporters.", "Cabinet", "ORG"),
        ("FM Hayashi met Sec. Blinken.", "Sec", "ORG"),
        ("The Secretary of State said so.", "State", "ORG"),
    ],
)
def test_a_word_of_a_title_is_no_organisation(text: str, surface: str, label: str) -> None:
    assert _mention(text, surface, label) is None


def test_the_country_of_a_title_stays_a_country_mention() -> None:
    text = "U.S. Secretary of State Mike Pompeo met the Prime Minister of Japan today."
    us = _mention(text, "U.S.", "GPE")
    japan = _mention(text, "Japan", "GPE")
    assert us is not None and (us.text, us.label) == ("U.S.", "GPE")
    assert japan is not None and (japan.text, japan.label) == ("Japan", "GPE")


def test_a_country_name_after_a_head_starts_the_name() -> None:
    text = "Foreign Minister Israel Katz said so."
    mention = _mention(text, "Israel Katz", "PERSON")
    assert mention is not None
    assert (mention.text, mention.title) == ("Israel Katz", "Foreign Minister")


def test_an_office_named_by_a_title_is_no_person() -> None:
    text = "A statement from the Prime Minister's Office followed."
    mention = _mention(text, "the Prime Minister's Office", "ORG")
    assert mention is not None and mention.label == "ORG"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Fritz Henderson, chief executive of General Motors, said so.", "General Motors"),
        ("He was head of the State Property Agency until May.", "State Property Agency"),
    ],
)
def test_a_body_after_a_title_stays_a_body(text: str, surface: str) -> None:
    mention = _mention(text, surface, "ORG")
    assert mention is not None and (mention.text, mention.label) == (surface, "ORG")


def test_an_honorific_keeps_its_dot() -> None:
    text = "The talks were chaired by Mr. Lee Hsien Loong."
    mention = _mention(text, "Mr. Lee Hsien Loong", "PERSON")
    assert mention is not None and (mention.text, mention.title) == ("Lee Hsien Loong", "Mr.")


def test_a_sentence_end_is_no_abbreviation() -> None:
    text = "He met the Minister. Kato said nothing."
    mention = _mention(text, "Kato", "PERSON")
    assert mention is not None and mention.title is None


def test_split_title_reports_where_the_name_starts() -> None:
    text = "Secretary of State Pompeio"
    start = text.index("State")
    assert split_title(text, start, len(text)) == (text.index("Pompeio"), "Secretary of State")
    assert split_title("Mr Pompeio", 0, 10) == (3, "Mr")
    assert split_title("the State Pompeio", 4, 17) == (4, None)  # no head: nothing split


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("The Japanese defense minister said so.", ["Japanese defense minister"]),
        ("China's top diplomat warned Tokyo.", ["China's top diplomat"]),
        ("Seoul's foreign minister met the U.S. secretary of state.",
         ["Seoul's foreign minister", "U.S. secretary of state"]),
        ("He met the foreign minister of Japan on Monday.", ["foreign minister of Japan"]),
        ("He met the Prime Minister. Kishida said", ["Prime Minister"]),
        ("The G7 foreign ministers met.", ["foreign ministers"]),
        ("South Korean President Moon Jae-in visited.", []),  # a name's title
        ("the Prime Minister's Office said", []),
    ],
)  # fmt: skip
def test_title_phrases_are_titles_with_no_name(text: str, phrases: list[str]) -> None:
    assert [span.of(text) for span in title_phrases(text)] == phrases
