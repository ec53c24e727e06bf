"""Knowledge-base vocabulary: the offices and entity types it knows, entity ids.

The records themselves (`KBEntity`, `Role`, `Window` and the partial-date
helpers `parse_iso`, `floor`, `ceil`, `term_window`) live in `storyline.records`,
so that the store can read and write them; they are re-exported here.
"""

from __future__ import annotations

import hashlib
from datetime import date

from storyline.records import KBEntity, Role, Window, ceil, floor, parse_iso, term_window

__all__ = [
    "ENTITY_TYPES",
    "OFFICE_KEYS",
    "KBEntity",
    "Role",
    "Window",
    "ceil",
    "entity_id",
    "floor",
    "parse_iso",
    "shift_day",
    "term_window",
]

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


def shift_day(value: str, days: int) -> str:
    """The day `days` after the day `value` ("YYYY-MM-DD"), held inside the calendar:
    a window widened past 9999-12-31 stops there."""
    ordinal = date.fromisoformat(value).toordinal() + days
    return date.fromordinal(min(max(ordinal, 1), date.max.toordinal())).isoformat()


def entity_id(key: str) -> str:
    """The stable storyline id of an entity key (as the surface stage makes them)."""
    return "e" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
