"""The linker on a tiny hand-written KB: garbles, titles at a date, people kept apart."""

import pytest

from storyline.entities.kb.model import Window
from storyline.entities.linker import Context, Decision, Linker
from storyline.entities.titles import parse_title
from storyline.store.kb_index import KBIndex


def link(
    index: KBIndex,
    text: str,
    title: str | None = None,
    date: str | None = None,
    kind: str = "person",
) -> Decision:
    return Linker(index).link(text, kind, parse_title(title), Context(Window.of(date)))


def name(decision: Decision) -> str | None:
    return decision.entity.name if decision.entity else None


@pytest.mark.parametrize(
    ("text", "title", "date", "expected"),
    [
        ("Tony Blincoln", "U.S. Secretary of State", "2023-01-11", "Antony Blinken"),
        ("Tony Blincoln", None, None, "Antony Blinken"),
        ("John Blinken", "U.S. Secretary of State", "2021-03-16", "Antony Blinken"),
        ("Toshimichi Motegi", "Japanese Foreign Minister", "2021-03-16", "Toshimitsu Motegi"),
        ("Toshimichi Mogi", "Japanese Foreign Minister", "2021-03-16", "Toshimitsu Motegi"),
        ("Hayashi Yoshimasa", None, None, "Yoshimasa Hayashi"),
        ("Hayasi Yosimasa", None, None, "Yoshimasa Hayashi"),
        ("Austin", "Minister of Defense", "2021-03-16", "Lloyd Austin"),
        ("Austin", "Minister of Defense", None, "Lloyd Austin"),
        ("Beullingkeon", None, None, "Antony Blinken"),
        ("Burinken", None, None, "Antony Blinken"),
        ("Jinping Xi", None, None, "Xi Jinping"),
        ("Moon Jae In", None, None, "Moon Jae-in"),
        ("Yoon Seok-youl", None, None, "Yoon Suk Yeol"),
        ("Nobuo Kishi", None, None, "Nobuo Kishi"),
        ("Fumio Kishida", None, None, "Fumio Kishida"),
        ("Wang Yi", "Foreign Minister", "2021-03-16", "Wang Yi"),
    ],
)
def test_garbled_names_link(
    fixture_index: KBIndex, text: str, title: str | None, date: str | None, expected: str
) -> None:
    assert name(link(fixture_index, text, title, date)) == expected


def test_prime_minister_kan_in_2021_is_suga_and_says_why(fixture_index: KBIndex) -> None:
    decision = link(fixture_index, "Kan", "Prime Minister", "2021-03-16")
    assert name(decision) == "Yoshihide Suga"
    assert "Naoto Kan" in decision.reason and "2021-03-16" in decision.reason
    assert decision.score < 0.8  # a resolution by title, not by name


def test_prime_minister_kan_in_2011_is_naoto_kan(fixture_index: KBIndex) -> None:
    assert name(link(fixture_index, "Kan", "Prime Minister", "2011-03-16")) == "Naoto Kan"
    assert name(link(fixture_index, "Kan", "former Prime Minister", "2021-03-16")) == "Naoto Kan"


def test_foreign_minister_in_2021_fits_motegi_not_hayashi(fixture_index: KBIndex) -> None:
    assert name(link(fixture_index, "Motegi", "Foreign Minister", "2021-03-16")) == (
        "Toshimitsu Motegi"
    )
    decision = link(fixture_index, "Hayashi", "Foreign Minister", "2021-03-16")
    assert decision.entity is None  # he held it only later: the date, not the name, is suspect
    assert "not at 2021-03-16" in decision.reason


def test_kishi_and_kishida_stay_apart(fixture_index: KBIndex) -> None:
    assert name(link(fixture_index, "Kishi")) == "Nobuo Kishi"
    assert name(link(fixture_index, "Kishida")) == "Fumio Kishida"
    assert link(fixture_index, "Nobuo Kishida").entity is None  # one's given, other's family
    assert name(link(fixture_index, "Kishi", "Defense Minister", "2021-03-16")) == "Nobuo Kishi"


def test_relatives_and_strangers_stay_unlinked(fixture_index: KBIndex) -> None:
    for text in ["Hunter Biden", "Jill Biden", "Akie Abe", "Kim Yo Jong", "Yoshiko Sakurai"]:
        assert link(fixture_index, text).entity is None, text


def test_a_title_of_another_office_counts_against(fixture_index: KBIndex) -> None:
    decision = link(fixture_index, "Kono", "Prime Minister", "2019-01-01")
    assert decision.entity is None or decision.entity.name != "Taro Kono"


def test_places_and_organisations(fixture_index: KBIndex) -> None:
    assert name(link(fixture_index, "U.S.", kind="place")) == "United States"
    assert name(link(fixture_index, "Republic of Korea", kind="place")) == "South Korea"
    assert name(link(fixture_index, "NATO", kind="organization")) == (
        "North Atlantic Treaty Organization"
    )
    assert name(link(fixture_index, "the State Department", kind="organization")) == (
        "United States Department of State"
    )
    assert link(fixture_index, "Blinken", kind="place").entity is None


@pytest.mark.parametrize("date", ["9999-12-31", "9999", "0001-01-01", "0001", "0000"])
def test_a_report_date_at_the_ends_of_the_calendar(fixture_index: KBIndex, date: str) -> None:
    # Issue 10: the window around the report's date overflowed and the linker raised.
    link(fixture_index, "Blinken", "U.S. Secretary of State", date)


@pytest.mark.parametrize(
    ("text", "title", "date", "expected"),
    [
        ("茂木", "外相", "2021-03-16", "Toshimitsu Motegi"),
        ("岸", "防衛相", "2021-03-16", "Nobuo Kishi"),  # not 岸田文雄, who was no defence minister
        ("岸", "外相", "2015-06-01", "Fumio Kishida"),  # 岸 begins both names: the office decides
        ("菅", "首相", "2021-03-16", "Yoshihide Suga"),
        ("岸信夫", "防衛相", "2021-03-16", "Nobuo Kishi"),
    ],
)
def test_a_native_family_name_with_a_title_links_to_who_held_it(
    fixture_index: KBIndex, text: str, title: str, date: str, expected: str
) -> None:
    assert name(link(fixture_index, text, title, date)) == expected


def test_a_native_family_name_says_why(fixture_index: KBIndex) -> None:
    reason = link(fixture_index, "茂木", "外相", "2021-03-16").reason
    assert "'茂木' begins a name of Toshimitsu Motegi" in reason
    assert "held the office of 'foreign minister' at 2021-03-16" in reason


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        ("茂木", None, None),  # where a family name ends in unspaced script is unknown
        ("茂木", "外相", "2023-06-01"),  # no longer foreign minister then
        ("ポンペオ", "国務長官", "2021-03-16"),  # not a garble of Blinken: no holder fallback
    ],
)
def test_a_native_name_is_not_linked_without_its_title_at_the_date(
    fixture_index: KBIndex, text: str, title: str | None, date: str | None
) -> None:
    assert link(fixture_index, text, title, date).entity is None
