"""Merging event mentions across reports."""

from __future__ import annotations

import random

from storyline.events.merge import MergeSettings, merge_events, merge_reports
from storyline.events.model import Event
from tests.events.helpers import event_in, report

BLINKEN = ("Blinken", "agent", "e-blinken")
MOTEGI = ("Motegi", "counterpart", "e-motegi")
TOKYO = ("Tokyo", "e-tokyo")


def _talks(id: str, text: str, status: str, date: str | None, published: str, **kw: object):
    trigger = "talks" if "talks" in text else "met"
    mention = event_in(text, trigger, status=status, date=date, place=TOKYO, who=(BLINKEN, MOTEGI))
    return report(id, text, [mention], published=published, **kw)  # type: ignore[arg-type]


PREVIEW = "Blinken will hold talks with Motegi in Tokyo on Tuesday, officials said."
AFTER_1 = "Blinken held talks with Motegi in Tokyo on Tuesday about China."
AFTER_2 = "Blinken met Motegi in Tokyo on Tuesday and both stressed the alliance."


def _three_reports() -> list:
    return [
        _talks("d1", PREVIEW, "planned", "2021-03-16", "2021-03-14"),
        _talks("d2", AFTER_1, "happened", "2021-03-16", "2021-03-16"),
        _talks("d3", AFTER_2, "happened", "2021-03-16", "2021-03-17"),
    ]


def _only(events: tuple[Event, ...], type_: str = "meeting") -> Event:
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, found
    return found[0]


def test_a_preview_and_two_reports_are_one_event_with_three_sources() -> None:
    event = _only(merge_events(_three_reports()))
    assert event.sources == 3
    assert event.documents == ("d1", "d2", "d3")
    assert event.status == "happened"  # the reports after it win over the preview
    assert event.date == "2021-03-16" and event.date_sources == 3
    assert event.date_precision == "day" and event.date_basis == "text"
    assert event.place == "e-tokyo" and event.place_name == "Tokyo" and event.place_sources == 3
    roles = {(p.entity, p.role, p.sources) for p in event.participants}
    assert roles == {("e-blinken", "agent", 3), ("e-motegi", "counterpart", 3)}
    assert event.conflicts == ()
    assert len(event.evidence) == 3 and len(event.triggers) == 3
    assert event.title == "Meeting: Blinken and Motegi in Tokyo"


def test_a_syndicated_copy_counts_once() -> None:
    docs = _three_reports()
    # an analysed near-copy of d2, and an exact copy the pipeline did not analyse
    docs.append(_talks("d4", AFTER_1, "happened", "2021-03-16", "2021-03-16", duplicate_of="d2"))
    docs.append(report("d5", AFTER_1, [], duplicate_of="d2"))
    event = _only(merge_events(docs))
    assert event.sources == 3
    assert set(event.documents) == {"d1", "d2", "d3", "d4", "d5"}
    assert all(p.sources == 3 for p in event.participants)


def test_a_date_disagreement_is_a_conflict_naming_both_sources() -> None:
    docs = _three_reports()
    docs[2] = _talks("d3", AFTER_2, "happened", "2021-03-17", "2021-03-17")
    event = _only(merge_events(docs))
    assert event.date == "2021-03-16" and event.date_sources == 2
    (conflict,) = event.conflicts
    assert conflict.fact == "date"
    assert (conflict.chosen, conflict.chosen_documents) == ("2021-03-16", ("d1", "d2"))
    assert (conflict.other, conflict.other_documents) == ("2021-03-17", ("d3",))


def test_a_place_disagreement_is_a_conflict() -> None:
    text = "Blinken held talks with Motegi in Osaka on Tuesday about China."
    docs = _three_reports()[:2]
    docs.append(
        _talks(
            "d3",
            "Blinken and Motegi held talks in Tokyo on Tuesday.",
            "happened",
            "2021-03-16",
            "2021-03-16",
        )
    )
    mention = event_in(
        text, "talks", date="2021-03-16", place=("Osaka", "e-osaka"), who=(BLINKEN, MOTEGI)
    )
    docs.append(report("d4", text, [mention], published="2021-03-16"))
    event = _only(merge_events(docs))
    assert event.sources == 4 and event.place == "e-tokyo" and event.place_sources == 3
    assert [(c.fact, c.chosen, c.other, c.other_documents) for c in event.conflicts] == [
        ("place", "Tokyo", "Osaka", ("d4",))
    ]


def test_different_events_stay_apart() -> None:
    docs = _three_reports()
    later = "Blinken met Motegi in Tokyo on 2 April to discuss Taiwan."
    docs.append(_talks("d9", later, "happened", "2021-04-02", "2021-04-02"))
    other = "Austin met Kishi in Seoul on Tuesday."
    seoul = event_in(
        other,
        "met",
        date="2021-03-16",
        place=("Seoul", "e-seoul"),
        who=(("Austin", "agent", "e-austin"), ("Kishi", "counterpart", "e-kishi")),
    )
    docs.append(report("d8", other, [seoul], published="2021-03-16"))
    events = merge_events(docs)
    assert sorted(e.sources for e in events) == [1, 1, 3]


def test_ids_do_not_depend_on_the_order_of_reports() -> None:
    docs = _three_reports()
    first = merge_events(docs)
    again = merge_events(list(reversed(docs)))
    assert [e.id for e in first] == [e.id for e in again]
    assert first == again


def test_blocking_never_compares_all_pairs() -> None:
    rng = random.Random(7)
    people = [f"e-person{n}" for n in range(200)]
    docs = []
    for n in range(1000):
        day = 1 + rng.randrange(28)
        a, b = rng.sample(people, 2)
        text = f"Minister {a} met {b} in the capital on day {day} to discuss trade item {n}."
        mention = event_in(
            text,
            "met",
            date=f"2021-02-{day:02d}",
            who=((a, "agent", a), (b, "counterpart", b)),
        )
        docs.append(report(f"d{n:04d}", text, [mention], published=f"2021-02-{day:02d}"))
    settings = MergeSettings()
    result = merge_reports(docs, settings)
    all_pairs = 1000 * 999 // 2
    assert result.report_events == 1000
    assert result.comparisons < all_pairs // 20
    # each event is filed under at most 2 participants + 3 context entities
    assert result.comparisons <= 1000 * 5 * settings.neighbours
