"""Speakers named by pronoun, title, description, or not at all."""

from __future__ import annotations

from storyline.quotes import find_quotes
from storyline.records import Mention, Span
from tests.quotes.helpers import mentions_of, read


def test_pronoun_takes_the_most_recent_person_outside_quotes() -> None:
    text = (
        "Foreign Minister Ana Ortega met Trade Minister Karl Weiss.\n\n"
        "Weiss left early. “Ortega and I agree,” he said."
    )
    assert read(text, ["Ana Ortega", "Karl Weiss", "Weiss", "Ortega"]) == [
        ("direct", "Ortega and I agree", "Weiss", "said")
    ]


def test_title_takes_the_last_person_with_that_title() -> None:
    text = (
        "Foreign Minister Ana Ortega and Defense Minister Karl Weiss met in Lima.\n\n"
        "“We will patrol together,” the defense minister said.\n\n"
        "“And we will talk first,” the foreign minister added."
    )
    quotes = read(text, ["Ana Ortega", "Karl Weiss", ("Lima", "GPE")])
    assert quotes == [
        ("direct", "We will patrol together", "Karl Weiss", "said"),
        ("direct", "And we will talk first", "Ana Ortega", "added"),
    ]


def test_title_learnt_from_an_earlier_mention_of_the_same_person() -> None:
    text = (
        "Secretary of State Ana Ortega landed on Sunday. Ortega met Karl Weiss.\n\n"
        "“The alliance is strong,” the secretary said."
    )
    assert read(text, ["Ana Ortega", "Ortega", "Karl Weiss"])[0][2] == "Ortega"


def test_title_with_no_matching_person_is_the_speaker_itself() -> None:
    text = "Karl Weiss arrived.\n\n“The border is closed,” the interior minister said."
    assert read(text, ["Karl Weiss"]) == [
        ("direct", "The border is closed", "the interior minister", "said")
    ]


def test_speaker_entity_is_copied_from_the_linked_mention() -> None:
    text = "Ana Ortega spoke first.\n\n“The harbour is open,” she said."
    quotes = find_quotes(text, (), mentions_of(text, [("Ana Ortega", "PERSON", "Q42")]))
    assert quotes[0].speaker == Span(0, 10)
    assert quotes[0].speaker_entity == "Q42"


def test_unnamed_plural_sources_keep_the_quote_without_a_speaker() -> None:
    text = "“The harbour is open,” officials said."
    assert read(text) == [("direct", "The harbour is open", None, "said")]


def test_unnamed_single_source_is_its_own_speaker() -> None:
    text = "“The harbour is open,” a senior port official said."
    assert read(text) == [("direct", "The harbour is open", "a senior port official", "said")]


def test_organisation_and_its_description() -> None:
    text = "The Transport Ministry closed the harbour.\n\n“It will reopen soon,” the ministry said."
    assert read(text, [("Transport Ministry", "ORG")]) == [
        ("direct", "It will reopen soon", "Transport Ministry", "said")
    ]


def test_coordinated_speakers_share_one_span() -> None:
    text = "“We stand together,” Ortega and Weiss said."
    quotes = find_quotes(text, (), mentions_of(text, [("Ortega", "PERSON", "Q1"), "Weiss"]))
    assert quotes[0].speaker is not None and quotes[0].speaker.of(text) == "Ortega and Weiss"
    assert quotes[0].speaker_entity is None


def test_appositive_and_relative_clause_between_speaker_and_verb() -> None:
    text = (
        "The port's director, Ana Ortega, said, “The cranes work.”\n\n"
        "Weiss, who runs the union, said, “The workers agree.”"
    )
    assert [q[2] for q in read(text, ["Ana Ortega", "Weiss"])] == ["Ana Ortega", "Weiss"]


def test_model_labelling_a_person_org_is_still_a_person() -> None:
    text = "Ana Ortega arrived. Ortega spoke first.\n\n“We are ready,” she said."
    mentions = (
        Mention(Span(0, 10), "Ana Ortega", "PERSON", "person", "test"),
        Mention(Span(20, 26), "Ortega", "ORG", "organization", "test"),
    )
    quotes = find_quotes(text, (), mentions)
    assert quotes[0].speaker == Span(20, 26)


def test_age_and_participle_appositives_are_skipped() -> None:
    text = (
        "Ana Ortega, 58, said that the harbour was safe.\n\n"
        "Karl Weiss, speaking at the quay, said: “The cranes work.”"
    )
    assert [q[2] for q in read(text, ["Ana Ortega", "Karl Weiss"])] == ["Ana Ortega", "Karl Weiss"]


def test_title_set_off_by_commas_resolves_a_later_title() -> None:
    text = (
        "The governor, Ana Ortega, met Karl Weiss.\n\n“The harbour stays open,” the governor said."
    )
    assert read(text, ["Ana Ortega", "Karl Weiss"])[0][2] == "Ana Ortega"


def test_unresolved_subject_after_a_quote_does_not_borrow_an_earlier_speaker() -> None:
    text = "Ortega said the port was safe.\n\n“It is not,” a dockside onlooker told reporters."
    quotes = read(text, ["Ortega"])
    assert quotes[-1] == ("direct", "It is not", None, "told")
