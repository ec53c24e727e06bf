"""Normalising calendar-named expressions: dates, months, years, seasons, quarters.

These name a calendar unit ("March 16", "April", "the fourth quarter",
"the 1990s") and need the report's date only for what they leave out (the
year), which is chosen by tense: "will be held in April" is the next April,
"fell in April" the last one. Each function takes a candidate's groups and
its `Context` and returns a `Resolved`, or None when the match is not a time
expression after all ("May" the verb, "2000 workers").
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta
from typing import Final

from storyline.time.dates import (
    day_of_month_near,
    easter,
    fmt_day,
    fmt_month,
    iso_week,
    month_near,
    nth_weekday,
    quarter_of,
    safe_date,
    season_month,
)
from storyline.time.lexicon import (
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    month_number,
    period_mod,
    words,
)
from storyline.time.values import Context, Resolved

Groups = dict[str, str | None]

#: Months that are also common words or names: bare, they need a preposition or modifier.
_AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset({"march", "april", "may", "june", "august"})
# Possessives before a month that modifies a noun ("GM's May sales"); not "the", since
# "the May government" may be a person's.
_OWNERS: Final[frozenset[str]] = frozenset({"'s", "’s", "'", "’", "its", "their", "his", "our"})


def _owned(previous_word: str) -> bool:
    return previous_word in _OWNERS or previous_word.endswith(("'s", "’s", "s'", "s’"))


# The noun a month modifies: "May sales", "the April jobs report".
_MODIFIED_NOUN = re.compile(r"[^\S\n]+([a-z]+)\b(?:[^\S\n]+([a-z]+)\b)?")
# Nouns for a month's figures, published after it ends: their month looks back.
_FIGURES: Final[frozenset[str]] = frozenset(
    {"sales", "figures", "data", "results", "numbers", "earnings", "output", "production",
     "payrolls", "deliveries", "registrations", "report", "statistics"}
)  # fmt: skip
# Nouns for a period's published results: a quarter before them has ended, whatever the
# verb ("will report its fourth-quarter results next week"); not "profit" or "sales",
# which are forecast as often.
_REPORTS: Final[frozenset[str]] = frozenset({"results", "figures", "numbers", "report"})
# A plural noun after a number ("2000 workers"); "loss", "business" end in -ss and are not.
_COUNT_NOUN = re.compile(r"\s+(?!years|times)[a-z]*[a-rt-z]s\b")
# A name before a number: "Russell 2000", "Windows 2000" (not "Bush's 2009 budget").
_NAME_BEFORE = re.compile(r"(?<![.!?\n]\s)(?<!^)\b[A-Z][a-z]+\s+$")
# The next word goes on with the name only on the same line ("Russell 2000 Index").
_NAME_AFTER = re.compile(r"[ \t]+[A-Z]")
_MONEY_BEFORE = re.compile(
    r"(?:[$£€¥#]|US\$|\b(?:No|no|Nos|number|route|Route|flight|Flight|"
    r"model|Model|Boeing|Airbus|rank|ranked|A)\.?)\s*$"
)
_RANGE_BEFORE = re.compile(r"\d[-–]$")


def _year_of(groups: Groups, ctx: Context) -> int | None:
    """The year stated by the expression ("2021", "'21", "of last year"), if any."""
    if groups.get("year"):
        return int(groups["year"] or 0)
    if groups.get("yy"):
        return _two_digit_year(int(groups["yy"] or 0), ctx.dct)
    rel = (groups.get("yrel") or "").casefold()
    if rel and ctx.dct is not None:
        if rel in ("that", "the same"):
            anchor, _ = ctx.anchor_day()
            return anchor.year if anchor else None
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}.get(rel, 0)
    return None


def _two_digit_year(yy: int, dct: date | None) -> int:
    pivot = (dct.year % 100 + 10) if dct else 30
    return 2000 + yy if yy <= pivot else 1900 + yy


def resolve_iso(groups: Groups, ctx: Context) -> Resolved | None:
    day = safe_date(int(groups["year"] or 0), int(groups["month"] or 0), int(groups["day"] or 0))
    if day is None:
        return None
    if groups.get("h"):
        return Resolved("TIME", f"{fmt_day(day)}T{groups['h']}:{groups['m']}", ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), ref=day, gran="D")


def resolve_slash(groups: Groups, ctx: Context) -> Resolved | None:
    """ "3/16/2021" (US order) or "16/3/2021" when the first number cannot be a month."""
    a, b, c = int(groups["a"] or 0), int(groups["b"] or 0), groups["c"] or ""
    year = int(c) if len(c) == 4 else _two_digit_year(int(c), ctx.dct)
    month, day_number = (a, b) if a <= 12 else (b, a)
    day = safe_date(year, month, day_number)
    if day is None:
        return None
    return Resolved("DATE", fmt_day(day), ref=day, gran="D")


def resolve_month_day(groups: Groups, ctx: Context) -> Resolved | None:
    """ "March 16", "Tuesday, 16 March 2021", "the afternoon of March 16"."""
    month = month_number(groups["month"] or "")
    day_number = int(groups["day"] or 0)
    if month is None or not 1 <= day_number <= monthrange(2020, month)[1]:
        return None
    pod = _part_of_day(groups)
    year = _year_of(groups, ctx)
    if year is None and ctx.dct is None:
        value = f"XXXX-{month:02d}-{day_number:02d}"
        return Resolved("TIME" if pod else "DATE", value + (f"T{pod}" if pod else ""))
    anchor = "dct" if year is None else None
    if year is None:
        assert ctx.dct is not None
        year = _year_for_day(ctx, month, day_number)
    day = safe_date(year, month, day_number)
    if day is None:
        return None
    if pod:
        return Resolved("TIME", f"{fmt_day(day)}T{pod}", anchor=anchor, ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), anchor=anchor, ref=day, gran="D")


def _year_for_day(ctx: Context, month: int, day_number: int) -> int:
    """The year of a month and day said without one: by tense, else the nearest."""
    assert ctx.dct is not None
    dct = ctx.dct
    candidates = [
        d for y in (dct.year - 1, dct.year, dct.year + 1) if (d := safe_date(y, month, day_number))
    ]
    direction = ctx.direction()
    if direction == "past":
        before = [d for d in candidates if d <= dct]
        return before[-1].year if before else dct.year
    if direction == "future":
        after = [d for d in candidates if d >= dct]
        return after[0].year if after else dct.year
    return min(candidates, key=lambda d: abs((d - dct).days)).year


def _part_of_day(groups: Groups) -> str | None:
    word = groups.get("pod1") or groups.get("pod2") or groups.get("pod")
    return PARTS_OF_DAY.get(word.casefold()) if word else None


def resolve_month(groups: Groups, ctx: Context) -> Resolved | None:
    """ "April", "last October", "early April of this year", "April 2019", "mid-March"."""
    word = (groups["month"] or "").rstrip(". ")
    month = MONTHS.get(word.casefold())
    if month is None:
        return None
    rel = (groups.get("rel") or "").casefold()
    mod = period_mod(groups.get("modw"))
    year = _year_of(groups, ctx)
    modifier = _MODIFIED_NOUN.match(ctx.after(24))
    if (
        year is None
        and not (rel or mod or groups.get("pre"))
        and word.casefold() in _AMBIGUOUS_MONTHS
        and not (modifier and _owned(ctx.previous_word().casefold()))
    ):
        return None  # "May" the verb or the name, "August" the adjective; not "GM's May sales"
    if year is None and rel == "that":
        anchor, _ = ctx.anchor_day()
        year = anchor.year if anchor else None
    if year is not None:
        ref = date(year, month, 15)
        return Resolved("DATE", fmt_month(ref), mod=mod, ref=ref, gran="M")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod=mod)
    dct = ctx.dct
    if rel in ("last", "past", "previous"):
        year = month_near(dct, month, "past", strict=True)
    elif rel in ("next", "coming", "following"):
        year = month_near(dct, month, "future", strict=True)
    elif rel == "this":
        year = dct.year
    elif modifier and not _FIGURES.isdisjoint(modifier.groups()):
        year = month_near(dct, month, "past")  # "December sales" are counted once it is over
    else:
        year = _year_for_month(ctx, month)
    ref = date(year, month, 15)
    return Resolved("DATE", fmt_month(ref), mod=mod, anchor="dct", ref=ref, gran="M")


def _year_for_month(ctx: Context, month: int) -> int:
    assert ctx.dct is not None
    dct = ctx.dct
    direction = ctx.direction()
    if direction != "nearest":
        return month_near(dct, month, direction)
    # Untensed: the report's year, unless the month is within a quarter across New Year.
    if dct.month - month >= 9:
        return dct.year + 1
    if month - dct.month >= 9:
        return dct.year - 1
    return dct.year


def resolve_year(groups: Groups, ctx: Context) -> Resolved | None:
    """ "2021", "fiscal 2009", "early 2009", "in '82"; not "2000 workers" or "$2008"."""
    year = _year_of(groups, ctx)
    if year is None:
        return None
    mod = period_mod(groups.get("modw"))
    before = ctx.before(12)
    if _MONEY_BEFORE.search(before) or _RANGE_BEFORE.search(before):
        return None
    if not groups.get("yy") and not (groups.get("pre") or mod or groups.get("fy")):
        if not 1900 <= year <= 2099:
            return None
        if _COUNT_NOUN.match(ctx.after(20)) and not _recent_year(year, ctx):
            return None  # "2000 workers", "1500 jobs"; but "2008 sales", "the 2009 models"
        if _NAME_BEFORE.search(ctx.before(20)) and _NAME_AFTER.match(ctx.after(3)):
            return None  # "the Russell 2000 Index"; not "... Conference 2010" ending a title
    if groups.get("fy"):
        return Resolved("DATE", f"FY{year:04d}", mod=mod, ref=date(year, 7, 1), gran="Y")
    half = " ".join((groups.get("modw") or "").casefold().split()[-3:-1])
    if half in ("first half", "second half", "latter half"):  # "the first half of 2021"
        number = 1 if half == "first half" else 2
        return Resolved(
            "DATE", f"{year:04d}-H{number}", ref=date(year, 6 * number - 3, 15), gran="H"
        )
    return Resolved("DATE", f"{year:04d}", mod=mod, ref=date(year, 7, 1), gran="Y")


def _recent_year(year: int, ctx: Context) -> bool:
    """Whether a bare number before a plural noun reads as a year: near the report's date
    and not a round amount ("2008 sales" in 2009, not "2000 jobs")."""
    if ctx.dct is None or year % 50 == 0:
        return False
    return ctx.dct.year - 30 <= year <= ctx.dct.year + 10


def resolve_decade(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the 1990s" 199, "the '80s" 198, "the nineties" 199, "the 1800s" 18 (a century)."""
    mod = period_mod(groups.get("modw"))
    if groups.get("dec"):
        start = int(groups["dec"] or 0)
        if start % 100 == 0 and start < 2000:
            return Resolved("DATE", f"{start // 100:02d}", mod=mod, gran="C")
        return Resolved("DATE", f"{start // 10:03d}", mod=mod, gran="E")
    if groups.get("decw"):
        tens = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                "nineties").index((groups["decw"] or "").casefold()) * 10 + 20  # fmt: skip
    else:
        tens = int(groups.get("dec2") or groups.get("dec3") or 0)
    # "the '90s" said in 2021 are the 1990s, "the '10s" the 2010s.
    century = 20 if ctx.dct is not None and 2000 + tens <= ctx.dct.year else 19
    return Resolved("DATE", f"{century}{tens // 10}", mod=mod, gran="E")


def resolve_century(groups: Groups, ctx: Context) -> Resolved | None:
    mod = period_mod(groups.get("modw"))
    if groups.get("cent"):
        number = int(groups["cent"] or 0)
    elif groups.get("centw"):
        number = ORDINALS.get((groups["centw"] or "").casefold().replace(" ", "-"), 0)
    elif ctx.dct is not None:
        rel = (groups.get("rel") or "").casefold()
        number = ctx.dct.year // 100 + 1 + (-1 if rel in ("last", "past", "previous") else 0)
        number += 1 if rel == "next" else 0
    else:
        return Resolved("DATE", "XX", mod=mod, gran="C")
    if not 1 <= number <= 30:
        return None
    return Resolved("DATE", f"{number - 1:02d}", mod=mod, gran="C")


_POSSESSIVES: Final[frozenset[str]] = frozenset({"its", "their", "his", "her", "our", "my"})
_SEASON_ORDER: Final[dict[str, int]] = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}


def resolve_season(groups: Groups, ctx: Context) -> Resolved | None:
    """ "spring", "last summer", "the fall of 2009"; "fall" only when it cannot be a drop."""
    if (groups["season"] or "")[:1].isupper() and ctx.next_word()[:1].isupper():
        return None  # inside a name: "the Winter Olympics", "the Summer Games"
    word = (groups["season"] or "").casefold()
    code = SEASONS[word]
    rel = (groups.get("rel") or "").casefold()
    mod = period_mod(groups.get("modw"))
    year = _year_of(groups, ctx)
    owner = ctx.previous_word().casefold() in _POSSESSIVES  # "their autumn meetings"
    if year is None and not (rel or mod or groups.get("pre") or owner):
        return None
    seasonal = (
        owner
        or rel in ("this", "last", "next", "past", "coming")
        or (
            rel == "the" and (groups.get("pre") or "").casefold() in ("in", "during", "by", "until")
        )
    )
    if word == "fall" and year is None and not seasonal:
        return None  # "a fall in prices"
    if year is None and rel == "the" and ctx.next_word() == "of":
        return None  # "the spring of discontent"
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-{code}", mod=mod)
        year = _season_year(ctx, code, rel)
    ref = date(year, season_month(code), 15)
    return Resolved("DATE", f"{year:04d}-{code}", mod=mod, anchor="dct", ref=ref, gran="S")


def _season_year(ctx: Context, code: str, rel: str) -> int:
    assert ctx.dct is not None
    dct = ctx.dct
    current_year = dct.year - 1 if dct.month <= 2 else dct.year
    current = _SEASON_ORDER[("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA",
                             "WI")[dct.month - 1]]  # fmt: skip
    wanted = _SEASON_ORDER[code]
    if rel in ("last", "past", "previous"):
        return current_year if wanted < current else current_year - 1
    if rel in ("next", "coming", "following"):
        return current_year if wanted > current else current_year + 1
    if rel == "this":  # "this spring" said in February is the coming one
        return current_year if code == "WI" else dct.year
    direction = ctx.direction()
    if direction == "past":
        return current_year if wanted <= current else current_year - 1
    if direction == "future":
        return current_year if wanted >= current else current_year + 1
    return current_year


def resolve_quarter(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the fourth quarter", "third-quarter", "Q1 2021", "last quarter", "the first quarter
    of last year". A quarter named without a year is the latest one not after the report,
    unless the verb looks forward: financial news reports quarters after they end. "The
    July-September quarter" names its months; months that are no calendar quarter ("the
    November-January quarter" of a retailer's year) are left to the months alone."""
    number = _ordinal(groups.get("qn")) or int(groups.get("qd") or groups.get("qd2") or 0)
    if groups.get("qm1"):
        number = _quarter_of_months(groups["qm1"] or "", groups.get("qm2") or "")
        if not number:
            return None
    rel = (groups.get("rel") or "").casefold()
    year = _year_of(groups, ctx)
    if not number and rel in ("last", "final") and year is not None:
        number = 4
    if year is not None and number:
        ref = date(year, 3 * number - 1, 15)
        return Resolved("DATE", f"{year:04d}-Q{number}", ref=ref, gran="Q")
    if ctx.dct is None:
        if number:
            return Resolved("DATE", f"XXXX-Q{number}")
        return Resolved("DATE", {"last": "PAST_REF", "next": "FUTURE_REF"}.get(rel, "XXXX-QX"))
    dct = ctx.dct
    index = dct.year * 4 + quarter_of(dct) - 1
    if not number:
        if rel in ("same", "that"):
            anchor, _ = ctx.anchor_day()
            index = (anchor or dct).year * 4 + quarter_of(anchor or dct) - 1
        else:
            index += _QUARTER_STEPS.get(rel, 0)
    else:
        wanted = dct.year * 4 + number - 1
        results = _MODIFIED_NOUN.match(ctx.after(24))
        if year is not None:
            wanted = year * 4 + number - 1
        elif results and not _REPORTS.isdisjoint(results.groups()):
            wanted -= 4 if wanted > index else 0  # "will report fourth-quarter results"
        elif ctx.direction() == "future":
            wanted += 4 if wanted < index else 0
        else:
            wanted -= 4 if wanted > index else 0
        index = wanted
    qyear, q = divmod(index, 4)
    return Resolved("DATE", f"{qyear:04d}-Q{q + 1}", anchor="dct", ref=date(qyear, 3 * q + 2, 15),
                    gran="Q")  # fmt: skip


_QUARTER_STEPS: Final[dict[str, int]] = {
    "last": -1, "latest": -1, "previous": -1, "prior": -1, "past": -1, "most recent": -1,
    "recent": -1, "next": 1, "coming": 1,
}  # fmt: skip


def _quarter_of_months(first: str, last: str) -> int:
    """The calendar quarter from its first to its last month (3 for July to September),
    or 0 when the two months do not bound one."""
    start, end = month_number(first), month_number(last)
    if start is None or end is None or start % 3 != 1 or end != start + 2:
        return 0
    return (start + 2) // 3


def _ordinal(word: str | None) -> int:
    if not word:
        return 0
    key = word.casefold()
    if key[0].isdigit():
        return int(key[0])
    return 4 if key == "final" else ORDINALS.get(key, 0)


_BEFORE_HALF_CODE: Final[frozenset[str]] = frozenset({"in", "for", "during", "of"})


def resolve_half(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the first half of 2021" 2021-H1; "the second half" of an unnamed thing is not a time.
    A half with no year, or "of the year" (the year in question), is taken by the tense:
    "prices dropped in the second half of the year", said in January, is last year's."""
    code = groups.get("hd") or groups.get("hd2")
    number = 1 if (groups.get("hn") or code or "").casefold() in ("first", "1st", "1") else 2
    year = _year_of(groups, ctx)
    if code and year is None and ctx.previous_word().casefold() not in _BEFORE_HALF_CODE:
        return None  # "H1" alone is as often a heading or a visa as a half-year
    if year is None and ctx.next_word() == "of":
        return None
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-H{number}")
        year = ctx.dct.year
        half_now = 1 if ctx.dct.month <= 6 else 2
        direction = ctx.direction()
        if direction == "past" and number > half_now:
            year -= 1
        elif direction == "future" and number < half_now:
            year += 1
    return Resolved("DATE", f"{year:04d}-H{number}", ref=date(year, 6 * number - 3, 15), gran="H")


def resolve_fiscal(groups: Groups, ctx: Context) -> Resolved | None:
    """ "fiscal year 2009" FY2009, "FY09", "the current fiscal year", "last fiscal year"."""
    year = _year_of(groups, ctx)
    rel = " ".join((groups.get("rel") or "").casefold().split())
    if year is None:
        if not rel:
            return None
        if ctx.dct is None:
            return Resolved("DATE", "FYXXXX")
        shift = {"last": -1, "previous": -1, "the previous": -1, "the last": -1, "next": 1,
                 "coming": 1, "the next": 1, "the coming": 1, "the new": 1}.get(rel, 0)  # fmt: skip
        year = ctx.dct.year + shift
    return Resolved("DATE", f"FY{year:04d}", ref=date(year, 7, 1), gran="Y")


def resolve_holiday(groups: Groups, ctx: Context) -> Resolved | None:
    """Fixed and movable feasts; the year by tense when none is given."""
    name = " ".join((groups["hol"] or "").casefold().replace("’", "'").split())
    year = _year_of(groups, ctx)
    rel = (groups.get("rel") or "").casefold()
    if year is None and not rel and _SEASON_AFTER.match(ctx.after(40)):
        # "Christmas sales", "the Christmas and New Year sales period": the days around it
        return Resolved("DURATION", "PXD")
    if year is None and ctx.dct is None:
        fixed = _holiday_day(name, 2000)
        return Resolved("DATE", f"XXXX-{fixed.month:02d}-{fixed.day:02d}" if fixed else "XXXX")
    if year is None:
        assert ctx.dct is not None
        dct = ctx.dct
        this = _holiday_day(name, dct.year)
        if this is None:
            return None
        direction = {"last": "past", "next": "future"}.get(rel) or ctx.direction()
        year = dct.year
        if direction == "past" and this > dct:
            year -= 1
        elif direction == "future" and this < dct:
            year += 1
    day = _holiday_day(name, year)
    if day is None:
        return None
    return Resolved("DATE", fmt_day(day), ref=day, gran="D")


# Nouns after a feast that make it a stretch of days: "Christmas sales", "the Easter
# holidays", "the Christmas and New Year sales period".
_SEASON_AFTER = re.compile(
    r"(?:[^\S\n]+and[^\S\n]+New[^\S\n]+Year)?[^\S\n]+(?:shopping[^\S\n]+|sales[^\S\n]+)?"
    r"(?:sales|shopping|season|period|holidays|trading|rush)\b"
)

_FROM_EASTER: Final[dict[str, int]] = {
    "good friday": -2, "maundy thursday": -3, "palm sunday": -7, "ash wednesday": -46,
    "shrove tuesday": -47,
}  # fmt: skip


def _holiday_day(name: str, year: int) -> date | None:
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's": (1, 1), "new years day": (1, 1),
        "new year's eve": (12, 31), "new years eve": (12, 31), "halloween": (10, 31),
        "valentine's day": (2, 14), "valentines day": (2, 14), "independence day": (7, 4),
        "boxing day": (12, 26), "veterans day": (11, 11),
    }  # fmt: skip
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("easter"):
        return easter(year) + timedelta(days=1 if "monday" in name else 0)
    if name in _FROM_EASTER:
        return easter(year) + timedelta(days=_FROM_EASTER[name])
    if name.startswith("thanksgiving"):
        return nth_weekday(year, 11, 4, 4)
    if name in ("black friday", "cyber monday"):
        return nth_weekday(year, 11, 4, 4) + timedelta(days=1 if name == "black friday" else 4)
    if name in ("labor day", "labour day"):
        return nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 1, -1)
    return None


def resolve_day_of_month(groups: Groups, ctx: Context) -> Resolved | None:
    """ "on the 16th", "on the afternoon of the 16th", "on the 11th (local time)".

    Only before a function word or punctuation: "the 16th century" is not a date.
    """
    day_number = int(groups["day"] or 0)
    if not 1 <= day_number <= 31:
        return None
    nxt = ctx.next_word()
    if nxt and nxt[0].isalpha() and nxt.casefold() not in _ALLOWED_AFTER_DAY:
        return None
    pod = _part_of_day(groups)
    if ctx.dct is None:
        value = f"XXXX-XX-{day_number:02d}" + (f"T{pod}" if pod else "")
        return Resolved("TIME" if pod else "DATE", value)
    day = day_of_month_near(ctx.dct, day_number, ctx.direction())
    if day is None:
        return None
    if pod:
        return Resolved("TIME", f"{fmt_day(day)}T{pod}", anchor="dct", ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), anchor="dct", ref=day, gran="D")


_ALLOWED_AFTER_DAY: Final[frozenset[str]] = words(
    """and or but at in on to from through until till when after before with for as that this
    the a an of by while since where amid during local ahead he she it they we said will would
    was were is are has had have local japan tokyo washington beijing seoul u.s us"""
)


def resolve_week_of_month(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the last week of March" is the ISO week holding March's last seven days' middle."""
    month = month_number(groups["month"] or "")
    if month is None:
        return None
    year = _year_of(groups, ctx)
    if year is None:
        if ctx.dct is None:
            return Resolved("DATE", "XXXX-WXX")
        year = ctx.dct.year if ctx.direction() == "nearest" else _year_for_month(ctx, month)
    nth = (groups["nth"] or "").casefold()
    if nth in ("last", "final"):
        middle = date(year, month, monthrange(year, month)[1] - 3)
    else:
        middle = date(year, month, 4 + 7 * (ORDINALS[nth] - 1))
    return Resolved("DATE", iso_week(middle), ref=middle, gran="W")
