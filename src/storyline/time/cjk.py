"""Time expressions in Japanese, Chinese and Korean, normalised to TIMEX3 values.

`tag_times` matches a small grammar per language (full dates, Japanese era
dates, month-day, a day alone, weekdays, relative words, durations), keeps the
longest non-overlapping matches, and normalises each against the report's date
(`anchor`), with the conventions of the English tagger (`tagger.tag_time`):
a week is YYYY-Www, "today" is the anchor's day, and with no anchor a relative
value becomes PAST_REF / PRESENT_REF / FUTURE_REF or keeps X placeholders.

A day or a weekday alone ("16日", "화요일") is the last one on or before the
report's date unless the words before it ("来る", "오는", "下") or the tense of
its clause ("…予定", "将于…", "…할 예정") put it ahead: news reports mostly
tell what has happened. A month-day or a month alone takes the year that puts it
nearest the report's date, unless its clause's tense says which side.
Offsets are into `text` as given (full-width digits are read, never rewritten).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from storyline.records import Span, TimeExpression
from storyline.time.cjk_lexicon import (
    AHEAD_WORDS,
    BACK_WORDS,
    KO_DAY_COUNTS,
    NUMBER,
    RELATIVE,
    WEEK_SHIFT,
    WEEKDAY,
    clause_tense,
    read_number,
)

STAGE: Final = "time.tag.v1"
LANGUAGES: Final = frozenset({"ja", "zh", "ko"})

N = NUMBER
_D = r"[0-9０-９]"
_WD_PAREN = r"(?:\s*[（(][月火水木金土日一二三四五六天월화수목금토일][)）])?"
#: Japanese eras: the year before each era's first year.
_ERAS: Final = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_REL_YEAR: Final = {"今年": 0, "本年": 0, "去年": -1, "昨年": -1, "来年": 1, "明年": 1,
                    "올해": 0, "작년": -1, "지난해": -1, "내년": 1}  # fmt: skip
_REL_MONTH: Final = {"今月": 0, "本月": 0, "先月": -1, "上个月": -1, "来月": 1, "下个月": 1,
                     "이달": 0, "이번 달": 0, "지난달": -1, "다음 달": 1}  # fmt: skip
#: "this week" and the like with no report date, as the English tagger writes them.
_UNDATED_NOW: Final = {"D": "PRESENT_REF", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}
_DURATION_UNIT: Final = {
    "日": "D", "天": "D", "일": "D", "週": "W", "周": "W", "星期": "W", "个星期": "W", "주": "W",
    "주일": "W", "か月": "M", "ヶ月": "M", "カ月": "M", "ヵ月": "M", "个月": "M", "개월": "M",
    "달": "M", "年": "Y", "년": "Y",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    type: str
    value: str
    relative: bool  # computed from the report's date


#: A match's TIMEX3 type, value, and whether the report's date gave it; None rejects the match.
Value = tuple[str, str, bool] | None
Match = re.Match[str]


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[Match, str, str, date | None], Value]


def tag_times(text: str, language: str, anchor: str | None) -> list[TimeExpression]:
    """The time expressions of a ja/zh/ko `text`, normalised against `anchor` (YYYY-MM-DD)."""
    if language not in LANGUAGES:
        raise ValueError(f"no CJK time grammar for language {language!r}")
    dct = _anchor_day(anchor)
    found = list(_matches(text, language, dct))
    return [
        TimeExpression(
            Span(m.start, m.end),
            text[m.start : m.end],
            m.type,
            m.value,
            STAGE,
            anchor="dct" if m.relative else None,
        )  # fmt: skip
        for m in _longest_first(found)
    ]


def _anchor_day(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        day = date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    return None if day.year in (date.min.year, date.max.year) else day


def _matches(text: str, language: str, dct: date | None) -> Iterator[_Match]:
    for rule in _RULES[language]:
        for m in rule.pattern.finditer(text):
            resolved = rule.resolve(m, text, language, dct)
            if resolved is not None:
                kind, value, relative = resolved
                yield _Match(m.start(), m.end(), kind, value, relative)


def _longest_first(found: list[_Match]) -> list[_Match]:
    """Non-overlapping matches in text order; a longer one wins, then the earlier rule."""
    ranked = sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), i))
    taken: list[_Match] = []
    for index in ranked:
        m = found[index]
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


# --- resolvers: (match, text, language, dct) -> (type, value, relative) or None --------------


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _num(m: Match, group: str) -> int | None:
    written = m[group]
    return read_number(written) if written else None


def _full_date(m: Match, text: str, lang: str, dct: date | None) -> Value:
    year, month, day = _num(m, "y"), _num(m, "m"), _num(m, "d")
    if year is None or not 1000 <= year <= 2999 or month is None or not 1 <= month <= 12:
        return None
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", False
    found = _safe(year, month, day)
    return ("DATE", found.isoformat(), False) if found else None


def _year(m: Match, text: str, lang: str, dct: date | None) -> Value:
    year = _num(m, "y")
    return ("DATE", f"{year:04d}", False) if year is not None and 1000 <= year <= 2999 else None


def _era(m: Match, text: str, lang: str, dct: date | None) -> Value:
    in_era = 1 if m["n"] == "元" else read_number(m["n"])
    if in_era is None or in_era < 1:
        return None
    year = _ERAS[m["era"]] + in_era
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


def _month_day(m: Match, text: str, lang: str, dct: date | None) -> Value:
    month, day = _num(m, "m"), _num(m, "d")
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    rel_year = m.groupdict().get("ry")
    if dct is None:
        if rel_year is not None and _REL_YEAR[rel_year] == 0:
            return None  # "今年3月" with no report date: let "今年" and "3月" stand alone
        tail = f"-{day:02d}" if day is not None else ""
        return ("DATE", f"XXXX-{month:02d}{tail}", False) if rel_year is None else None
    if rel_year is not None:
        year = dct.year + _REL_YEAR[rel_year]
    else:
        year = _year_of_month(dct, month, day or 1, _direction(m, text, lang))
    if day is None:
        return "DATE", f"{year:04d}-{month:02d}", True
    found = _safe(year, month, day)
    return ("DATE", found.isoformat(), True) if found else None


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


def _day(m: Match, text: str, lang: str, dct: date | None) -> Value:
    day = _num(m, "d")
    if day is None or not 1 <= day <= 31:
        return None
    rel_month = m.groupdict().get("rm")
    if dct is None:
        return ("DATE", f"XXXX-XX-{day:02d}", False) if rel_month is None else None
    if rel_month is not None:
        month_start = _add_months(dct.replace(day=1), _REL_MONTH[rel_month])
        found = _safe(month_start.year, month_start.month, day)
    elif _direction(m, text, lang) == "future":
        found = _day_from(dct, day, 1)
    else:
        found = _day_from(dct, day, -1)
    return ("DATE", found.isoformat(), True) if found else None


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


def _weekday(m: Match, text: str, lang: str, dct: date | None) -> Value:
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


def _relative(m: Match, text: str, lang: str, dct: date | None) -> Value:
    unit, offset = RELATIVE[lang][m["rel"]]
    if dct is None:
        if offset:
            return "DATE", "PAST_REF" if offset < 0 else "FUTURE_REF", False
        return "DATE", _UNDATED_NOW[unit], False
    if unit == "D":
        return "DATE", (dct + timedelta(days=offset)).isoformat(), True
    if unit == "W":
        year, week, _ = (dct + timedelta(weeks=offset)).isocalendar()
        return "DATE", f"{year:04d}-W{week:02d}", True
    if unit == "M":
        return "DATE", f"{_add_months(dct.replace(day=1), offset):%Y-%m}", True
    return "DATE", f"{dct.year + offset:04d}", True


def _counted(m: Match, text: str, lang: str, dct: date | None) -> Value:
    """A duration: a number and a unit ("3日間", "3년간", "三天"), or a Korean day count."""
    groups = m.groupdict()
    if groups.get("native"):
        return "DURATION", f"P{KO_DAY_COUNTS[groups['native']]}D", False
    written, unit = (m["n"], m["u"]) if m["n"] else (m["n2"], m["u2"])
    count = read_number(written)
    if not count:
        return None
    if _DURATION_UNIT[unit] == "Y" and lang == "zh" and written.isascii() and len(written) == 4:
        return None  # "2021年" is a year, not 2021 years
    return "DURATION", f"P{count}{_DURATION_UNIT[unit]}", False


# --- the grammar ------------------------------------------------------------------------------


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _hangul(word: str) -> bool:
    return "가" <= word[0] <= "힣"


def _rule(pattern: str, resolve: Callable[[Match, str, str, date | None], Value]) -> _Rule:
    return _Rule(re.compile(pattern), resolve)


_NO_DIGIT = r"(?<![0-9０-９])"
_ISO = rf"{_NO_DIGIT}(?P<y>{_D}{{4}})[-./](?P<m>{_D}{{1,2}})[-./](?P<d>{_D}{{1,2}})(?![0-9０-９])"


def _korean_rules() -> list[_Rule]:
    rel = _alternatives(RELATIVE["ko"])
    ry = _alternatives(w for w in _REL_YEAR if _hangul(w))
    rm = _alternatives(w for w in _REL_MONTH if _hangul(w))
    day = rf"(?P<d>\d{{1,2}})일{_WD_PAREN}"
    return [
        _rule(_ISO, _full_date),
        _rule(r"(?<!\d)(?P<y>\d{4})\.\s(?P<m>\d{1,2})\.\s(?P<d>\d{1,2})\.?(?!\d)", _full_date),
        _rule(rf"(?<!\d)(?P<y>\d{{4}})년\s*(?P<m>\d{{1,2}})월(?:\s*{day})?", _full_date),
        _rule(r"(?<!\d)(?P<y>\d{4})년(?!\s*(?:간|동안|대))", _year),
        _rule(rf"(?:(?P<ry>{ry})\s*)?(?<!\d)(?P<m>\d{{1,2}})월(?:\s*{day})?(?!\s*(?:간|동안))",
              _month_day),
        _rule(rf"(?:(?P<rm>{rm})\s*|(?P<dir>지난|오는)\s+)?(?<![\d.])(?P<d>\d{{1,2}})일"
              r"(?!\s*(?:간|동안|째))", _day),
        _rule(r"(?:(?P<wk>지난\s?주|이번\s?주|다음\s?주)\s*|(?P<dir>지난|오는|다음)\s+)?"
              r"(?P<w>[월화수목금토일])요일", _weekday),
        _rule(rf"(?<![가-힣])(?P<rel>{rel})", _relative),
        _rule(r"(?<!\d)(?P<n>\d{1,3})\s*(?P<u>일|주일|주|개월|달|년)\s*(?:간|동안)"
              r"|(?<!\d)(?P<n2>\d{1,3})\s*(?P<u2>개월)", _counted),
        _rule(rf"(?<![가-힣])(?P<native>{_alternatives(KO_DAY_COUNTS)})(?:\s*(?:간|동안))?",
              _counted),
    ]  # fmt: skip


def _han_rules(lang: str) -> list[_Rule]:
    """Japanese and Chinese: the same characters for year, month and day."""
    rel = _alternatives(RELATIVE[lang])
    ry = _alternatives(w for w in _REL_YEAR if not _hangul(w))
    rm = _alternatives(w for w in _REL_MONTH if not _hangul(w))
    day = rf"(?P<d>{N})(?:{'日|号' if lang == 'zh' else '日'})"
    not_count = r"(?!間|间|前|後|后|ぶり|連続|连续|以内|内|目)"
    return [
        _rule(_ISO, _full_date),
        _rule(rf"{_NO_DIGIT}(?P<y>{N})年(?P<m>{N})月(?:{day}{_WD_PAREN})?", _full_date),
        _rule(rf"{_NO_DIGIT}(?P<y>{N})年(?!間|间|代|度|前|后|後|来|半)", _year),
        _rule(rf"(?:(?P<ry>{ry}))?{_NO_DIGIT}(?P<m>{N})月(?:份)?(?:{day}{_WD_PAREN})?(?!間|间)",
              _month_day),
        _rule(rf"(?:(?P<rm>{rm})|(?P<dir>来る|去る|次の))?(?<![0-9０-９年月]){day}{not_count}"
              rf"{_WD_PAREN}", _day),
        _rule(rf"(?P<rel>{rel})", _relative),
        *(_japanese_rules() if lang == "ja" else _chinese_rules()),
    ]  # fmt: skip


def _japanese_rules() -> list[_Rule]:
    months = "か月|ヶ月|カ月|ヵ月"
    return [
        _rule(rf"(?P<era>{'|'.join(_ERAS)})(?P<n>元|{N})年(?:(?P<m>{N})月(?:(?P<d>{N})日)?)?"
              rf"{_WD_PAREN}", _era),
        _rule(r"(?:(?P<wk>先週|今週|来週)の?|(?P<dir>次の|来る|去る))?(?P<w>[月火水木金土日])曜日?"
              r"|[（(](?P<w2>[月火水木金土日])[)）]", _weekday),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>日|週|{months}|年)間"
              rf"|{_NO_DIGIT}(?P<n2>{N})(?P<u2>{months})", _counted),
    ]  # fmt: skip


def _chinese_rules() -> list[_Rule]:
    return [
        _rule(r"(?P<wk>[上下本这])?个?(?:星期|礼拜|周)(?P<w>[一二三四五六日天])", _weekday),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>天|个星期|星期|周|个月|年)(?:间|里)?"
              r"(?!底|初|中|前|后)", _counted),
    ]  # fmt: skip


_RULES: Final = {"ja": _han_rules("ja"), "zh": _han_rules("zh"), "ko": _korean_rules()}
