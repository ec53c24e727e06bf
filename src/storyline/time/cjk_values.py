"""Resolvers of the CJK time grammar: a match and the report's date in, a TIMEX3 value out.

Each resolver takes the match, the text, the language and the report's date
(None when unknown) and gives the expression's type, value and whether the
report's date gave it; None rejects the match ("13月", "32日").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from storyline.time.cjk_lexicon import (
    AHEAD_WORDS,
    BACK_WORDS,
    KO_DAY_COUNTS,
    RELATIVE,
    WEEK_SHIFT,
    WEEKDAY,
    clause_tense,
    read_number,
)

#: A match's TIMEX3 type, value, and whether the report's date gave it; None rejects the match.
Value = tuple[str, str, bool] | None
Match = re.Match[str]

#: Japanese eras: the year before each era's first year.
ERAS: Final = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
REL_YEAR: Final = {"今年": 0, "本年": 0, "去年": -1, "昨年": -1, "来年": 1, "明年": 1,
                    "올해": 0, "작년": -1, "지난해": -1, "지난 해": -1, "내년": 1}  # fmt: skip
REL_MONTH: Final = {"今月": 0, "本月": 0, "先月": -1, "上个月": -1, "来月": 1, "下个月": 1,
                     "이달": 0, "이번 달": 0, "지난달": -1, "지난 달": -1, "다음 달": 1,
                     "다음달": 1}  # fmt: skip
#: "this week" and the like with no report date, as the English tagger writes them.
_UNDATED_NOW: Final = {"D": "PRESENT_REF", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}
DURATION_UNIT: Final = {
    "日": "D", "天": "D", "일": "D",
    "週": "W", "週間": "W", "周": "W", "星期": "W", "个星期": "W", "주": "W", "주일": "W",
    "か月": "M", "ヶ月": "M", "カ月": "M", "ヵ月": "M", "个月": "M", "개월": "M", "달": "M",
    "年": "Y", "년": "Y",
}  # fmt: skip


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _num(m: Match, group: str) -> int | None:
    written = m[group]
    return read_number(written) if written else None


def full_date_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    year, month, day = _num(m, "y"), _num(m, "m"), _num(m, "d")
    if year is None or not 1000 <= year <= 2999 or month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", False
    found = _safe(year, month, day)
    return ("DATE", found.isoformat(), False) if found else None


def year_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    year = _num(m, "y")
    return ("DATE", f"{year:04d}", False) if year is not None and 1000 <= year <= 2999 else None


def era_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    in_era = 1 if m["n"] == "元" else read_number(m["n"])
    if in_era is None or in_era < 1:
        return None
    year = ERAS[m["era"]] + in_era
    month, day = _num(m, "m"), _num(m, "d")
    if month is None:
        return "DATE", f"{year:04d}", False
    if not 1 <= month <= 12:
        return None
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", False
    found = _safe(year, month, day)
    return ("DATE", found.isoformat(), False) if found else None


def _direction(m: Match, text: str, lang: str) -> str | None:
    """ "future"/"past" from the words before the match, else from its clause."""
    marker = (m.groupdict().get("dir") or "").strip()
    if marker in AHEAD_WORDS:
        return "future"
    if marker in BACK_WORDS:
        return "past"
    return clause_tense(text, m.start(), m.end(), lang)


def month_day_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    month, day = _num(m, "m"), _num(m, "d")
    if month is None or not 1 <= month <= 12 or (day is not None and not _safe(2000, month, day)):
        return None  # 2000 is a leap year: "2月29日" may be a date, "2月30日" is not
    rel_year = m.groupdict().get("ry")
    if dct is None:  # "去年3月" with no report date: the month is known, the year not
        tail = f"-{day:02d}" if day is not None else ""
        return "DATE", f"XXXX-{month:02d}{tail}", False
    if rel_year is not None:
        year = dct.year + REL_YEAR[rel_year]
    else:
        year = _year_of_month(dct, month, day or 1, _direction(m, text, lang))
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", True
    found = _safe(year, month, day)
    # "明年2月29日" of a report in 2023: no such day; the month and day stay, the year not
    return (
        ("DATE", found.isoformat(), True)
        if found
        else ("DATE", f"XXXX-{month:02d}-{day:02d}", False)
    )


def _year_of_month(dct: date, month: int, day: int, direction: str | None) -> int:
    """The year putting (month, day) on the side of `dct` the tense says, else nearest it."""
    named = (month, day)
    now = (dct.month, dct.day)
    if direction == "past":
        return dct.year if named <= now else dct.year - 1
    if direction == "future":
        return dct.year if named >= now else dct.year + 1
    if month - dct.month > 6:
        return dct.year - 1
    if dct.month - month > 6:
        return dct.year + 1
    return dct.year


def day_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    day = _num(m, "d")
    if day is None or not 1 <= day <= 31:
        return None
    rel_month = m.groupdict().get("rm")
    if dct is None:
        return "DATE", f"XXXX-XX-{day:02d}", False
    if rel_month is not None:
        month_start = _add_months(dct.replace(day=1), REL_MONTH[rel_month])
        found = _safe(month_start.year, month_start.month, day)
    elif _direction(m, text, lang) == "future":
        found = _day_from(dct, day, 1)
    else:
        found = _day_from(dct, day, -1)
    # "先月29日" of a report in March 2021: no such day; the day stays, the month not
    return ("DATE", found.isoformat(), True) if found else ("DATE", f"XXXX-XX-{day:02d}", False)


def _day_from(dct: date, day: int, step: int) -> date | None:
    """The nearest date numbered `day` on or after (step 1) / on or before (-1) `dct`."""
    month_start = dct.replace(day=1)
    for _ in range(3):  # the 31st may skip a month
        found = _safe(month_start.year, month_start.month, day)
        if found is not None and (found - dct).days * step >= 0:
            return found
        month_start = _add_months(month_start, step)
    return None


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def weekday_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    iso_day = WEEKDAY[m["w"] or m["w2"]] if "w2" in m.re.groupindex else WEEKDAY[m["w"]]
    week = (m.groupdict().get("wk") or "").replace(" ", "")
    if dct is None:
        return "DATE", f"XXXX-WXX-{iso_day}", False
    if week:
        shift = WEEK_SHIFT[week]
        monday = dct - timedelta(days=dct.isoweekday() - 1) + timedelta(weeks=shift)
        return "DATE", (monday + timedelta(days=iso_day - 1)).isoformat(), True
    marker = (m.groupdict().get("dir") or "").strip()
    gap = (iso_day - dct.isoweekday()) % 7
    if marker in AHEAD_WORDS:
        found = dct + timedelta(days=gap or 7)
    elif marker in BACK_WORDS:
        found = dct - timedelta(days=(7 - gap) % 7 or 7)
    elif _direction(m, text, lang) == "future":
        found = dct + timedelta(days=gap)
    else:
        found = dct - timedelta(days=(7 - gap) % 7)
    return "DATE", found.isoformat(), True


def relative_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    unit, offset = RELATIVE[lang][m["rel"]]
    if dct is None:
        if offset:
            return "DATE", "PAST_REF" if offset < 0 else "FUTURE_REF", False
        return "DATE", _UNDATED_NOW[unit], False
    return _moved(dct, unit, offset)


def decade_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    """A decade named by its first year ("1990年代", "1990년대"): TimeML's "199"."""
    year = _num(m, "y")
    return ("DATE", f"{year // 10:03d}", False) if year and year % 10 == 0 else None


def shifted_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    """A count of units before or after the report's date ("3カ月前", "2년 전", "三天后")
    at the unit's granularity, as the English tagger writes "two years ago"."""
    count = _num(m, "n")
    if count is None:
        return None
    unit = DURATION_UNIT[m["u"]]
    step = -count if m["way"] in ("前", "전") else count
    if dct is None:
        return "DATE", "PAST_REF" if step < 0 else "FUTURE_REF", False
    return _moved(dct, unit, step)


def _moved(dct: date, unit: str, step: int) -> Value:
    """The day, week, month or year (`unit` D, W, M, Y) `step` of them from the report's
    date, at that granularity."""
    if unit == "D":
        return "DATE", (dct + timedelta(days=step)).isoformat(), True
    if unit == "W":
        year, week, _ = (dct + timedelta(weeks=step)).isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}", True
    if unit == "M":
        return "DATE", f"{_add_months(dct.replace(day=1), step):%Y-%m}", True
    return "DATE", f"{dct.year + step:04d}", True


def same_day_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    """ "이날", "同日", "当天": the day last named before it, which `tag_times` fills in;
    the report's date until then."""
    return "DATE", dct.isoformat() if dct else "XXXX-XX-XX", dct is not None


def counted_value(m: Match, text: str, lang: str, dct: date | None) -> Value:
    """A duration: a number and a unit ("3日間", "3년간", "三天"), or a Korean day count."""
    groups = m.groupdict()
    if groups.get("native"):
        return "DURATION", f"P{KO_DAY_COUNTS[groups['native']]}D", False
    written, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
    count = read_number(written)
    if not count:
        return None
    if DURATION_UNIT[unit] == "Y" and lang == "zh" and written.isascii() and len(written) == 4:
        return None  # "2021年" is a year, not 2021 years
    return "DURATION", f"P{count}{DURATION_UNIT[unit]}", False
