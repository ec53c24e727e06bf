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
