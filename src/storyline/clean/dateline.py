"""Wire-service datelines: "TOKYO (Reuters) -", "SEOUL, March 18 (AP) —", "Tokyo, 7 January".

A dateline is a place, then optionally a region ("SEOUL, South Korea"), a date
("Jan. 11", "7 January", "Jan 7 2022") and an agency ("(Kyodo)", "/AJMEDIA/"),
then a separator ("-", "--", "—", ":"). One grammar serves both a line that is
only a dateline (`find_dateline`) and a dateline that opens the first paragraph
(`split_leading_dateline`).

Because a capitalised word followed by a comma opens many ordinary sentences,
a place alone is not enough: a dateline must state a date or an agency, or be an
ALL-CAPS place followed by a separator ("BEIJING —"). A missing year stays
`None`: the dateline constrains the report's date, it does not give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dateline:
    """What a dateline states, and its text as it appeared (separator included)."""

    raw: str
    place: str | None
    day: int | None
    month: int | None
    year: int | None
    agency: str | None


_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
#: A month name or abbreviation, any case ("Jan.", "JANUARY", "Sept"); no groups.
MONTH_PATTERN = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH = MONTH_PATTERN
_WEEKDAY = r"(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?i:day)?\.?"
# A place word is capitalised or in capitals ("Tokyo", "TOKYO", "ST.", "XI'AN"); it
# never ends in a hyphen, so "TOKYO-based" is not a place.
_WORD = rf"[{_UPPER}](?:[{_LETTER}'’.\-]*[{_LETTER}.])?"
_PARTICLE = r"(?:de|da|del|di|do|dos|la|le|el|al|am|an|sur|upon|of)"
# Month and weekday names are dates, not places ("Monday, 7 January" has no place).
_NOT_DATE = rf"(?!(?:{_MONTH}|{_WEEKDAY})(?![{_LETTER}]))"
_NAME = rf"{_NOT_DATE}{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,3}}"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORDINAL}(?:,?\s+(?P<y2>\d{{4}}))?)"
    rf"(?![\w])"
)
_AGENCY = (
    r"(?:\((?P<a1>(?:[A-Z][\w.&'’\- ]{0,40}?|dpa|afp|ap))\)"
    r"|/\s?(?P<a2>[A-Za-z][\w.&'’\- ]{0,30}?)\s?/)"
)
# A hyphen must stand apart ("TOKYO (Reuters) - "); a dash may touch ("BEIJING—").
_SEPARATOR = r"(?P<sep>\s-{1,3}(?!\S)|\s*[—–―]{1,2}|\s*:(?!\S))"

_DATELINE = re.compile(
    rf"(?P<place>{_NAME})"
    rf"(?P<region>,\s*{_NAME})?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"(?:,?\s*(?P<agency>{_AGENCY}))?"
    rf"(?:{_SEPARATOR})?"
)
_WHITESPACE = re.compile(r"\s+")


def find_dateline(line: str) -> Dateline | None:
    """The dateline that is the whole of `line`, or None.

    >>> find_dateline("Tokyo, 7 January, /AJMEDIA/").agency
    'AJMEDIA'
    >>> find_dateline("Tokyo is the capital of Japan.") is None
    True
    """
    text = _WHITESPACE.sub(" ", line).strip()
    match = _DATELINE.match(text)
    if match is None or match.end() != len(text):
        return None
    return _dateline(match)


def parse_dateline(raw: str) -> Dateline | None:
    """A stored dateline read back: a whole-line dateline, or one that opened a paragraph."""
    return find_dateline(raw) or split_leading_dateline(raw)[0]


def split_leading_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Split a dateline off the start of `paragraph`: (dateline, the rest).

    Returns (None, paragraph) unchanged when the paragraph does not open with one:
    "TOKYO (Reuters) - Japan said ..." gives a dateline for Tokyo and Reuters, and
    "Japan said ...".
    """
    text = paragraph.lstrip()
    match = _DATELINE.match(text)
    if match is None:
        return None, paragraph
    rest = text[match.end() :].lstrip()
    if not rest or not _separated(match):
        return None, paragraph
    # "BEIJING — China said": with no date or agency only a new sentence may follow,
    # so that "NATO — the alliance ..." keeps its subject.
    if not (match["date"] or match["agency"]) and not _opens_sentence(rest):
        return None, paragraph
    dateline = _dateline(match)
    if dateline is None:
        return None, paragraph
    return dateline, rest


def _separated(match: re.Match[str]) -> bool:
    """A dateline prefix must be set off from the text: a separator or an agency mark."""
    if match["sep"] or match["a2"]:
        return True
    return bool(match["a1"]) and _is_capitals(match["place"])


def _opens_sentence(rest: str) -> bool:
    first = rest[0]
    return first.isupper() or first.isdigit() or first in "\"“‘'«"


def _dateline(match: re.Match[str]) -> Dateline | None:
    place = match["place"]
    has_date = match["date"] is not None
    has_agency = match["agency"] is not None
    # A place alone is an ordinary capitalised word unless it is a wire-style
    # ALL-CAPS place with a dash ("BEIJING —"); "UPDATE:" or "NOTE:" are labels.
    dash = (match["sep"] or ":").strip() != ":"
    if not (has_date or has_agency or (_is_capitals(place) and dash)):
        return None
    day, month, year = _date_parts(match)
    if has_date and (day is None or not 1 <= day <= 31):
        return None
    region = match["region"]
    where = _place_case(place) + (_place_case(region) if region else "")
    agency = (match["a1"] or match["a2"] or "").strip() or None
    return Dateline(
        raw=match.group(0).strip(),
        place=where,
        day=day,
        month=month,
        year=year,
        agency=agency,
    )


def _date_parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    day_text = match["d1"] or match["d2"]
    month_text = match["m1"] or match["m2"]
    year_text = match["y1"] or match["y2"]
    day = int(day_text) if day_text else None
    month = _MONTHS.get(month_text[:3].casefold()) if month_text else None
    year = int(year_text) if year_text else None
    return day, month, year


def _is_capitals(text: str) -> bool:
    return text.upper() == text and any(c.isalpha() for c in text)


def _place_case(text: str) -> str:
    """ "TOKYO" -> "Tokyo"; a place already in mixed case is kept as written."""
    return text.title() if _is_capitals(text) else text
