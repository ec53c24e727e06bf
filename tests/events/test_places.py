"""Which places lie inside which: as the reports write it, and as the knowledge base holds it."""

from __future__ import annotations

from storyline.entities.kb.model import entity_id
from storyline.events.places import containments, inside, nested
from storyline.records import Mention, Span
from tests.conftest import make_document

TOKYO, JAPAN, ASIA = (entity_id(k) for k in ("geonames:1850147", "country:JPN", "geonames:6255147"))


def _place(text: str, words: str, entity: str | None) -> Mention:
    start = text.index(words)
    return Mention(Span(start, start + len(words)), words, "GPE", "place", "test", entity=entity)


def test_a_city_lies_in_its_country_and_that_in_its_continent() -> None:
    text = "The ministers met in Tokyo."
    doc = make_document(text, mentions=(_place(text, "Tokyo", TOKYO),))
    within = containments([doc])
    assert inside(TOKYO, JAPAN, within) and inside(TOKYO, ASIA, within)
    assert nested(JAPAN, TOKYO, within) and not inside(JAPAN, TOKYO, within)


def test_a_place_the_report_writes_after_a_comma_holds_the_one_before() -> None:
    text = "They met in Anchorage, Alaska."
    doc = make_document(
        text, mentions=(_place(text, "Anchorage", None), _place(text, "Alaska", None))
    )
    within = containments([doc])
    assert inside("~anchorage", "~alaska", within)
    assert not nested("~anchorage", JAPAN, within)


def test_a_list_of_places_puts_none_inside_the_next() -> None:
    text = "Leaders of Tokyo, Seoul, Manila and Hanoi met in Anchorage, Alaska."
    words = ("Tokyo", "Seoul", "Manila", "Hanoi", "Anchorage", "Alaska")
    doc = make_document(text, mentions=tuple(_place(text, w, None) for w in words))
    within = containments([doc])
    assert not nested("~tokyo", "~seoul", within)
    assert not nested("~seoul", "~manila", within)
    assert inside("~anchorage", "~alaska", within)


def test_one_country_is_never_written_inside_another() -> None:
    text = "The leaders of the United States, Japan, India, Australia met."
    words = ("United States", "Japan", "India", "Australia")
    doc = make_document(text, mentions=tuple(_place(text, w, None) for w in words))
    within = containments([doc])
    assert not nested("~united states", "~japan", within)
    assert not nested("~japan", "~india", within)


def test_a_name_the_report_links_to_a_person_is_no_place() -> None:
    text = "Secretary Brinken spoke. Before arriving to Alaska, Brinken visited Japan."
    person = Mention(Span(10, 17), "Brinken", "PERSON", "person", "test", entity="eblinken")
    place = _place(text, "Alaska", None)
    start = text.index("Brinken", 20)
    taken = Mention(Span(start, start + 7), "Brinken", "GPE", "place", "test", entity="eblinken")
    doc = make_document(text, mentions=(person, place, taken))
    assert not nested("~alaska", "eblinken", containments([doc]))
