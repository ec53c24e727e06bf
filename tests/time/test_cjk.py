"""Japanese, Chinese and Korean time expressions: one test per kind of expression."""

from __future__ import annotations

import pytest

from storyline.time.cjk import tag_times
from storyline.time.cjk_lexicon import clause_tense, read_number

THURSDAY = "2021-03-18"  # ISO week 2021-W11, Monday 15 March


def tagged(text: str, language: str, anchor: str | None = THURSDAY) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_times(text, language, anchor)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("16", 16), ("１６", 16), ("十六", 16), ("二十", 20), ("三十一", 31), ("十", 10),
     ("二〇二一", 2021), ("两", 2), ("百", 100), ("十十", None), ("二三十", None)],
)  # fmt: skip
def test_numerals(written: str, value: int | None) -> None:
    assert read_number(written) == value


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2021年3月16日に会談した。", "ja", [("2021年3月16日", "2021-03-16")]),
        ("2021年3月16日(火)に会談した。", "ja", [("2021年3月16日(火)", "2021-03-16")]),
        ("２０２１年３月１６日、", "ja", [("２０２１年３月１６日", "2021-03-16")]),
        ("2021년 3월 16일 회담이 열렸다.", "ko", [("2021년 3월 16일", "2021-03-16")]),
        ("2021年3月16日，会议召开。", "zh", [("2021年3月16日", "2021-03-16")]),
        ("二〇二〇年十二月，", "zh", [("二〇二〇年十二月", "2020-12")]),
        ("（記者）2021-03-18", "ja", [("2021-03-18", "2021-03-18")]),
        ("2021.03.17 발생", "ko", [("2021.03.17", "2021-03-17")]),
        ("2021年2月30日", "ja", [("2021年", "2021")]),  # no such day: the year alone
    ],
)
def test_full_dates(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert tagged(text, language, None) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("令和3年", "2021"), ("令和元年5月1日", "2019-05-01"), ("平成31年4月30日", "2019-04-30"),
     ("昭和64年1月7日", "1989-01-07"), ("平成元年", "1989")],
)  # fmt: skip
def test_japanese_eras(text: str, value: str) -> None:
    assert tagged(f"{text}に", "ja") == [(text, value)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3月16日に会談した。", "ja", ("3月16日", "2021-03-16")),
        ("３月１６日、", "ja", ("３月１６日", "2021-03-16")),
        ("三月に", "ja", ("三月", "2021-03")),
        ("3월 16일 회담했다.", "ko", ("3월 16일", "2021-03-16")),
        ("12月に会談した。", "ja", ("12月", "2020-12")),  # nearest the report's date
        ("10月に稼働する予定だ。", "ja", ("10月", "2021-10")),
        ("今年3月", "ja", ("今年3月", "2021-03")),
        ("지난해 12월", "ko", ("지난해 12월", "2020-12")),
        ("明年1月1日", "zh", ("明年1月1日", "2022-01-01")),
        ("오는 4월 결정한다.", "ko", ("오는 4월", "2021-04")),
    ],
)
def test_months_and_month_days(text: str, language: str, expected: tuple[str, str]) -> None:
    assert tagged(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("16日に会談した。", "ja", ("16日", "2021-03-16")),
        ("十六日に会談した。", "ja", ("十六日", "2021-03-16")),
        ("20日に会談した。", "ja", ("20日", "2021-02-20")),  # past by default: last month's
        ("20日に開く予定だ。", "ja", ("20日", "2021-03-20")),  # a plan: ahead
        ("来る16日", "ja", ("来る16日", "2021-04-16")),
        ("지난 16일 주재했다.", "ko", ("지난 16일", "2021-03-16")),
        ("오는 16일", "ko", ("오는 16일", "2021-04-16")),
        ("16일 발표했다.", "ko", ("16일", "2021-03-16")),
        ("将于20日举行。", "zh", ("20日", "2021-03-20")),
        ("16日表示", "zh", ("16日", "2021-03-16")),
        ("다음 달 10일 열릴 예정이다.", "ko", ("다음 달 10일", "2021-04-10")),
        ("先月28日", "ja", ("先月28日", "2021-02-28")),
    ],
)
def test_days_alone(text: str, language: str, expected: tuple[str, str]) -> None:
    assert tagged(text, language) == [expected]


def test_day_alone_without_report_date_keeps_placeholders() -> None:
    assert tagged("16日に会談した。", "ja", None) == [("16日", "XXXX-XX-16")]
    assert tagged("지난 3일 화재", "ko", None) == [("지난 3일", "XXXX-XX-03")]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("火曜日", "ja", "2021-03-16"), ("火曜", "ja", "2021-03-16"), ("(火)", "ja", "2021-03-16"),
        ("木曜日", "ja", "2021-03-18"), ("先週の火曜", "ja", "2021-03-09"),
        ("来週火曜", "ja", "2021-03-23"), ("화요일", "ko", "2021-03-16"),
        ("지난 화요일", "ko", "2021-03-16"), ("지난 목요일", "ko", "2021-03-11"),
        ("오는 화요일", "ko", "2021-03-23"), ("지난주 화요일", "ko", "2021-03-09"),
        ("星期二", "zh", "2021-03-16"), ("周二", "zh", "2021-03-16"),
        ("上周二", "zh", "2021-03-09"), ("下周二", "zh", "2021-03-23"),
        ("周五", "zh", "2021-03-12"),
    ],
)  # fmt: skip
def test_weekdays(text: str, language: str, value: str) -> None:
    assert tagged(text, language) == [(text, value)]
    assert tagged(text, language, None)[0][1].startswith("XXXX-WXX-")


RELATIVE_CASES = [
    ("ja", "先週", "2021-W10", "PAST_REF"), ("ja", "来週", "2021-W12", "FUTURE_REF"),
    ("ja", "今週", "2021-W11", "XXXX-WXX"), ("ja", "先月", "2021-02", "PAST_REF"),
    ("ja", "来月", "2021-04", "FUTURE_REF"), ("ja", "今月", "2021-03", "XXXX-XX"),
    ("ja", "昨年", "2020", "PAST_REF"), ("ja", "去年", "2020", "PAST_REF"),
    ("ja", "来年", "2022", "FUTURE_REF"), ("ja", "今年", "2021", "XXXX"),
    ("ja", "本年", "2021", "XXXX"), ("ja", "昨日", "2021-03-17", "PAST_REF"),
    ("ja", "今日", "2021-03-18", "PRESENT_REF"), ("ja", "明日", "2021-03-19", "FUTURE_REF"),
    ("ja", "一昨日", "2021-03-16", "PAST_REF"),
    ("ko", "지난주", "2021-W10", "PAST_REF"), ("ko", "다음 주", "2021-W12", "FUTURE_REF"),
    ("ko", "이번 주", "2021-W11", "XXXX-WXX"), ("ko", "지난달", "2021-02", "PAST_REF"),
    ("ko", "다음 달", "2021-04", "FUTURE_REF"), ("ko", "올해", "2021", "XXXX"),
    ("ko", "작년", "2020", "PAST_REF"), ("ko", "내년", "2022", "FUTURE_REF"),
    ("ko", "어제", "2021-03-17", "PAST_REF"), ("ko", "오늘", "2021-03-18", "PRESENT_REF"),
    ("ko", "내일", "2021-03-19", "FUTURE_REF"),
    ("zh", "上周", "2021-W10", "PAST_REF"), ("zh", "下周", "2021-W12", "FUTURE_REF"),
    ("zh", "本周", "2021-W11", "XXXX-WXX"), ("zh", "上个月", "2021-02", "PAST_REF"),
    ("zh", "下个月", "2021-04", "FUTURE_REF"), ("zh", "本月", "2021-03", "XXXX-XX"),
    ("zh", "去年", "2020", "PAST_REF"), ("zh", "明年", "2022", "FUTURE_REF"),
    ("zh", "今年", "2021", "XXXX"), ("zh", "昨天", "2021-03-17", "PAST_REF"),
    ("zh", "今天", "2021-03-18", "PRESENT_REF"), ("zh", "明天", "2021-03-19", "FUTURE_REF"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "value", "undated"), RELATIVE_CASES)
def test_relative_words(language: str, text: str, value: str, undated: str) -> None:
    [timex] = tag_times(f"{text}、", language, THURSDAY)
    assert (timex.text, timex.value, timex.anchor) == (text, value, "dct")
    [timex] = tag_times(f"{text}、", language, None)
    assert (timex.value, timex.anchor) == (undated, None)


def test_week_across_new_year() -> None:
    # 2021-01-01 is a Friday of ISO week 2020-W53
    assert tagged("先週", "ja", "2021-01-01") == [("先週", "2020-W52")]
    assert tagged("来週", "ja", "2020-12-31") == [("来週", "2021-W01")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3日間続いた", "ja", ("3日間", "P3D")), ("2年間", "ja", ("2年間", "P2Y")),
        ("3カ月", "ja", ("3カ月", "P3M")), ("１０日間", "ja", ("１０日間", "P10D")),
        ("사흘 동안", "ko", ("사흘 동안", "P3D")), ("3년간", "ko", ("3년간", "P3Y")),
        ("6개월 동안", "ko", ("6개월 동안", "P6M")), ("이틀간", "ko", ("이틀간", "P2D")),
        ("为期三天", "zh", ("三天", "P3D")), ("两年", "zh", ("两年", "P2Y")),
        ("两个星期", "zh", ("两个星期", "P2W")),
    ],
)  # fmt: skip
def test_durations(text: str, language: str, expected: tuple[str, str]) -> None:
    [timex] = tag_times(text, language, THURSDAY)
    assert (timex.text, timex.value, timex.type) == (*expected, "DURATION")


def test_a_year_is_not_a_duration() -> None:
    assert tagged("2021年，", "zh") == [("2021年", "2021")]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("3カ月前に辞任した", "ja", ("3カ月前", "2020-12")), ("5年前", "ja", ("5年前", "2016")),
        ("2년 전", "ko", ("2년 전", "2019")), ("三天后", "zh", ("三天后", "2021-03-21")),
        ("1990年代", "ja", ("1990年代", "199")), ("1990년대", "ko", ("1990년대", "199")),
    ],
)  # fmt: skip
def test_ago_later_and_decades(text: str, language: str, expected: tuple[str, str]) -> None:
    assert tagged(text, language) == [expected]


@pytest.mark.parametrize(
    ("text", "language", "mod"),
    [("3월 초", "ko", "START"), ("今月末", "ja", "END"), ("本月底", "zh", "END"),
     ("4月中旬", "ja", "MID")],
)  # fmt: skip
def test_part_of_a_period_is_a_mod(text: str, language: str, mod: str) -> None:
    [timex] = tag_times(text, language, THURSDAY)
    assert (timex.text, timex.mod) == (text, mod)


def test_same_day_takes_the_day_named_before() -> None:
    text = "10월 29일 사고가 발생했다. 경찰은 같은 날 현장을 통제했다. 정부는 이날 회의를 열었다."
    found = tag_times(text, "ko", "2022-11-02")
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("10월 29일", "2022-10-29", "dct"),
        ("같은 날", "2022-10-29", "previous"),
        ("이날", "2022-10-29", "previous"),
    ]
    assert tagged("同日、発表した。", "ja") == [("同日", THURSDAY)]
    assert tagged("当天", "zh", None) == [("当天", "XXXX-XX-XX")]


def test_clause_tense() -> None:
    assert clause_tense("20日に開く予定だ。", 0, 3, "ja") == "future"
    assert clause_tense("20日に開いた。", 0, 3, "ja") == "past"
    assert clause_tense("将于20日举行。", 2, 5, "zh") == "future"
    # a comma after the clause ends it: the plan belongs to the other clause
    assert clause_tense("16日 회담했고, 20일 열 예정이다.", 0, 3, "ko") == "past"


def test_spans_are_exact() -> None:
    text = "首相は16日、来週の火曜日に訪米すると述べた。"
    for timex in tag_times(text, "ja", THURSDAY):
        assert text[timex.span.start : timex.span.end] == timex.text


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no CJK time grammar"):
        tag_times("16日", "en", THURSDAY)


def test_a_day_the_month_lacks_keeps_its_span() -> None:
    """ "先月29日" of a March report names no day: the span stays, the month is unknown."""
    assert tagged("先月29日", "ja") == [("先月29日", "XXXX-XX-29")]
    assert tagged("先月29日", "ja", "2021-04-02") == [("先月29日", "2021-03-29")]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        # Every unit a count of units before or after the report's date is written with.
        ("3日前", "ja", "2021-03-15"), ("2週間前", "ja", "2021-W09"),
        ("3か月前", "ja", "2020-12"), ("3ヶ月後", "ja", "2021-06"), ("3カ月前", "ja", "2020-12"),
        ("3ヵ月前", "ja", "2020-12"), ("2年前", "ja", "2019"),
        ("3天前", "zh", "2021-03-15"), ("2个星期后", "zh", "2021-W13"), ("2周前", "zh", "2021-W09"),
        ("3个月后", "zh", "2021-06"), ("2年前", "zh", "2019"),
        ("3일 전", "ko", "2021-03-15"), ("2주 전", "ko", "2021-W09"), ("3개월 후", "ko", "2021-06"),
        ("3달 전", "ko", "2020-12"), ("2년 전", "ko", "2019"),
    ],
)  # fmt: skip
def test_counts_of_units_before_and_after_the_report(text: str, language: str, value: str) -> None:
    assert [v for _, v in tagged(text, language)] == [value]
