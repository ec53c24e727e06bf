"""Knowledge-base records: an entity with its names, and the offices a person held.

Dates are ISO 8601 strings of day, month or year precision ("2021-01-26",
"2021-01", "2021"). A partial start date means "some day in that period", so a
term is widened to the whole period when it is compared (`floor` / `ceil`):
a term is never made narrower than its data says.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

#: The offices the linker knows how to read from a title ("Foreign Minister").
OFFICE_KEYS: frozenset[str] = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "national_security_adviser",
        "other",
    }
)
ENTITY_TYPES: frozenset[str] = frozenset({"person", "organization", "country", "place"})

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def parse_iso(value: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date of day, month or year precision; None if malformed."""
    match = _ISO.match(value)
    if not match:
        return None
    year = int(match.group(1))
    if year < date.min.year:  # "0000": no day of the calendar
        return None
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None and not 1 <= day <= _month_days(year, month):
        return None
    return year, month, day


def _month_days(year: int, month: int) -> int:
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 28
    return _DAYS[month - 1]


def floor(value: str) -> str:
    """The first day a partial date can mean: "2021" -> "2021-01-01"."""
    parts = parse_iso(value)
    if parts is None:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = parts
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


def ceil(value: str) -> str:
    """The last day a partial date can mean: "2021-02" -> "2021-02-28"."""
    parts = parse_iso(value)
    if parts is None:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = parts
    month = month or 12
    return f"{year:04d}-{month:02d}-{day or _month_days(year, month):02d}"


def shift_day(value: str, days: int) -> str:
    """The day `days` after the day `value` ("YYYY-MM-DD"), held inside the calendar:
    a window widened past 9999-12-31 stops there."""
    ordinal = date.fromisoformat(value).toordinal() + days
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal())).isoformat()


@dataclass(frozen=True, slots=True, order=True)
class Window:
    """A closed range of days, `start` .. `end` (either may be open: None)."""

    start: str | None = None
    end: str | None = None

    @classmethod
    @lru_cache(maxsize=4096)
    def of(cls, value: str | None) -> Window:
        """The days a report date of any precision can mean; open when unknown."""
        if not value or parse_iso(value) is None:
            return cls()
        return cls(floor(value), ceil(value))

    @property
    def known(self) -> bool:
        return self.start is not None or self.end is not None

    def overlaps(self, other: Window) -> bool:
        return (self.end is None or other.start is None or other.start <= self.end) and (
            other.end is None or self.start is None or self.start <= other.end
        )

    def intersect(self, other: Window) -> Window | None:
        if not self.overlaps(other):
            return None
        starts = [d for d in (self.start, other.start) if d]
        ends = [d for d in (self.end, other.end) if d]
        return Window(max(starts) if starts else None, min(ends) if ends else None)


@lru_cache(maxsize=65536)
def term_window(start: str | None, end: str | None) -> Window:
    """The days a term from `start` to `end` may have covered (partial dates widened)."""
    return Window(floor(start) if start else None, ceil(end) if end else None)


@dataclass(frozen=True, slots=True)
class Role:
    """One term in one office. `end` is None for a current holder."""

    office: str  # as the data names it: "Secretary of State"
    office_key: str  # one of OFFICE_KEYS
    country: str | None  # ISO 3166 alpha-3 of the country whose office it is
    start: str | None
    end: str | None = None

    @property
    def window(self) -> Window:
        """Every day the term may have covered (partial dates widened)."""
        return term_window(self.start, self.end)

    def held_during(self, window: Window) -> bool:
        return self.window.overlaps(window)


@dataclass(frozen=True, slots=True)
class KBEntity:
    """A canonical entity: its names in every script and, for people, dated roles."""

    key: str  # unique in one KB: "wikidata:Q…", "country:JPN", "geonames:…", "kb:person:…"
    name: str
    type: str  # one of ENTITY_TYPES
    wikidata: str | None = None
    country: str | None = None  # ISO alpha-3 (citizenship, location)
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    prior: float = 0.5  # 0..1, how prominent: breaks ties between equally good names

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *(a for a in self.aliases if a != self.name))


def entity_id(key: str) -> str:
    """The stable storyline id of an entity key (as the surface stage makes them)."""
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
