"""Readings of East Asian names: made from the script, bounded, and linked below exact names."""

import json
from pathlib import Path

import pytest

from storyline.entities.hangul import mccune_reischauer, revised_romanization
from storyline.entities.kb.index import READING_PREFIX, index_entry, index_in_memory
from storyline.entities.kb.model import KBEntity, Role, Window
from storyline.entities.kb.wikidata import read_wikidata
from storyline.entities.linker import Context, Decision, Linker
from storyline.entities.readings import MAX_READINGS, person_readings, reading_key, reading_keys
from storyline.entities.titles import parse_title
from storyline.store.kb_index import KBIndex


def person(name: str, country: str, *aliases: str, roles: tuple[Role, ...] = ()) -> KBEntity:
    key = f"test:{name.lower().replace(' ', '-')}"
    return KBEntity(key, name, "person", None, country, aliases, roles)


def foreign_minister(start: str, end: str | None) -> Role:
    return Role("Minister for Foreign Affairs", "foreign_minister", "JPN", start, end)


HAYASHI = person(
    "Yoshimasa Hayashi", "JPN", "林芳正", roles=(foreign_minister("2021-11-10", None),)
)
MOTEGI_TERM = foreign_minister("2019-09-11", "2021-11-10")
MOTEGI = person("Toshimitsu Motegi", "JPN", "茂木敏充", roles=(MOTEGI_TERM,))
KISHIDA = person("Fumio Kishida", "JPN", "岸田文雄", "きしだ ふみお")
KISHI = person("Nobuo Kishi", "JPN", "岸信夫")
XI = person("Xi Jinping", "CHN", "习近平", "習近平")
KIM = person("Kim Dae-jung", "KOR", "김대중", "金大中")


def texts(entity: KBEntity) -> set[str]:
    return {r.text for r in person_readings(entity)}


@pytest.fixture(scope="module")
def reading_index() -> KBIndex:
    return index_in_memory([HAYASHI, MOTEGI, KISHIDA, KISHI, XI, KIM])


def link(index: KBIndex, text: str, date: str | None, title: str | None = None) -> Decision:
    return Linker(index).link(
        text, "person", parse_title(title) if title else None, Context(Window.of(date))
    )


def test_reading_keys_fold_what_translators_vary_on() -> None:
    assert (
        len({reading_key(t) for t in ("Shū Kinpei", "Shuu Kinpei", "Shu-Kinpei", "SHU KINPEI")})
        == 1
    )
    assert reading_key("Ōno") == reading_key("Ohno") == reading_key("Oono") == "ono"
    assert reading_key("An Tian Wen Xiong") == reading_key("Antian Wenxiong") == "antianwenxiong"
    assert reading_key("Lín Fāngzhèng") == "linfangzheng"


def test_japanese_names_read_in_japanese_and_in_chinese() -> None:
    assert {"Lin Fangzheng", "Hayashi Yoshimasa", "Hayasi Yosimasa"} <= texts(HAYASHI)
    assert "Antian Wenxiong" in texts(KISHIDA)
    assert {"antianwenxiong", "wenxiongantian"} <= reading_keys(KISHIDA)  # either order
    kinds = {r.text: r.kind for r in person_readings(HAYASHI)}
    assert kinds["Lin Fangzheng"] == "Chinese reading of the Japanese name"


def test_chinese_names_read_in_japanese_from_the_traditional_form() -> None:
    assert "Shū Kinpei" in texts(XI)
    lin_chuan = person("Lin Chuan", "TWN", "林全")
    assert {"Rin Zen", "Hayashi Zen"} <= texts(lin_chuan)  # on reading, and as Japanese words
    simplified_only = person("Xi Jinping", "CHN", "习近平")
    assert texts(simplified_only) == {"Xi Jinping"}  # 习 is not a character Japanese uses


def test_korean_names_romanized_and_their_hanja_read() -> None:
    assert {"Gim Daejung", "Kim Taejung", "Jin Dazhong", "Kin Daichū"} <= texts(KIM)
    assert revised_romanization("대중") == "daejung"
    assert mccune_reischauer("대중") == "taejung"
    assert mccune_reischauer("신") == "shin"
    assert mccune_reischauer("은정") == "unjong"
    assert revised_romanization("x대") == "xdae"  # not hangul: left as it is


def test_kanji_read_unlike_the_latin_name_give_no_japanese_reading() -> None:
    kawaguchi = person("Yoriko Kawaguchi", "JPN", "川口順子")  # pykakasi reads 順子 "Junko"
    assert not any("Jun" in t for t in texts(kawaguchi))
    assert "Chuankou Shunzi" in texts(kawaguchi)


def test_title_forms_and_other_entities_give_no_readings() -> None:
    akihito = person("Akihito", "JPN", "明仁", "明仁天皇", "あきひと")
    assert not any("Tian" in t or "Tenno" in t for t in texts(akihito))
    japan = KBEntity("country:JPN", "Japan", "country", None, "JPN", ("日本",))
    assert person_readings(japan) == ()


def test_transliterations_of_foreign_names_are_read_only_as_their_script_reads_them() -> None:
    blinken = person("Antony Blinken", "USA", "ブリンケン", "布林肯")
    assert {"Burinken", "Bulinken"} <= texts(blinken)
    assert not any(
        r.kind.startswith("Japanese reading of the Chinese") for r in person_readings(blinken)
    )


def test_readings_are_bounded_and_the_same_every_time() -> None:
    for entity in (HAYASHI, KISHIDA, XI, KIM):
        assert 0 < len(person_readings(entity)) <= MAX_READINGS
        assert index_entry(entity).keys == index_entry(entity).keys
    assert f"{READING_PREFIX}linfangzheng" in index_entry(HAYASHI).keys


def test_the_three_held_out_examples_link_at_a_report_date(reading_index: KBIndex) -> None:
    lin = link(reading_index, "Lin Fangzheng", "2022-06-01")
    assert lin.entity == HAYASHI and "reads as 林芳正" in lin.reason
    assert link(reading_index, "An Tian Wenxiong", "2022-06-01").entity == KISHIDA
    assert link(reading_index, "Wenxiong Antian", "2022-06-01").entity == KISHIDA
    shu = link(reading_index, "Shu Kinpei", "2020-01-01")
    assert shu.entity == XI and "Japanese reading of the Chinese name" in shu.reason


def test_a_reading_scores_below_an_exact_name(reading_index: KBIndex) -> None:
    read = link(reading_index, "Lin Fangzheng", "2022-06-01")
    exact = link(reading_index, "Yoshimasa Hayashi", "2022-06-01")
    assert read.entity == exact.entity == HAYASHI and read.score < exact.score


def test_a_reading_obeys_the_title_and_date(reading_index: KBIndex) -> None:
    before = link(reading_index, "Lin Fangzheng", "2021-03-01", "Foreign Minister")
    assert before.entity != HAYASHI  # Motegi was foreign minister then
    during = link(reading_index, "Lin Fangzheng", "2022-03-01", "Foreign Minister")
    assert during.entity == HAYASHI and during.title_fit


def test_readings_of_names_nobody_has_stay_unlinked(reading_index: KBIndex) -> None:
    assert link(reading_index, "Lin Wenxiong", "2022-06-01").entity is None
    assert link(reading_index, "An Xinxiong", "2022-06-01").entity is None


def test_an_exact_name_beats_another_persons_reading() -> None:
    namesake = person("Lin Fangzheng", "TWN")
    index = index_in_memory([HAYASHI, namesake])
    assert link(index, "Lin Fangzheng", None).entity == namesake


def test_a_reading_two_people_share_links_neither() -> None:
    twin = person("Hoshi Hayashi", "JPN", "林芳正")
    index = index_in_memory([HAYASHI, twin])
    assert link(index, "Lin Fangzheng", None).entity is None


def _claim(value: object) -> dict[str, object]:
    return {"mainsnak": {"datavalue": {"value": value}}, "rank": "normal"}


def _dump_item(
    qid: str,
    labels: dict[str, str],
    aliases: dict[str, list[str]],
    claims: dict[str, list[dict[str, object]]],
) -> str:
    return json.dumps(
        {
            "type": "item",
            "id": qid,
            "labels": {k: {"language": k, "value": v} for k, v in labels.items()},
            "aliases": {k: [{"language": k, "value": v} for v in vs] for k, vs in aliases.items()},
            "claims": claims,
        },
        ensure_ascii=False,
    )


def test_wikidata_labels_and_aliases_in_east_asian_languages_are_read(tmp_path: Path) -> None:
    japan = _dump_item(
        "Q17",
        {"en": "Japan"},
        {},
        {"P31": [_claim({"id": "Q6256"})], "P298": [_claim("JPN")]},
    )
    hayashi = _dump_item(
        "Q1",
        {"en": "Yoshimasa Hayashi", "ja": "林芳正", "zh-hans": "林芳正", "ko": "하야시 요시마사"},
        {
            "ja": ["はやし よしまさ"],
            "zh-hant": ["林芳正"],
            "zh-tw": ["林芳正大臣"],
            "zh-cn": ["林氏"],
        },
        {"P31": [_claim({"id": "Q5"})], "P27": [_claim({"id": "Q17"})]},
    )
    dump = tmp_path / "dump.json"
    dump.write_text(f"[\n{japan},\n{hayashi}\n]\n", encoding="utf-8")
    entity = next(e for e in read_wikidata(dump) if e.type == "person")
    assert entity.country == "JPN"
    native = {"林芳正", "はやし よしまさ", "하야시 요시마사", "林芳正大臣", "林氏"}
    assert native <= set(entity.aliases)
    index = index_in_memory([entity])
    assert link(index, "Lin Fangzheng", None).entity == entity
