"""Cities' names in Japanese, Chinese and Korean from the CLDR (`kb.native_places`)."""

from storyline.entities.kb.native_places import native_city_names


def test_a_time_zone_city_gives_its_native_names() -> None:
    names = native_city_names("US", ["New York City", "New York"])
    assert {"ニューヨーク", "纽约", "뉴욕"} <= set(names)


def test_the_city_must_be_in_the_zone_country() -> None:
    assert native_city_names("GB", ["New York"]) == ()
    assert native_city_names("US", ["Nowhere Town"]) == ()


def test_a_zone_named_like_its_country_gives_no_city_name() -> None:
    # "Europe/Andorra" is アンドラ in Japanese: the country's name, not its capital's.
    assert "アンドラ" not in native_city_names("AD", ["Andorra la Vella", "Andorra"])
