"""A streaming reader of Wikidata JSON dumps (`latest-all.json.gz` and extracts of it).

A dump is one JSON array with one entity per line (`[`, then `{…},` lines, then
`]`), plain, gzip or bzip2. It is read twice, one line at a time, so memory
stays small whatever its size:

1. positions and countries: every item with an ISO 3166 alpha-3 code (P298),
   and every item that applies to a jurisdiction (P1001) or is in one (P17), with
   its English label — which is how a P39 "position held" value is read:
   "Prime Minister of Japan" is a head of government of the country of Japan;
2. entities: people (P31 human), countries, organisations and places (P31 among the
   classes below), with labels and aliases in every language, citizenship (P27)
   or country (P17), and positions held (P39) with their start (P580) and end
   (P582) qualifiers. Items of other classes are skipped.

Only direct P31 values are read (the dump holds no inferred classes), so an
organisation of a class not listed here is skipped; `ORGANIZATION_CLASSES`
and `PLACE_CLASSES` say which.
"""

from __future__ import annotations

import bz2
import gzip
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from storyline.entities.kb.model import KBEntity, Role
from storyline.entities.titles import parse_title

HUMAN = "Q5"
COUNTRY_CLASSES = frozenset({"Q6256", "Q3624078", "Q7275"})  # country, sovereign state, state
ORGANIZATION_CLASSES = frozenset(
    {
        "Q43229",
        "Q4830453",
        "Q783794",
        "Q891723",
        "Q6881511",
        "Q484652",
        "Q245065",
        "Q7210356",
        "Q7278",
        "Q327333",
        "Q2659904",
        "Q1331793",
        "Q11032",
        "Q163740",
        "Q31855",
        "Q3918",
        "Q15911314",
        "Q1616075",
        "Q2085381",
        "Q17127659",
        "Q167037",
    }
)
PLACE_CLASSES = frozenset(
    {
        "Q515",
        "Q1549591",
        "Q5119",
        "Q1637706",
        "Q200250",
        "Q35657",
        "Q486972",
        "Q5107",
        "Q82794",
        "Q3957",
        "Q532",
        "Q1093829",
        "Q107390",
        "Q10864048",
        "Q34876",
        "Q23442",
        "Q8502",
        "Q4022",
        "Q165",
        "Q9430",
    }
)
POSITION_CLASSES = frozenset({"Q4164871", "Q294414"})  # position, public office
_HEAD_CLASSES = {"Q48352": "head_of_state", "Q2285706": "head_of_government"}


@dataclass(frozen=True, slots=True)
class Position:
    label: str
    office_key: str
    country: str | None  # alpha-3


def open_dump(path: Path) -> IO[str]:
    """The dump as text, decompressing .gz and .bz2."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def iter_items(path: Path) -> Iterator[dict[str, Any]]:
    """Every entity of a dump, one at a time (the array's brackets and commas skipped)."""
    with open_dump(path) as stream:
        for line in stream:
            line = line.strip().rstrip(",")
            if not line or line in {"[", "]"}:
                continue
            yield json.loads(line)


def _values(item: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """The statements of a property, best rank first, deprecated ones dropped."""
    claims = [c for c in item.get("claims", {}).get(prop, []) if c.get("rank") != "deprecated"]
    return sorted(claims, key=lambda c: c.get("rank") != "preferred")


def _item_ids(item: dict[str, Any], prop: str) -> list[str]:
    ids = []
    for claim in _values(item, prop):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            ids.append(value["id"])
    return ids


def _string(item: dict[str, Any], prop: str) -> str | None:
    for claim in _values(item, prop):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, str):
            return value
    return None


def wikidata_date(value: dict[str, Any]) -> str | None:
    """An ISO date of day, month or year precision from a Wikidata time value."""
    time, precision = value.get("time", ""), value.get("precision", 0)
    if not time.startswith("+") or precision < 9:
        return None
    year, month, day = time[1:11].split("-")
    if precision == 9 or month == "00":
        return year
    if precision == 10 or day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _label(item: dict[str, Any]) -> str | None:
    labels = item.get("labels", {})
    for lang in ("en", "en-gb", "en-us", "mul"):
        if lang in labels:
            return str(labels[lang]["value"])
    first = next(iter(labels.values()), None)
    return str(first["value"]) if first else None


def scan_positions(path: Path) -> tuple[dict[str, str], dict[str, Position]]:
    """Pass 1: country items (QID -> alpha-3) and the positions people hold (QID -> office).

    Kept in memory: the countries, the QIDs people's P39 statements point at, and
    the label and jurisdiction of items that are positions (P31 position or public
    office, or a P1001 jurisdiction) — a small part of any dump.
    """
    countries: dict[str, str] = {}
    held: set[str] = set()
    raw: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for item in iter_items(path):
        code = _string(item, "P298")
        if code:
            countries[item["id"]] = code
        classes = _item_ids(item, "P31")
        if HUMAN in classes:
            held.update(_item_ids(item, "P39"))
            continue
        jurisdiction = _item_ids(item, "P1001")
        label = _label(item)
        if label and (jurisdiction or POSITION_CLASSES & set(classes)):
            place = next(iter(jurisdiction or _item_ids(item, "P17")), None)
            raw[item["id"]] = (label, place, tuple(_item_ids(item, "P279") + classes))
    positions = {
        qid: Position(label, _office_key(label, list(classes)), countries.get(place or ""))
        for qid, (label, place, classes) in raw.items()
        if qid in held
    }
    return countries, positions


def _office_key(label: str, classes: list[str]) -> str:
    for cls in classes:
        if cls in _HEAD_CLASSES:
            return _HEAD_CLASSES[cls]
    title = parse_title(label)
    if title is None or not title.specific:
        return "other"
    keys = sorted(title.office_keys)
    return "head_of_state" if "head_of_state" in keys else keys[0]


def _entity_type(item: dict[str, Any]) -> str | None:
    classes = set(_item_ids(item, "P31"))
    if HUMAN in classes:
        return "person"
    if classes & COUNTRY_CLASSES and _string(item, "P298"):
        return "country"
    if classes & ORGANIZATION_CLASSES:
        return "organization"
    if classes & PLACE_CLASSES or classes & COUNTRY_CLASSES:
        return "place"
    return None


def _roles(item: dict[str, Any], positions: dict[str, Position]) -> tuple[Role, ...]:
    roles = []
    for claim in _values(item, "P39"):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if not isinstance(value, dict) or "id" not in value:
            continue
        position = positions.get(value["id"], Position(value["id"], "other", None))
        dates: dict[str, str | None] = {"P580": None, "P582": None}
        for prop in dates:
            for qualifier in claim.get("qualifiers", {}).get(prop, []):
                time = qualifier.get("datavalue", {}).get("value")
                if isinstance(time, dict):
                    dates[prop] = wikidata_date(time)
        if dates["P580"] is None:
            continue  # an undated term cannot say who held an office when
        roles.append(
            Role(
                position.label, position.office_key, position.country, dates["P580"], dates["P582"]
            )
        )
    return tuple(roles)


def item_entity(
    item: dict[str, Any], countries: dict[str, str], positions: dict[str, Position]
) -> KBEntity | None:
    """The KB entity of one dump item, or None for items of other kinds."""
    kind = _entity_type(item)
    name = _label(item)
    if kind is None or name is None:
        return None
    names = [v["value"] for v in item.get("labels", {}).values()]
    names += [a["value"] for values in item.get("aliases", {}).values() for a in values]
    aliases = tuple(dict.fromkeys(n for n in names if n and n != name))
    country_of = _item_ids(item, "P27" if kind == "person" else "P17")
    country = _string(item, "P298") or next(
        (countries[q] for q in country_of if q in countries), None
    )
    key = f"country:{country}" if kind == "country" and country else f"wikidata:{item['id']}"
    roles = _roles(item, positions) if kind == "person" else ()
    prior = min(1.0, math.log10(1 + len(item.get("sitelinks", {}))) / 2.5)
    return KBEntity(key, name, kind, item["id"], country, aliases, roles, prior)


def read_wikidata(path: Path) -> Iterator[KBEntity]:
    """Every person, organisation, place and country of a dump, streamed (two passes)."""
    countries, positions = scan_positions(path)
    for item in iter_items(path):
        entity = item_entity(item, countries, positions)
        if entity is not None:
            yield entity
