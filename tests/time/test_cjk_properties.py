"""Invariants of the CJK tagger on arbitrary text: spans inside the text, values that parse."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.time.cjk import tag_times

_PIECES = [
    "2021", "年", "3", "月", "16", "日", "(火)", "令和", "元", "十六", "三", "１６", "曜日", "火",
    "先週", "来週", "今年", "昨日", "間", "前", "後", "予定", "した", "、", "。", "来る", "次の",
    "년", "월", "일", "지난", "오는", " ", "요일", "화", "지난주", "다음 주", "사흘", "간", "동안",
    "전", "예정", "했다", "이날", "星期", "周", "二", "上", "下", "个月", "天", "两", "号", "将于",
    "了", "当天", "末", "底", "초", ".", "-", "\n", "【ソウル共同】",
]  # fmt: skip
#: The values the tagger may give: dates, weeks, decades, durations, X placeholders, refs.
_VALUE = re.compile(
    r"(?:\d{3,4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-\d)?)?"
    r"|P\d+[DWMY]|PAST_REF|PRESENT_REF|FUTURE_REF"
)
texty = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
anchors = st.none() | st.dates(min_value=date(1, 1, 1)).map(date.isoformat)
languages = st.sampled_from(["ja", "zh", "ko"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(texty, st.text(max_size=200)), languages, anchors)
def test_spans_inside_the_text_and_values_parse(
    text: str, language: str, anchor: str | None
) -> None:
    found = tag_times(text, language, anchor)
    last_end = 0
    for timex in found:
        assert last_end <= timex.span.start < timex.span.end <= len(text)
        assert text[timex.span.start : timex.span.end] == timex.text
        assert _VALUE.fullmatch(timex.value), timex.value
        if timex.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
            date.fromisoformat(timex.value)
        last_end = timex.span.end


@settings(max_examples=100, deadline=None)
@given(texty, languages, st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_spans_do_not_depend_on_the_report_date(text: str, language: str, day: date) -> None:
    """The report's date changes values, never which text is an expression."""
    dated = [t.span for t in tag_times(text, language, day.isoformat())]
    undated = [t.span for t in tag_times(text, language, None)]
    assert dated == undated
