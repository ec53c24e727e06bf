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
