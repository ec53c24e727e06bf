"""Trips and series kept up to date: only what the changed events can change is made again.

`build_stories` makes every trip and series from all events; after an ingest that
changed a few events, `update_stories` gives the same stories by reading only
the events near them:

* **Trips** are made by a greedy walk in date order (an event joins the open
  trip of a person it shares), so an event's trip depends on the walk before
  it. The walk's state on a day — for each person, the trip their last event
  joined and the day that trip began — depends only on the events of the
  `trip_days` before it, and the stored trips give it for any day before a
  change. So the walk is taken up again at each day a changed event had or has,
  from the state the stored trips give, and followed until its state is again
  the state the stored trips give (then every later decision is as stored).
* **Series** link events of one type that share participants, within a file
  (a type and a participant) of events in date order; links change only in the
  files of changed events (before and after the change). The series made again
  are the connected components that hold an event a changed link joins or a
  changed event, found by following links through the files of their events.

`tests/events/test_story_update.py` checks, on random events and random
changes, that the stories are those `build_stories` makes from all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from storyline.events.cluster import connected
from storyline.events.model import Story
from storyline.events.stories import (
    Outlined,
    event_day,
    file_links,
    make_story,
    series_files,
    series_keys,
    trip_people,
)
from storyline.settings import StorySettings

File = tuple[str, str]  # (event type, participant key)


class OutlineSource(Protocol):
    """The stored events as stories read them (only events with someone taking part
    besides a host, as `store.events.events_for_stories` gives them)."""

    def dated(self, first: int, last: int) -> Sequence[Outlined]:
        """The events whose day (`stories.event_day`) lies in [first, last]."""
        ...

    def filed(self, files: Collection[File]) -> Sequence[Outlined]:
        """The events filed under any of `files` (`stories.series_files`)."""
        ...

    def outlines(self, ids: Collection[str]) -> Sequence[Outlined]:
        """The events of `ids` that exist."""
        ...

    def last_day(self) -> int | None:
        """A day no event lies after (None without dated events)."""
        ...


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """The stories made again (to store in place of theirs) and the stored ones to drop."""

    stories: tuple[Story, ...]
    dropped: tuple[str, ...]


def update_stories(
    source: OutlineSource,
    stored: Mapping[str, tuple[str, Sequence[str]]],
    before: Mapping[str, Outlined],
    changed: Collection[str],
    settings: StorySettings | None = None,
) -> StoryUpdate:
    """The trips and series that changed since `stored` (story id -> kind and events)
    was made, when the events of `changed` were made again or removed; `before` holds
    how those of them that existed then read (those that were no story's material may
    be left out)."""
    settings = settings or StorySettings()
    changed = set(changed)
    now = {o.id: o for o in source.outlines(sorted(changed))}
    trips = {s: events for s, (kind, events) in stored.items() if kind == "trip"}
    series = {s: events for s, (kind, events) in stored.items() if kind == "series"}
    made: list[Story] = []
    dropped: list[str] = []
    for update, kept in ((_TripWalk, trips), (_SeriesLinks, series)):
        new, gone = update(source, kept, before, changed, now, settings).run()
        made += new
        dropped += gone
    made_ids = {story.id for story in made}
    return StoryUpdate(
        tuple(sorted(made, key=lambda s: (s.start or "9999", s.id))),
        tuple(sorted(set(dropped) - made_ids)),
    )


class _Versions:
    """Events as they read now (read once from the source) and as they read when
    the stored stories were made (`before` for the changed ones)."""

    def __init__(
        self,
        source: OutlineSource,
        before: Mapping[str, Outlined],
        changed: set[str],
        now: Mapping[str, Outlined],
    ) -> None:
        self.source = source
        self.before = before
        self.changed = changed
        self.current: dict[str, Outlined] = dict(now)

    def read(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i not in self.current and i not in self.changed})
        if missing:
            self.current.update((o.id, o) for o in self.source.outlines(missing))

    def old(self, event_id: str) -> Outlined | None:
        if event_id in self.changed:
            return self.before.get(event_id)
        self.read([event_id])
        return self.current.get(event_id)

    def new(self, event_id: str) -> Outlined | None:
        self.read([event_id])
        return self.current.get(event_id)


Pointer = tuple[str, int]  # a trip: (its first event, the day it began)


class _Update:
    """What both kinds of story are kept up to date from: the source, the stored stories
    of the kind (id -> events), the changed events as they read before and now."""

    def __init__(
        self,
        source: OutlineSource,
        stored: Mapping[str, Sequence[str]],
        before: Mapping[str, Outlined],
        changed: set[str],
        now: Mapping[str, Outlined],
        settings: StorySettings,
    ) -> None:
        self.source = source
        self.stored = stored
        self.before = before
        self.changed = changed
        self.now = now
        self.settings = settings


class _TripWalk(_Update):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.span = self.settings.trip_days
        self.versions = _Versions(self.source, self.before, self.changed, self.now)
        self.trip_of = {e: story for story, events in self.stored.items() for e in events}
        self.first_of: dict[str, Pointer] = {}  # stored trip -> its first event and day
        self.by_day: dict[int, list[Outlined]] = {}  # events as they read now, by day
        self.before_by_day: dict[int, list[Outlined]] = defaultdict(list)  # the changed, then
        for event_id in sorted(self.changed & self.before.keys()):
            if (day := event_day(self.before[event_id])) is not None:
                self.before_by_day[day].append(self.before[event_id])
        now_days = {day for o in self.now.values() if (day := event_day(o)) is not None}
        self.dirty = sorted(self.before_by_day.keys() | now_days)

    # -- reading -----------------------------------------------------------------

    def _load(self, first: int, last: int) -> None:
        missing = {d for d in range(first, last + 1) if d not in self.by_day}
        if not missing:
            return
        for day in missing:
            self.by_day[day] = []
        for outline in self.source.dated(min(missing), max(missing)):
            when = event_day(outline)
            if when is not None and when in missing:
                self.by_day[when].append(outline)
                self.versions.current.setdefault(outline.id, outline)
        for day in missing:
            self.by_day[day].sort(key=lambda o: o.id)

    def _old_events(self, first: int, last: int) -> list[tuple[int, Outlined]]:
        """The events of days [first, last] as they read when the stored trips were made,
        in the walk's order."""
        self._load(first, last)
        changed = self.versions.changed
        found = [
            (day, o)
            for day in range(first, last + 1)
            for o in (*self.by_day[day], *self.before_by_day.get(day, ()))
            if o.id not in changed or o is self.versions.before.get(o.id)
        ]
        return sorted(found, key=lambda pair: (pair[0], pair[1].id))

    def _first(self, story: str) -> Pointer:
        """A stored trip's first event and the day it began (as its events read then)."""
        if story not in self.first_of:
            self.versions.read(self.stored[story])
            days = [
                (day, member)
                for member in self.stored[story]
                if (old := self.versions.old(member)) is not None
                if (day := event_day(old)) is not None
            ]
            start, first = min(days)
            self.first_of[story] = (first, start)
        return self.first_of[story]

    def _stored_state(self, day: int) -> dict[str, Pointer]:
        """The walk's state before `day` as the stored trips give it: each person's
        open trip (one that began within `trip_days`)."""
        events = self._old_events(day - self.span, day - 1)
        stories = {self.trip_of[e.id] for _, e in events if e.id in self.trip_of}
        self.versions.read(m for s in stories if s not in self.first_of for m in self.stored[s])
        state: dict[str, Pointer] = {}
        for when, event in events:
            story = self.trip_of.get(event.id)
            pointer = (event.id, when) if story is None else self._first(story)
            for person in trip_people(event):
                state[person] = pointer
        return {p: ptr for p, ptr in state.items() if ptr[1] >= day - self.span}

    # -- walking -----------------------------------------------------------------

    def run(self) -> tuple[list[Story], list[str]]:
        if not self.dirty:
            return [], []
        last = self.source.last_day()
        end = max(self.dirty[-1], last if last is not None else self.dirty[-1])
        walked: dict[str, str] = {}  # event -> its trip's first event, where walked again
        index = 0
        while index < len(self.dirty):
            day = self.dirty[index]
            state = self._stored_state(day)
            while True:
                while index < len(self.dirty) and self.dirty[index] <= day:
                    index += 1
                self._load(day, min(day + 31, end))
                for event in self.by_day[day]:
                    people = trip_people(event)
                    pointer = next(
                        (state[p] for p in people if p in state and day - state[p][1] <= self.span),
                        (event.id, day),
                    )
                    walked[event.id] = pointer[0]
                    for person in people:
                        state[person] = pointer
                day += 1
                if day > end:
                    break
                if index < len(self.dirty) and self.dirty[index] == day:
                    continue
                open_now = {p: ptr for p, ptr in state.items() if ptr[1] >= day - self.span}
                if open_now == self._stored_state(day):
                    break  # every later decision is the stored one
        return self._stories(walked)

    def _stories(self, walked: Mapping[str, str]) -> tuple[list[Story], list[str]]:
        """The trips the walk changed: their events walked again, with the events of
        the same trips that were not (which keep the trip the stored walk gave them)."""
        changed = self.versions.changed
        touched = {self.trip_of[e] for e in [*walked, *changed] if e in self.trip_of}
        touched |= {self.trip_of[f] for f in walked.values() if f in self.trip_of}
        members: dict[str, list[str]] = defaultdict(list)
        for event, first in walked.items():
            members[first].append(event)
        for first in members.keys() - walked.keys():  # an open trip of one event, not stored
            if first not in self.trip_of:
                members[first].append(first)
        for story in sorted(touched):
            first, _ = self._first(story)
            for event in self.stored[story]:
                if event not in walked and event not in changed:
                    members[first].append(event)
        self.versions.read(e for events in members.values() for e in events)
        stories = []
        for events in members.values():
            outlines = [o for e in events if (o := self.versions.new(e)) is not None]
            if len(outlines) > 1:
                stories.append(make_story("trip", outlines))
        return stories, sorted(touched)


class _SeriesLinks(_Update):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.files: dict[File, list[Outlined]] = {}  # files read, events as they read now
        self.file_links: dict[File, list[tuple[str, str]]] = {}  # each file's links, now
        self.links: dict[str, set[str]] = defaultdict(set)  # links of the files read
        self.known: dict[str, Outlined] = {}  # the events of the files read, by id

    def _read(self, files: Collection[File]) -> None:
        wanted = sorted(set(files) - self.files.keys())
        if not wanted:
            return
        for file in wanted:
            self.files[file] = []
        for outline in self.source.filed(wanted):
            self.known[outline.id] = outline
            for file in series_files(outline):
                if file in self.files and file in wanted:
                    self.files[file].append(outline)
        for file in wanted:
            self.file_links[file] = _links(self.files[file], self.settings)
            for a, b in self.file_links[file]:
                self.links[a].add(b)
                self.links[b].add(a)

    def run(self) -> tuple[list[Story], list[str]]:
        old_versions = [self.before[i] for i in self.changed if i in self.before]
        dirty = {f for o in [*old_versions, *self.now.values()] for f in series_files(o)}
        if not dirty:
            return [], []
        self._read(dirty)
        # The links of the changed files as they were: their events then, the changed
        # ones as they read before.
        seeds = {i for i in self.now if series_files(self.now[i])}
        for file in sorted(dirty):
            then = [o for o in self.files[file] if o.id not in self.changed]
            then += [o for o in old_versions if file in series_files(o)]
            old_links = {tuple(sorted(pair)) for pair in _links(then, self.settings)}
            new_links = {tuple(sorted(pair)) for pair in self.file_links[file]}
            for pair in old_links ^ new_links:
                seeds.update(pair)
        seeds &= self.known.keys()  # a changed event no longer filed is in no series
        events = self._components(seeds)
        stories = []
        for group in events:
            chosen = [self.known[e] for e in group]
            if len(chosen) > 1 and len({e.date for e in chosen if e.date}) > 1:
                stories.append(make_story("series", chosen))
        reached = {e for group in events for e in group} | self.changed
        dropped = [s for s, members in self.stored.items() if reached.intersection(members)]
        return stories, sorted(dropped)

    def _components(self, seeds: set[str]) -> list[list[str]]:
        """The connected components of the seeds, following links through every file of
        each event reached."""
        reached: set[str] = set()
        frontier = sorted(seeds)
        while frontier:
            self._read({f for e in frontier for f in series_files(self.known[e])})
            reached.update(frontier)
            frontier = sorted({n for e in frontier for n in self.links[e]} - reached)
        ordered = sorted(reached)
        place = {e: n for n, e in enumerate(ordered)}
        pairs = [(place[a], place[b]) for a in ordered for b in self.links[a] if a < b]
        return [[ordered[n] for n in group] for group in connected(len(ordered), pairs)]


def _links(outlines: Sequence[Outlined], settings: StorySettings) -> list[tuple[str, str]]:
    """The series links among the events of one file, by id."""
    ordered = sorted(outlines, key=lambda o: (o.date or "9999", o.id))
    keys = {n: series_keys(o) for n, o in enumerate(ordered)}
    return [
        (ordered[i].id, ordered[j].id) for i, j in file_links(range(len(ordered)), keys, settings)
    ]
