"""Reports whose names the name merge moved are decided again only when it matters.

The name merge tells the event step which mentions it moved and what they named
before. A report already decided whose report events read the same either way (the
names moved take no part in its events and are not among its main entities) keeps
its decisions, and so does a period where the move only renames entities one to one;
one where two entities became one, or one split, is decided again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from storyline.entities.merge import Relink
from storyline.events.corpus import merge_corpus_events
from storyline.records import Mention
from storyline.settings import Settings
from storyline.store.sqlite import Store
from tests.events.helpers import event_in, report, span_of

TEXT = (
    "Rahm Emanuel met Yoshimasa Hayashi in Tokyo on Friday. Emanuel and Hayashi spoke of "
    "Tokyo. A photographer, Sam Kobe, was there. Fumio Kishida, Kishida and Kishida."
)

ENTITIES = (
    "eemanuel",
    "ehayashi",
    "ehayashi2",
    "etokyo",
    "ekobe",
    "ekobe2",
    "ekishida",
    "enew",
)


def _settings(whole: bool) -> Settings:
    base = Settings()
    return replace(base, events=replace(base.events, whole_corpus_up_to=10_000 if whole else 0))


def _stored(store: Store, settings: Settings) -> None:
    who = [("Rahm Emanuel", "agent", "eemanuel"), ("Yoshimasa Hayashi", "counterpart", "ehayashi")]
    event = event_in(TEXT, "met", date="2022-01-07", place=("Tokyo", "etokyo"), who=who)
    doc = report("r1", TEXT, [event], published="2022-01-07")
    more = [
        ("Emanuel", "PERSON", "person", "eemanuel"),
        ("Hayashi", "PERSON", "person", "ehayashi"),
        ("Tokyo", "GPE", "place", "etokyo"),
        ("Sam Kobe", "PERSON", "person", "ekobe"),
    ]
    kishida = [span_of(TEXT, "Fumio Kishida")]
    for _ in range(2):
        kishida.append(span_of(TEXT, "Kishida", kishida[-1].end))
    extra = tuple(
        Mention(span_of(TEXT, words, 55), words, label, kind, "test", entity=entity)
        for words, label, kind, entity in more
    )
    extra += tuple(
        Mention(span, span.of(TEXT), "PERSON", "person", "test", entity="ekishida")
        for span in kishida
    )
    doc = replace(doc, mentions=doc.mentions + extra)
    with store.transaction():
        for entity in ENTITIES:
            store.db.execute(
                "INSERT OR IGNORE INTO entities (id, key, name, type, stage)"
                " VALUES (?, ?, ?, 'person', 'test')",
                (entity, entity, entity),
            )
        store.write_document(doc)
        merge_corpus_events(store, settings, ["r1"])


def _move(store: Store, words: str, old: str, new: str, after: int = 0) -> Relink:
    span = span_of(TEXT, words, after)
    store.db.execute(
        "UPDATE mentions SET entity_id = ? WHERE document_id = 'r1' AND start = ?",
        (new, span.start),
    )
    return (span.start, span.end, old)


def test_a_name_outside_the_events_moved_decides_nothing_again(tmp_path: Path) -> None:
    for whole in (True, False):
        settings = _settings(whole)
        with Store(tmp_path / f"kb-{whole}.db") as store:
            _stored(store, settings)
            before = store.db.execute("SELECT id, sources FROM events").fetchall()
            with store.transaction():
                moved = _move(store, "Sam Kobe", "ekobe", "ekobe2")
                summary = merge_corpus_events(store, settings, ["r1"], relinked={"r1": (moved,)})
            assert summary.event_mentions == 0
            assert store.db.execute("SELECT id, sources FROM events").fetchall() == before


def test_a_participant_moved_decides_its_report_again(tmp_path: Path) -> None:
    for whole in (True, False):
        settings = _settings(whole)
        with Store(tmp_path / f"kb-{whole}.db") as store:
            _stored(store, settings)
            with store.transaction():
                moved = _move(store, "Yoshimasa Hayashi", "ehayashi", "ehayashi2")
                summary = merge_corpus_events(store, settings, ["r1"], relinked={"r1": (moved,)})
            assert summary.event_mentions == 1
            participants = {
                row[0] for row in store.db.execute("SELECT entity_id FROM event_participants")
            }
            assert participants == {"eemanuel", "ehayashi2"}


def _move_all(store: Store, words: Sequence[str], old: str, new: str) -> tuple[Relink, ...]:
    moved: list[Relink] = []
    after = 0
    for text in words:
        moved.append(_move(store, text, old, new, after))
        after = moved[-1][1]
    return tuple(moved)


def test_a_main_entity_merged_with_another_decides_its_report_again(tmp_path: Path) -> None:
    """Not a participant of the event, but the report's most mentioned name: the
    report's events are anchored by it; now one with another name there, they are
    decided again."""
    settings = _settings(False)
    with Store(tmp_path / "kb.db") as store:
        _stored(store, settings)
        with store.transaction():
            moved = _move_all(store, ("Fumio Kishida", "Kishida", "Kishida"), "ekishida", "ekobe")
            summary = merge_corpus_events(store, settings, ["r1"], relinked={"r1": moved})
        assert summary.event_mentions == 1


def test_an_entity_only_renamed_keeps_the_decisions_and_names_the_new_id(tmp_path: Path) -> None:
    """Every mention of Hayashi in the period now names one new id, no other name
    joined it: the period would be decided as before, so it is not decided again; the
    event names the new id."""
    settings = _settings(False)
    with Store(tmp_path / "kb.db") as store:
        _stored(store, settings)
        (event,) = store.db.execute("SELECT id FROM events").fetchall()
        with store.transaction():
            moved = _move_all(store, ("Yoshimasa Hayashi", "Hayashi"), "ehayashi", "ehayashi2")
            moved += _move_all(store, ("Fumio Kishida", "Kishida", "Kishida"), "ekishida", "enew")
            summary = merge_corpus_events(store, settings, ["r1"], relinked={"r1": moved})
        assert summary.event_mentions == 0
        participants = {
            row[0] for row in store.db.execute("SELECT entity_id FROM event_participants")
        }
        assert participants == {"eemanuel", "ehayashi2"}
        assert store.db.execute("SELECT id FROM events").fetchall() == [event]


def test_a_rename_onto_a_name_another_report_of_the_period_uses_decides_again(
    tmp_path: Path,
) -> None:
    """Hayashi's mentions in r1 move to an id that r2, a report of the same week, already
    names: two names became one in the period, so it is decided again."""
    settings = _settings(False)
    with Store(tmp_path / "kb.db") as store:
        _stored(store, settings)
        text = "Yoshimasa Hayashi met reporters in Tokyo on Saturday."
        who = [("Yoshimasa Hayashi", "agent", "ehayashi2")]
        other = report("r2", text, [event_in(text, "met", date="2022-01-08", who=who)],
                       published="2022-01-08")  # fmt: skip
        with store.transaction():
            store.write_document(other)
            merge_corpus_events(store, settings, ["r2"])
        with store.transaction():
            moved = _move_all(store, ("Yoshimasa Hayashi", "Hayashi"), "ehayashi", "ehayashi2")
            summary = merge_corpus_events(store, settings, ["r1"], relinked={"r1": moved})
        assert summary.event_mentions >= 1
