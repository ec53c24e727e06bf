"""Merging event mentions across reports."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from storyline.events.merge import (
    MergeSettings,
    _apart,
    cluster_scored,
    merge_events,
    merge_reports,
    report_events,
)
from storyline.events.model import Event
from storyline.records import Span
from tests.events.helpers import event_in, report, span_of

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


# --- undated tellings in a report group (report dates set by hand) ---

UNDATED = "The talks between Blinken and Motegi in Tokyo covered China."
PLANNED = "Blinken will hold talks with Motegi in Tokyo, officials said."


def _told(id: str, text: str, status: str, date: str | None, published: str | None):  # type: ignore[no-untyped-def]
    mention = event_in(text, "talks", status=status, date=date, place=TOKYO, who=(BLINKEN, MOTEGI))
    return report(id, text, [mention], published=published)


def test_an_undated_telling_in_the_report_group_takes_the_dated_event_and_its_date() -> None:
    docs = [
        _told("d1", PLANNED, "planned", None, "2021-03-10"),
        _told("d2", AFTER_1.replace("met", "held talks"), "happened", "2021-03-16", "2021-03-16"),
        _told("d3", UNDATED, "happened", None, "2021-03-25"),  # nine days later, no date
    ]
    groups = {"d1": "g0", "d2": "g0", "d3": "g0"}
    event = _only(merge_events(docs, groups=groups))
    assert event.documents == ("d1", "d2", "d3") and event.sources == 3
    assert event.date == "2021-03-16" and event.status == "happened"


def test_an_undated_telling_is_not_merged_across_years_or_places_or_without_a_group() -> None:
    dated = _told("d2", AFTER_1, "happened", "2021-03-16", "2021-03-16")
    late = _told("d3", UNDATED, "happened", None, "2022-01-08")  # a later meeting, same people
    groups = {"d2": "g0", "d3": "g0"}
    assert len(merge_events([dated, late], groups=groups)) == 2
    unknown = _told("d3", UNDATED, "happened", None, None)  # no report date: no bound
    assert len(merge_events([dated, unknown], groups=groups)) == 2
    text = "The talks between Blinken and Motegi in Osaka covered China."
    mention = event_in(text, "talks", place=("Osaka", "e-osaka"), who=(BLINKEN, MOTEGI))
    elsewhere = report("d3", text, [mention], published="2021-03-25")
    assert len(merge_events([dated, elsewhere], groups=groups)) == 2
    near = _told("d3", UNDATED, "happened", None, "2021-03-25")
    assert len(merge_events([dated, near])) == 2  # no report group: not compared


def test_an_event_with_no_participant_or_place_and_one_source_has_low_salience() -> None:
    text = "The meeting lasted an hour."
    bare = report("d1", text, [event_in(text, "meeting")], published="2021-03-16")
    (event,) = merge_events([bare])
    assert ("salience", "low") in event.attributes
    event = _only(merge_events(_three_reports()))
    assert ("salience", "low") not in event.attributes


def test_a_preview_telling_one_named_occasion_as_to_come_and_as_done_is_one_report_event() -> None:
    from storyline.events.merge import report_events

    text = 'The "2+2" talks will be held in Tokyo. After the "2+2" talks, a document is released.'
    planned = event_in(text, "talks", status="planned", place=TOKYO)
    done = event_in(text, "talks", status="happened")
    second = text.index("talks", text.index("After"))
    done = replace(done, trigger=Span(second, second + 5))
    kind = (("kind", "2+2"),)
    doc = report("d1", text, [replace(planned, attributes=kind), replace(done, attributes=kind)])
    assert len(report_events(doc, MergeSettings())) == 1
    doc = report("d1", text, [planned, done])  # "the talks" refers back to them
    assert len(report_events(doc, MergeSettings())) == 1
    indefinite = replace(done, attributes=(("reference", "indefinite"),))
    doc = report("d1", text, [planned, indefinite])  # "a meeting" would be another one
    assert len(report_events(doc, MergeSettings())) == 2


def test_a_day_named_without_its_month_meets_the_date_of_another_report() -> None:
    """An undated report's "on the 16th" is the dated report's 2021-03-16, not its 17th."""
    from storyline.records import DateFinding

    dated = _told("d2", AFTER_1, "happened", "2021-03-16", "2021-03-16")
    text = "Blinken held talks in the capital on the 16th, officials said."
    month_unknown = DateFinding(None, None, 0.5, earliest="2021-02-01", latest="2021-09-30")
    groups = {"d2": "g0", "d3": "g0"}
    for day, together in (("16", True), ("17", False)):
        mention = event_in(text, "talks", who=(BLINKEN,))
        mention = replace(mention, attributes=(("day", day),))
        undated = replace(report("d3", text, [mention]), dating=month_unknown)
        events = merge_events([dated, undated], groups=groups)
        assert (len(events) == 1) is together, day
        if together:
            assert events[0].date == "2021-03-16" and events[0].sources == 2
            assert dict(events[0].attributes).get("day") is None  # a mention's note only


def test_what_a_report_tells_as_done_did_not_happen_after_it() -> None:
    """A report of the 16th telling talks as done, undated, is not the talks of the 18th."""
    text = "The talks covered China and trade."
    told = report("d1", text, [event_in(text, "talks")], published="2021-03-16")
    later_text = "Blinken held talks with Motegi in Tokyo on Thursday about China and trade."
    later = _told("d2", later_text, "happened", "2021-03-18", "2021-03-18")
    groups = {"d1": "g0", "d2": "g0"}
    assert len(merge_events([told, later], groups=groups)) == 2


def _visit(id: str, text: str, trigger: str, place: tuple[str, str], published: str, **kw):  # type: ignore[no-untyped-def]
    from storyline.records import DateFinding

    mention = event_in(text, trigger, "visit", place=place, **kw)
    doc = report(id, text, [mention], published=published)
    if len(published) == 7:  # a report dated to its month: the window its dating allows
        window = DateFinding(published, "dateline", 0.5, (), f"{published}-01", f"{published}-28")
        doc = replace(doc, dating=window)
    return doc


def test_one_visit_told_at_two_scales_in_one_report_group_is_one_event() -> None:
    """ "visiting Japan" in a report of March, "a visit to Tokyo" in one of the 16th: the
    knowledge base places Tokyo in Japan, so in one report group they are one visit."""
    from storyline.entities.kb.model import entity_id

    japan = ("Japan", entity_id("country:JPN"))
    tokyo = ("Tokyo", entity_id("geonames:1850147"))
    seoul = ("Seoul", entity_id("geonames:1835848"))
    who = (("Blinken", "agent", "e-blinken"), ("Austin", "agent", "e-austin"))
    month = _visit("d1", "Blinken and Austin, who are visiting Japan, will attend.", "visiting",
                   japan, "2021-03", who=who)  # fmt: skip
    day = _visit("d2", "Blinken met Motegi during a visit to Tokyo.", "visit", tokyo, "2021-03-16")
    groups = {"d1": "g0", "d2": "g0"}
    event = _only(merge_events([month, day], groups=groups), "visit")
    assert event.documents == ("d1", "d2") and event.date == "2021-03-16"
    assert event.place_name == "Tokyo"  # the more precise place wins
    assert len(merge_events([month, day])) == 2  # no report group: not compared
    elsewhere = _visit("d2", "Blinken met Chung during a visit to Seoul.", "visit", seoul,
                       "2021-03-16")  # fmt: skip
    assert len(merge_events([month, elsewhere], groups=groups)) == 2


def test_other_company_lowers_the_score_of_two_tellings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The courtesy call on Suga and the foreign ministers' bilateral of one day: each
    names two sides or more and someone the other does not, so they are less alike than
    their words and their report group alone would say."""
    from storyline.events import merge

    assert merge._other_company(
        frozenset({"suga", "blinken", "austin"}), frozenset({"blinken", "motegi"})
    )
    assert not merge._other_company(
        frozenset({"blinken", "motegi"}), frozenset({"blinken", "motegi"})
    )
    assert not merge._other_company(frozenset({"blinken"}), frozenset({"blinken", "motegi"}))
    call = "In addition, Prime Minister Suga will hold a meeting with Blinken and Austin."
    bilateral = "Secretary of State Blinken meets with Foreign Minister Motegi in the morning."
    who = (("Suga", "participant", "e-suga"), ("Blinken", "participant", "e-blinken"),
           ("Austin", "participant", "e-austin"))  # fmt: skip
    first = report("d1", call, [event_in(call, "meeting", date="2021-03-16", who=who)],
                   published="2021-03-16")  # fmt: skip
    second = report("d2", bilateral, [event_in(bilateral, "meets", who=(BLINKEN, MOTEGI))],
                    published="2021-03-16")  # fmt: skip
    settings = MergeSettings()
    a, b = (merge.report_events(doc, settings, "g0")[0] for doc in (first, second))
    _, context, _ = merge.candidate_pairs([first, second], [a, b], settings)
    apart = merge.score_pair(a, b, context, settings)
    monkeypatch.setattr(merge, "_other_company", lambda a, b: False)
    assert apart < merge.score_pair(a, b, context, settings)


def test_meeting_someone_the_earlier_event_does_not_name_is_another_meeting() -> None:
    """The ministers' talks name their company; Blinken's meeting with China after them
    shares Blinken but meets someone the talks do not name: another meeting."""
    from storyline.events.merge import report_events

    text = (
        "Blinken and Austin will hold talks with Japan's ministers, officials said. "
        "Blinken will then meet with China."
    )
    talks = event_in(
        text, "talks", status="planned",
        who=(("Blinken", "participant", "e-blinken"), ("Austin", "participant", "e-austin"),
             ("Japan", "participant", "e-japan")),
    )  # fmt: skip
    meet = event_in(
        text, "meet", status="planned",
        who=(("Blinken", "agent", "e-blinken"), ("China", "counterpart", "e-china")),
    )
    assert len(report_events(report("d1", text, [talks, meet]), MergeSettings())) == 2
    # Meeting someone the talks name is telling them again.
    again = text.replace("with China", "with Japan")
    meet = event_in(
        again, "meet", status="planned",
        who=(("Blinken", "agent", "e-blinken"), ("Japan", "counterpart", "e-japan")),
    )
    talks = replace(talks, trigger=span_of(again, "talks"))
    assert len(report_events(report("d1", again, [talks, meet]), MergeSettings())) == 1
    # Talks that name no one else than Blinken: his meeting may be them.
    blinken = ("Blinken", "participant", "e-blinken")
    alone = event_in(text, "talks", status="planned", who=(blinken,))
    meet = event_in(
        text, "meet", status="planned",
        who=(("Blinken", "agent", "e-blinken"), ("China", "counterpart", "e-china")),
    )
    assert len(report_events(report("d1", text, [alone, meet]), MergeSettings())) == 1


def test_a_bare_attributive_participle_tells_its_own_event() -> None:
    """'Hayashi took office in November. The newly appointed ambassador attended': the
    ambassador's appointment is not Hayashi's taking office told again."""
    from storyline.events.merge import report_events

    text = "Hayashi took office in November. The newly appointed ambassador attended."
    took = event_in(text, "took", "appointment", who=(("Hayashi", "agent", "e-hayashi"),))
    appointed = event_in(text, "appointed", "appointment")
    attributive = replace(appointed, attributes=(("reference", "attributive"),))
    assert len(report_events(report("d1", text, [took, attributive]), MergeSettings())) == 2
    assert len(report_events(report("d1", text, [took, appointed]), MergeSettings())) == 1


def _one_report_told_twice() -> list:  # type: ignore[type-arg]
    """Three report events of one report: a shooting and a killing told of one place,
    and a meeting elsewhere."""
    text = (
        "A gunman opened fire in Tokyo on Monday. "
        "The killing shocked the city. "
        "Blinken met Motegi in Osaka."
    )
    doc = report(
        "d1",
        text,
        [
            event_in(text, "fire", "attack", place=TOKYO),
            event_in(text, "killing", "death"),
            event_in(text, "met", place=("Osaka", "e-osaka"), who=(BLINKEN, MOTEGI)),
        ],
    )
    return report_events(doc, MergeSettings())


def test_with_the_learned_scorer_only_what_the_report_tells_apart_stays_apart() -> None:
    shooting, killing, meeting = _one_report_told_twice()
    labels = _apart([shooting, killing, meeting], {}, learned=True)
    assert not labels[0] & labels[1]  # two types, nothing that contradicts: may join
    assert labels[0] & labels[2]  # Tokyo, then Osaka
    assert not labels[1] & labels[2]  # the killing names no place
    weighted = _apart([shooting, killing, meeting], {2: "e1"}, learned=False)
    assert weighted[0] & weighted[1] and weighted[1] & weighted[2]
    assert "context" in weighted[2] and "context" not in weighted[0]


# --- the learned scorer (`events.scorer = "learned"`) and what the text settles ---


def test_the_hand_weighted_scorer_alone_still_merges_the_three_reports() -> None:
    event = _only(merge_events(_three_reports(), replace(MergeSettings(), scorer="weights")))
    assert event.sources == 3


def test_without_the_encoder_the_learned_scorer_still_merges_the_three_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`make install` adds the encoder's package with --no-deps; without it the model of
    30 features and its own threshold score the pairs, and the merge is the same."""
    from storyline.events import merge

    monkeypatch.setattr(merge, "load_encoder", lambda: None)
    event = _only(merge_events(_three_reports(), replace(MergeSettings(), scorer="learned")))
    assert event.sources == 3 and event.documents == ("d1", "d2", "d3")


def test_a_dated_pair_is_decided_by_the_hand_weighted_sum_an_undated_one_by_both() -> None:
    """ECB+ gives no dates: where a telling is dated the model's probability is not
    read; where neither is (nor placed, nor told with someone else) it votes with the
    hand-weighted sum, both on the learned scale."""
    from storyline.events import merge

    settings = replace(MergeSettings(), scorer="learned")
    weights = replace(settings, scorer="weights")
    docs = _three_reports()[:2]
    a, b = (merge.report_events(doc, settings)[0] for doc in docs)
    _, context, _ = merge.candidate_pairs(docs, [a, b], settings)
    target = merge._threshold(settings, context)
    hybrid, summed = (merge.score_pair(a, b, context, s) for s in (settings, weights))
    assert hybrid == pytest.approx(merge._rescaled(summed, weights.merge_threshold, target))
    text = "The talks between Blinken and Motegi covered China."
    undated = [report(d, text, [event_in(text, "talks", who=(BLINKEN, MOTEGI))]) for d in "xy"]
    a, b = (merge.report_events(doc, settings, "g0")[0] for doc in undated)
    _, context, _ = merge.candidate_pairs(undated, [a, b], settings)
    summed = merge.score_pair(a, b, context, weights)
    rescaled = merge._rescaled(summed, weights.merge_threshold, target)
    model = merge.shipped_model(encoder=context.mention_vectors is not None)
    learned = model.probability(merge.pair_features(a, b, context))
    assert merge.score_pair(a, b, context, settings) == pytest.approx((learned + rescaled) / 2)


def test_rescaling_keeps_zero_the_threshold_and_one_in_place() -> None:
    from storyline.events.merge import _rescaled

    assert [_rescaled(v, 0.4, 0.45) for v in (0.0, 0.4, 1.0)] == pytest.approx([0.0, 0.45, 1.0])
    assert _rescaled(0.2, 0.4, 0.45) == pytest.approx(0.225)
    assert _rescaled(0.7, 0.4, 0.45) == pytest.approx(0.725)


def test_one_report_tells_apart_a_named_occasion_and_a_meeting_with_other_company() -> None:
    """Under the learned scorer's same-report rule: the "2+2" and a meeting the report does
    not call so are two; so are two meetings that each name someone the other does not."""
    from storyline.events.merge import _told_apart

    text = (
        'The "2+2" talks of Blinken, Austin and Motegi ended. Blinken met Motegi. '
        "Suga met Blinken and Austin."
    )
    two_plus_two = replace(
        event_in(text, "talks", who=(BLINKEN, ("Austin", "agent", "e-austin"), MOTEGI)),
        attributes=(("kind", "2+2"),),
    )
    bilateral = event_in(text, "met", who=(BLINKEN, MOTEGI))
    call = event_in(text, "met Blinken and", who=(("Suga", "agent", "e-suga"), BLINKEN,
                                                   ("Austin", "agent", "e-austin")))  # fmt: skip
    call = replace(call, trigger=Span(call.trigger.start, call.trigger.start + 3))
    from storyline.events.facts import ReportEvent

    doc = report("d1", text, [two_plus_two, bilateral, call])
    talks, met, called = (
        ReportEvent.of(doc, (m,), frozenset(), 3) for m in (two_plus_two, bilateral, call)
    )
    assert _told_apart(talks, met)  # a named kind against none
    assert _told_apart(met, called)  # Motegi against Suga and Austin
    assert not _told_apart(met, met)


def test_clustering_scored_pairs_keeps_one_reports_events_apart_as_the_rule_says() -> None:
    items = _one_report_told_twice()
    scored = [(0.9, 0, 1), (0.9, 0, 2)]
    assert cluster_scored(items, scored, 0.5, learned=True) == [[0, 1], [2]]
    assert cluster_scored(items, scored, 0.5, learned=False) == [[0], [1], [2]]
