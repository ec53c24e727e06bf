"""Country names as Japanese, Korean and Chinese reports write them."""

from storyline.entities.surface import country_of


def test_native_country_names_are_countries() -> None:
    assert country_of("米国") == country_of("미국") == country_of("美国") == country_of("USA")
    assert country_of("韓国") == country_of("대한민국") == ("KOR", "South Korea")
    assert country_of("中国") == ("CHN", "China")


def test_english_names_keep_their_country_and_cities_are_none() -> None:
    assert country_of("Georgia") == ("GEO", "Georgia")
    assert country_of("東京") is None and country_of("서울") is None


def test_short_forms_the_press_writes_are_countries() -> None:
    assert country_of("북한") == ("PRK", "North Korea")
    assert country_of("한국") == country_of("남한") == ("KOR", "South Korea")
    # One character of a compound the analysers split ("中美", "한미").
    assert country_of("中") == ("CHN", "China")
    assert country_of("美") == country_of("미") == ("USA", "United States")
