"""Stories: related events, and reports grouped by the real event they tell.

Two kinds of story are built from merged events:

* a **trip** (or episode): events that share a person taking part and lie
  within a few days of each other — a secretary's tour with its meetings;
* a **series**: events of one type whose participants largely coincide,
  however far apart — the yearly "2+2" meetings, a summit series.

Both are found without comparing all pairs: events are filed under each of
their participants, and only events in one file are compared (a trip walks
the file in date order; a series compares each event with its next few
neighbours in the file).

`cluster_reports` groups reports (not events) by the real event they tell, the
task of ECB+'s sub-topics: average-linkage clustering of tf-idf report vectors
with entity overlap, over candidate pairs that share a heavy term.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from storyline.entities.surface import normalise_name
from storyline.events.arguments import calendar_value
from storyline.events.cluster import average_link, connected
from storyline.events.facts import report_days
from storyline.events.keys import participant_key
from storyline.events.model import Story, stable_id
from storyline.events.ontology import event_type
from storyline.events.text import (
    bag,
    document_frequencies,
    pairwise_cosines,
    tfidf,
)
from storyline.records import Document, EventParticipant
from storyline.settings import StorySettings


class Outlined(Protocol):
    """What a story reads of an event (an `Event`, or an `EventOutline`)."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def participants(self) -> tuple[EventParticipant, ...]: ...
    @property
    def documents(self) -> tuple[str, ...]: ...


def build_stories(
    events: Sequence[Outlined], settings: StorySettings | None = None
) -> tuple[Story, ...]:
    """Trips and series among `events`; only stories of two or more events."""
    settings = settings or StorySettings()
    stories = [*_trips(events, settings), *_series(events, settings)]
    return tuple(sorted(stories, key=lambda s: (s.start or "9999", s.id)))


def series_keys(event: Outlined, kinds: frozenset[str] | None = None) -> frozenset[str]:
    return frozenset(
        participant_key(p.entity, p.name)
        for p in event.participants
        if p.role != "host" and (kinds is None or p.role in kinds)
    )


def event_day(event: Outlined) -> int | None:
    if event.date is None:
        return None
    parts = [int(p) for p in event.date.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return None


def _trips(events: Sequence[Outlined], settings: StorySettings) -> list[Story]:
    """Greedy in date order: an event joins the open trip of a person it shares."""
    days = [
        (day, event.id, n)
        for n, event in enumerate(events)
        if (day := event_day(event)) is not None
    ]
    open_trip: dict[str, int] = {}  # person key -> index of the trip it travels in
    trips: list[list[Outlined]] = []
    starts: list[int] = []
    for day, _, n in sorted(days):
        event = events[n]
        people = trip_people(event)
        joined = next(
            (
                open_trip[k]
                for k in people
                if k in open_trip and day - starts[open_trip[k]] <= settings.trip_days
            ),
            None,
        )
        if joined is None:
            trips.append([event])
            starts.append(day)
            joined = len(trips) - 1
        else:
            trips[joined].append(event)
        for key in people:
            open_trip[key] = joined
    return [make_story("trip", members) for members in trips if len(members) > 1]


def trip_people(event: Outlined) -> list[str]:
    """The people a trip follows in an event (those taking part, named), sorted."""
    return sorted(
        participant_key(p.entity, p.name)
        for p in event.participants
        if p.role in {"agent", "participant", "counterpart"} and not p.name[:1].islower()
    )


RECURRING = frozenset({"meeting", "visit", "signing", "military_exercise", "election"})


def _series(events: Sequence[Outlined], settings: StorySettings) -> list[Story]:
    files: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys: dict[int, frozenset[str]] = {}
    for index, event in enumerate(events):
        if event.type in RECURRING:
            keys[index] = series_keys(event)
            for key in keys[index]:
                files[(event.type, key)].append(index)
    links: list[tuple[int, int]] = []
    for members in files.values():
        members.sort(key=lambda i: (events[i].date or "9999", events[i].id))
        links += file_links(members, keys, settings)
    linked = sorted({i for pair in links for i in pair})
    place = {event: n for n, event in enumerate(linked)}
    out = []
    for group in connected(len(linked), [(place[i], place[j]) for i, j in links]):
        chosen = [events[linked[n]] for n in group]
        if len(chosen) > 1 and len({e.date for e in chosen if e.date}) > 1:
            out.append(make_story("series", chosen))
    return out


def file_links(
    members: Sequence[int], keys: Mapping[int, frozenset[str]], settings: StorySettings
) -> list[tuple[int, int]]:
    """The series links among the events of one file (`members`, by date then id):
    each event with its next `neighbours`, where their participants largely coincide."""
    links = []
    for position, i in enumerate(members):
        for j in members[position + 1 : position + 1 + settings.neighbours]:
            both = len(keys[i] & keys[j])  # `overlap`: shared / the smaller set
            if both >= 2 and both >= settings.series_overlap * min(len(keys[i]), len(keys[j])):
                links.append((i, j))
    return links


def series_files(event: Outlined) -> list[tuple[str, str]]:
    """The files a series compares an event in: (its type, a participant), if its type recurs."""
    if event.type not in RECURRING:
        return []
    return [(event.type, key) for key in sorted(series_keys(event))]


def make_story(kind: str, members: Iterable[Outlined]) -> Story:
    ordered = sorted(members, key=lambda e: (e.date or "9999", e.id))
    dates = [e.date for e in ordered if e.date]
    documents = sorted({d for e in ordered for d in e.documents})
    return Story(
        id=stable_id("s", kind, ordered[0].id),
        kind=kind,
        title=_title(kind, ordered),
        events=tuple(e.id for e in ordered),
        documents=tuple(documents),
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
    )


def _title(kind: str, events: Sequence[Outlined]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for event in events:
        for p in event.participants:
            if p.role != "host":
                counts[p.name] += 1
    names = sorted(counts, key=lambda n: (-counts[n], n))[:2]
    who = " and ".join(names) if names else "unnamed participants"
    if kind == "trip":
        return f"{who}: {len(events)} events"
    label = event_type(events[0].type).label.lower()
    return f"{label.capitalize()} series: {who}"


def cluster_reports(
    docs: Sequence[Document],
    settings: StorySettings | None = None,
    features: Callable[[Document], Counter[str]] | None = None,
) -> tuple[tuple[str, ...], ...]:
    """Reports grouped by the real event they tell (each report in exactly one group).

    Average linkage of tf-idf vectors (words, entity names, dates) cuts the
    reports into groups at `report_threshold`; a report left alone then joins
    the group it is closest to on average, if that reaches `attach_threshold`
    (a lone report is more often a loosely written one than a separate event).
    """
    settings = settings or StorySettings()
    similarity = report_similarities(docs, settings, features)
    scored = [(score, i, j) for (i, j), score in similarity.items() if i < j]
    days = [report_days(doc) for doc in docs]
    groups = average_link(
        len(docs), scored, settings.report_threshold, days=days, days_apart=settings.days_apart
    )
    groups = _attach_loners(groups, similarity, settings.attach_threshold, days=days,
                            days_apart=settings.days_apart)  # fmt: skip
    return tuple(tuple(docs[i].id for i in group) for group in groups)


def group_with_context(
    docs: Sequence[Document],
    context: Mapping[str, str],
    settings: StorySettings | None = None,
    features: Callable[[Document], Counter[str]] | None = None,
) -> dict[str, str]:
    """`cluster_reports` of `docs` where some reports were grouped before: `context`
    maps those to their group. The groups of the context stay as they are (two
    never merge); the other reports may join one of them, or form groups of their
    own, called by their first report (`group_name`). Returns every report's group.
    `features` gives a report's `report_features` when the caller keeps them.
    """
    settings = settings or StorySettings()
    similarity = report_similarities(docs, settings, features)
    scored = [(score, i, j) for (i, j), score in similarity.items() if i < j]
    fixed: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        if doc.id in context:
            fixed[context[doc.id]].append(index)
    apart = ["context" if doc.id in context else doc.id for doc in docs]
    days = [report_days(doc) for doc in docs]
    groups = average_link(
        len(docs), scored, settings.report_threshold, apart=apart, initial=list(fixed.values()),
        days=days, days_apart=settings.days_apart,
    )  # fmt: skip
    groups = _attach_loners(groups, similarity, settings.attach_threshold, apart, days,
                            settings.days_apart)  # fmt: skip
    out: dict[str, str] = {}
    for group in groups:
        known = sorted({context[docs[i].id] for i in group if docs[i].id in context})
        name = known[0] if known else group_name(docs[i] for i in group)
        for i in group:
            out[docs[i].id] = name
    return out


def group_name(docs: Iterable[Document]) -> str:
    """A new report group is called after its first report (by date, then id)."""
    first = min(docs, key=lambda d: (report_days(d) or (10**9, 10**9), d.id))
    return stable_id("g", first.id)


def report_similarities(
    docs: Sequence[Document],
    settings: StorySettings,
    features_of: Callable[[Document], Counter[str]] | None = None,
) -> dict[tuple[int, int], float]:
    """The tf-idf cosines of the pairs of reports that are compared, both ways round
    (none between reports more than `days_apart` days apart)."""
    features_of = features_of or (lambda doc: report_features(doc, settings))
    features = [features_of(doc) for doc in docs]
    frequencies, total = document_frequencies(features)
    vectors = [tfidf(f, frequencies, total, settings.report_terms or None) for f in features]
    if len(docs) <= settings.all_pairs_up_to:
        cosines = pairwise_cosines(vectors)
    else:
        cosines = pairwise_cosines(vectors, _report_candidates(vectors, settings))
    if len(docs) >= settings.nearest_from:
        cosines = _nearest(cosines, settings.nearest_reports)
    days = [report_days(doc) for doc in docs]
    similarity: dict[tuple[int, int], float] = {}
    for (i, j), score in cosines.items():
        if not _far_apart(days[i], days[j], settings.days_apart):
            similarity[(i, j)] = similarity[(j, i)] = score
    return similarity


def _far_apart(a: tuple[int, int] | None, b: tuple[int, int] | None, days: int) -> bool:
    """Whether two reports' possible days (their dates, or their dating windows) lie more
    than `days` apart: a report of 2021 and one of 2023 about the same allies tell two
    happenings, however alike their words. A report of unknown date is near any."""
    if a is None or b is None:
        return False
    return b[0] - a[1] > days or a[0] - b[1] > days


def _nearest(cosines: dict[tuple[int, int], float], count: int) -> dict[tuple[int, int], float]:
    """The pairs among each report's `count` most similar (a pair stays when it is among
    either report's): weak links left out count as no likeness, so a story is not
    joined to another by the many faint similarities of common words."""
    if count <= 0:
        return cosines
    by_report: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), score in cosines.items():
        by_report[i].append((score, j))
        by_report[j].append((score, i))
    kept: set[tuple[int, int]] = set()
    for i, scores in by_report.items():
        for _, j in heapq.nlargest(count, scores):
            kept.add((min(i, j), max(i, j)))
    return {pair: cosines[pair] for pair in sorted(kept)}


def report_features(doc: Document, settings: StorySettings | None = None) -> Counter[str]:
    """Words, entity names (weighted up) and the months its dates fall in."""
    settings = settings or StorySettings()
    features = bag(_report_text(doc))
    for mention in doc.mentions:
        name = normalise_name(mention.text)
        if name:
            features["E:" + name] += settings.entity_weight
    for timex in doc.timexes:
        value = calendar_value(timex)
        if value is not None:
            features["T:" + value[:7]] += settings.date_weight
    return features


def _attach_loners(
    groups: list[list[int]],
    similarity: dict[tuple[int, int], float],
    threshold: float,
    apart: Sequence[str] | None = None,
    days: Sequence[tuple[int, int] | None] | None = None,
    days_apart: int = 0,
) -> list[list[int]]:
    """Each report left alone joins the group closest to it on average, from `threshold`
    (a group decided earlier, `apart` "context", is a group whatever its size here), and
    never one with a report more than `days_apart` days from it (`days`)."""

    def is_core(group: list[int]) -> bool:
        return len(group) > 1 or (apart is not None and apart[group[0]] == "context")

    cores = [list(g) for g in groups if is_core(g)]
    out = [list(g) for g in cores]
    for group in groups:
        if is_core(group):
            continue
        (loner,) = group
        best: tuple[float, int] | None = None
        for number, core in enumerate(cores):
            if days is not None and any(_far_apart(days[loner], days[j], days_apart) for j in core):
                continue
            mean = sum(similarity.get((loner, j), 0.0) for j in core) / len(core)
            if mean >= threshold and (best is None or mean > best[0]):
                best = (mean, number)
        if best is None:
            out.append([loner])
        else:
            out[best[1]].append(loner)
    return sorted(sorted(g) for g in out)


def _report_text(doc: Document) -> str:
    return f"{doc.title}\n{doc.text}" if doc.title else doc.text


def _report_candidates(
    vectors: Sequence[dict[str, float]], settings: StorySettings
) -> set[tuple[int, int]]:
    """Pairs of reports that share one of their heaviest terms (capped per term)."""
    terms = settings.candidate_terms
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for word in sorted(vector, key=lambda w: (-vector[w], w))[:terms]:
            postings[word].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        for position, i in enumerate(members):
            for j in members[position + 1 : position + 1 + settings.term_neighbours]:
                pairs.add((i, j))
    return pairs
