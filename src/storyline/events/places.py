"""Which places lie inside which, as the reports themselves write it.

News names a city with its region or country after a comma: "Anchorage,
Alaska", "Kyiv, Ukraine". Each such pair says the first place lies in the
second, so two reports that place one event in Anchorage and in Alaska agree,
the more precise one winning, instead of disagreeing. Read from the texts, so it
covers places the knowledge base does not hold; and, for the places it holds,
from the knowledge base too (a city lies in its country, a country in its
continent: "a visit to Tokyo" and "visiting Japan" are told at two scales).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from storyline.entities.kb.curated import place_parents
from storyline.entities.kb.model import entity_id
from storyline.events.keys import participant_key
from storyline.records import Document, Mention

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SEPARATORS = frozenset({",", ", "})


def containments(docs: Iterable[Document]) -> dict[str, frozenset[str]]:
    """For each place key, the keys of the places the reports write it inside."""
    outer: dict[str, set[str]] = defaultdict(set)
    known = known_parents()
    for doc in docs:
        places = sorted(
            (m for m in doc.mentions if m.label in _PLACE_LABELS), key=lambda m: m.span.start
        )
        for mention in places:
            key = _key(mention)
            while key in known and known[key] not in outer[key]:  # its country, continent
                outer[key].add(known[key])
                key = known[key]
        for inner, around in zip(places, places[1:], strict=False):
            if doc.text[inner.span.end : around.span.start] not in _SEPARATORS:
                continue
            inner_key, outer_key = _key(inner), _key(around)
            if inner_key != outer_key:
                outer[inner_key].add(outer_key)
    return {key: frozenset(found) for key, found in outer.items()}


@lru_cache(maxsize=1)
def known_parents() -> dict[str, str]:
    """Entity id of a place the knowledge base holds -> entity id of the place it lies in."""
    return {entity_id(inner): entity_id(outer) for inner, outer in place_parents().items()}


def inside(inner: str, outer: str, within: Mapping[str, frozenset[str]]) -> bool:
    """Whether place `inner` lies in place `outer` (directly or through another)."""
    seen: set[str] = set()
    todo = [inner]
    while todo:
        key = todo.pop()
        for parent in within.get(key, ()):
            if parent == outer:
                return True
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return False


def nested(a: str, b: str, within: Mapping[str, frozenset[str]]) -> bool:
    """Whether one of the two places lies in the other."""
    return inside(a, b, within) or inside(b, a, within)


def _key(mention: Mention) -> str:
    return participant_key(mention.entity, mention.text)
