"""The Chinese analyser: sentences, names, and what the KB's hanzi names add to jieba."""

from __future__ import annotations

import pytest

pytest.importorskip("jieba")

from storyline.nlp.chinese import ChineseAnalyser, make_analyser, split_sentences  # noqa: E402


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
