"""Surface-form entities: one entity per normalised name.

Until the knowledge-base linker resolves mentions to canonical entities, each
mention becomes the entity of its normalised surface form, with countries
unified through ISO 3166 (pycountry) so "U.S.", "US" and "the United States"
are one entity. Ids are stable hashes of the key, so re-ingesting or
ingesting in another order gives the same ids.
"""

from __future__ import annotations

import gettext
import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import ClassVar

import pycountry

from storyline.nlp.native_names import short_country_names
from storyline.pipeline import Stage
from storyline.records import Document, EntityRef, Mention

STAGE = "entities.surface.v1"

# Everyday short names that ISO 3166 does not list as a name of the country.
_EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "us": "USA",
    "usa": "USA",
    "america": "USA",
    "united states of america": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "england": "GBR",
    "russia": "RUS",
    "south korea": "KOR",
    "republic of korea": "KOR",
    "rok": "KOR",
    "north korea": "PRK",
    "dprk": "PRK",
    "taiwan": "TWN",
    "iran": "IRN",
    "syria": "SYR",
    "vietnam": "VNM",
    "laos": "LAO",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "czech republic": "CZE",
    "ivory coast": "CIV",
    "turkey": "TUR",
    "burma": "MMR",
    "the netherlands": "NLD",
    "holland": "NLD",
    "prc": "CHN",
    "people's republic of china": "CHN",
    "mainland china": "CHN",
    "uae": "ARE",
    "vatican": "VAT",
    "palestine": "PSE",
    "kosovo": "XKX",
}
_SPACES = re.compile(r"\s+")
_DOTTED = re.compile(r"(?<=\b\w)\.(?=\w\.)|(?<=\b\w\.\w)\.")
_KEEP = re.compile(r"[^\w\s'&-]")


@dataclass(frozen=True, slots=True)
class SurfaceEntity:
    id: str
    key: str
    name: str
    kind: str


def normalise_name(name: str) -> str:
    """Case-, accent-, punctuation- and article-insensitive form of a name."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("’", "'").casefold()
    folded = _DOTTED.sub("", folded).replace(".", " ")
    folded = _KEEP.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


@lru_cache(maxsize=1)
def _country_index() -> dict[str, tuple[str, str]]:
    """normalised name -> (alpha_3, display name); built once, read-only."""
    index: dict[str, tuple[str, str]] = {}
    entries: dict[str, tuple[str, str]] = {}  # alpha_3 -> (alpha_3, display name)
    for country in pycountry.countries:
        display = getattr(country, "common_name", None) or country.name
        entries[country.alpha_3] = (country.alpha_3, display)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index[normalise_name(value)] = entries[country.alpha_3]
    for code, names in native_country_names().items():
        for name in names:
            index.setdefault(normalise_name(name), entries[code])
    for alias, code in _EXTRA_COUNTRY_NAMES.items():
        known = pycountry.countries.get(alpha_3=code)
        shown = (getattr(known, "common_name", None) or known.name) if known else alias.title()
        index[normalise_name(alias)] = (code, shown)
    return index


#: Languages whose reports are read in the original (`nlp.languages`): their names of
#: countries come from pycountry's translations (米国, 中国, 미국, 美国, ...).
_NATIVE_LOCALES = ("ja", "ko", "zh_CN", "zh_TW")
_ALSO_CALLED = re.compile(r"\s*[(（]([^)）]+)[)）]\s*$")


@lru_cache(maxsize=1)
def native_country_names() -> dict[str, tuple[str, ...]]:
    """alpha_3 -> the country's names in Japanese, Korean and Chinese; a translation
    "大韓民国 (韓国)" gives both of its names. The short forms the press writes and the
    translations lack ("북한", the "美" of "中美") come from `nlp.native_names`."""
    names: dict[str, list[str]] = {}
    for locale in _NATIVE_LOCALES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [locale])
        except OSError:
            continue
        for country in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if not value:
                    continue
                translated = translation.gettext(value)
                also = _ALSO_CALLED.search(translated)
                if also:
                    names.setdefault(country.alpha_3, []).append(also.group(1))
                    translated = translated[: also.start()]
                if translated != value:
                    names.setdefault(country.alpha_3, []).append(translated)
    for code, forms in short_country_names().items():
        names.setdefault(code, []).extend(forms)
    return {code: tuple(dict.fromkeys(found)) for code, found in names.items()}


def country_of(name: str) -> tuple[str, str] | None:
    """(ISO alpha-3, display name) when `name` names a country."""
    return _country_index().get(normalise_name(name))


def _stable_id(key: str) -> str:
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def surface_entity(mention: Mention) -> SurfaceEntity | None:
    """The surface-form entity a mention belongs to (None if its name normalises to nothing)."""
    if mention.kind in {"place", "country"}:
        country = country_of(mention.text)
        if country:
            code, display = country
            key = f"country:{code}"
            return SurfaceEntity(_stable_id(key), key, display, "country")
    normalised = normalise_name(mention.text)
    if not normalised:
        return None
    key = f"{mention.kind}:{normalised}"
    return SurfaceEntity(_stable_id(key), key, mention.text, mention.kind)


class SurfaceEntityStage(Stage):
    """Links every mention to the entity of its normalised surface form."""

    name: ClassVar[str] = STAGE
    needs: ClassVar[frozenset[str]] = frozenset({"mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __call__(self, doc: Document) -> Document:
        linked: list[Mention] = []
        entities: dict[str, EntityRef] = {}
        for mention in doc.mentions:
            entity = surface_entity(mention)
            if entity is None:
                linked.append(mention)
                continue
            entities.setdefault(
                entity.id, EntityRef(entity.id, entity.key, entity.name, entity.kind, self.name)
            )
            linked.append(replace(mention, entity=entity.id))
        return doc.evolve(self.name, mentions=tuple(linked), entities=tuple(entities.values()))
