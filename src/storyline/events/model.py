"""Records of the knowledge base's events and stories, after merging across reports.

An `Event` is one real happening with every report behind it; each fact
(date, place, participant) carries how many independent sources support it,
and a `Conflict` names the sources that disagree. A `Story` groups related
events (a trip, a summit series). Ids are stable hashes: the same reports give
the same ids in any order, so stored events can be updated in place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """A sentence (or a phrase) of one report that supports an event or one of its facts."""

    document: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventParticipant:
    """Who takes part, in which role, and how many independent sources say so."""

    entity: str | None  # the linked entity id; None when the name is not linked
    name: str  # the name as most sources write it
    role: str  # "agent" | "counterpart" | "target" | "host" | "participant"
    sources: int
    documents: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two values of one fact that sources disagree on; `chosen` won (more sources)."""

    fact: str  # "date" | "place" | "participant" | "role"
    chosen: str
    chosen_documents: tuple[str, ...]
    other: str
    other_documents: tuple[str, ...]
    role: str | None = None  # for participants: the role in question


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged from every report that tells it."""

    id: str
    type: str
    title: str
    status: str  # "happened" | "planned" | "hypothetical" | "denied"
    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: str | None  # "day" | "month" | "year"
    date_basis: str | None  # "text" (a time expression) | "report" (the report's date)
    date_sources: int  # independent sources supporting the date
    place: str | None  # entity id of the place (or its name when unlinked)
    place_name: str | None
    place_sources: int
    participants: tuple[EventParticipant, ...]
    documents: tuple[str, ...]  # every report telling it, syndicated copies included
    sources: int  # independent sources: a syndicated copy counts once
    evidence: tuple[Evidence, ...]  # the sentences that tell it
    triggers: tuple[Evidence, ...] = ()  # the words that name it, one per event mention
    conflicts: tuple[Conflict, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("format", "virtual"),)


@dataclass(frozen=True, slots=True)
class Story:
    """Related events: the trip that contains several meetings, or a summit series."""

    id: str
    kind: str  # "trip" | "series"
    title: str
    events: tuple[str, ...]  # event ids, by date
    documents: tuple[str, ...]
    start: str | None = None  # the earliest and latest event dates
    end: str | None = None


def stable_id(prefix: str, *parts: str) -> str:
    """`prefix` + 15 hex digits of the SHA-256 of `parts` (order matters, input order not)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return prefix + digest[:15]


def date_precision(value: str | None) -> str | None:
    if value is None:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value))
