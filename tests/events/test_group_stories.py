"""Stories are report groups: every report is in exactly one story of kind "story"."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.events.corpus import merge_corpus_events
from storyline.events.stories import StorySettings, report_similarities
from storyline.records import Document
from storyline.settings import Settings
from storyline.store.sqlite import Store
from tests.events.helpers import event_in, report

BLINKEN = ("Blinken", "agent", "e-blinken")
MOTEGI = ("Motegi", "counterpart", "e-motegi")
TOKYO = ("Tokyo", "e-tokyo")


def _talks(id: str, text: str, status: str, published: str) -> Document:
    trigger = "talks" if "talks" in text else "met"
    mention = event_in(text, trigger, status=status, date="2021-03-16", place=TOKYO,
                       who=(BLINKEN, MOTEGI))  # fmt: skip
    return report(id, text, [mention], published=published)


TALKS = [
    _talks("d1", "Blinken will hold talks with Motegi in Tokyo on Tuesday on the alliance.",
           "planned", "2021-03-14"),
    _talks("d2", "Blinken held talks with Motegi in Tokyo on Tuesday on the alliance.",
           "happened", "2021-03-16"),
    _talks("d3", "Blinken met Motegi in Tokyo on Tuesday; the alliance was their theme.",
           "happened", "2021-03-17"),
]  # fmt: skip
QUAKE = "A strong earthquake struck northern Chile on Sunday, damaging roads and homes."


def _entities(store: Store) -> None:
    for entity in ("e-blinken", "e-motegi", "e-tokyo"):
        store.db.execute(
            "INSERT OR IGNORE INTO entities (id, key, name, type, stage)"
            " VALUES (?, ?, ?, 'person', 'test')",
            (entity, entity, entity),
        )


def _stories(store: Store) -> dict[str, tuple[str, list[str], int]]:
    return {
        row[0]: (row[1], json.loads(row[2])["documents"], json.loads(row[2])["sources"])
        for row in store.db.execute("SELECT id, title, data FROM stories WHERE kind = 'story'")
    }


def test_every_report_is_in_one_story_titled_by_its_main_event(tmp_path: Path) -> None:
    quake = report("q1", QUAKE, [event_in(QUAKE, "struck", "disaster", date="2021-03-14")],
                   published="2021-03-15")  # fmt: skip
    with Store(tmp_path / "kb.db") as store:
        with store.transaction():
            _entities(store)
            for doc in [*TALKS, quake]:
                store.write_document(doc)
            merge_corpus_events(store, Settings(), [d.id for d in [*TALKS, quake]])
        stories = _stories(store)
    members = sorted(d for _, docs, _ in stories.values() for d in docs)
    assert members == ["d1", "d2", "d3", "q1"]  # each report once
    (talks,) = [s for s in stories.values() if "d1" in s[1]]
    assert talks[1] == ["d1", "d2", "d3"] and talks[2] == 3
    assert talks[0].startswith("Meeting")


def test_a_story_follows_its_reports_as_they_come(tmp_path: Path) -> None:
    """One report, then the two others of its happening: one story of three, none left
    behind with the first report alone."""
    with Store(tmp_path / "kb.db") as store:
        with store.transaction():
            _entities(store)
            store.write_document(TALKS[0])
            store.write_document(report("q1", QUAKE, [], published="2021-03-15"))
            merge_corpus_events(store, Settings(), ["d1", "q1"])
        with store.transaction():
            for doc in TALKS[1:]:
                store.write_document(doc)
            merge_corpus_events(store, Settings(), ["d2", "d3"])
        stories = _stories(store)
    assert sorted(docs for _, docs, _ in stories.values()) == [["d1", "d2", "d3"], ["q1"]]


def test_reports_years_apart_are_never_one_story() -> None:
    now, later = TALKS[1], _talks("d9", TALKS[1].text, "happened", "2023-01-12")
    other = report("q1", QUAKE, [], published="2021-03-15")
    alike = report_similarities([now, later, other], StorySettings(days_apart=10_000))
    assert alike.get((0, 1), 0.0) > 0.5  # one text ...
    apart = report_similarities([now, later, other], StorySettings())
    assert (0, 1) not in apart  # ... two years apart
