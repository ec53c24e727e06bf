"""The days an undated event may lie on, from the dating of the reports that tell it."""

from __future__ import annotations

from dataclasses import replace

from storyline.events.facts import ReportEvent, build_event, possible_days
from storyline.records import DateFinding, PossibleDays
from tests.events.helpers import event_in, report

TEXT = "Blinken held talks with Motegi in Tokyo, officials said."
PLAN = "Blinken will hold talks with Motegi in Tokyo, officials said."
BLINKEN = ("Blinken", "agent", "e-blinken")


def _told(id: str, text: str, status: str, earliest: str, latest: str, day: str | None = None):  # type: ignore[no-untyped-def]
    """One report's telling of the talks, the report known only to a window of days."""
    mention = event_in(text, "talks", status=status, who=(BLINKEN,))
    if day is not None:
        mention = replace(mention, attributes=(("day", day),))
    window = DateFinding(None, None, 0.5, earliest=earliest, latest=latest)
    doc = replace(report(id, text, [mention]), dating=window)
    return doc, ReportEvent.of(doc, (mention,), frozenset(), 3)


def test_a_happening_lies_no_later_than_its_report() -> None:
    _, done = _told("d1", TEXT, "happened", "2021-03-01", "2021-03-31")
    assert possible_days([done]) == PossibleDays(None, "2021-03-31")


def test_a_plan_lies_no_earlier_than_its_report() -> None:
    _, planned = _told("d1", PLAN, "planned", "2021-03-01", "2021-03-31")
    assert possible_days([planned]) == PossibleDays("2021-03-01", None)


def test_a_preview_and_an_account_bound_the_event_from_both_sides() -> None:
    _, planned = _told("d1", PLAN, "planned", "2021-03-05", "2021-03-10")
    _, done = _told("d2", TEXT, "happened", "2021-03-12", "2021-03-20")
    assert possible_days([planned, done]) == PossibleDays("2021-03-05", "2021-03-20")


def test_a_day_named_without_its_month_narrows_both_bounds() -> None:
    _, planned = _told("d1", PLAN, "planned", "2021-03-05", "2021-03-10", day="16")
    _, done = _told("d2", TEXT, "happened", "2021-03-12", "2021-04-20", day="16")
    assert possible_days([planned, done]) == PossibleDays("2021-03-16", "2021-04-16", 16)


def test_tellings_that_contradict_each_other_bound_nothing() -> None:
    """A plan told after the report of its outcome: one of the datings is wrong."""
    _, planned = _told("d1", PLAN, "planned", "2021-04-01", "2021-04-10")
    _, done = _told("d2", TEXT, "happened", "2021-03-01", "2021-03-20")
    assert possible_days([planned, done]) == PossibleDays(None, None)


def test_a_report_of_unknown_date_bounds_nothing() -> None:
    mention = event_in(TEXT, "talks", who=(BLINKEN,))
    doc = report("d1", TEXT, [mention])
    assert possible_days([ReportEvent.of(doc, (mention,), frozenset(), 3)]) is None


def test_only_an_undated_event_carries_possible_days() -> None:
    doc, done = _told("d1", TEXT, "happened", "2021-03-01", "2021-03-31")
    event = build_event([done], {doc.id: doc}, {})
    assert event.date is None and event.possible_days == PossibleDays(None, "2021-03-31")
    dated = replace(done, mentions=(replace(done.mentions[0], date="2021-03-16"),))
    assert build_event([dated], {doc.id: doc}, {}).possible_days is None
