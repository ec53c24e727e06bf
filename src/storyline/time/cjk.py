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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from storyline.records import Span, TimeExpression
from storyline.time.cjk_grammar import RULES
from storyline.time.cjk_values import same_day_value

STAGE: Final = "time.tag.v1"
LANGUAGES: Final = frozenset({"ja", "zh", "ko"})
#: The part of a period a suffix names ("3월 초", "月末", "年底"), as TimeML mods.
_PART_MOD: Final = {
    "초": "START", "초순": "START", "初め": "START", "初旬": "START", "上旬": "START",
    "初": "START", "중순": "MID", "中旬": "MID", "하순": "END", "말": "END", "下旬": "END",
    "末": "END", "底": "END",
}  # fmt: skip
_FULL_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    type: str
    value: str
    anchor: str | None  # "dct" when computed from the report's date, "previous" from the day before
    mod: str | None = None


def tag_times(text: str, language: str, anchor: str | None) -> list[TimeExpression]:
    """The time expressions of a ja/zh/ko `text`, normalised against `anchor` (YYYY-MM-DD)."""
    if language not in LANGUAGES:
        raise ValueError(f"no CJK time grammar for language {language!r}")
    dct = _anchor_day(anchor)
    chosen = _same_days_resolved(_longest_first(list(_matches(text, language, dct))))
    return [
        TimeExpression(
            Span(m.start, m.end),
            text[m.start : m.end],
            m.type,
            m.value,
            STAGE,
            mod=m.mod,
            anchor=m.anchor,
        )  # fmt: skip
        for m in chosen
    ]


def _same_days_resolved(chosen: list[_Match]) -> list[_Match]:
    """ "이날", "同日" take the day last named before them (anchor "previous") when there is one."""
    out: list[_Match] = []
    previous: str | None = None
    for m in chosen:
        if m.anchor == "same-day":
            m = (
                replace(m, value=previous, anchor="previous")
                if previous
                else replace(m, anchor="dct" if m.value[0].isdigit() else None)
            )
        elif _FULL_DAY.match(m.value):
            previous = m.value
        out.append(m)
    return out


def _anchor_day(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        day = date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    return None if day.year in (date.min.year, date.max.year) else day


def _matches(text: str, language: str, dct: date | None) -> Iterator[_Match]:
    for rule in RULES[language]:
        for m in rule.pattern.finditer(text):
            resolved = rule.resolve(m, text, language, dct)
            if resolved is not None:
                kind, value, relative = resolved
                anchor = (
                    "same-day" if rule.resolve is same_day_value else "dct" if relative else None
                )
                part = m.groupdict().get("part")
                yield _Match(m.start(), m.end(), kind, value, anchor, _PART_MOD.get(part or ""))


def _longest_first(found: list[_Match]) -> list[_Match]:
    """Non-overlapping matches in text order; a longer one wins, then the earlier rule."""
    ranked = sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), i))
    taken: list[_Match] = []
    for index in ranked:
        m = found[index]
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)
