"""Timeline summaries: the days that matter and the sentences that tell them.

A hand-built knowledge base: four reports (one a syndicated copy), merged events
on four days, a story; and property tests of the choice on hand-made rows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.briefing import (
    FORMAT,
    BriefingSentence,
    as_markdown,
    choose_days,
    content_words,
    day_score,
    jaccard,
    markdown_text,
    summarise,
    summarise_events,
)
from storyline.errors import StoreError
from storyline.records import (
    Document,
    EntityRef,
    Event,
    EventParticipant,
    Evidence,
    Mention,
    Sentence,
    Span,
    Story,
)
from storyline.store.briefing import DayEvent, SentenceRow, SpanRow
from storyline.store.events import replace_events
from storyline.store.queries import Reader
from storyline.store.sqlite import Store
from tests.conftest import make_document

TEXTS = {
    "d1": "Blinken met Motegi in Tokyo on Tuesday. The talks covered the alliance and China. "
    "Weather was mild.",
    "d2": "Blinken and Motegi met in Tokyo. The talks covered the alliance and China too. "
    "Austin visited Seoul on Wednesday.",
    "d3": "Blinken met Motegi in Tokyo on Tuesday. The talks covered the alliance and China. "
    "Weather was mild.",  # a syndicated copy of d1
    "d4": "Kishida named a new cabinet.\x1b[31m Reporters waited outside the office for hours.",
}


def _sentences(text: str) -> tuple[Sentence, ...]:
    found, at = [], 0
    for part in text.split(". "):
        end = at + len(part) + (1 if at + len(part) < len(text) else 0)
        found.append(Sentence(Span(at, min(end, len(text))), "test"))
        at = end + 1
    return tuple(found)


def _document(doc_id: str, published: str, duplicate_of: str | None = None) -> Document:
    text = TEXTS[doc_id]
    at = text.find("Blinken")
    mentions = (
        (Mention(Span(at, at + 7), "Blinken", "PERSON", "person", "test", entity="e1"),)
        if at >= 0
        else ()
    )
    return make_document(
        text,
        id=doc_id,
        source=f"outlet-{doc_id}",
        published=published,
        published_how="metadata",
        duplicate_of=duplicate_of,
        sentences=_sentences(text),
        mentions=mentions,
        entities=(EntityRef("e1", "person:blinken", "Antony Blinken", "person", "test"),)
        if mentions
        else (),
    )


def _span(doc_id: str, sentence: int) -> Evidence:
    span = _sentences(TEXTS[doc_id])[sentence].span
    return Evidence(doc_id, span.start, span.end)


BLINKEN = EventParticipant("e1", "Antony Blinken", "agent", 2, ("d1", "d2"))
TALKS = Event(
    id="v1", type="meeting", title="Blinken meets Motegi", status="happened",
    date="2021-03-16", date_precision="day", date_basis="text", date_sources=2,
    place=None, place_name="Tokyo", place_sources=2, participants=(BLINKEN,),
    documents=("d1", "d2", "d3"), sources=2,
    evidence=(_span("d1", 0), _span("d2", 0), _span("d3", 0), _span("d1", 1), _span("d2", 1)),
    summary=_span("d1", 0),
)  # fmt: skip
VISIT = replace(
    TALKS, id="v2", type="visit", title="Austin visits Seoul", date="2021-03-17",
    participants=(EventParticipant(None, "Austin", "agent", 1, ("d2",)),), documents=("d2",),
    sources=1, evidence=(_span("d2", 2),), summary=_span("d2", 2),
)  # fmt: skip
CABINET = replace(
    TALKS, id="v3", type="appointment", title="Kishida's cabinet", date="2021-10-04",
    participants=(EventParticipant(None, "Kishida", "agent", 1, ("d4",)),), documents=("d4",),
    sources=1, evidence=(_span("d4", 0),), summary=_span("d4", 0),
)  # fmt: skip
MONTHLY = replace(CABINET, id="v4", date="2021-11", date_precision="month")
PLANNED = replace(CABINET, id="v5", date="2021-12-01", status="hypothetical")
TRIP = Story("s1", "trip", "Blinken in Asia", ("v1", "v2"), ("d1", "d2"), "2021-03-16")


def build_kb(tmp_path: Path) -> Path:
    """Four reports (d3 a copy of d1), the events on four days and more, a story."""
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(_document("d1", "2021-03-16"))
        store.write_document(_document("d2", "2021-03-17"))
        store.write_document(_document("d3", "2021-03-16", duplicate_of="d1"))
        store.write_document(_document("d4", "2021-10-04"))
        replace_events(store.db, [TALKS, VISIT, CABINET, MONTHLY, PLANNED], [TRIP])
    return db


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return build_kb(tmp_path)


def test_the_days_are_the_events_own_days_in_date_order(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, dates=10, sentences=1)
    # The month-dated and the hypothetical events have no day of their own.
    assert [d.date for d in briefing.days] == ["2021-03-16", "2021-03-17", "2021-10-04"]
    assert [d.events for d in briefing.days] == [("v1",), ("v2",), ("v3",)]


def test_the_day_told_by_more_independent_reports_wins(kb: Path) -> None:
    with Reader(kb) as reader:
        (day,) = summarise(reader, dates=1, sentences=2).days
    assert day.date == "2021-03-16"
    # The summary sentence first; then one from another report: not d3 (a copy of d1), not
    # d2's first sentence (it repeats the summary's words), but d2's second.
    assert [(s.document, s.text) for s in day.sentences] == [
        ("d1", "Blinken met Motegi in Tokyo on Tuesday."),
        ("d2", "The talks covered the alliance and China too."),
    ]
    text = TEXTS["d1"]
    for sentence in day.sentences:
        assert TEXTS[sentence.document][sentence.start : sentence.end] == sentence.text
    assert text.startswith(day.sentences[0].text)


def test_near_duplicates_are_dropped(kb: Path) -> None:
    with Reader(kb) as reader:
        (day,) = summarise(reader, dates=1, sentences=5).days
    texts = [s.text for s in day.sentences]
    assert len(texts) == len(set(texts))
    bags = [content_words(t) for t in texts]
    assert all(jaccard(a, b) < 0.5 for i, a in enumerate(bags) for b in bags[i + 1 :])
    assert "Weather was mild." not in texts  # shares no word with the day's evidence


def test_an_entity_selects_its_days(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, entity="Blinken", dates=5, sentences=1)
        strict = summarise(reader, entity="Blinken", dates=5, sentences=1, reports=False)
    # Its own event first; then the other events of the reports that name it.
    assert [d.date for d in strict.days] == ["2021-03-16"]
    assert [d.date for d in briefing.days] == ["2021-03-16", "2021-03-17"]
    assert all("Blinken" in d.sentences[0].text for d in briefing.days)


def test_a_name_that_selects_nothing_falls_back_to_its_longest_known_part(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, entity="Secretary Blinken", dates=5, sentences=1)
        nothing = summarise(reader, entity="Secretary Nobody", dates=5)
    assert briefing.names == ("Blinken",)
    assert [d.date for d in briefing.days] == ["2021-03-16", "2021-03-17"]
    assert nothing.days == () and nothing.names == ()


def test_a_story_selects_its_events(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, story="s1", dates=5, sentences=1)
        with pytest.raises(StoreError, match="no story"):
            summarise(reader, story="nope")
    assert [d.events for d in briefing.days] == [("v1",), ("v2",)]


def test_the_date_range_narrows_the_days(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, start="2021-03-17", end="2021-10", dates=5)
    assert [d.date for d in briefing.days] == ["2021-03-17", "2021-10-04"]


def test_json_shape_and_no_control_characters(kb: Path) -> None:
    with Reader(kb) as reader:
        out = summarise(reader, start="2021-10", dates=1, sentences=2).as_json()
    assert out["format"] == FORMAT == "storyline-timeline/1"
    (day,) = out["dates"]
    assert set(day) == {"date", "sentences", "events"} and day["events"] == ["v3"]
    for sentence in day["sentences"]:
        assert set(sentence) == {"text", "document", "start", "end"}
        assert "\x1b" not in sentence["text"]


def test_day_score_counts_reports_and_weighs_events() -> None:
    event = _day_event("v1", "2021-01-01", ("a", "b"), sources=2)
    low = replace(event, id="v2", salience="low", status="planned")
    assert day_score([event]) == 2 + 0.5
    assert day_score([event, low]) == 2 + 0.5 + 0.125
    assert day_score([event], {"b": "a"}) == 1 + 0.5  # a syndicated copy counts once


# -- properties, on rows built by hand ----------------------------------------------


def _day_event(event_id: str, date: str, documents: tuple[str, ...], sources: int = 1) -> DayEvent:
    evidence = tuple(SpanRow(d, 0, 10) for d in documents)
    return DayEvent(
        event_id, date, "meeting", event_id, "happened", sources, "normal", documents, evidence,
        evidence[0] if evidence else None,
    )  # fmt: skip


DAYS = st.dates().map(lambda d: d.isoformat())
WORDS = st.sampled_from(
    ["alliance", "talks", "tokyo", "seoul", "missile", "summit", "minister", "trade", "visit"]
)


@st.composite
def selections(draw: st.DrawFn) -> tuple[list[DayEvent], list[SentenceRow]]:
    documents = [f"d{n}" for n in range(draw(st.integers(1, 6)))]
    rows: list[SentenceRow] = []
    for document in documents:
        at = 0
        for position in range(draw(st.integers(1, 4))):
            text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=8)))
            rows.append(
                SentenceRow(document, position, at, at + len(text), text, "s", document, None)
            )
            at += len(text) + 1
    events = [
        _day_event(
            f"v{n}",
            draw(DAYS),
            tuple(draw(st.lists(st.sampled_from(documents), max_size=3, unique=True))),
            draw(st.integers(1, 3)),
        )  # fmt: skip
        for n in range(draw(st.integers(0, 12)))
    ]
    return events, rows


@given(selections(), st.integers(1, 8), st.integers(0, 4))
def test_exactly_n_sorted_days_and_no_sentence_twice(
    selection: tuple[list[DayEvent], list[SentenceRow]], n: int, k: int
) -> None:
    events, rows = selection
    briefing = summarise_events(events, rows, n, k)
    dates = [d.date for d in briefing.days]
    assert len(dates) == min(n, len({e.date for e in events}))
    assert dates == sorted(set(dates))
    spans = [(s.document, s.start) for d in briefing.days for s in d.sentences]
    assert len(spans) == len(set(spans))
    assert all(len(d.sentences) <= k and d.events for d in briefing.days)


@given(st.lists(st.tuples(DAYS, st.integers(1, 5)), max_size=15), st.integers(1, 6))
def test_the_chosen_days_score_at_least_as_well_as_those_left_out(
    dated: list[tuple[str, int]], n: int
) -> None:
    events = [_day_event(f"v{i}", day, (f"d{i}",), s) for i, (day, s) in enumerate(dated)]
    chosen = choose_days(events, n)
    kept = {day for day, _, _ in chosen}
    scores = {day: score for day, _, score in choose_days(events, len(events) + 1)}
    left = [score for day, score in scores.items() if day not in kept]
    assert all(score >= max(left, default=0) for _, _, score in chosen)


def test_markdown_escapes_report_text(kb: Path) -> None:
    with Reader(kb) as reader:
        briefing = summarise(reader, dates=1, sentences=1)
    evil = BriefingSentence(
        "# *Breaking* <img src=x onerror=alert(1)> [link](http://x)", "d9", 0, 9
    )
    day = replace(briefing.days[0], sentences=(evil,))
    out = as_markdown(replace(briefing, days=(day,)), "About <b>")
    assert out.splitlines()[0] == "# About &lt;b&gt;"
    assert "<" not in out and "\\*Breaking\\*" in out and "\\[link\\]" in out
    assert "- \\# \\*Breaking\\*" in out and "(report `d9`, 0–9)" in out
    assert out.splitlines()[2] == "## 2021-03-16 (1 event)"


@given(st.text(max_size=60))
def test_markdown_text_is_literal(text: str) -> None:
    out = markdown_text(text)
    assert "<" not in out and ">" not in out and "\n" not in out
    unescaped = re.sub(r"\\(.)", r"\1", out)
    expected = " ".join(
        "".join(" " if c in "\x85\u2028\u2029" or ord(c) < 32 or 127 <= ord(c) < 160 else c
                for c in text).split()
    )  # fmt: skip
    assert unescaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == expected


def test_the_knowledge_base_gives_the_briefing(tmp_path: Path) -> None:
    from storyline import KnowledgeBase

    path = tmp_path / "kb.db"
    with KnowledgeBase.open(path, create=True) as kb:
        briefing = kb.briefing(dates=3)
    assert briefing.days == ()  # nothing ingested: no day
    assert briefing.as_json() == {"format": "storyline-timeline/1", "dates": []}
