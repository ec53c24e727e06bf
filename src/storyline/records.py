"""Record types shared by every stage.

Every record is a frozen dataclass. Positions are character offsets into the
one canonical text of a report (`Document.text`), never token indices, and
every annotation names the stage that made it (`stage`), so stored results can
be traced and re-made when a stage's version changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


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
    anchor: str | None = None  # what a relative value was computed from: "dct" | "previous"


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
    status: str  # "happened" | "planned" | "hypothetical" | "denied"
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
