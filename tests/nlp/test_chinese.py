"""The Chinese analyser: sentences, names, and what the KB's hanzi names add to jieba."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("jieba")

from storyline.entities.surface import country_of  # noqa: E402
from storyline.events.cjk import extract_cjk_events  # noqa: E402
from storyline.events.extract import link_events  # noqa: E402
from storyline.events.merge import merge_events  # noqa: E402
from storyline.nlp.chinese import ChineseAnalyser, make_analyser, split_sentences  # noqa: E402
from storyline.nlp.spacy_stage import original_mention  # noqa: E402
from storyline.records import Document, Sentence  # noqa: E402
from storyline.time.cjk import tag_times  # noqa: E402
from tests.conftest import make_document  # noqa: E402
from tests.events.helpers import event_in, report  # noqa: E402


@pytest.fixture(scope="module")
def analyser() -> ChineseAnalyser:
    return make_analyser()


def names(analyser: ChineseAnalyser, text: str) -> list[tuple[str, str]]:
    return [(span.of(text), label) for span, label in analyser.analyse(text).names]


def test_sentences_end_at_terminal_marks_and_lines() -> None:
    text = "他说：“我们要团结。”记者问道。\n第二段没有句号"
    assert [s.of(text) for s in split_sentences(text)] == [
        "他说：“我们要团结。”",
        "记者问道。",
        "第二段没有句号",
    ]


def test_offsets_point_into_the_text(analyser: ChineseAnalyser) -> None:
    text = "前言。\n国务院总理李强在北京会见了外宾。"
    assert names(analyser, text) == [("国务院", "ORG"), ("李强", "PERSON"), ("北京", "GPE")]


def test_kb_names_stay_whole(analyser: ChineseAnalyser) -> None:
    # Without the KB alias jieba reads "魏凤" as a name and "和" as the conjunction "and".
    assert ("魏凤和", "PERSON") in names(analyser, "国防部长魏凤和会见了外宾。")


def test_titles_never_stick_to_names(analyser: ChineseAnalyser) -> None:
    found = names(analyser, "他会见了来访的德国总理。")
    assert ("德国", "GPE") in found
    assert all(label != "PERSON" for _, label in found)


def test_a_compound_of_country_characters_is_its_countries(analyser: ChineseAnalyser) -> None:
    # "中美" (China-US) is no place: one country per character, "两国" (both countries) none.
    found = names(analyser, "中美两国官员举行会谈，美日同盟和中日韩合作也被提及。")
    assert found == [
        ("中", "GPE"),
        ("美", "GPE"),
        ("美", "GPE"),
        ("日", "GPE"),
        ("中", "GPE"),
        ("日", "GPE"),
        ("韩", "GPE"),
    ]


def test_a_compound_jieba_cuts_is_joined_but_a_lone_direction_word_is_no_country(
    analyser: ChineseAnalyser,
) -> None:
    # jieba reads the headline's "中美" as "中" (a direction word) + "美" (a place).
    assert names(analyser, "中美高层战略对话举行。") == [("中", "GPE"), ("美", "GPE")]
    # "会谈中" is "in the talks": its "中" is no China.
    assert ("中", "GPE") not in names(analyser, "会谈中美方表示关切。")


def test_countries_and_their_relation_in_one_dictionary_word(analyser: ChineseAnalyser) -> None:
    # jieba's dictionary holds "中美关系" whole, as an organisation.
    assert names(analyser, "中美关系趋于紧张。") == [("中", "GPE"), ("美", "GPE")]
    assert names(analyser, "中美洲国家和中日友好医院。") == [
        ("中美洲", "GPE"),
        ("中日友好医院", "ORG"),
    ]


def test_a_name_glued_after_a_place_is_a_place_in_the_whole_report(
    analyser: ChineseAnalyser,
) -> None:
    # jieba tags the transliterated city as a person (nrt); written after its state it is
    # a place, and so is its other occurrence, in the headline.
    text = "对话在安克雷奇举行。\n双方在美国阿拉斯加州安克雷奇举行会谈。"
    found = names(analyser, text)
    assert found.count(("安克雷奇", "GPE")) == 2
    assert ("安克雷奇", "PERSON") not in found


def test_a_kb_person_after_a_place_stays_a_person(analyser: ChineseAnalyser) -> None:
    assert ("王毅", "PERSON") in names(analyser, "会见中国王毅。")


def test_foreign_names_in_transliteration_are_people(analyser: ChineseAnalyser) -> None:
    text = "中央外事工作委员会办公室主任杨洁篪、外长王毅与国务卿布林肯、国家安全助理沙利文会晤。"
    people = [name for name, label in names(analyser, text) if label == "PERSON"]
    assert people == ["杨洁篪", "王毅", "布林肯", "沙利文"]


def _linked(text: str, analyser: ChineseAnalyser, kb: dict[tuple[str, str], str]) -> Document:
    """`text` read by the analyser, its names linked as the linker would: countries by
    their (short) names, the others through `kb`, (name, label) -> entity id."""
    analysis = analyser.analyse(text)
    mentions = []
    for span, label in analysis.names:
        mention = original_mention(text, span, label, "test")
        assert mention is not None
        country = country_of(mention.text)
        if country is not None:
            mention = replace(mention, kind="country", entity="country:" + country[0])
        else:
            mention = replace(mention, entity=kb.get((mention.text, label)))
        mentions.append(mention)
    return make_document(
        text,
        id="zh",
        language="zh",
        published="2021-03-18",
        sentences=tuple(Sentence(span, "test") for span in analysis.sentences),
        mentions=tuple(mentions),
        timexes=tuple(tag_times(text, "zh", "2021-03-18")),
    )


def test_a_chinese_telling_of_the_anchorage_talks_merges_with_an_english_one(
    analyser: ChineseAnalyser,
) -> None:
    # Assumes the knowledge base knows 安克雷奇 as Anchorage (a native place name).
    english_text = "Blinken and Sullivan met Yang Jiechi and Wang Yi in Anchorage on March 18."
    who = [
        ("Blinken", "agent", "blinken"),
        ("Sullivan", "agent", "sullivan"),
        ("Yang Jiechi", "counterpart", "yang"),
        ("Wang Yi", "counterpart", "wang"),
    ]
    met = event_in(
        english_text, "met", date="2021-03-18", place=("Anchorage", "anchorage"), who=who
    )
    english = report("en", english_text, [met], published="2021-03-18")
    text = (
        "新华社美国阿拉斯加州安克雷奇3月18日电\n"
        "国务卿布林肯、国家安全事务助理沙利文与杨洁篪、王毅18日在安克雷奇举行中美高层战略对话。"
    )
    kb = {
        ("布林肯", "PERSON"): "blinken",
        ("沙利文", "PERSON"): "sullivan",
        ("杨洁篪", "PERSON"): "yang",
        ("王毅", "PERSON"): "wang",
        ("安克雷奇", "GPE"): "anchorage",
    }
    chinese = _linked(text, analyser, kb)
    chinese = link_events(replace(chinese, events=extract_cjk_events(chinese)))
    (event,) = merge_events([english, chinese])
    assert event.documents == ("en", "zh")
    assert (event.date, event.place) == ("2021-03-18", "anchorage")
    people = {"blinken", "sullivan", "yang", "wang"}
    assert {p.entity for p in event.participants} == people | {"country:CHN", "country:USA"}
