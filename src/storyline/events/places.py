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

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from storyline.entities.kb.curated import place_parents
from storyline.entities.kb.model import entity_id
from storyline.events.arguments import is_country
from storyline.events.keys import participant_key
from storyline.records import Document, Mention

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SEPARATORS = frozenset({",", ", "})


def containments(docs: Iterable[Document]) -> dict[str, frozenset[str]]:
    """For each place key, the keys of the places the reports write it inside."""
    outer: dict[str, set[str]] = defaultdict(set)
    known = known_parents()
    for doc in docs:
        places = _places(doc)
        for mention in places:
            key = _key(mention)
            while key in known and known[key] not in outer[key]:  # its country, continent
                outer[key].add(known[key])
                key = known[key]
        for run in _comma_runs(doc.text, places):
            for inner, around in zip(run, run[1:], strict=False):
                inner_key, outer_key = _key(inner), _key(around)
                if inner_key != outer_key and not (is_country(inner) and is_country(around)):
                    outer[inner_key].add(outer_key)
    return {key: frozenset(found) for key, found in outer.items()}


def _places(doc: Document) -> list[Mention]:
    """The report's place mentions in text order, without those its own links show to
    be a person ("Before arriving to Alaska, Brinken visited …", where the model took
    "Brinken" for a place but the report names the same entity as a person)."""
    people = {m.entity for m in doc.mentions if m.kind == "person" and m.entity}
    return sorted(
        (m for m in doc.mentions if m.label in _PLACE_LABELS and m.entity not in people),
        key=lambda m: m.span.start,
    )


def _comma_runs(text: str, places: Sequence[Mention]) -> Iterator[list[Mention]]:
    """The runs of places written one after another with only a comma between them
    ("Anchorage, Alaska, USA"), except those a list goes on from ("the United States,
    Japan, India and Australia", "Tokyo, Seoul or Manila"): a list names places side by
    side, not one inside the next."""
    run: list[Mention] = []
    for mention in places:
        if run and text[run[-1].span.end : mention.span.start] in _SEPARATORS:
            run.append(mention)
            continue
        if len(run) > 1 and not _LIST_GOES_ON.match(text, run[-1].span.end, mention.span.start):
            yield run
        run = [mention]
    if len(run) > 1:
        yield run


# What joins the last item of a list to the ones before it: ", and ", " or ".
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+$")


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
