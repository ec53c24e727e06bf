"""The Korean analyser: sentences, name spans and the evidence behind each label."""

from __future__ import annotations

import pytest

pytest.importorskip("kiwipiepy")

from storyline.nlp.korean import KoreanAnalyser, make_analyser  # noqa: E402
from storyline.nlp.languages import analyser_for  # noqa: E402


@pytest.fixture(scope="module")
def analyser() -> KoreanAnalyser:
    return make_analyser()


def names(analyser: KoreanAnalyser, text: str) -> list[tuple[str, str]]:
    return [(span.of(text), label) for span, label in analyser.analyse(text).names]


def test_sentences_are_spans_of_the_text(analyser: KoreanAnalyser) -> None:
    text = "윤석열 대통령은 서울에서 말했다. 삼성전자가 발표했다."
    spans = analyser.analyse(text).sentences
    assert [s.of(text) for s in spans] == [
        "윤석열 대통령은 서울에서 말했다.",
        "삼성전자가 발표했다.",
    ]


def test_a_title_after_the_name_makes_a_person(analyser: KoreanAnalyser) -> None:
    assert analyser.label("한강", "") == "GPE"  # a place ending
    assert analyser.label("한강", "씨") == "PERSON"
    assert analyser.label("Kim", "대통령") == "PERSON"


def test_kb_names_and_places_come_first(analyser: KoreanAnalyser) -> None:
    assert analyser.label("윤석열", "") == "PERSON"  # the KB's hangul alias
    assert analyser.label("유엔", "") == "ORG"
    assert analyser.label("서울", "씨") == "GPE"  # a known place beats a cue


def test_endings_give_organisations_and_places(analyser: KoreanAnalyser) -> None:
    assert analyser.label("여성가족부", "") == "ORG"
    assert analyser.label("수원시", "") == "GPE"


def test_schools_news_agencies_and_civic_groups_end_as_organisations(
    analyser: KoreanAnalyser,
) -> None:
    for name in ("서울대", "단원고", "연합뉴스", "참여연대", "YG엔터테인먼트"):
        assert analyser.label(name, "") == "ORG", name


def test_names_in_a_news_sentence(analyser: KoreanAnalyser) -> None:
    text = "윤석열 대통령은 서울에서 박씨를 만났고, 경찰과 MBC가 취재했다."
    found = names(analyser, text)
    assert ("윤석열", "PERSON") in found
    assert ("서울", "GPE") in found
    assert ("박", "PERSON") in found
    assert ("경찰", "ORG") in found
    assert ("MBC", "ORG") in found


def test_the_registry_builds_it() -> None:
    analyser = analyser_for("ko")
    assert analyser is not None and analyser.language == "ko"


def test_a_name_kiwi_cuts_short_is_joined(analyser: KoreanAnalyser) -> None:
    # Kiwi reads "강모" + "연" and "김" + "상" + "석": the family name starts a three-syllable name.
    assert names(analyser, "강모연 대위는 돌아왔다.")[0] == ("강모연", "PERSON")
    assert names(analyser, "김상석 씨가 말했다.")[0] == ("김상석", "PERSON")


def test_loose_hangul_letters_are_not_names(analyser: KoreanAnalyser) -> None:
    assert names(analyser, "이건 진짜 한 번은 봐야되지 않을까...ᄏᄏ") == []


def test_common_noun_compounds_ending_in_an_organisation_head(analyser: KoreanAnalyser) -> None:
    # Kiwi tags these as common nouns: "보건" + "복지부", "국토부", "금융" + "당국".
    text = "보건복지부와 국토부, 금융당국은 일부 내용을 발표했다."
    assert names(analyser, text) == [("보건복지부", "ORG"), ("국토부", "ORG"), ("금융당국", "ORG")]


def test_generic_words_and_common_acronyms_are_not_organisations(analyser: KoreanAnalyser) -> None:
    assert names(analyser, "법원은 당국이 SNS와 TV에 올린 글을 봤다.") == []
    assert names(analyser, "MBC가 보도했다.") == [("MBC", "ORG")]


def test_a_person_then_his_party_are_two_names(analyser: KoreanAnalyser) -> None:
    found = names(analyser, "황우여 새누리당 대표가 말했다.")
    assert found == [("황우여", "PERSON"), ("새누리당", "ORG")]
    assert analyser.label("새누리당", "대표") == "ORG"  # the party's leader
    # An address stays one name, though "군" (county) also ends army names.
    assert names(analyser, "경기 연천군에서 열렸다.")[0][0] == "경기 연천군"


def test_a_compound_of_country_syllables_is_its_countries(analyser: KoreanAnalyser) -> None:
    assert names(analyser, "한미 2+2 회의가 열렸다.") == [("한", "GPE"), ("미", "GPE")]
    assert names(analyser, "남북 정상회담") == [("남", "GPE"), ("북", "GPE")]
    assert names(analyser, "남미 여행") == [("남미", "GPE")]  # South America
