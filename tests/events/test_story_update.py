"""Trips and series kept up to date give the stories made from all events."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.events.stories import build_stories, event_day, series_files
from storyline.events.story_update import update_stories
from storyline.records import EventOutline, EventParticipant
from storyline.settings import StorySettings

PEOPLE = ["Blinken", "Austin", "Hayashi", "Hamada", "Wang Yi", "Park Jin"]
TYPES = ["meeting", "visit", "statement"]
DAY0 = date(2021, 3, 1)


class Memory:
    """The outline source over events held in memory (what the store's reader gives)."""

    def __init__(self, events: Sequence[EventOutline]) -> None:
        self.events = [e for e in events if any(p.role != "host" for p in e.participants)]

    def dated(self, first: int, last: int) -> list[EventOutline]:
        return [e for e in self.events if (d := event_day(e)) is not None and first <= d <= last]

    def filed(self, files: Collection[tuple[str, str]]) -> list[EventOutline]:
        return [e for e in self.events if set(series_files(e)) & set(files)]

    def outlines(self, ids: Collection[str]) -> list[EventOutline]:
        return [e for e in self.events if e.id in set(ids)]

    def last_day(self) -> int | None:
        days = [d for e in self.events if (d := event_day(e)) is not None]
        return max(days) if days else None


@st.composite
def outline(draw: st.DrawFn, ident: str) -> EventOutline:
    offset = draw(st.one_of(st.none(), st.integers(0, 50)))
    when = None if offset is None else (DAY0 + timedelta(days=offset)).isoformat()
    if when is not None and draw(st.integers(0, 9)) == 0:
        when = when[:7]  # a month only
    people = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4, unique=True))
    roles = ["agent", "participant", "counterpart", "host"]
    participants = tuple(
        EventParticipant(
            None if draw(st.integers(0, 4)) == 0 else "e" + str(PEOPLE.index(name)),
            name,
            draw(st.sampled_from(roles)),
            1,
            (),
        )
        for name in people
    )
    return EventOutline(ident, draw(st.sampled_from(TYPES)), when, participants, ("d" + ident,))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[EventOutline], list[EventOutline], set[str]]:
    """Events before, events after, and the ids made again or removed between."""
    count = draw(st.integers(0, 30))
    old = [draw(outline(f"v{n:03d}")) for n in range(count)]
    new = []
    changed: set[str] = set()
    for event in old:
        fate = draw(st.sampled_from(["keep"] * 6 + ["drop", "change"]))
        if fate == "keep":
            new.append(event)
        elif fate == "change":
            new.append(draw(outline(event.id)))
            changed.add(event.id)
        else:
            changed.add(event.id)
    for n in range(draw(st.integers(0, 8))):
        new.append(draw(outline(f"w{n:03d}")))
        changed.add(f"w{n:03d}")
    return old, new, changed


def _as_stored(stories: Sequence) -> dict[str, tuple[str, Sequence[str]]]:
    return {s.id: (s.kind, s.events) for s in stories}


SMALL = StorySettings(neighbours=3, trip_days=4)


@settings(max_examples=200, deadline=None)
@given(histories())
def test_kept_up_to_date_is_made_from_all(history) -> None:
    old, new, changed = history
    before_stories = build_stories(Memory(old).events, SMALL)
    update = update_stories(
        Memory(new),
        _as_stored(before_stories),
        {e.id: e for e in old if e.id in changed},
        changed,
        SMALL,
    )
    kept = {s.id: s for s in before_stories if s.id not in update.dropped}
    kept.update((s.id, s) for s in update.stories)
    expected = {s.id: s for s in build_stories(Memory(new).events, SMALL)}
    assert kept == expected


def _meeting(ident: str, day: int, *people: str) -> EventOutline:
    participants = tuple(EventParticipant("e" + p, p, "participant", 1, ()) for p in people)
    when = (DAY0 + timedelta(days=day)).isoformat()
    return EventOutline(ident, "meeting", when, participants, ("d" + ident,))


def test_a_new_event_joins_an_open_trip_and_reads_nothing_far_away() -> None:
    old = [_meeting("a", 0, "X", "Y"), _meeting("b", 2, "X", "Z"), _meeting("far", 40, "X")]
    new = [*old, _meeting("c", 3, "X", "W")]
    reads: list[tuple[int, int]] = []

    class Counting(Memory):
        def dated(self, first: int, last: int) -> list[EventOutline]:
            reads.append((first, last))
            return super().dated(first, last)

    stored = _as_stored(build_stories(old))
    update = update_stories(Counting(new), stored, {}, {"c"})
    (trip,) = [s for s in update.stories if s.kind == "trip"]
    assert trip.events == ("a", "b", "c")
    assert list(update.dropped) == []  # the stored trip is made again under its own id
    assert all(last < event_day(_meeting("far", 40)) for _, last in reads)
