"""The facts of one merged event, each voted by independent sources.

A source is a report; a syndicated copy (`Document.duplicate_of`) is the same
source as its original, so it is listed among the event's documents but never
counted twice. For each fact the best-supported value wins (ties: the more
precise date, the more specific place, then a fixed order); every value that
disagrees with the winner becomes a `Conflict` naming the documents on both
sides.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.entities.surface import country_of
from storyline.events.keys import (
    DAY,
    REPORT_DAY,
    compatible_dates,
    day_of_mention,
    participant_key,
    status_group,
    trigger_word,
    type_key,
)
from storyline.events.model import (
    Conflict,
    Event,
    EventParticipant,
    Evidence,
    date_precision,
    stable_id,
)
from storyline.events.ontology import event_type
from storyline.events.places import inside, nested
from storyline.events.text import bag, unit
from storyline.records import Document, EventMention, PossibleDays, iso_day

_STATUS_ORDER = ("happened", "planned", "denied", "hypothetical", "generic")
_TITLE_ROLES = ("agent", "participant", "counterpart", "target")


@dataclass(frozen=True, slots=True)
class ReportEvent:
    """An event as one report tells it: its mentions of that event, and what they say."""

    document: str
    origin: str  # the original report: what counts as one independent source
    published: str | None
    text: str
    type: str
    key: str  # type, or "other:<trigger word>"
    group: str  # "real" (happened or planned), "hypothetical", "denied" or "generic"
    mentions: tuple[EventMention, ...]
    keys: frozenset[str]  # participant and place keys
    counterparts: frozenset[str]  # keys of counterparts and targets
    place: str | None
    context: frozenset[str]  # the report's main entities (and its report group, "g:…")
    date: str | None  # the most precise date the report gives the event itself
    lo: int | None  # the day interval the event lies in, as ordinals
    hi: int | None
    words: Mapping[str, float]  # the sentences' words, as a unit vector
    triggers: frozenset[str]
    story: str | None = None  # the report group (story) the report belongs to, when known
    # The days the report itself may date from, as ordinals: its day, else the
    # window its dating allows (a report dated only to a month or a year).
    report_days: tuple[int, int] | None = None
    # The day of the month its report names without the month ("on the 16th"), if one.
    day: int | None = None

    @property
    def anchors(self) -> tuple[str, ...]:
        return tuple(sorted(self.keys | self.context)) or ("~",)

    @classmethod
    def of(
        cls,
        doc: Document,
        mentions: tuple[EventMention, ...],
        context: frozenset[str],
        window: int,
        group: str | None = None,
    ) -> ReportEvent:
        text = doc.text
        first = mentions[0]
        keys = {
            participant_key(p.entity, p.span.of(text)) for m in mentions for p in m.participants
        }
        places = [participant_key(m.place_entity, m.place.of(text)) for m in mentions if m.place]
        dates = sorted((m.date for m in mentions if m.date), key=lambda d: (-len(d), d))
        own = dates[0] if dates else None
        status = _best_status(m.status for m in mentions)
        lo, hi = _interval(own, own_day(doc), status, window)
        sentences = " ".join(dict.fromkeys(m.sentence.of(text) for m in mentions))
        return cls(
            document=doc.id,
            origin=doc.duplicate_of or doc.id,
            published=doc.published,
            text=text,
            type=first.type,
            key=type_key(first, text),
            group=status_group(first.status),
            mentions=mentions,
            keys=frozenset(keys | set(places)),
            counterparts=frozenset(
                participant_key(p.entity, p.span.of(text))
                for m in mentions
                for p in m.participants
                if p.role in {"counterpart", "target"}
            ),
            place=places[0] if places else None,
            context=context,
            date=own,
            lo=lo,
            hi=hi,
            words=unit(bag(sentences)),
            triggers=frozenset(
                {trigger_word(m.trigger.of(text)) for m in mentions}
                | {
                    f"{name}={value}"
                    for m in mentions
                    for name, value in m.attributes
                    if name != "date"  # extraction's note to the link stage, no evidence
                }
            ),
            story=group,
            report_days=report_days(doc),
            day=_day_named(mentions),
        )


def _day_named(mentions: Sequence[EventMention]) -> int | None:
    days = {day_of_mention(m, by_date=False) for m in mentions} - {None}
    return days.pop() if len(days) == 1 else None


def counterparts_differ(a: ReportEvent, b: ReportEvent) -> bool:
    """Whether both tellings name whom the event was with or done to (counterparts,
    targets) and none in common: Blinken meeting Motegi, and Blinken meeting Wang."""
    return bool(a.counterparts and b.counterparts and not a.counterparts & b.counterparts)


def own_day(doc: Document) -> str | None:
    """The one day `doc` was written on: its full date, else the day its dating window
    (narrowed by the corpus) comes down to; None when more than one day is possible."""
    if doc.published and len(doc.published) == 10:
        return doc.published
    dating = doc.dating
    if dating is None or dating.earliest is None or dating.earliest != dating.latest:
        return None
    return dating.earliest


def report_days(doc: Document) -> tuple[int, int] | None:
    """The days (ordinals) `doc` may date from: its full date, else its dating window."""
    dating = doc.dating
    if dating is None:
        return days_between(doc.published, None, None)
    return days_between(doc.published, dating.earliest, dating.latest)


def days_between(
    published: str | None, earliest: str | None, latest: str | None
) -> tuple[int, int] | None:
    """`report_days` from a report's stored columns: its full date, else its dating window."""
    if published and len(published) == 10:
        return date_bounds(published)
    if earliest is None or latest is None:
        return None
    first, last = date_bounds(earliest), date_bounds(latest)
    if first is None or last is None or first[0] > last[1]:
        return None
    return first[0], last[1]


def _best_status(statuses: Iterable[str]) -> str:
    found = set(statuses)
    return next((s for s in _STATUS_ORDER if s in found), "happened")


def _interval(
    own: str | None, published: str | None, status: str, window: int
) -> tuple[int | None, int | None]:
    """Days the event can lie in: its own date, else around the report's date."""
    bounds = date_bounds(own) if own else None
    if bounds is not None:
        return bounds
    day = date_bounds(published) if published and len(published) == 10 else None
    if day is None:
        return None, None
    if status == "planned":
        return day[0], day[0] + 2 * window  # a preview tells of something ahead
    return day[0] - window, day[0]


def date_bounds(value: str) -> tuple[int, int] | None:
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            ordinal = date(*parts).toordinal()
            return ordinal, ordinal
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1).toordinal(), date(
                parts[0], parts[1], last
            ).toordinal()
        return date(parts[0], 1, 1).toordinal(), date(parts[0], 12, 31).toordinal()
    except ValueError:
        return None


def build_event(
    items: Sequence[ReportEvent],
    documents: Mapping[str, Document],
    copies: Mapping[str, Sequence[str]],
    within: Mapping[str, frozenset[str]] | None = None,
    min_sources_unanchored: int = 2,
) -> Event:
    """One `Event` from the report events a cluster holds.

    `within` says which places lie in which (`places.containments`): a place
    and the region that holds it are no conflict; the more precise one wins.
    An event with no participant or place and fewer independent sources than
    `min_sources_unanchored` (`EventSettings`) is marked low-salience.
    """
    type_ = items[0].type
    own_docs = sorted({item.document for item in items})
    all_docs = sorted({*own_docs, *(c for d in own_docs for c in copies.get(d, ()))})
    origins = {item.origin for item in items}
    conflicts: list[Conflict] = []
    date_value, basis, date_support = _date(items, conflicts)
    attributes = _attributes(items)
    place, place_name, place_support = _place(items, conflicts, within or {})
    participants = _participants(items, type_, place, conflicts)
    first = min(
        (item.document, m.trigger.start, m.trigger.end) for item in items for m in item.mentions
    )
    evidence = sorted(
        {
            Evidence(item.document, m.sentence.start, m.sentence.end)
            for item in items
            for m in item.mentions
        },
        key=lambda e: (e.document, e.start),
    )
    return Event(
        id=stable_id("v", type_, *map(str, first)),
        type=type_,
        title=event_title(type_, participants, place_name, attributes),
        status=_best_status(m.status for item in items for m in item.mentions),
        date=date_value,
        date_precision=date_precision(date_value),
        date_basis=basis,
        date_sources=date_support,
        place=place,
        place_name=place_name,
        place_sources=place_support,
        participants=participants,
        documents=tuple(all_docs),
        sources=len(origins),
        evidence=tuple(evidence),
        triggers=tuple(
            sorted(
                Evidence(item.document, m.trigger.start, m.trigger.end)
                for item in items
                for m in item.mentions
            )
        ),
        conflicts=tuple(conflicts),
        attributes=attributes + _salience(participants, place, origins, min_sources_unanchored),
        summary=summary_sentence(items),
        possible_days=None if date_value else possible_days(items),
    )


def summary_sentence(items: Sequence[ReportEvent]) -> Evidence | None:
    """The sentence that tells the event best: the one that says most of who, where and
    when (participants, place, a date of its own), from the earliest report among equals."""
    best: tuple[tuple[int, str, str, int], Evidence] | None = None
    for item in items:
        for m in item.mentions:
            said = len(m.participants) + (m.place is not None) + (m.date is not None)
            rank = (-said, item.published or "9999", item.document, m.sentence.start)
            if best is None or rank < best[0]:
                best = (rank, Evidence(item.document, m.sentence.start, m.sentence.end))
    return best[1] if best else None


LOW_SALIENCE = ("salience", "low")


def _salience(
    participants: Sequence[EventParticipant],
    place: str | None,
    origins: set[str],
    min_sources: int,
) -> tuple[tuple[str, str], ...]:
    """`(("salience", "low"),)` for an event with no participant, no place and one
    source ("the meeting", "cooperation"): kept, but not worth a timeline entry."""
    if participants or place or len(origins) >= min_sources:
        return ()
    return (LOW_SALIENCE,)


def _votes(pairs: Sequence[tuple[str, ReportEvent]]) -> dict[str, set[str]]:
    """value -> the independent sources (origins) that give it."""
    votes: dict[str, set[str]] = defaultdict(set)
    for value, item in pairs:
        votes[value].add(item.origin)
    return votes


def _documents_for(
    value: str, pairs: Sequence[tuple[str, ReportEvent]], loose: bool = False
) -> tuple[str, ...]:
    """The reports that give `value` (or, `loose`, a date compatible with it)."""
    return tuple(
        sorted(
            {
                item.document
                for v, item in pairs
                if v == value or (loose and compatible_dates(v, value))
            }
        )
    )


def possible_days(items: Sequence[ReportEvent]) -> PossibleDays | None:
    """The days an undated event may lie on, as its tellings' reports bound them.

    A telling of something done was written after it: the event lies no later
    than its report's last possible day. A telling of a plan was written before
    it: no earlier than its report's first possible day. The tellings' bounds
    are intersected, so a plan in one report and its outcome in another give both
    ends (none when they contradict each other). A day of the month the reports name
    without a month ("on the 11th") narrows two bounds to the first and last such
    day. None when no report gives a bound.
    """
    bounds = [
        (None, item.report_days[1]) if _told_done(item) else (item.report_days[0], None)
        for item in items
        if item.report_days is not None
    ]
    if not bounds:
        return None
    starts = [lo for lo, _ in bounds if lo is not None]
    ends = [hi for _, hi in bounds if hi is not None]
    earliest = max(starts) if starts else None
    latest = min(ends) if ends else None
    if earliest is not None and latest is not None and earliest > latest:
        earliest = latest = None  # the tellings disagree: they bound nothing
    named = {item.day for item in items} - {None}
    day = named.pop() if len(named) == 1 else None
    if day is not None and earliest is not None and latest is not None:
        matching = [o for o in range(earliest, latest + 1) if date.fromordinal(o).day == day]
        if matching:
            earliest, latest = matching[0], matching[-1]
    return PossibleDays(iso_day(earliest), iso_day(latest), day)


def _told_done(item: ReportEvent) -> bool:
    """Whether the report tells the event as done in any mention (not only as planned)."""
    return any(m.status != "planned" for m in item.mentions)


def _date(
    items: Sequence[ReportEvent], conflicts: list[Conflict]
) -> tuple[str | None, str | None, int]:
    own = [(m.date, item) for item in items for m in item.mentions if m.date]
    basis = "text"
    if not own:
        own = [
            (item.published, item)
            for item in items
            if item.published and any(m.status == "happened" for m in item.mentions)
        ]
        basis = "report"
    if not own:
        return None, None, 0
    pairs = [(value, item) for value, item in own if value]
    votes = _votes(pairs)

    def support(value: str) -> set[str]:
        return set().union(*(s for v, s in votes.items() if compatible_dates(v, value)))

    winner = max(
        votes, key=lambda v: (len(support(v)), len(v), len(votes[v]), [-ord(c) for c in v])
    )
    if basis == "text":
        for value in sorted(votes):
            if not compatible_dates(value, winner):
                conflicts.append(
                    Conflict(
                        "date",
                        winner,
                        _documents_for(winner, pairs, loose=True),
                        value,
                        _documents_for(value, pairs, loose=True),
                    )
                )
    return winner, basis, len(support(winner))


def _place(
    items: Sequence[ReportEvent],
    conflicts: list[Conflict],
    within: Mapping[str, frozenset[str]],
) -> tuple[str | None, str | None, int]:
    pairs: list[tuple[str, ReportEvent]] = []
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        for m in item.mentions:
            if m.place is not None:
                key = participant_key(m.place_entity, m.place.of(item.text))
                pairs.append((key, item))
                names[key][m.place.of(item.text)] += 1
    if not pairs:
        return None, None, 0
    votes = _votes(pairs)
    # A source that says "Alaska" supports "Anchorage" too, when a report puts one in the other.
    for key in list(votes):
        for other in list(votes):
            if other != key and inside(key, other, within):
                votes[key] = votes[key] | votes[other]
    countries = {k for k in votes if country_of(names[k].most_common(1)[0][0])}
    winner = max(votes, key=lambda k: (len(votes[k]), k not in countries, k))
    for value in sorted(votes):
        if value == winner or nested(value, winner, within):
            continue
        if (value in countries) == (winner in countries):
            conflicts.append(
                Conflict(
                    "place",
                    names[winner].most_common(1)[0][0],
                    _documents_for(winner, pairs),
                    names[value].most_common(1)[0][0],
                    _documents_for(value, pairs),
                )
            )
    return (
        (winner if not winner.startswith("~") else None),
        names[winner].most_common(1)[0][0],
        len(votes[winner]),
    )


def _participants(
    items: Sequence[ReportEvent], type_: str, place: str | None, conflicts: list[Conflict]
) -> tuple[EventParticipant, ...]:
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    docs: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    for item in items:
        for m in item.mentions:
            for p in m.participants:
                surface = p.span.of(item.text)
                key = participant_key(p.entity, surface)
                roles[key][p.role].add(item.origin)
                docs[key].add(item.document)
                names[key][surface] += 1
                evidence[key].add(Evidence(item.document, p.span.start, p.span.end))
    chosen: dict[str, str] = {}
    for key, by_role in roles.items():
        ranked = sorted(by_role, key=lambda r: (-len(by_role[r]), r))
        chosen[key] = ranked[0]
        if {"agent", "target"} <= set(by_role):
            loser = "target" if ranked[0] == "agent" else "agent"
            conflicts.append(
                Conflict(
                    "role",
                    ranked[0],
                    _role_documents(items, key, ranked[0]),
                    loser,
                    _role_documents(items, key, loser),
                    role=names[key].most_common(1)[0][0],
                )
            )
    if event_type(type_).single_agent:
        agents = sorted(
            (k for k, r in chosen.items() if r == "agent"),
            key=lambda k: (-len(roles[k]["agent"]), k),
        )
        for loser in agents[1:]:
            conflicts.append(
                Conflict(
                    "participant",
                    names[agents[0]].most_common(1)[0][0],
                    _role_documents(items, agents[0], "agent"),
                    names[loser].most_common(1)[0][0],
                    _role_documents(items, loser, "agent"),
                    role="agent",
                )
            )
            del chosen[loser]
    out = [
        EventParticipant(
            entity=None if key.startswith("~") else key,
            name=names[key].most_common(1)[0][0],
            role=role,
            sources=len(set().union(*roles[key].values())),
            documents=tuple(sorted(docs[key])),
            evidence=tuple(sorted(evidence[key], key=lambda e: (e.document, e.start))),
        )
        for key, role in chosen.items()
    ]
    return tuple(sorted(out, key=lambda p: (-p.sources, p.role, p.name)))


def _role_documents(items: Sequence[ReportEvent], key: str, role: str) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                item.document
                for item in items
                for m in item.mentions
                for p in m.participants
                if p.role == role and participant_key(p.entity, p.span.of(item.text)) == key
            }
        )
    )


# Notes about one mention, not facts of the event: extraction's note to the link
# stage, and whether a noun phrase pointed back.
_MENTION_NOTES = frozenset({"date", "reference", DAY, REPORT_DAY})


def _attributes(items: Sequence[ReportEvent]) -> tuple[tuple[str, str], ...]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        for m in item.mentions:
            for name, value in m.attributes:
                if name not in _MENTION_NOTES:
                    votes[name][value] += 1
    return tuple(sorted((name, counter.most_common(1)[0][0]) for name, counter in votes.items()))


def event_title(
    type_: str,
    participants: Sequence[EventParticipant],
    place: str | None,
    attributes: Sequence[tuple[str, str]] = (),
) -> str:
    """ "2+2 meeting (virtual): A, B, C and D in Tokyo": the kind and the format of the
    occasion, people and organisations before countries, the best supported first."""
    facts = dict(attributes)
    label = event_type(type_).label
    if "kind" in facts:
        label = f"{facts['kind']} {label.lower()}"
    if facts.get("format") and facts["format"] != "in_person":
        label += f" ({facts['format']})"
    named = [p for p in participants if p.role in _TITLE_ROLES]
    ordered = sorted(named, key=lambda p: country_of(p.name) is not None)  # stable: keeps support
    names = list(dict.fromkeys(p.name for p in ordered))
    if len(names) > _TITLE_NAMES:
        names = [*names[: _TITLE_NAMES - 1], f"{len(names) - _TITLE_NAMES + 1} more"]
    who = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)
    title = f"{label}: {who}" if who else label
    return f"{title} in {place}" if place else title


_TITLE_NAMES = 5
