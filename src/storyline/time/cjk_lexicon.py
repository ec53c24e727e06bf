"""Words and numerals of Japanese, Chinese and Korean time expressions.

Numbers are read from Arabic digits (ASCII or full-width: "16", "１６") and
from kanji numerals, positional ("二〇二一") or with tens and hundreds ("十六",
"二十三", "两"). The tables give each relative word the unit it moves by and how
far ("先週" is one week back), and each language's words that mark a clause as
future (a plan or an announcement) or past.
"""

from __future__ import annotations

import re
from typing import Final

#: A number as a pattern (no groups): digits of either width, or kanji numerals.
NUMBER: Final = r"(?:[0-9０-９]{1,4}|[〇零一二三四五六七八九十百两兩]{1,5})"

_DIGITS: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0, "两": 2, "兩": 2,
}  # fmt: skip
_MULTIPLIERS: Final = {"十": 10, "百": 100}
_WIDE: Final = str.maketrans("０１２３４５６７８９", "0123456789")


def read_number(written: str) -> int | None:
    """The value of a numeral as `NUMBER` matches it; None when it is not one ("十十")."""
    plain = written.translate(_WIDE)
    if plain.isascii():
        return int(plain) if plain.isdigit() else None
    if not any(c in _MULTIPLIERS for c in plain):  # positional: 二〇二一
        if not all(c in _DIGITS for c in plain):
            return None
        return int("".join(str(_DIGITS[c]) for c in plain))
    total, pending, last = 0, None, 1000
    for char in plain:
        if char in _DIGITS:
            if pending is not None:
                return None  # two digits before a multiplier ("二三十")
            pending = _DIGITS[char]
        elif char in _MULTIPLIERS and _MULTIPLIERS[char] < last:
            last = _MULTIPLIERS[char]
            total += (1 if pending is None else pending) * last
            pending = None
        else:
            return None  # "十十": tens twice
    return total + (pending or 0)


#: Relative words: (unit, offset) with unit D(ay), W(eek), M(onth) or Y(ear).
RELATIVE: Final[dict[str, dict[str, tuple[str, int]]]] = {
    "ja": {
        "一昨日": ("D", -2), "おととい": ("D", -2), "昨日": ("D", -1), "きのう": ("D", -1),
        "今日": ("D", 0), "きょう": ("D", 0), "本日": ("D", 0), "明日": ("D", 1),
        "あす": ("D", 1), "明後日": ("D", 2), "先々週": ("W", -2), "先週": ("W", -1),
        "今週": ("W", 0), "来週": ("W", 1), "再来週": ("W", 2), "先月": ("M", -1),
        "今月": ("M", 0), "来月": ("M", 1), "一昨年": ("Y", -2), "昨年": ("Y", -1),
        "去年": ("Y", -1), "今年": ("Y", 0), "本年": ("Y", 0), "来年": ("Y", 1),
        "再来年": ("Y", 2),
    },
    "zh": {
        "前天": ("D", -2), "昨天": ("D", -1), "昨日": ("D", -1), "今天": ("D", 0),
        "今日": ("D", 0), "明天": ("D", 1), "明日": ("D", 1), "后天": ("D", 2),
        "上周": ("W", -1), "上星期": ("W", -1), "上个星期": ("W", -1), "本周": ("W", 0),
        "这周": ("W", 0), "这个星期": ("W", 0), "下周": ("W", 1), "下星期": ("W", 1),
        "下个星期": ("W", 1), "上个月": ("M", -1), "上月": ("M", -1), "本月": ("M", 0),
        "这个月": ("M", 0), "下个月": ("M", 1), "下月": ("M", 1), "前年": ("Y", -2),
        "去年": ("Y", -1), "今年": ("Y", 0), "明年": ("Y", 1), "后年": ("Y", 2),
    },
    "ko": {
        "그저께": ("D", -2), "그제": ("D", -2), "어제": ("D", -1), "오늘": ("D", 0),
        "내일": ("D", 1), "모레": ("D", 2), "지난주": ("W", -1), "지난 주": ("W", -1),
        "이번 주": ("W", 0), "이번주": ("W", 0), "금주": ("W", 0), "다음 주": ("W", 1),
        "다음주": ("W", 1), "지난달": ("M", -1), "지난 달": ("M", -1), "이번 달": ("M", 0),
        "이달": ("M", 0), "다음 달": ("M", 1), "다음달": ("M", 1), "재작년": ("Y", -2),
        "작년": ("Y", -1), "지난해": ("Y", -1), "올해": ("Y", 0), "금년": ("Y", 0),
        "내년": ("Y", 1), "내후년": ("Y", 2),
    },
}  # fmt: skip

#: Weekday names to ISO day numbers (Monday 1 … Sunday 7).
WEEKDAY: Final[dict[str, int]] = {
    "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6, "日": 7,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "天": 7,
    "월": 1, "화": 2, "수": 3, "목": 4, "금": 5, "토": 6, "일": 7,
}  # fmt: skip

#: Native Korean counts of days ("사흘" is three days).
KO_DAY_COUNTS: Final[dict[str, int]] = {
    "하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7,
    "여드레": 8, "아흐레": 9, "열흘": 10,
}  # fmt: skip

#: Words that move a day or a weekday forward or back, as a pattern's prefix says.
AHEAD_WORDS: Final = frozenset({"来る", "次の", "오는", "다음"})
BACK_WORDS: Final = frozenset({"去る", "지난"})
#: Words naming the week of a weekday ("先週の火曜", "上周二", "지난주 화요일").
WEEK_SHIFT: Final[dict[str, int]] = {
    "先週": -1, "今週": 0, "来週": 1, "上": -1, "本": 0, "这": 0, "下": 1,
    "지난주": -1, "이번주": 0, "다음주": 1,
}  # fmt: skip

#: Clause cues after an expression: the first one found gives its tense.
_FUTURE_AFTER: Final = {
    "ja": r"予定|見通し|見込み|計画|方針|つもり|する方向|へ[。、]",
    "zh": r"将|计划|预计|拟|准备|打算|举行。",
    "ko": r"예정|계획|방침|할 것|될 것|겠",
}
_PAST_AFTER: Final = {
    "ja": r"した|された|だった|った|んだ|いた|あった|発表|明らかに",
    "zh": r"了|表示|说|称|宣布|举行了",
    "ko": r"했다|됐다|였다|었다|았다|밝혔|말했|했으며|했고",
}
#: Cues just before an expression ("将于16日", "오는"): a plan.
_FUTURE_BEFORE: Final = {"ja": r"", "zh": r"将于?|计划于|预计于?|拟于", "ko": r""}
_SENTENCE_END: Final = re.compile(r"[。！？!?\n]|(?<=[다요])\.")
#: A comma ends the clause too, unless it just follows the expression ("20日、…予定だ").
_COMMA: Final = re.compile(r"[,，、]")
_TOPIC_GAP: Final = 3
_CUES: Final = {
    lang: re.compile(rf"(?P<future>{_FUTURE_AFTER[lang]})|(?P<past>{_PAST_AFTER[lang]})")
    for lang in _FUTURE_AFTER
}
_BEFORE: Final = {
    lang: re.compile(rf"(?:{cue})\s*$") for lang, cue in _FUTURE_BEFORE.items() if cue
}


def clause_tense(text: str, start: int, end: int, language: str) -> str | None:
    """ "future" or "past" as the clause around text[start:end] says, else None.

    A plan word just before the expression ("将于16日") makes it future; else the
    first tense cue between the expression and the end of its sentence decides
    ("16日に開く予定だ" future, "16日に発表した" past).
    """
    before = _BEFORE.get(language)
    if before is not None and before.search(text, max(0, start - 4), start):
        return "future"
    stop = _SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    comma = _COMMA.search(text, end + _TOPIC_GAP, limit)
    cue = _CUES[language].search(text, end, comma.start() if comma else limit)
    if cue is None:
        return None
    return "future" if cue["future"] else "past"
