"""Ids and dates of the knowledge base's events and stories, after merging across reports.

The records (`Event`, `EventParticipant`, `Evidence`, `Conflict`, `Story`) live
in `storyline.records`, so that the store can write them; they are re-exported
here. Ids are stable hashes: the same reports give the same ids in any order,
so stored events can be updated in place.
"""

from __future__ import annotations

import hashlib

from storyline.records import Conflict, Event, EventParticipant, Evidence, Story

__all__ = [
    "Conflict",
    "Event",
    "EventParticipant",
    "Evidence",
    "Story",
    "date_precision",
    "stable_id",
]


def stable_id(prefix: str, *parts: str) -> str:
    """`prefix` + 15 hex digits of the SHA-256 of `parts` (order matters, input order not)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return prefix + digest[:15]


def date_precision(value: str | None) -> str | None:
    if value is None:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value))
