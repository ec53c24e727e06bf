"""Record types shared by every stage.

Every record is a frozen dataclass. Positions are character offsets into the
one canonical text of a report (`Document.text`), never token indices, and
every annotation names the stage that made it (`stage`), so stored results can
be traced and re-made when a stage's version changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range `[start, end)` into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """Whether each range starts before the other ends (touching ranges do not)."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class RawReport:
    """One report as read from its input, before any cleaning.

    Exactly one of `text` and `html` is set. `key` identifies the input
    record (a hash of its raw bytes) and makes re-ingesting idempotent.
    """

    key: str
    origin: str  # path, "path#L<line>", "-" for stdin, or a URL (see `origin_label`)
    source: str  # the outlet or site; a folder name when nothing better is known
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the input's metadata, unparsed
    encoding: str | None = None
    removed_controls: int = 0  # stray NUL and control characters dropped while reading

    @property
    def read_flags(self) -> tuple[str, ...]:
        """The flags reading the input earns its report: `control-chars-removed:N`."""
        if self.removed_controls:
            return (f"control-chars-removed:{self.removed_controls}",)
        return ()


def origin_label(origin: str) -> str:
    """An input's origin as exports and pages show it: the path (or URL) as given,
    `path:line` for a line of a JSON Lines file, `-` for standard input."""
    path, mark, line = origin.rpartition("#L")
    if mark and path and line.isdigit():
        return f"{path}:{line}"
    return origin


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not become a report, and why."""

    key: str
    origin: str
    code: str  # an error code from `storyline.errors`
    reason: str
    stage: str | None = None  # the stage that failed (E010-E012), by its versioned name
    detail: str | None = None  # the traceback of a stage failure, for `storyline stats`


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line dropped from a report's text during cleaning (debris, caption, dateline)."""

    text: str
    kind: str  # "debris" | "caption" | "heading" | "dateline" | "title" | "boilerplate"
    reason: str
    stage: str


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    stage: str


#: Model labels kept as entity mentions, and the `Mention.kind` (export type) they map to.
#: GPE may become "country" once looked up (see `storyline.entities.countries`).
KIND_BY_LABEL: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention, with its text after clean-up (titles, possessives dropped)."""

    span: Span
    text: str
    label: str  # the NER label, e.g. PERSON, ORG, GPE, LOC
    kind: str  # "person" | "organization" | "place" | "country" | "other"
    stage: str
    title: str | None = None  # a title that preceded the name: "Secretary of State"
    entity: str | None = None  # id of the entity it is linked to, once linked
    score: float | None = None  # how sure the link is, 0..1
    reason: str | None = None  # why the linker chose that entity, for people to read


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3 time expression with its TimeML type and normalised value."""

    span: Span
    text: str
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TimeML value: "2021-03-16", "2021-W11", "P5Y", "PRESENT_REF", "XXXX-04"…
    stage: str
    mod: str | None = None  # TimeML mod: "START", "MID", "END", "APPROX", "BEFORE"…
    # What a relative value was computed from: "dct" | "previous". In a report of unknown
    # date, "dct" marks a value that is the report's own day ("today (16th)", "this morning").
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class DateFinding:
    """How a report's publication date was found (or why it could not be)."""

    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY; None when undated
    how: str | None  # "metadata" | "dateline" | "inferred" | None
    confidence: float  # 0..1
    evidence: tuple[str, ...] = ()  # human-readable reasons, each naming its text
    earliest: str | None = None  # the window the constraints allow, YYYY-MM-DD
    latest: str | None = None


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity that mentions of a report are linked to."""

    id: str
    key: str
    name: str
    kind: str  # "person" | "organization" | "place" | "country" | "other"
    stage: str
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """Who takes part in an event mention, and how."""

    role: str  # "agent" | "counterpart" | "target" | "host" | "participant"
    span: Span  # the mention of the participant in the text
    entity: str | None = None  # linked entity id, once linked


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one report tells it, anchored on its trigger word."""

    trigger: Span
    sentence: Span
    type: str  # from docs/events.md, e.g. "meeting", "visit", "statement", "missile_launch"
    status: str  # "happened" | "planned" | "hypothetical" | "denied" | "generic"
    stage: str
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_source: Span | None = None  # the time expression the date comes from
    place: Span | None = None
    place_entity: str | None = None
    participants: tuple[Participant, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("format", "virtual"),)


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or indirect speech and who said it."""

    span: Span  # the quoted words (without the quote marks for direct speech)
    kind: str  # "direct" | "indirect"
    stage: str
    speaker: Span | None = None  # the mention or title naming the speaker
    speaker_entity: str | None = None
    cue: Span | None = None  # the speech verb: "said", "told", "stressed"


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """The days a person the report names with a title held that office: a bound on the
    report's date, from the linker (`entities.offices.v1`) for dating (`time.date.v1`)."""

    start: str | None  # YYYY-MM-DD
    end: str | None
    reason: str  # "Toshimitsu Motegi was Japanese Foreign Minister 2019-09-11..2021-11-04"
    # Spans between two terms, when the person held the office more than once.
    gaps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One report flowing through the per-report stages.

    Stages never mutate a document; they return a new one with `evolve`.
    """

    id: str
    key: str
    origin: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    published_how: str | None = None  # "metadata" | "dateline" | "inferred"
    dateline: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    flags: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[EntityRef, ...] = ()
    timexes: tuple[TimeExpression, ...] = ()
    dating: DateFinding | None = None
    events: tuple[EventMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    office_terms: tuple[OfficeTerm, ...] = ()  # read before the report is dated (not stored)
    stages: tuple[str, ...] = ()  # names of the stages that ran, in order
    meta: tuple[tuple[str, Any], ...] = field(default=())

    def evolve(self, stage: str, **changes: Any) -> Document:
        """A copy with `changes` applied and `stage` recorded as having run."""
        return replace(self, stages=(*self.stages, stage), **changes)

    def flagged(self, *flags: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.flags, *flags)))

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


# -- duplicate detection: what the fingerprint index stores ---------------------


@dataclass(frozen=True, slots=True)
class Fingerprint:
    doc_id: str
    text_hash: str
    signature: bytes
    band_keys: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Known:
    """A report already in the index: its id, signature and what it duplicates."""

    doc_id: str
    signature: bytes
    duplicate_of: str | None


# -- events and stories merged across reports ---------------------------------------
#
# An `Event` is one real happening with every report behind it; each fact (date,
# place, participant) carries how many independent sources support it, and a
# `Conflict` names the sources that disagree. A `Story` groups related events.


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
class PossibleDays:
    """The days an undated event may lie on, as its reports' own dating bounds them: a
    happening lies no later than the last day of a report that tells it as done, a plan
    no earlier than the first day of a report that tells it as planned (`events.facts.
    possible_days`). `day_of_month` is the day its reports name without a month ("on the
    11th"). A bound is None when no report gives it."""

    earliest: str | None  # YYYY-MM-DD
    latest: str | None
    day_of_month: int | None = None


class EventOutline(NamedTuple):
    """What stories are made from, of an event: read for every event each run, so a
    tuple, not an `Event` (`store.events.events_for_stories`)."""

    id: str
    type: str
    date: str | None
    participants: tuple[EventParticipant, ...]
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged from every report that tells it."""

    id: str
    type: str
    title: str
    status: str  # "happened" | "planned" | "hypothetical" | "denied" | "generic"
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
    summary: Evidence | None = None  # the sentence that tells it best
    possible_days: PossibleDays | None = None  # when undated: the days its reports allow


@dataclass(frozen=True, slots=True)
class Story:
    """Reports that tell one happening or storyline (kind "story": a report group, every
    report in exactly one), or related events: the trip that contains several meetings,
    or a summit series."""

    id: str
    kind: str  # "story" | "trip" | "series"
    title: str
    events: tuple[str, ...]  # event ids, by date
    documents: tuple[str, ...]
    start: str | None = None  # the earliest and latest event dates
    end: str | None = None
    sources: int = 0  # independent sources among its reports (a copy counts once)


# -- the knowledge base: entities with their names and dated offices ----------------
#
# Dates are ISO 8601 strings of day, month or year precision ("2021-01-26", "2021-01",
# "2021"). A partial start date means "some day in that period", so a term is widened to
# the whole period when it is compared (`floor` / `ceil`): never narrower than its data.

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def iso_day(ordinal: int | None) -> str | None:
    """A day given as a proleptic ordinal (`date.toordinal`) as YYYY-MM-DD; None stays None."""
    return None if ordinal is None else date.fromordinal(ordinal).isoformat()


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


@dataclass(frozen=True, slots=True)
class TermProposal:
    """A term in office a report tells someone took ("X was sworn in as foreign
    minister"): learned from the corpus, stored apart from the curated knowledge base
    with its evidence (`entities.learning`)."""

    document: str
    mention_start: int  # the person's mention in the report
    mention_end: int
    person: str  # the name as written
    entity: str | None  # the entity the mention was linked to when proposed
    office: str  # the title as written: "foreign minister"
    office_keys: tuple[str, ...]  # the offices it may name (`kb.model.OFFICE_KEYS`)
    country: str  # ISO alpha-3
    start: str  # YYYY-MM-DD: the day named, or the report's day ("in office by")
    confidence: float  # how sure the shape is (`learning.CONFIDENCE`)
    shape: str  # "took" | "given" | "new"
    evidence: str  # the sentence


@dataclass(frozen=True, slots=True)
class KBEntry:
    """An entity as a knowledge-base index stores it: with the normal forms of its names
    (looked up exactly) and the fuzzy keys of its names (looked up by key)."""

    entity: KBEntity
    names: frozenset[str]
    keys: frozenset[str]
