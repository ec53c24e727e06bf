from hypothesis import given
from hypothesis import strategies as st

from storyline.nlp.mentions import make_mention, preceding_title, trim_mention
from storyline.records import Span


def mention_of(text: str, surface: str, label: str = "PERSON"):  # type: ignore[no-untyped-def]
    start = text.index(surface)
    return make_mention(text, Span(start, start + len(surface)), label, "test")


def test_a_title_inside_the_span_is_moved_out() -> None:
    mention = mention_of(
        "Talks with Secretary of State Blinken began.", "Secretary of State Blinken"
    )
    assert mention is not None
    assert mention.text == "Blinken"
    assert mention.title == "Secretary of State"


def test_a_title_before_the_span_is_kept() -> None:
    text = "Japanese Foreign Minister Toshimitsu Motegi said so."
    mention = mention_of(text, "Toshimitsu Motegi")
    assert mention is not None and mention.title == "Japanese Foreign Minister"


def test_possessives_articles_and_quotes_are_trimmed() -> None:
    assert mention_of("China's coast guard", "China's", "GPE").text == "China"  # type: ignore[union-attr]
    assert mention_of("Japan’s view", "Japan’s", "GPE").text == "Japan"  # type: ignore[union-attr]
    assert mention_of("said the State Department.", "the State Department", "ORG").text == (  # type: ignore[union-attr]
        "State Department"
    )
    assert mention_of('the "Quad" group', '"Quad"', "ORG").text == "Quad"  # type: ignore[union-attr]


def test_labels_we_do_not_keep_and_empty_names_give_nothing() -> None:
    assert mention_of("on March 16", "March 16", "DATE") is None
    assert mention_of("a -- b", "--", "ORG") is None
    assert mention_of("the secretary", "secretary", "PERSON") is None
    assert mention_of("State Councilor and Minister Wu", "Councilor", "PERSON") is None
    assert mention_of("Deputy Minister and envoy", "Deputy Minister", "PERSON") is None
    assert mention_of("State Councilor Wu Lan", "State", "ORG") is None
    assert mention_of("U.S. Secretary Lee", "U.S.", "GPE") is not None
    assert mention_of("the State Department said", "State Department", "ORG") is not None


def test_no_title_when_the_words_before_are_not_one() -> None:
    text = "Reporters asked Blinken."
    assert preceding_title(text, text.index("Blinken")) is None
    text = "Minister, Blinken said."  # punctuation breaks a title
    assert preceding_title(text, text.index("Blinken")) is None


@given(st.text(min_size=1, max_size=60), st.integers(0, 59), st.integers(0, 59))
def test_trimmed_spans_stay_inside_the_original(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    trimmed = trim_mention(text, Span(start, end), "PERSON")
    if trimmed is not None:
        assert start <= trimmed.span.start < trimmed.span.end <= end


def _mention_at(text: str, word: str, label: str):  # type: ignore[no-untyped-def]
    start = text.index(word)
    return make_mention(text, Span(start, start + len(word)), label, "test")


def test_a_place_after_a_persons_title_is_the_persons_name() -> None:
    text = "the military detained State Councillor Aung San Suu Kyi and other leaders."
    mention = _mention_at(text, "Aung", "GPE")
    assert mention is not None
    assert (mention.text, mention.label, mention.title) == (
        "Aung San Suu Kyi", "PERSON", "State Councillor"
    )  # fmt: skip


def test_the_place_of_an_office_stays_a_place() -> None:
    text = "The Prime Minister of Japan met President Macron on Tuesday."
    mention = _mention_at(text, "Japan", "GPE")
    assert mention is not None and (mention.text, mention.label) == ("Japan", "GPE")
    text = "He met Foreign Minister Wang Monday."
    mention = _mention_at(text, "Wang", "ORG")
    assert mention is not None and (mention.text, mention.label) == ("Wang", "PERSON")
