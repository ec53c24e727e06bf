"""The corpus steps give one knowledge base for one set of reports, however they came in.

The same reports ingested in one batch, in ten batches, and in a shuffled order
in three batches must give the same report groups, events (type, status, date,
place, participants, reports, sources), stories and entities — both when the
whole corpus is decided at once and period by period (`whole_corpus_up_to` 0).
A later batch must decide again only the periods its reports fall in.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyline import KnowledgeBase
from storyline.settings import Settings
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def corpus() -> list[Path]:
    files = sorted(p for p in DEMO.rglob("*") if p.is_file() and p.suffix in {".txt", ".html"})
    if SEEDS.is_dir():
        files += sorted(p for p in SEEDS.iterdir() if p.is_file())
    return files


def settings(whole: bool) -> Settings:
    base = Settings()
    events = replace(base.events, whole_corpus_up_to=10_000 if whole else 0)
    return replace(base, processes=0, events=events)


def build(path: Path, batches: list[list[Path]], whole: bool) -> dict[str, Any]:
    kb = KnowledgeBase.open(path, settings(whole), create=True)
    seen: dict[str, set[str]] = {"event": set(), "story": set(), "entity": set()}
    for batch in batches:
        report = kb.ingest([str(p) for p in batch], in_process=True)
        assert not report.corpus_failures, report.corpus_failures
        for kind, ids in current_ids(path).items():
            seen[kind] |= ids
        db = sqlite3.connect(path)
        stale = db.execute(
            "SELECT count(*) FROM event_participants WHERE entity_id IN"
            " (SELECT old_id FROM redirects WHERE kind = 'entity')"
        ).fetchone()[0]
        db.close()
        assert stale == 0, "an event names an entity id that was redirected"
    # Every id a batch left is still there, or leads to one that is (one step).
    now = current_ids(path)
    db = sqlite3.connect(path)
    moved = {(kind, old): new for kind, old, new in db.execute(
        "SELECT kind, old_id, new_id FROM redirects")}  # fmt: skip
    db.close()
    for kind, ids in seen.items():
        for old in ids - now[kind]:
            # A story may simply end (its events no longer make one); events and
            # entities never vanish while their reports are stored.
            assert kind == "story" or (kind, old) in moved, f"{kind} {old} vanished"
            if (kind, old) in moved:
                assert moved[(kind, old)] in now[kind], f"{kind} {old} leads nowhere"
    return snapshot(path)


def copies_after_originals(batches: list[list[Path]], built: Path) -> list[list[Path]]:
    """`batches` with each near-duplicate in no batch before its original's: the documented
    tie-break (the report ingested first is the original, and a copy is not analysed on
    its own, so which of two copies is analysed depends on their order)."""
    db = sqlite3.connect(built)
    pairs = dict(
        db.execute(
            "SELECT c.origin, o.origin FROM documents c JOIN documents o ON o.id = c.duplicate_of"
        ).fetchall()
    )
    db.close()
    where = {str(p): n for n, batch in enumerate(batches) for p in batch}
    out = [list(batch) for batch in batches]
    for copy, original in sorted(pairs.items()):
        if copy in where and original in where and where[copy] < where[original]:
            moved = next(p for p in out[where[copy]] if str(p) == copy)
            out[where[copy]].remove(moved)
            out[where[original]].append(moved)
    return out


def current_ids(path: Path) -> dict[str, set[str]]:
    db = sqlite3.connect(path)
    out = {
        kind: {row[0] for row in db.execute(f"SELECT id FROM {table}")}  # noqa: S608
        for kind, table in (("event", "events"), ("story", "stories"), ("entity", "entities"))
    }
    db.close()
    return out


def snapshot(path: Path) -> dict[str, Any]:
    """What the user sees of the corpus steps, by report key (not by storage order)."""
    db = sqlite3.connect(path)
    key = dict(db.execute("SELECT id, key FROM documents"))
    groups: dict[str, set[str]] = {}
    for doc, group in db.execute("SELECT document_id, group_id FROM report_groups"):
        groups.setdefault(group, set()).add(key[doc])
    docs: dict[str, set[str]] = {}
    for event, doc in db.execute("SELECT event_id, document_id FROM event_documents"):
        docs.setdefault(event, set()).add(key[doc])
    people: dict[str, set[tuple[Any, ...]]] = {}
    for event, entity, name, role, sources in db.execute(
        "SELECT event_id, entity_id, name, role, sources FROM event_participants"
    ):
        people.setdefault(event, set()).add((entity, name, role, sources))
    events = {
        row[0]: (*row[1:], frozenset(people.get(row[0], ())), frozenset(docs.get(row[0], ())))
        for row in db.execute(
            "SELECT id, type, title, status, date, place, place_name, sources, conflicts"
            " FROM events"
        )
    }
    stories = {
        (kind, title, start, end, frozenset(events[e][:4] for (e,) in db.execute(
            "SELECT event_id FROM story_events WHERE story_id = ?", (story,))))
        for story, kind, title, start, end in db.execute(
            "SELECT id, kind, title, start, end FROM stories"
        ).fetchall()
    }  # fmt: skip
    mentions = {
        (key[doc], start, entity)
        for doc, start, entity in db.execute("SELECT document_id, start, entity_id FROM mentions")
    }
    out = {
        "groups": sorted(sorted(members) for members in groups.values()),
        "events": events,
        "stories": stories,
        "entities": set(db.execute("SELECT id, name, type FROM entities")),
        "mentions": mentions,
    }
    db.close()
    return out


@pytest.mark.parametrize("whole", [True, False], ids=["whole", "periods"])
def test_one_batch_ten_batches_and_shuffled_give_one_knowledge_base(
    tmp_path: Path, whole: bool
) -> None:
    files = corpus()
    one = build(tmp_path / "one.db", [files], whole)
    ten = build(tmp_path / "ten.db", [files[n::10] for n in range(10)], whole)
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    thirds = copies_after_originals([shuffled[n::3] for n in range(3)], tmp_path / "one.db")
    mixed = build(tmp_path / "shuffled.db", thirds, whole)
    assert one["events"], "the corpus gives events"
    for other in (ten, mixed):
        assert other["groups"] == one["groups"]
        assert other["entities"] == one["entities"]
        assert other["mentions"] == one["mentions"]
        assert other["events"] == one["events"]
        assert other["stories"] == one["stories"]


def test_events_follow_an_entity_renamed_without_deciding_again(tmp_path: Path) -> None:
    """A cluster of names only renamed (same names, new id) moves its mentions; the events
    that named the old id are made again with the new one, nothing is decided again."""
    from storyline.events.corpus import merge_corpus_events
    from storyline.store.events import record_redirects
    from storyline.store.sqlite import Store
    from tests.events.helpers import event_in, report

    text = "Rahm Emanuel met Yoshimasa Hayashi in Tokyo on Friday."
    who = [("Rahm Emanuel", "agent", "eold"), ("Yoshimasa Hayashi", "counterpart", "ehayashi")]
    doc = report("r1", text, [event_in(text, "met", date="2022-01-07", who=who)],
                 published="2022-01-07")  # fmt: skip
    with Store(tmp_path / "kb.db") as store:
        with store.transaction():
            for entity, name in (("eold", "Rahm Emanuel"), ("enew", "Rahm Emanuel"),
                                 ("ehayashi", "Yoshimasa Hayashi")):  # fmt: skip
                store.db.execute(
                    "INSERT OR IGNORE INTO entities (id, key, name, type, stage)"
                    " VALUES (?, ?, ?, 'person', 'test')",
                    (entity, entity, name),
                )
            store.write_document(doc)
            merge_corpus_events(store, Settings(), ["r1"])
        (event,) = store.db.execute("SELECT id FROM events").fetchall()
        with store.transaction():  # what the name merge does when it renames a cluster
            store.db.execute("UPDATE mentions SET entity_id = 'enew' WHERE entity_id = 'eold'")
            record_redirects(store.db, "entity", {"eold": "enew"}, "renamed")
            summary = merge_corpus_events(store, Settings(), [])
        assert summary.windows == 0  # nothing decided again
        participants = {
            row[0] for row in store.db.execute("SELECT entity_id FROM event_participants")
        }
        assert participants == {"enew", "ehayashi"}
        assert [row[0] for row in store.db.execute("SELECT id FROM events")] == [event[0]]
