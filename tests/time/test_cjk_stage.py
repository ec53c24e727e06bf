"""The time stages on Japanese, Chinese and Korean reports, and their datelines."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.time import DatingStage, TimeStage
from storyline.time.cjk_dateline import cjk_dateline
from tests.conftest import make_document

TODAY = date(2021, 6, 1)


@pytest.mark.parametrize(
    ("text", "day", "month", "year"),
    [
        ("【ソウル共同】韓国政府は2021年3月18日、新たな対策を発表した。", 18, 3, 2021),
        ("（記者 山田）2021-03-18\n政府は対策を発表した。", 18, 3, 2021),
        ("[서울=연합뉴스] 홍길동 기자 = 2021.03.18 정부는 대책을 발표했다.", 18, 3, 2021),
        ("新华社北京3月18日电 国务院召开常务会议。", 18, 3, None),
        ("【北京共同】\n2021年3月18日 10時30分\n中国政府は発表した。", 18, 3, 2021),
    ],
)
def test_cjk_datelines(text: str, day: int, month: int, year: int | None) -> None:
    found = cjk_dateline(text)
    assert found is not None
    assert (found.day, found.month, found.year) == (day, month, year)


def test_no_dateline_without_a_source_marker() -> None:
    assert cjk_dateline("政府は2021年3月18日、対策を発表した。") is None


def test_a_date_deep_in_the_text_is_not_the_dateline() -> None:
    text = "【ソウル共同】韓国政府は対策を発表した。\n" + "本文。\n" * 5 + "2019年1月1日"
    found = cjk_dateline(text)
    assert found is not None and found.year is None


def test_time_stage_tags_a_japanese_report_against_its_date() -> None:
    doc = make_document("首相は16日、来週訪米すると述べた。", language="ja", published="2021-03-18")
    timexes = TimeStage()(doc).timexes
    assert [(t.text, t.value, t.stage) for t in timexes] == [
        ("16日", "2021-03-16", "time.tag.v1"),
        ("来週", "2021-W12", "time.tag.v1"),
    ]


def test_time_stage_leaves_english_to_the_english_tagger() -> None:
    doc = make_document("He arrived on Tuesday.", language="en", published="2021-03-18")
    assert [(t.text, t.value) for t in TimeStage()(doc).timexes] == [("Tuesday", "2021-03-16")]
    # the same text marked Japanese finds nothing: the CJK grammar has no English words
    assert TimeStage()(make_document("He arrived on Tuesday.", language="ja")).timexes == ()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("【ソウル共同】韓国政府は2021年3月18日、新たな対策を16日に決めたと発表した。", "ja"),
        ("[서울=연합뉴스] 홍길동 기자 = 2021.03.18 정부는 지난 16일 대책을 발표했다.", "ko"),
    ],
)
def test_dating_reads_a_cjk_dateline_then_tagging_uses_it(text: str, language: str) -> None:
    doc = DatingStage(today=TODAY)(make_document(text, language=language))
    assert doc.dating is not None and (doc.dating.how, doc.published) == ("dateline", "2021-03-18")
    values = [t.value for t in TimeStage()(doc).timexes]
    assert "2021-03-16" in values


def test_dating_infers_from_a_chinese_wire_dateline_and_a_year_in_the_text() -> None:
    text = "新华社北京3月18日电 国务院2021年3月17日召开会议，昨天公布了结果。"
    doc = DatingStage(today=TODAY)(make_document(text, language="zh"))
    assert doc.dating is not None and doc.dating.value == "2021-03-18"
    assert doc.dating.how == "inferred"
