"""The CJK time grammar: one list of rules per language, each a pattern and its resolver.

Named groups carry what the resolvers read: y/m/d (year, month, day), w (a
weekday), wk (the week it is in), dir (a word putting it ahead or back), ry/rm
(a relative year or month before a month or a day), rel (a relative word), n/u
(a count and its unit), part (the start, middle or end of a period).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from storyline.time.cjk_lexicon import KO_DAY_COUNTS, NUMBER, RELATIVE
from storyline.time.cjk_values import (
    ERAS,
    REL_MONTH,
    REL_YEAR,
    Match,
    Value,
    counted_value,
    day_value,
    decade_value,
    era_value,
    full_date_value,
    month_day_value,
    relative_value,
    same_day_value,
    shifted_value,
    weekday_value,
    year_value,
)

N = NUMBER
_D = r"[0-9０-９]"
_WD_PAREN = r"(?:\s*[（(][月火水木金土日一二三四五六天월화수목금토일][)）])?"


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[Match, str, str, date | None], Value]


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _hangul(word: str) -> bool:
    return "가" <= word[0] <= "힣"


def _rule(pattern: str, resolve: Callable[[Match, str, str, date | None], Value]) -> Rule:
    return Rule(re.compile(pattern), resolve)


_NO_DIGIT = r"(?<![0-9０-９])"
#: "지난 2000년", "오는 5월": the word is part of the expression and says which side.
_KO_DIR = r"(?:(?P<dir>지난|오는)\s+)?"
#: The start, middle or end of a month or year ("3월 초", "月末", "年底"), read as a TimeML mod.
_KO_PART = r"(?:\s?(?P<part>초순|중순|하순|초|말))?"
_JA_PART = r"(?P<part>初め|初旬|上旬|中旬|下旬|末)?"
_ZH_PART = r"(?P<part>初|上旬|中旬|下旬|底|末)?"
_ISO = rf"{_NO_DIGIT}(?P<y>{_D}{{4}})[-./](?P<m>{_D}{{1,2}})[-./](?P<d>{_D}{{1,2}})(?![0-9０-９])"


def _korean_rules() -> list[Rule]:
    rel = _alternatives(RELATIVE["ko"])
    ry = _alternatives(w for w in REL_YEAR if _hangul(w))
    rm = _alternatives(w for w in REL_MONTH if _hangul(w))
    day = rf"(?P<d>\d{{1,2}})일{_WD_PAREN}"
    return [
        _rule(_ISO, full_date_value),
        _rule(r"(?<!\d)(?P<y>\d{4})\.\s(?P<m>\d{1,2})\.\s(?P<d>\d{1,2})\.?(?!\d)", full_date_value),
        _rule(rf"{_KO_DIR}(?<!\d)(?P<y>\d{{4}})년\s*(?P<m>\d{{1,2}})월(?:\s*{day})?",
              full_date_value),
        _rule(rf"{_KO_DIR}(?<!\d)(?P<y>\d{{4}})년(?!\s*(?:간|동안|대))", year_value),
        _rule(r"(?<!\d)(?P<y>\d{4})년대", decade_value),
        _rule(rf"(?:(?P<ry>{ry})\s*|{_KO_DIR})(?<!\d)(?P<m>\d{{1,2}})월(?:\s*{day})?"
              rf"(?!\s*(?:간|동안)){_KO_PART}", month_day_value),
        _rule(rf"(?:(?P<rm>{rm})\s*|(?P<dir>지난|오는)\s+)?(?<![\d.])(?P<d>\d{{1,2}})일"
              r"(?!\s*(?:간|동안|째))", day_value),
        _rule(r"(?:(?P<wk>지난\s?주|이번\s?주|다음\s?주)\s*|(?P<dir>지난|오는|다음)\s+)?"
              r"(?P<w>[월화수목금토일])요일", weekday_value),
        _rule(rf"(?<![가-힣])(?P<rel>{rel}){_KO_PART}", relative_value),
        _rule(r"(?<!\d)(?P<n>\d{1,3})\s*(?P<u>일|주|개월|달|년)\s*(?P<way>전|후)", shifted_value),
        _rule(r"(?<![가-힣])(?:이날|이 날|당일|같은 날)", same_day_value),
        _rule(r"(?<!\d)(?P<n>\d{1,3})\s*(?P<u>일|주일|주|개월|달|년)\s*(?:간|동안)"
              r"|(?<!\d)(?P<n2>\d{1,3})\s*(?P<u2>개월)", counted_value),
        _rule(rf"(?<![가-힣])(?P<native>{_alternatives(KO_DAY_COUNTS)})(?:\s*(?:간|동안))?",
              counted_value),
    ]  # fmt: skip


def _han_rules(lang: str) -> list[Rule]:
    """Japanese and Chinese: the same characters for year, month and day."""
    rel = _alternatives(RELATIVE[lang])
    ry = _alternatives(w for w in REL_YEAR if not _hangul(w))
    rm = _alternatives(w for w in REL_MONTH if not _hangul(w))
    day = rf"(?P<d>{N})(?:{'日|号' if lang == 'zh' else '日'})"
    not_count = r"(?!間|间|前|後|后|ぶり|連続|连续|以内|内|目)"
    part = _JA_PART if lang == "ja" else _ZH_PART
    return [
        _rule(_ISO, full_date_value),
        _rule(rf"{_NO_DIGIT}(?P<y>{N})年(?P<m>{N})月(?:{day}{_WD_PAREN})?", full_date_value),
        _rule(rf"{_NO_DIGIT}(?P<y>{N})年(?!間|间|代|度|前|后|後|来|半)", year_value),
        _rule(rf"{_NO_DIGIT}(?P<y>{_D}{{4}})年代", decade_value),
        _rule(rf"(?:(?P<ry>{ry}))?{_NO_DIGIT}(?P<m>{N})月(?:份)?(?:{day}{_WD_PAREN})?(?!間|间)"
              rf"{part}", month_day_value),
        _rule(rf"(?:(?P<rm>{rm})|(?P<dir>来る|去る|次の)|(?<![0-9０-９年月])){day}{not_count}"
              rf"{_WD_PAREN}", day_value),
        _rule(rf"(?P<rel>{rel}){part}", relative_value),
        *(_japanese_rules() if lang == "ja" else _chinese_rules()),
    ]  # fmt: skip


def _japanese_rules() -> list[Rule]:
    months = "か月|ヶ月|カ月|ヵ月"
    return [
        _rule(rf"(?P<era>{'|'.join(ERAS)})(?P<n>元|{N})年(?:(?P<m>{N})月(?:(?P<d>{N})日)?)?"
              rf"{_WD_PAREN}", era_value),
        _rule(r"(?:(?P<wk>先週|今週|来週)の?|(?P<dir>次の|来る|去る))?(?P<w>[月火水木金土日])曜日?"
              r"|[（(](?P<w2>[月火水木金土日])[)）]", weekday_value),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>日|週|{months}|年)間"
              rf"|{_NO_DIGIT}(?P<n2>{N})(?P<u2>{months})(?!前|後)", counted_value),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>日|週間|{months}|年)(?P<way>前|後)", shifted_value),
        _rule(r"同日|この日|当日", same_day_value),
    ]  # fmt: skip


def _chinese_rules() -> list[Rule]:
    return [
        _rule(r"(?P<wk>[上下本这])?个?(?:星期|礼拜|周)(?P<w>[一二三四五六日天])", weekday_value),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>天|个星期|星期|周|个月|年)(?:间|里)?"
              r"(?!底|初|中|前|后)", counted_value),
        _rule(rf"{_NO_DIGIT}(?P<n>{N})(?P<u>天|个星期|周|个月|年)(?P<way>前|后)", shifted_value),
        _rule(r"当天|当日|同日|这一天", same_day_value),
    ]  # fmt: skip


RULES: Final = {"ja": _han_rules("ja"), "zh": _han_rules("zh"), "ko": _korean_rules()}
