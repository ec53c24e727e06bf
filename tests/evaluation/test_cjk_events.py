"""The CJK events and quotes evaluation: its gold files, its scoring, and the held-out gate."""

from __future__ import annotations

from collections import Counter

import pytest

from storyline.evaluation.cjk_events import (
    EVENTS_DATA,
    QUOTES_DATA,
    EventCounts,
    QuoteCounts,
    read_records,
    score_events,
    score_quotes,
)
from storyline.records import EventMention, Participant, Quote, Span
from tests.conftest import make_document


def test_gold_files_are_consistent() -> None:
    events, quotes = read_records(EVENTS_DATA), read_records(QUOTES_DATA)
    assert all(n >= 40 for n in Counter(r["language"] for r in events).values())
    assert all(n >= 15 for n in Counter(r["language"] for r in quotes).values())
    assert {r["split"] for r in events + quotes} == {"tune", "heldout"}
    for record in events:
        for event in record["events"]:
            words = [event["trigger"], *event["participants"]]
            assert all(w in record["text"] for w in words), record["id"]
    for record in quotes:
        for quote in record["quotes"]:
            assert quote["quote"] in record["text"] and quote["speaker"] in record["text"]


def _event(text: str, trigger: str, etype: str, status: str, *names: str) -> EventMention:
    at = text.index(trigger)
    parts = tuple(
        Participant("participant", Span(text.index(n), text.index(n) + len(n))) for n in names
    )
    return EventMention(Span(at, at + len(trigger)), Span(0, len(text)), etype, status, "test",
                        participants=parts)  # fmt: skip


def test_events_match_by_type_and_overlapping_trigger() -> None:
    text = "茂木外相はブリンケン国務長官と首脳会談を行い、声明を出した。"
    gold = {"text": text, "events": [
        {"type": "meeting", "trigger": "首脳会談", "status": "happened",
         "participants": ["茂木外相", "ブリンケン"]},
        {"type": "statement", "trigger": "声明", "status": "happened", "participants": []},
    ]}  # fmt: skip
    predicted = (
        _event(text, "会談", "meeting", "planned", "茂木", "ブリンケン", "国務長官"),
        _event(text, "声明", "visit", "happened"),  # the wrong type matches nothing
    )
    counts = score_events(gold, make_document(text, events=predicted))
    assert counts == EventCounts(predicted=2, gold=2, triggers=1, participants_predicted=3,
                                 participants_gold=2, participants=2, statuses=0)  # fmt: skip
    assert counts.trigger.f1 == 0.5 and counts.participant.recall == 1.0


def test_quotes_match_by_overlap_and_speakers_by_overlap() -> None:
    text = "林官房長官は「遺憾だ」と述べ、「抗議した」と話した。"
    gold = {"text": text, "quotes": [{"speaker": "林官房長官", "quote": "遺憾だ"},
                                     {"speaker": "林官房長官", "quote": "抗議した"}]}  # fmt: skip
    at, other = text.index("遺憾だ"), text.index("抗議した")
    predicted = (
        Quote(Span(at, at + 3), "direct", "test", speaker=Span(0, 1)),
        Quote(Span(other, other + 4), "direct", "test", speaker=None),
    )
    counts = score_quotes(gold, make_document(text, quotes=predicted))
    assert counts == QuoteCounts(predicted=2, gold=2, quotes=2, speakers=1)


@pytest.fixture(scope="module")
def figures():  # type: ignore[no-untyped-def]
    from storyline.evaluation.cjk_events import evaluate
    from storyline.ingest.analysis import standard_stages
    from storyline.nlp.languages import analyser_for
    from storyline.settings import Settings

    if any(analyser_for(language) is None for language in ("ja", "zh", "ko")):
        pytest.skip("the cjk extra is not installed")
    return {(f.language, f.split): f for f in evaluate(standard_stages(Settings()))}


@pytest.mark.model
@pytest.mark.parametrize("language", ["ja", "zh", "ko"])
def test_held_out_figures_stay_above_their_floor(figures, language: str) -> None:  # type: ignore[no-untyped-def]
    held_out = figures[(language, "heldout")]
    assert held_out.events.trigger.f1 >= 0.8
    assert held_out.events.status_accuracy >= 0.85
    assert held_out.events.participant.f1 >= 0.6
    assert held_out.quotes.quote.f1 >= 0.65
