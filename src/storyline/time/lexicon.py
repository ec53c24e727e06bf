"""Words of time: months, weekdays, numbers, units, parts of day, seasons.

The tables map a word to what it means in TimeML (a month number, an ISO
weekday, a duration unit); the `*_RE` strings are regex fragments without
named groups, built from the same tables so that the grammar and the
normaliser can never disagree about which words exist.

Month names must be capitalised ("May" the month, "may" the verb; "March" the
month, "march" the verb); relative words and units match in any case.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

MONTHS: Final[dict[str, int]] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

#: ISO weekday numbers (Monday = 1), as TimeML writes them in "XXXX-WXX-2".
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4,
    "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip

_SMALL: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Quantities that name no number: the duration becomes "PXY".
VAGUE_QUANTITIES: Final[frozenset[str]] = frozenset(
    {"a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of",
     "countless", "numerous", "a couple of", "couple of", "multiple"}
)  # fmt: skip
_FIXED_QUANTITIES: Final[dict[str, float]] = {
    "a": 1, "an": 1, "a single": 1, "single": 1, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "hundred": 100, "half a": 0.5, "half an": 0.5, "a half": 0.5,
}  # fmt: skip

ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
    "final": 4, "last": 4,  # "the final quarter"; only quarters and halves use these
}  # fmt: skip

#: Duration units: the word, its TimeML designator and how many of it one is.
#: Decades and centuries are written in years (P10Y), as TimeBank and MEANTIME do.
UNITS: Final[dict[str, tuple[str, float]]] = {
    "second": ("S", 1), "sec": ("S", 1), "minute": ("TM", 1), "min": ("TM", 1),
    "hour": ("H", 1), "hr": ("H", 1), "day": ("D", 1), "night": ("D", 1),
    "week": ("W", 1), "weekend": ("WE", 1), "fortnight": ("W", 2), "month": ("M", 1),
    "quarter": ("Q", 1), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
    "centurie": ("Y", 100), "millennium": ("Y", 1000), "millennia": ("Y", 1000),
}  # fmt: skip

PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "daytime": "DT", "midday": "MI", "noon": "MI", "dawn": "MO",
    "daybreak": "MO", "dusk": "EV", "lunchtime": "MI",
}  # fmt: skip

SEASONS: Final[dict[str, str]] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}

#: Adverbs and adjectives of frequency: TimeML SET values.
FREQUENCIES: Final[dict[str, str]] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
    "fortnightly": "P2W", "biweekly": "P2W", "monthly": "P1M", "bimonthly": "P2M",
    "quarterly": "P3M", "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y",
    "biannual": "P6M", "semiannual": "P6M", "semi-annual": "P6M", "biennial": "P2Y",
}  # fmt: skip

#: Words before a quantity that make it approximate or bounded (TimeML `mod`). "over" is
#: left out: "over five years" is far more often "during" than "more than".
QUANTITY_MODS: Final[dict[str, str]] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "an estimated": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "more than": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "not more than": "EQUAL_OR_LESS",
}  # fmt: skip

#: Words before a period that pick a part of it (TimeML `mod`), keyed by their
#: first distinctive word after "the"/"the very".
PERIOD_MODS: Final[dict[str, str]] = {
    "early": "START", "beginning": "START", "start": "START", "dawn": "START",
    "first part": "START", "early part": "START", "first half": "START",
    "mid": "MID", "middle": "MID", "late": "END", "end": "END", "close": "END",
    "last part": "END", "latter part": "END", "second half": "END", "latter half": "END",
}  # fmt: skip


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so that prefixes never win."""
    items = sorted(set(words), key=len, reverse=True)
    escaped = (w.replace(" ", r"\s+").replace(".", r"\.").replace("-", r"[-\s]") for w in items)
    return "|".join(escaped)


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, for long word lists."""
    return frozenset(text.split())


def _capitalised(words: list[str]) -> str:
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


_FULL_MONTHS = [w for w, _ in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])) if len(w) > 4]
#: A full month name, capitalised or in capitals ("May", "MARCH"); "June", "July" too.
MONTH_FULL_RE: Final[str] = rf"(?:{_capitalised(_FULL_MONTHS + ['may', 'june', 'july'])})(?![\w])"
#: A month name or abbreviation ("Jan.", "Sept", "Feb"), before a day or a year.
MONTH_RE: Final[str] = (
    rf"(?:{_capitalised(_FULL_MONTHS + ['may', 'june', 'july'])}"
    rf"|{_capitalised([w for w in MONTHS if len(w) <= 4 and w not in ('may', 'june', 'july')])})"
    r"(?:\s?\.(?!\w)|(?![\w]))"
)
#: A weekday, possessive too ("Tuesday's election"), but not inside a word or a quote mark.
WEEKDAY_RE: Final[str] = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\w])(?!['’](?![sS]\b))"
)
_NUMBER_WORDS = [*_SMALL, *_TENS]
_COMPOUND = rf"(?:{'|'.join(_TENS)})(?:-|\s)(?:{'|'.join(w for w in _SMALL if _SMALL[w] < 10)})"
#: A quantity in words or digits: "70", "1.5", "twenty-five", "a", "several".
NUMBER_RE: Final[str] = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d.])|\d{{1,4}}(?:\.\d+)?|(?i:{_COMPOUND}|{_alternatives(_NUMBER_WORDS)}"
    rf"|{_alternatives([*VAGUE_QUANTITIES, *_FIXED_QUANTITIES])})(?![\w]))"
)
_UNIT_FORMS = [
    "seconds", "second", "secs", "minutes", "minute", "mins", "hours", "hour", "hrs",
    "days", "day", "nights", "night", "weeks", "week", "weekends", "weekend",
    "fortnights", "fortnight", "months", "month", "quarters", "quarter", "years", "year",
    "decades", "decade", "centuries", "century", "millennia", "millennium",
]  # fmt: skip
#: A unit of duration, optionally qualified: "years", "trading days", "fiscal year".
UNIT_RE: Final[str] = (
    r"(?i:(?:trading|business|working|calendar|school|fiscal|financial)\s+)?"
    rf"(?i:{'|'.join(_UNIT_FORMS)})(?![\w])"
)
ORDINAL_WORD_RE: Final[str] = rf"(?i:{_alternatives(ORDINALS)})"
PART_OF_DAY_RE: Final[str] = (
    r"(?i:morning|afternoon|evening|night|overnight|daytime|midday|noon|dawn|dusk|lunchtime)"
)
SEASON_RE: Final[str] = r"(?i:spring|summer|autumn|fall|winter)(?![\w])"
FREQUENCY_RE: Final[str] = rf"(?:{_alternatives(FREQUENCIES)})(?![\w-])"
QUANTITY_MOD_RE: Final[str] = rf"(?i:{_alternatives(QUANTITY_MODS)})"
#: "early", "mid-", "the end of", "the first half of", "the very beginning of"…
PERIOD_MOD_RE: Final[str] = (
    r"(?i:(?:early|late)(?:\s+in)?|mid(?=-|\s)|(?:the\s+)?(?:very\s+)?"
    r"(?:beginning|start|end|close|middle|dawn"
    r"|(?:first|second|latter|last|early)\s+(?:half|part))\s+of)"
)


def number_value(text: str) -> float | None:
    """The number a quantity names: "two" 2, "twenty-five" 25, "1.5" 1.5, "several" None."""
    word = " ".join(text.casefold().replace("-", " ").split())
    if word[:1].isdigit():
        word = word.replace(",", "")
    if word in VAGUE_QUANTITIES:
        return None
    if word in _FIXED_QUANTITIES:
        return _FIXED_QUANTITIES[word]
    try:
        return float(word)
    except ValueError:
        pass
    parts = word.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _SMALL:
        return float(_TENS[parts[0]] + _SMALL[parts[1]])
    if word in _SMALL:
        return float(_SMALL[word])
    if word in _TENS:
        return float(_TENS[word])
    return None


def month_number(text: str) -> int | None:
    return MONTHS.get(text.rstrip(". ").casefold())


def weekday_number(text: str) -> int | None:
    return WEEKDAYS.get(text.rstrip(". ").casefold())


def unit_of(text: str) -> tuple[str, float]:
    """The TimeML designator and multiple of a unit word: "decades" -> ("Y", 10)."""
    word = text.casefold().split()[-1]
    for form in (word, word[:-1] if word.endswith("s") else word, word.rstrip("s")):
        if form in UNITS:
            return UNITS[form]
        if form in ("sec", "secs"):
            return UNITS["second"]
        if form in ("min", "mins"):
            return UNITS["minute"]
        if form in ("hr", "hrs"):
            return UNITS["hour"]
    raise KeyError(text)


def period_mod(text: str | None) -> str | None:
    """The TimeML mod of a period modifier: "the end of" END, "early" START, "mid-" MID."""
    if not text:
        return None
    words = text.casefold().replace("-", " ").split()
    words = [w for w in words if w not in ("the", "very", "of", "in")]
    key = " ".join(words)
    return PERIOD_MODS.get(key) or PERIOD_MODS.get(words[0] if words else "")
