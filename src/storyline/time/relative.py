"""Normalising relative expressions, durations and sets.

"last week", "this afternoon", "Tuesday", "two days later", "the past 70 years",
"quarterly", "now": each is computed from an anchor. Deictic words ("today",
"last year", "Tuesday") count from the report's date (DCT); anaphoric ones
("the same day", "the following week", "two days later") from the previous
time expression, falling back on the DCT. With no DCT the values keep X
placeholders ("XXXX-WXX-2") or become the relative forms TimeML allows
(PAST_REF, FUTURE_REF, PRESENT_REF), never a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Final

from storyline.time.absolute import resolve_month_day
from storyline.time.dates import (
    fmt_day,
    fmt_month,
    iso_week,
    quarter_of,
    shift,
    weekday_near,
)
from storyline.time.lexicon import (
    FREQUENCIES,
    MONTHS,
    PARTS_OF_DAY,
    QUANTITY_MODS,
    number_value,
    period_mod,
    unit_of,
    weekday_number,
    words,
)
from storyline.time.values import (
    DAY_LEVEL,
    FUNCTION_WORDS,
    Context,
    Resolved,
    duration_value,
    half_unit,
)

Groups = dict[str, str | None]

_BACK: Final[frozenset[str]] = frozenset({"last", "past", "previous", "preceding", "prior"})
_AHEAD: Final[frozenset[str]] = frozenset({"next", "coming", "following", "upcoming", "ensuing"})
_PERIOD_UNITS: Final[dict[str, str]] = {
    "week": "W", "weekend": "WE", "month": "M", "year": "Y", "calendar year": "Y",
    "decade": "E", "century": "C", "quarter": "Q",
}  # fmt: skip
_OF_YEARS: Final[frozenset[str]] = frozenset(
    {"annual", "biannual", "semiannual", "semi-annual", "biennial"}
)
#: A possessive right before the expression: "its", "their", "the company's", "banks'".
_POSSESSOR = re.compile(r"(?:\b(?:its|his|her|their|our|my|your)|\w ?['’]s|\ws ?['’])\s+$", re.I)
# A word that is neither a preposition nor a verb of time, inside a count of things.
_PLAIN_WORD = (
    r"(?!(?:in|on|at|for|to|by|with|from|and|or|than|over|after|before|within|during|about"
    r"|nearly|almost|is|are|was|were|be|been|has|have|had|takes?|took|lasts?|lasted"
    r"|spends?|spent)\b)[a-z][a-z-]*"
)
_RATE_BEFORE = re.compile(
    r"(?:[\d%]|\b(?:dollars|euros|pounds|yen|yuan|cents|percent|times|once|"
    r"twice|thrice|billion|million|trillion|thousand))\s*$"
)
# A count of things right before "a month" makes it a rate too: "52 jets a month", "2
# million electric vehicles a year", "10,000 barrels of oil a day": a number, then the
# things counted, whose head is a plural noun, maybe with an "of" phrase. A verb or a
# preposition between them ("5 cars in a month", "its 300 workers spent a month") leaves
# a duration.
_COUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:hundred|thousand|million|billion|trillion|dozen))"
    rf"(?:\s+{_PLAIN_WORD}){{0,3}}\s+[a-z][a-z-]*s(?:\s+of(?:\s+{_PLAIN_WORD}){{1,2}})?\s+$"
)
_CLOCK_CONTEXT = re.compile(
    r"\b(?:at|by|until|till|from|after|before|around|about|since|to|"
    r"between|and|@)\s*$",
    re.IGNORECASE,
)


def period_value(day: date, unit: str) -> str:
    """The TimeML value of the period of kind `unit` that holds `day`."""
    if unit == "W":
        return iso_week(day)
    if unit == "WE":
        return iso_week(day) + "-WE"
    if unit == "M":
        return fmt_month(day)
    if unit == "Q":
        return f"{day.year:04d}-Q{quarter_of(day)}"
    if unit == "H":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "E":
        return f"{day.year // 10:03d}"
    if unit == "C":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def _period_shift(day: date, unit: str, amount: int) -> date:
    if unit == "E":
        return shift(day, 10 * amount, "Y")
    if unit == "C":
        return shift(day, 100 * amount, "Y")
    return shift(day, amount, unit)


def resolve_relative_period(groups: Groups, ctx: Context) -> Resolved | None:
    """ "last week", "this year", "the past year", "the following month", "earlier this year",
    "at the end of last year", "that year"."""
    rel = " ".join((groups.get("rel") or "").casefold().split())
    unit = _PERIOD_UNITS[" ".join((groups["unit"] or "").casefold().split())]
    ear = (groups.get("ear") or "").casefold()
    mod = period_mod(groups.get("modw")) or {"early": "START", "late": "END"}.get(ear)
    words = rel.split()
    if words[:1] == ["the"] and len(words) == 2 and words[1] in ("past", "last", "next", "coming"):
        amount, code = {"E": (10, "Y"), "C": (100, "Y")}.get(unit, (1, unit))
        half = 1.5 if groups.get("half2") else 1.0  # "the past year and a half"
        return Resolved("DURATION", duration_value(amount * half, code), mod=mod)
    framed = (groups.get("pre") or "").casefold() in ("for", "during", "throughout", "over")
    if rel == "the" and not (mod or ear or unit == "WE" or framed):
        return None  # "the year" alone is too often not this year
    key = words[-1] if words else ""
    if key in ("following", "same", "that", "previous", "preceding", "prior"):
        anchor, how = ctx.anchor_day()
        step = {"following": 1, "same": 0, "that": 0}.get(key, -1)
    else:
        anchor, how = ctx.dct, "dct"
        step = -1 if key in _BACK else 1 if key in _AHEAD else 0
    if anchor is None:
        if step == 0:
            return Resolved("DATE", _unknown_period(unit), mod=mod)
        return Resolved("DATE", "PAST_REF" if step < 0 else "FUTURE_REF", mod=mod)
    day = _period_shift(anchor, unit, step)
    gran = {"WE": "W", "E": "Y", "C": "Y"}.get(unit, unit)
    return Resolved("DATE", period_value(day, unit), mod=mod, anchor=how, ref=day, gran=gran)


def resolve_period_before(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the year before", "the month after" closing their clause: the period before or
    after the one in question, as "the previous year" and "the following month" are."""
    back = (groups.get("rel") or "").casefold() in ("before", "earlier")
    rel = "the previous" if back else "the following"
    return resolve_relative_period({"rel": rel, "unit": groups.get("unit")}, ctx)


_GRANULARITY: Final[dict[str, str]] = {
    "day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y",
}  # fmt: skip
# Which anchors are fine enough to name a period of each granularity.
_FINE_ENOUGH: Final[dict[str, frozenset[str]]] = {
    "D": frozenset({"D", "T"}), "W": frozenset({"D", "T", "W"}),
    "M": frozenset({"D", "T", "W", "M"}), "Q": frozenset({"D", "T", "W", "M", "Q"}),
    "H": frozenset({"D", "T", "W", "M", "Q", "H"}),
    "Y": frozenset({"D", "T", "W", "M", "Q", "S", "H", "Y"}),
}  # fmt: skip


def _period_resolved(day: date, unit: str, how: str) -> Resolved:
    if unit == "D":
        return Resolved("DATE", fmt_day(day), anchor=how, ref=day, gran="D")
    return Resolved("DATE", period_value(day, unit), anchor=how, ref=day, gran=unit)


def _anchor_for(ctx: Context, unit: str, prev: Resolved | None = None) -> tuple[date | None, str]:
    """The day a period of granularity `unit` is taken around: the last dated expression
    (or `prev`) when it is fine enough ("Wednesday ... a second consecutive day"), else the
    report's."""
    prev = prev if prev is not None else ctx.previous
    if prev is not None and prev.ref is not None and prev.gran in _FINE_ENOUGH[unit]:
        return prev.ref, "previous"
    return ctx.dct, "dct"


def resolve_current_period(groups: Groups, ctx: Context) -> Resolved | None:
    """ "a second consecutive day", "the fourth straight quarter", "fourth week in a row":
    the period the report is about (TimeML, as MEANTIME annotates it), the one of the last
    dated expression or else the report's own."""
    return _current_period(groups, ctx, summed_up=False)


def resolve_superlative_period(groups: Groups, ctx: Context) -> Resolved | None:
    """ "its best week since November", "the worst month for car sales in 27 years": the
    period the report is about, as a run's; in the past tense, from early in the next
    month or year, the one before (`_summed_up_after_it_ended`)."""
    return _current_period(groups, ctx, summed_up=True)


def _current_period(groups: Groups, ctx: Context, *, summed_up: bool) -> Resolved | None:
    unit = _GRANULARITY[(groups["unit"] or "").casefold()]
    anchor, how = _anchor_for(ctx, unit)
    if anchor is None:
        return Resolved("DATE", "XXXX-XX-XX" if unit == "D" else _unknown_period(unit))
    if unit == "Q" and how == "dct" and ctx.tense() == "past":
        anchor = shift(anchor, -1, "Q")  # "a third straight quarterly loss", reported after it
    elif summed_up and _summed_up_after_it_ended(anchor, unit, how, ctx):
        anchor = shift(anchor, -1, unit)
    return _period_resolved(anchor, unit, how)


def _summed_up_after_it_ended(anchor: date, unit: str, how: str, ctx: Context) -> bool:
    """Whether the best or worst month or year, told in the past tense from a day in the
    first half of the current one, is the one before: "it was the best month for the
    industry since 2005", said on 3 October, is September's; "closing out the industry's
    worst year", on 5 January, is last year. A period not yet half gone cannot have been
    the best or worst, and figures for it are told once it is over. A day or week may end
    on the report's own day, so it stays; so does a period named before ("in June")."""
    if unit not in ("M", "Y") or ctx.tense() != "past":
        return False
    prev = ctx.previous
    on_a_day = how == "dct" or (prev is not None and prev.gran in DAY_LEVEL)
    return on_a_day and (anchor.day <= 15 if unit == "M" else anchor.month <= 6)


def resolve_rest_of_period(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the week" of "for the remainder of the week": MEANTIME, applying TimeML, tags the
    period as a duration of one unit (P1W), whatever is left of it."""
    code, multiple = unit_of(groups["unit"] or "")
    return Resolved("DURATION", duration_value(multiple, code))


def resolve_same_period(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the same month a year ago", "the same quarter last year", "the same period of
    2008": the period in question (the last dated expression's, else the report's),
    a year back; "period" and "time" take the last expression's granularity.

    A period is not the day a result was reported: in "a second-quarter profit ... on
    Monday, against a loss in the same period a year earlier" the period is the quarter,
    so "period" reads the last expression coarser than a day when there is one."""
    word = (groups["unit"] or "").casefold()
    prev = ctx.previous
    if word == "period" and ctx.previous_period is not None:
        prev = ctx.previous_period
    if word in ("period", "time"):
        known = prev is not None and prev.ref is not None and prev.gran in ("D", "W", "M", "Q", "H")
        unit = prev.gran if known and prev is not None and prev.gran else "Y"
    else:
        unit = _GRANULARITY[word]
    anchor, how = _anchor_for(ctx, unit, prev)
    if anchor is None:
        return Resolved("DATE", "PAST_REF")
    stated = groups.get("year")
    years = anchor.year - int(stated) if stated else 1
    return _period_resolved(shift(anchor, -years, "Y"), unit, how)


def _unknown_period(unit: str) -> str:
    return {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX", "E": "XXX",
            "C": "XX"}.get(unit, "XXXX")  # fmt: skip


def resolve_period_end(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the year-end", "by year-end", "last year-end", "the month-end"; "mid-year"."""
    unit = {"year": "Y", "month": "M", "quarter": "Q", "week": "WE"}[(groups["unit"] or "").lower()]
    rel = (groups.get("rel") or "").casefold()
    mod = None if unit == "WE" else "END"
    if groups.get("mid"):
        unit, mod = ("W" if unit == "WE" else unit), "MID"
    if ctx.dct is None:
        return Resolved("DATE", _unknown_period(unit), mod=mod)
    day = _period_shift(ctx.dct, unit, {"last": -1, "next": 1}.get(rel, 0))
    return Resolved("DATE", period_value(day, unit), mod=mod, anchor="dct", ref=day, gran=unit)


def resolve_relative_day(groups: Groups, ctx: Context) -> Resolved | None:
    """ "today", "yesterday morning", "tonight", "this afternoon", "last night", "earlier today"."""
    word = " ".join((groups["rd"] or "").casefold().split())
    pod_word = (groups.get("pod") or "").casefold()
    pod = PARTS_OF_DAY.get(pod_word) if pod_word else ("NI" if word == "tonight" else None)
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}.get(word, 0)  # fmt: skip
    if word == "last":
        offset = -1 if pod in ("NI", "EV") else 0
    if word == "today" and not (pod or groups.get("ear")) and _generic_today(ctx):
        return Resolved("DATE", "PRESENT_REF")
    named = int(groups.get("dd") or 0)
    if ctx.dct is None:
        # Without the report's date the value stays open; "today", "this morning" and
        # "today (16th)" are still the report's own day, which the anchor says.
        own_day = "dct" if offset == 0 and word != "last" else None
        if 1 <= named <= 31:  # "today (16th)": the day, if not its month
            return Resolved("TIME" if pod else "DATE",
                            f"XXXX-XX-{named:02d}" + (f"T{pod}" if pod else ""),
                            anchor=own_day)  # fmt: skip
        if pod:
            return Resolved("TIME", f"XXXX-XX-XXT{pod}", anchor=own_day)
        return Resolved("DATE", {-2: "PAST_REF", -1: "PAST_REF", 0: "PRESENT_REF"}.get(
            offset, "FUTURE_REF"), anchor=own_day)  # fmt: skip
    day = ctx.dct + timedelta(days=offset)
    if pod:
        return Resolved("TIME", f"{fmt_day(day)}T{pod}", anchor="dct", ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), anchor="dct", ref=day, gran="D")


# Nouns that make "today's" the present in general; "today's markets", "today's trading"
# and "today's announcement" are the report's day in news, so they are not here.
_GENERIC_AFTER_TODAY: Final[frozenset[str]] = frozenset(
    {"world", "society", "generation", "youth", "culture", "age", "standards", "consumers"}
)


def _generic_today(ctx: Context) -> bool:
    """ "today's consumers", "today's world": the present in general (TimeML PRESENT_REF),
    not the report's day. "Of today" and "still ... today" are left the report's day: in
    news they mostly are ("as of today", "the plant is still closed today")."""
    after = ctx.after(30)
    if after.startswith(("'s", "’s")):
        following = _NEXT_WORD.match(after[2:])
        noun = (following.group(1) or "").casefold() if following else ""
        return noun in _GENERIC_AFTER_TODAY
    return False  # "as of today", "the close of today", "the events of today": the day


_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


def resolve_day_reference(groups: Groups, ctx: Context) -> Resolved | None:
    """ "the next day", "the same day", "that morning", "the day before", counted from the
    previous time expression when it names a day, else from the report's date."""
    rel = " ".join((groups.get("rel") or "same").casefold().split())
    unit = (groups["unit"] or "").casefold()
    step = {"next": 1, "following": 1, "after": 1, "later": 1, "previous": -1, "preceding": -1,
            "prior": -1, "before": -1, "earlier": -1}.get(rel, 0)  # fmt: skip
    pod = PARTS_OF_DAY.get(unit)
    if not groups.get("rel") and ctx.next_word().casefold() in _CLAUSE_AFTER_DAY:
        return Resolved("DATE", "XXXX-XX-XX")  # "the day of the election": a day, but which?
    prev = ctx.last_day()
    anchor: date | None
    if prev is not None and prev.ref is not None:
        anchor, how = prev.ref, "previous"
    elif rel in ("same", "that", "this same") and groups.get("rel"):
        # "that day" after no dated day: a day it is, but which one the text does not say.
        return Resolved("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""))
    else:
        anchor, how = ctx.dct, "dct"
    if anchor is None:
        return Resolved("TIME" if pod else "DATE", "XXXX-XX-XX" + (f"T{pod}" if pod else ""))
    day = anchor + timedelta(days=step)
    if pod:
        return Resolved("TIME", f"{fmt_day(day)}T{pod}", anchor=how, ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), anchor=how, ref=day, gran="D")


_CLAUSE_AFTER_DAY: Final[frozenset[str]] = frozenset(
    {"of", "that", "when", "he", "she", "they", "we", "it", "i", "you", "the"}
)


def resolve_weekday(groups: Groups, ctx: Context) -> Resolved | None:
    """ "Tuesday", "last Friday", "Friday morning", "Tuesday the 16th": in a past-tense
    sentence the latest such day not after the report, in a future one the next."""
    weekday = weekday_number(groups["wd"] or "")
    if weekday is None:
        return None
    rel = (groups.get("rel") or "").casefold()
    if not rel and ctx.previous_word() in _DAY_NAMERS:
        return None  # "Black Monday", "Bloody Sunday": a day in history, not this week's
    pod_word = groups.get("pod1") or groups.get("pod2")
    pod = PARTS_OF_DAY.get(pod_word.casefold()) if pod_word else None
    mod = {"early": "START", "late": "END"}.get(rel)
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}"
        if groups.get("day"):
            value = f"XXXX-XX-{int(groups['day'] or 0):02d}"
        return Resolved("TIME" if pod else "DATE", value + (f"T{pod}" if pod else ""), mod=mod)
    dct = ctx.dct
    if rel in _BACK:
        day = weekday_near(dct - timedelta(days=1), weekday, "past")
    elif rel in _AHEAD:
        day = weekday_near(dct + timedelta(days=1), weekday, "future")
    elif rel == "this":
        day = weekday_near(dct, weekday, "same")
    else:
        day = weekday_near(dct, weekday, ctx.direction())
    if groups.get("day"):
        stated = int(groups["day"] or 0)
        if day.day != stated:  # trust the day of the month over our guess of the week
            moved = [day + timedelta(days=7 * k) for k in (-1, 1, -2, 2)]
            day = next((d for d in moved if d.day == stated), day)
    if pod:
        return Resolved("TIME", f"{fmt_day(day)}T{pod}", mod=mod, anchor="dct", ref=day, gran="T")
    return Resolved("DATE", fmt_day(day), mod=mod, anchor="dct", ref=day, gran="D")


# Capitalised words that make a weekday the name of one day in history.
_DAY_NAMERS: Final[frozenset[str]] = frozenset({"Black", "Bloody"})


def resolve_weekday_set(groups: Groups, ctx: Context) -> Resolved | None:
    """ "every Monday", "on Fridays" XXXX-WXX-5; "every April" XXXX-04."""
    if groups.get("month"):
        month = MONTHS.get((groups["month"] or "").casefold())
        return Resolved("SET", f"XXXX-{month:02d}") if month else None
    weekday = weekday_number((groups.get("wd") or groups.get("wds") or "").rstrip("sS"))
    if weekday is None:
        return None
    return Resolved("SET", f"XXXX-WXX-{weekday}")


def resolve_clock(groups: Groups, ctx: Context) -> Resolved | None:
    """ "6:40 p.m.", "0800 UTC", "noon", "14:48 GMT Monday", "16:00 UTC today"."""
    if groups.get("noon"):
        hour, minute = (24, 0) if groups["noon"].casefold() == "midnight" else (12, 0)  # type: ignore[union-attr]
    elif groups.get("h"):
        hour, minute = int(groups["h"] or 0), int(groups.get("m") or 0)
        pm = (groups.get("ampm") or "").casefold().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    elif groups.get("h2"):
        hour, minute = int(groups["h2"] or 0), int(groups["m2"] or 0)
        dated = groups.get("tz") or groups.get("wd") or groups.get("rd")
        if not dated and not _CLOCK_CONTEXT.search(ctx.before(12)):
            return None  # "2:1", a score or a ratio
    else:
        hour, minute = int(groups["h3"] or 0), int(groups["m3"] or 0)
    zone = (groups.get("tz") or "").strip("() ").upper()
    suffix = "Z" if zone.startswith(("UTC", "GMT", "Z")) and len(zone) <= 3 else ""
    offset = _UTC_OFFSET.match(zone)
    mod = (
        "APPROX"
        if (groups.get("approx") or "").casefold() in ("about", "around", "approximately")
        else None
    )
    day: date | None = ctx.dct
    how = "dct"
    if groups.get("month"):
        stated = resolve_month_day(groups, ctx)
        day, how = (stated.ref, stated.anchor or "") if stated is not None else (day, how)
    elif groups.get("wd"):
        weekday = weekday_number(groups["wd"] or "")
        if weekday is not None and ctx.dct is not None:
            day = weekday_near(ctx.dct, weekday, ctx.direction())
    elif groups.get("rd") and ctx.dct is not None:
        day = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(
            (groups["rd"] or "").casefold(), 0))  # fmt: skip
    elif (prev := ctx.last_day()) is not None and prev.ref is not None:
        day, how = prev.ref, "previous"
    if offset is not None and day is not None and hour < 24:
        # "6:40 p.m. (GMT +8)": written in UTC, as the zone says where it is
        sign = -1 if offset.group(1) == "+" else 1
        moved = datetime.combine(day, time(hour, minute)) + sign * timedelta(
            hours=int(offset.group(2)), minutes=int(offset.group(3) or 0)
        )
        day, hour, minute, suffix = moved.date(), moved.hour, moved.minute, "Z"
    clock = f"T{hour:02d}:{minute:02d}{suffix}"
    if day is None:
        return Resolved("TIME", "XXXX-XX-XX" + clock, mod=mod)
    return Resolved("TIME", fmt_day(day) + clock, mod=mod, anchor=how, ref=day, gran="T")


_UTC_OFFSET = re.compile(r"(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d\d))?$")


def resolve_set(groups: Groups, ctx: Context) -> Resolved | None:
    """ "every year", "each week", "twice a year", "per day", "every other month"."""
    every = (groups.get("every") or "").casefold()
    if groups.get("pod"):
        return Resolved("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[(groups['pod'] or '').casefold()]}")
    if every in ("a", "an") and not groups.get("times") and not _is_rate(ctx):
        return None  # "a year" is a duration unless it is a rate: "$5 a year", "twice a day"
    amount = number_value(groups["num"] or "") if groups.get("num") else 1.0
    if amount is None:
        return None
    code, multiple = unit_of(groups["unit"] or "")
    if "other" in (ctx.text[ctx.start : ctx.end].casefold().split()):
        amount *= 2
    return Resolved("SET", duration_value(amount * multiple, code))


def _is_rate(ctx: Context) -> bool:
    """Whether "a <unit>" follows an amount ("$5 a year", "twice a day") or a count of
    things ("52 jets a month"), so that it says how often, not how long."""
    return bool(_RATE_BEFORE.search(ctx.before(14)) or _COUNT_BEFORE.search(ctx.before(48)))


def resolve_frequency(groups: Groups, ctx: Context) -> Resolved | None:
    """ "daily", "quarterly", "annual"; not "China Daily" or "the Daily Telegraph", nor
    "annual" (or "biennial") right after a possessive ("its annual report", "the
    company's annual conference"), which classifies its owner's event rather than
    timing one: MEANTIME leaves those out (2 of 2 in its training topics) while it tags
    "the annual conference"; other frequencies keep their tag ("their best weekly
    gain" is tagged there)."""
    word = groups["freq"] or ""
    if word[0].isupper() and (not ctx.at_sentence_start() or ctx.next_word()[:1].isupper()):
        return None
    if word.casefold() in _OF_YEARS and _POSSESSOR.search(ctx.before(30)):
        return None
    return Resolved("SET", FREQUENCIES[" ".join(word.casefold().split()).replace(" ", "-")])


def resolve_duration(groups: Groups, ctx: Context) -> Resolved | None:
    """ "five years", "the past 70 years", "about two and a half years", "a 12-year",
    and the dates "two years ago", "two days later", "three months from now"."""
    if (groups.get("long") or "").strip(" -").casefold() == "old":
        return None  # an age, "70-year-old"
    code, multiple = unit_of(groups["unit"] or "")
    number_word = (groups["num"] or "").casefold()
    if number_word in ("a", "an") and code in ("S", "Q"):
        return None  # "a second time", "a quarter of the dealers"
    quantity = number_value(number_word)
    halves = (groups.get("half") or "").casefold().startswith("and") or bool(groups.get("half2"))
    if quantity is not None and halves:
        quantity += 0.5
    qmod_word = " ".join((groups.get("qmod") or "").casefold().split())
    mod = QUANTITY_MODS.get(qmod_word) or ("MORE_THAN" if qmod_word == "over" else None)
    if (groups.get("half") or "").casefold().replace(" ", "") in ("orso",):
        mod = mod or "APPROX"
    elif (groups.get("half") or "").casefold().endswith("more"):
        mod = mod or "EQUAL_OR_MORE"
    direction = " ".join((groups.get("dir") or "").casefold().split())
    direction = {"before": "earlier", "after": "later"}.get(direction, direction)
    if direction in ("ago", "back", "previously", "later", "earlier", "hence", "from now",
                     "afterwards", "afterward"):  # fmt: skip
        return _offset_date(quantity, code, multiple, direction, mod, ctx)
    if quantity is not None and quantity == 0.5 and multiple == 1 and (half := half_unit(code, 1)):
        quantity, code = half
    elif quantity is not None and quantity != int(quantity) and multiple != 1:
        quantity, multiple = quantity * multiple, 1
    amount = None if quantity is None else quantity * multiple
    if code == "WE":
        code = "WE"
    return Resolved("DURATION", duration_value(amount, code), mod=mod)


def _offset_date(
    quantity: float | None,
    code: str,
    multiple: float,
    direction: str,
    mod: str | None,
    ctx: Context,
) -> Resolved | None:
    back = direction in ("ago", "back", "previously", "earlier")
    if direction in ("ago", "back", "previously", "hence", "from now"):
        anchor, how = ctx.dct, "dct"
    else:
        anchor, how = ctx.anchor_day()
        prev_gran = ctx.previous.gran if ctx.previous is not None else None
        if how == "previous" and not _fine_enough(prev_gran, code):
            # "two days later" after "in April": later than which day, the text does not say.
            return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", mod=mod, anchor=how)
    if quantity is None or anchor is None or quantity != int(quantity) or code in ("S",):
        return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", mod=mod, anchor=how)
    steps = int(quantity * multiple) * (-1 if back else 1)
    if code in ("H", "TM"):
        return Resolved("DATE", fmt_day(anchor), mod=mod, anchor=how, ref=anchor, gran="D")
    unit = "W" if code == "WE" else code
    day = shift(anchor, steps, unit)
    if unit == "Y" and multiple >= 10:
        value = f"{day.year // 10:03d}" if multiple == 10 else f"{day.year // 100:02d}"
        return Resolved("DATE", value, mod=mod, anchor=how, ref=day, gran="Y")
    if unit == "Y":
        return Resolved("DATE", f"{day.year:04d}", mod=mod, anchor=how, ref=day, gran="Y")
    if unit == "M":
        return Resolved("DATE", fmt_month(day), mod=mod, anchor=how, ref=day, gran="M")
    if unit == "Q":
        return Resolved("DATE", period_value(day, "Q"), mod=mod, anchor=how, ref=day, gran="Q")
    return Resolved("DATE", fmt_day(day), mod=mod, anchor=how, ref=day, gran="D")


def _fine_enough(granularity: str | None, unit: str) -> bool:
    """Whether an anchor of `granularity` can carry an offset in `unit`."""
    if unit in ("Y", "Q"):
        return True
    if unit == "M":
        return granularity in ("D", "T", "W", "M")
    return granularity in DAY_LEVEL


def resolve_vague_duration(groups: Groups, ctx: Context) -> Resolved | None:
    """ "for years", "over the past months", "decades-long", "years ago": a duration (or a
    reference) of no stated length; bare plurals need a word that makes them time."""
    rel = (groups.get("rel") or "").casefold()
    pre = (groups.get("pre") or "").casefold()
    if not (
        rel
        or groups.get("long")
        or groups.get("dir")
        or pre in _VAGUE_PREPOSITIONS
        or _bare_plural_is_time(pre, ctx)
    ):
        return None
    if rel == "coming":
        return None  # "the coming months" looks ahead, a FUTURE_REF (`resolve_reference`)
    code, _ = unit_of(groups["unit"] or "")
    direction = (groups.get("dir") or "").casefold()
    if direction:
        return Resolved("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")
    return Resolved("DURATION", duration_value(None, "Y" if code in ("Y",) else code))


_VAGUE_PREPOSITIONS: Final[frozenset[str]] = frozenset({"for", "over", "within", "in", "spanning"})
# Verbs whose object is a stretch of time ("could take years", "the talks lasted hours").
_SPAN_VERBS: Final[frozenset[str]] = words(
    """take takes took taking taken last lasts lasted lasting spend spends spent spending
    wait waits waited waiting"""
)


def _bare_plural_is_time(pre: str, ctx: Context) -> bool:
    """Whether a bare "years", "months" names a stretch of time without a preposition:
    the object of a verb of duration ("took months"), after a degree word ("just days
    to respond"), "after years of losses", "only months away", "minutes before the deadline"."""
    previous, following = ctx.previous_word().casefold(), ctx.next_word().casefold()
    if previous in _SPAN_VERBS or previous in ("just", "only", "mere"):
        return True
    if following in ("away", "before", "after") or (pre == "after" and following == "of"):
        return True  # "weeks away", "minutes before the deadline", "hours after the vote"
    return previous == "be" and following in ("before", "until")


_SPAN_BEFORE_NOW = re.compile(
    r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|second|minute|hour|day|week"
    r"|month|year|decade|time|while)\s*,?\s*$",
    re.IGNORECASE,
)


def resolve_unspecified(groups: Groups, ctx: Context) -> Resolved | None:
    """ "a later date", "a future time": some day the text does not give; "at one point",
    "at some point": a time before the report in a past-tense clause, after it in a
    future one."""
    which = " ".join((groups.get("which") or "").casefold().split())
    if which.endswith(" point"):
        tense = ctx.tense()
        if tense in ("past", "future"):
            return Resolved("DATE", "PAST_REF" if tense == "past" else "FUTURE_REF")
        return None
    return Resolved("DATE", "XXXX-XX-XX")


def _bare_adverb(ctx: Context, following: str) -> bool:
    """Whether "later" or "earlier" stands alone as an adverb of time ("later revealed",
    "Later, the firm said"), not an adjective ("a later date", "earlier models"), a
    comparison ("earlier than planned") or the head of a longer phrase ("later in the day")."""
    previous = ctx.previous_word().casefold()
    if previous in _BEFORE_ADJECTIVE or previous[:1].isdigit() or _UNIT_BEFORE.search(ctx.before()):
        return False
    if following in _AFTER_NOT_ALONE:
        return False
    if previous in _AUXILIARIES:
        return True  # "will later sell", "was later found"
    return (
        not following[:1].isalpha()
        or following in FUNCTION_WORDS
        or _VERB_FORM.match(following) is not None
    )


_BEFORE_ADJECTIVE: Final[frozenset[str]] = words(
    """a an the its their his her our this that these those much even still sooner or no
    mentioned noted stated explained described discussed"""
)  # and "as noted earlier" points back in the text, not in time
_AFTER_NOT_ALONE: Final[frozenset[str]] = words(
    "than in on this today tonight yesterday tomorrow date time stage point"
)
_UNIT_BEFORE = re.compile(
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\s*$", re.IGNORECASE
)
# A verb after the adverb: "later revealed", "later revealing", "earlier said".
_VERB_FORM = re.compile(r"[a-z]+(?:ed|ing)$|(?:said|told|made|took|became|sold|won|fell|rose)$")
_AUXILIARIES: Final[frozenset[str]] = words(
    "will would could should may might can must was were is are has have had be been"
)


_NOT_CURRENT_TIME: Final[frozenset[str]] = FUNCTION_WORDS | words("account accounts affairs")

_REFERENCES: Final[dict[str, str]] = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "the time being": "PRESENT_REF",
    "the present": "PRESENT_REF", "the present day": "PRESENT_REF",
    "the present time": "PRESENT_REF", "recently": "PAST_REF", "more recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "later": "FUTURE_REF", "earlier": "PAST_REF",
}  # fmt: skip


def resolve_reference(groups: Groups, ctx: Context) -> Resolved | None:
    """ "now", "currently", "recently", "in the past", "the near term", "the coming weeks"."""
    phrase = " ".join((groups["ref"] or "").casefold().replace("-", " ").split())
    nxt = ctx.next_word()
    bare = phrase in ("the past", "the future", "the present")
    if bare and nxt[:1].isalpha() and nxt.casefold() not in FUNCTION_WORDS:
        return None  # "the past president", "the future king"
    if phrase == "soon" and (
        ctx.previous_word().casefold() == "as" or nxt.casefold() in ("as", "after")
    ):
        return None
    if phrase == "now" and nxt.casefold() == "that":
        return None
    if phrase in ("later", "earlier") and not _bare_adverb(ctx, nxt.casefold()):
        return None
    if phrase == "later" and ctx.tense() == "past":
        return Resolved("DATE", "XXXX-XX-XX")  # "was later found": some day before the report
    if phrase == "now" and ctx.dct is not None and _SPAN_BEFORE_NOW.search(ctx.before()):
        # "shipping for a week now", "for years now": the end of a stretch, the report's day.
        return Resolved("DATE", fmt_day(ctx.dct), anchor="dct", ref=ctx.dct, gran="D")
    if phrase == "recent" and (
        ctx.previous_word().casefold() in ("most", "more", "less", "least") or not nxt[:1].isalpha()
    ):
        return None  # "the most recent model" ranks things; "recent" alone is no time
    if phrase == "recent" or phrase.startswith("recent "):
        return Resolved("DATE", "PAST_REF")
    if phrase == "current":
        # "the current circumstances" is the present, as "recent losses" is the past;
        # not "current account", "current affairs" (fixed terms), nor a noun ("the current").
        if not nxt[:1].isalpha() or nxt.casefold() in _NOT_CURRENT_TIME:
            return None
        return Resolved("DATE", "PRESENT_REF")
    if phrase.startswith(("the coming ", "coming ")) or phrase.endswith(" ahead"):
        return Resolved("DATE", "FUTURE_REF")
    if phrase.endswith(" term"):
        return Resolved("DATE", "FUTURE_REF")
    value = _REFERENCES.get(phrase)
    return Resolved("DATE", value) if value else None


def resolve_shared_unit(groups: Groups, ctx: Context) -> Resolved | None:
    """The first number of "between 60 and 90 days", "two or three years": it shares
    the unit written after the second."""
    quantity = number_value(groups["num"] or "")
    if quantity is None:
        return None
    code, multiple = unit_of(groups["unit"] or "")
    return Resolved("DURATION", duration_value(quantity * multiple, code))
