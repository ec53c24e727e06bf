"""A report of unknown date that tells an event on its own day ("today (16th)") is dated
on that day by the report that dates the event, and then reads its own dates against it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from storyline.events.extract import link_events
from storyline.events.keys import DAY, TOLD_ON_REPORT_DAY
from storyline.events.merge import MergeSettings, report_events
from storyline.events.report_day import read_on_its_day
from storyline.records import DateFinding, Document, EventMention
from storyline.settings import Settings
from storyline.store.events import bounds_of
from storyline.time.tagger import tag_time
from tests.events.helpers import event_in, report, span_of

KIND = ("kind", "2+2")
BLINKEN = ("Blinken", "agent", "e-blinken")
AUSTIN = ("Austin", "agent", "e-austin")
MOTEGI = ("Motegi", "counterpart", "e-motegi")
CHUNG = ("Chung", "counterpart", "e-chung")
TOKYO = ("Tokyo", "e-tokyo")
SEOUL = ("Seoul", "e-seoul")
# A translated preview: its day of the month, never its month.
PREVIEW = (
    "Blinken and Austin hold the 2+2 talks with Motegi in Tokyo today (16th). "
    "On the 18th, Blinken and Austin hold the 2+2 talks with Chung in Seoul."
)
MONTH_UNKNOWN = DateFinding(None, None, 0.5, earliest="2021-02-01", latest="2021-09-30")


def _dated_by(text: str, event: EventMention, phrase: str) -> EventMention:
    return replace(event, date_source=span_of(text, phrase))


def _preview(today: str = "today (16th)") -> Document:
    """The preview as the link stage leaves it: its 2+2 of "today" and of "the 18th"
    with the day of the month each names, undated."""
    text = PREVIEW.replace("today (16th)", today)
    tokyo = event_in(text, "talks", place=TOKYO, who=(BLINKEN, AUSTIN, MOTEGI))
    second = text.index("On the 18th")
    seoul = event_in(text[second:], "talks", place=SEOUL, who=(BLINKEN, AUSTIN, CHUNG))
    seoul = _shifted(seoul, second)
    doc = report("d2", text, [_dated_by(text, tokyo, today), _dated_by(text, seoul, "the 18th")])
    doc = replace(doc, timexes=tag_time(text, None), dating=MONTH_UNKNOWN)
    linked = link_events(doc)
    return replace(
        linked, events=tuple(replace(e, attributes=(*e.attributes, KIND)) for e in linked.events)
    )


def _shifted(event: EventMention, by: int) -> EventMention:
    def move(span):  # type: ignore[no-untyped-def]
        return replace(span, start=span.start + by, end=span.end + by)

    return replace(
        event,
        trigger=move(event.trigger),
        sentence=move(event.sentence),
        place=move(event.place) if event.place else None,
        participants=tuple(replace(p, span=move(p.span)) for p in event.participants),
    )


def _held(id: str, city: tuple[str, str], other: tuple[str, str, str], day: str) -> Document:
    text = f"Blinken and Austin held the 2+2 talks with {other[0]} in {city[0]} on March {day}."
    mention = event_in(text, "talks", date=f"2021-03-{day}", place=city,
                       who=(BLINKEN, AUSTIN, other))  # fmt: skip
    return report(id, text, [replace(mention, attributes=(KIND,))], published=f"2021-03-{day}")


def test_the_link_stage_notes_an_event_told_on_the_report_s_own_day() -> None:
    doc = _preview()
    today, later = doc.events
    assert TOLD_ON_REPORT_DAY in today.attributes and (DAY, "16") in today.attributes
    assert TOLD_ON_REPORT_DAY not in later.attributes and (DAY, "18") in later.attributes
    assert today.date is None and later.date_source is not None  # its phrase is kept


def test_a_report_dated_to_one_day_reads_its_dates_against_it() -> None:
    doc = _preview()
    assert read_on_its_day(doc) == doc  # Feb–Sep: "the 18th" is no date
    day = "2021-03-16"
    one_day = replace(doc, dating=replace(MONTH_UNKNOWN, earliest=day, latest=day))
    today, later = read_on_its_day(one_day).events
    assert today.date == "2021-03-16"
    # Told in the present two days ahead of the report: one to come, as at extraction.
    assert later.date == "2021-03-18" and later.status == "planned"


def test_the_day_told_as_the_report_s_own_outweighs_what_tenses_say() -> None:
    on, after = ("on", "2021-03-16"), ("after", "2021-03-18")
    assert bounds_of([on, after]) == ("2021-03-16", "2021-03-16")
    # Two days told as its own: each an "after" and a "before"; the two days satisfy most.
    assert bounds_of([on, ("on", "2021-03-17")]) == ("2021-03-16", "2021-03-17")


def test_the_days_most_of_the_evidence_agrees_on_bound_a_report() -> None:
    """One telling merged with a later event ("after the 19th") does not undo two that
    say the report came before the 16th; as many on each side narrow nothing."""
    assert bounds_of([("after", "2021-03-10"), ("before", "2021-03-20")]) == (
        "2021-03-10",
        "2021-03-20",
    )
    outvoted = [("before", "2021-03-16"), ("before", "2021-03-18"), ("after", "2021-03-19")]
    assert bounds_of(outvoted) == (None, "2021-03-16")
    first, last = bounds_of([("before", "2021-03-16"), ("after", "2021-03-19")])
    assert first is not None and last is not None and first > last


def test_a_named_occasion_and_another_sharing_only_the_day_stay_apart() -> None:
    text = "On the 18th they hold the 2+2. Blinken meets Yang on the 18th."
    two_plus_two = replace(event_in(text, "2+2", date="2021-03-18"), attributes=(KIND,))
    meeting = event_in(text, "meets", date="2021-03-18", who=(BLINKEN,))
    doc = report("d1", text, [two_plus_two, meeting])
    assert len(report_events(doc, MergeSettings())) == 2
    same_kind = report("d1", text, [two_plus_two, replace(meeting, attributes=(KIND,))])
    assert len(report_events(same_kind, MergeSettings())) == 1


def _ingest(tmp_path: Path, docs: list[Document]) -> tuple[dict[str, dict], list[dict]]:  # type: ignore[type-arg]
    from storyline.events.corpus import merge_corpus_events
    from storyline.store.queries import Reader
    from storyline.store.sqlite import Store

    with Store(tmp_path / "kb.db") as store, store.transaction():
        for entity in sorted({m.entity for doc in docs for m in doc.mentions if m.entity}):
            store.db.execute(
                "INSERT INTO entities (id, key, name, type, stage)"
                " VALUES (?, ?, ?, 'person', 'test')",
                (entity, entity, entity),
            )
        for doc in docs:
            store.write_document(doc)
        merge_corpus_events(store, Settings(), [doc.id for doc in docs])
    with Reader(tmp_path / "kb.db") as reader:
        return {d["id"]: d for d in reader.documents()}, list(reader.events())


def test_the_corpus_dates_a_report_on_the_day_it_tells_as_its_own(tmp_path: Path) -> None:
    """The preview's "today (16th)" 2+2 merges with the Tokyo 2+2 of the 16th, not with the
    Seoul one of the 18th; the preview is then dated on the 16th (the evidence kept),
    and its "On the 18th" 2+2 becomes the Seoul one."""
    tokyo, seoul = _held("d1", TOKYO, MOTEGI, "16"), _held("d3", SEOUL, CHUNG, "18")
    documents, events = _ingest(tmp_path, [tokyo, _preview(), seoul])
    preview = documents["d2"]
    assert preview["date_window"] == ["2021-03-16", "2021-03-16"]
    on = [e for e in preview["dated_by"] if e["relation"] == "on"]
    assert [(e["day"], e["document"]) for e in on] == [("2021-03-16", "d1")]
    by_date = {e["date"]: sorted(e["documents"]) for e in events}
    assert by_date == {"2021-03-16": ["d1", "d2"], "2021-03-18": ["d2", "d3"]}


def test_a_day_of_the_month_that_disagrees_dates_no_report_on_it(tmp_path: Path) -> None:
    """ "today (17th)": not the Tokyo 2+2 of the 16th, so nothing dates the report."""
    tokyo, seoul = _held("d1", TOKYO, MOTEGI, "16"), _held("d3", SEOUL, CHUNG, "18")
    documents, _ = _ingest(tmp_path, [tokyo, _preview("today (17th)"), seoul])
    preview = documents["d2"]
    assert all(e["relation"] != "on" for e in preview["dated_by"])
    assert preview["date_window"] != ["2021-03-17", "2021-03-17"]


def test_a_day_named_without_its_month_is_kept_from_other_days_through_any_chain() -> None:
    """ "today (16th)" and a telling of the 18th never share a cluster, even when an
    undated telling is like both (their own pair was never scored)."""
    from storyline.events.cluster import MonthDay, average_link

    scored = [(0.9, 0, 1), (0.9, 1, 2)]
    days = [MonthDay(named=16), MonthDay(), MonthDay(dated=18)]
    assert average_link(3, scored, 0.5, unscored_as_zero=False) == [[0, 1, 2]]
    apart = average_link(3, scored, 0.5, unscored_as_zero=False, month_days=days)
    assert [0, 1, 2] not in apart and len(apart) == 2
    agreeing = [MonthDay(named=18), MonthDay(), MonthDay(dated=18)]
    assert average_link(3, scored, 0.5, unscored_as_zero=False, month_days=agreeing) == [[0, 1, 2]]
    two_days = [MonthDay(named=16), MonthDay(), MonthDay(named=18)]
    assert len(average_link(3, scored, 0.5, unscored_as_zero=False, month_days=two_days)) == 2
