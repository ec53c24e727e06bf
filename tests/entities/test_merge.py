"""The corpus step that merges names not in the KB: the same stored reports give the same
entities and links whatever batches or order they came in, ids that stop naming
anything are redirected, and a run does the work of the names it can change."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities.coref import surface_key
from storyline.entities.kb.model import entity_id
from storyline.entities.merge import NameMergeSummary, merge_unlinked_names
from storyline.records import Document, EntityRef, Mention, Quote, Span
from storyline.settings import EntitySettings, Settings
from storyline.store.sqlite import Store

LINK = "entities.link.v1"

#: Reports as the names they mention (spelt as written); each also names Paris.
REPORTS = {
    "r1": ["Rahm Emanuel", "Toshimichi Mogi"],
    "r2": ["Rahm Emmanuel", "RAHM EMANUEL"],
    "r3": ["Toshimitsu Mogi", "Toshimitsu Motegi", "Kim Jong Un"],
    "r4": ["Taro Kishi", "Taro Kishid", "Rahm Emmanuel"],
    "r5": ["Taro Kishida", "Taro Kishida", "Kim Jong Il"],
    "r6": ["Rahm Smith", "Tom Emanuele", "Taro Kishid"],
    "r7": ["Steve Jobs", "Steven Jobs", "Jobs"],
    "r8": ["Rahm Emanuel", "Kim Yo Jong", "Steven Jobs"],
}


def report(doc_id: str, names: list[str]) -> Document:
    """A report naming `names` (people not in the KB) and Paris; its first person speaks."""
    text = ""
    mentions: list[Mention] = []
    entities: dict[str, EntityRef] = {}
    for name, kind in [*((n, "person") for n in names), ("Paris", "place")]:
        start = len(text)
        text += f"{name} was there. "
        key = surface_key(kind, name)
        entities.setdefault(key, EntityRef(entity_id(key), key, name, kind, LINK))
        mentions.append(
            Mention(Span(start, start + len(name)), name, "PERSON", kind, "test",
                    entity=entity_id(key))
        )  # fmt: skip
    quote = Quote(Span(0, 5), "indirect", "test", mentions[0].span, mentions[0].entity)
    return Document(
        id=doc_id, key=doc_id * 4, origin=f"{doc_id}.txt", source="test", text=text,
        mentions=tuple(mentions), entities=tuple(entities.values()), quotes=(quote,),
    )  # fmt: skip


def ingest(store: Store, batches: list[list[str]], entity_settings: EntitySettings) -> None:
    for batch in batches:
        with store.transaction():
            for doc_id in batch:
                store.write_document(report(doc_id, REPORTS[doc_id]))
            merge_unlinked_names(store, Settings(entities=entity_settings))


Snapshot = tuple[list[tuple[str, ...]], ...]


def snapshot(db: sqlite3.Connection) -> Snapshot:
    """The entities, and where each mention and quote points."""
    queries = (
        "SELECT id, key, name, type, stage FROM entities ORDER BY id",
        "SELECT document_id, start, entity_id FROM mentions ORDER BY document_id, start",
        "SELECT document_id, start, speaker_entity FROM quotes ORDER BY document_id",
    )
    return tuple([tuple(row) for row in db.execute(query)] for query in queries)


def stored(batches: list[list[str]], entity_settings: EntitySettings) -> Snapshot:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "kb.db") as store:
        ingest(store, batches, entity_settings)
        return snapshot(store.db)


@st.composite
def batches(draw: st.DrawFn) -> list[list[str]]:
    order = draw(st.permutations(sorted(REPORTS)))
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=len(order) - 1))))
    edges = [0, *cuts, len(order)]
    return [order[a:b] for a, b in zip(edges, edges[1:], strict=False)]


@settings(max_examples=25, deadline=None)
@given(batches(), st.sampled_from([2, 200]))
def test_any_batches_in_any_order_give_the_same_entities_and_links(
    split: list[list[str]], block_limit: int
) -> None:
    entity_settings = EntitySettings(name_block_limit=block_limit)
    assert stored(split, entity_settings) == stored([sorted(REPORTS)], entity_settings)


def test_garbled_spellings_point_at_one_entity(tmp_path: Path) -> None:
    with Store(tmp_path / "kb.db") as store:
        ingest(store, [["r1", "r2"]], EntitySettings())
        links = dict(store.db.execute("SELECT text, entity_id FROM mentions"))
        name = store.db.execute(
            "SELECT name FROM entities WHERE id = ?", (links["Rahm Emanuel"],)
        ).fetchone()[0]
    assert links["Rahm Emanuel"] == links["Rahm Emmanuel"] == links["RAHM EMANUEL"]
    assert links["Rahm Emanuel"] == entity_id("person:rahm emanuel")  # two mentions to one
    assert name == "Rahm Emanuel"  # its own spelling, not in capitals


def _redirects(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    rows = db.execute("SELECT old_id, new_id, reason FROM redirects WHERE kind = 'entity'")
    return {old: (new, reason) for old, new, reason in rows}


def _one(doc_id: str, names: list[str]) -> list[str]:
    REPORTS[doc_id] = names
    return [doc_id]


def test_an_id_that_stops_naming_anything_is_redirected(tmp_path: Path) -> None:
    emanuel, emmanuel, emanuell = (
        entity_id(f"person:rahm {n}") for n in ("emanuel", "emmanuel", "emanuell")
    )
    saved = dict(REPORTS)
    try:
        with Store(tmp_path / "kb.db") as store:
            ingest(store, [_one("x1", ["Rahm Emmanuel"])], EntitySettings())
            ingest(store, [_one("x2", ["Rahm Emanuel", "Rahm Emanuel"])], EntitySettings())
            assert _redirects(store.db) == {emmanuel: (emanuel, "merged")}
            ingest(store, [_one("x3", ["Rahm Emmanuel"] * 3)], EntitySettings())
            # 4 mentions against 2: the same names, keyed by the other spelling now.
            assert _redirects(store.db) == {emanuel: (emmanuel, "renamed")}
            assert (
                store.db.execute(
                    "SELECT count(*) FROM entities WHERE id = ?", (emanuel,)
                ).fetchone()[0]
                == 0
            )
            ingest(store, [_one("x4", ["Rahm Emanuell"] * 5)], EntitySettings())
            # The chain emanuel -> emmanuel -> emanuell is kept one step long.
            assert _redirects(store.db) == {
                emanuel: (emanuell, "renamed"),
                emmanuel: (emanuell, "merged"),
            }
    finally:
        REPORTS.clear()
        REPORTS.update(saved)


def test_a_split_redirects_the_key_that_left(tmp_path: Path) -> None:
    kishi, kishid, kishida = (entity_id(f"person:taro {n}") for n in ("kishi", "kishid", "kishida"))
    saved = dict(REPORTS)
    try:
        with Store(tmp_path / "kb.db") as store:
            first = merge_after(store, _one("y1", ["Taro Kishi", "Taro Kishid", "Taro Kishid"]))
            # "Kishi" to "Kishid": its mention, and the quote it speaks.
            assert (first.moved, first.documents) == (2, frozenset({"y1"}))
            # The mention moved, with the entity it named before; the quote is not listed.
            assert first.relinked == {"y1": ((0, 10, kishi),)}
            assert _redirects(store.db) == {}  # both ids are new: nothing to redirect
            # "Kishida" pairs better with "Kishid" than "Kishi" does, and is mentioned
            # most: the cluster keyed by "Kishid" splits, its key goes with "Kishida",
            # and "Kishi" is moved back to its own entity.
            second = merge_after(store, _one("y2", ["Taro Kishida"] * 3))
            assert _redirects(store.db) == {kishid: (kishida, "split")}
            assert second.documents == {"y1"}  # y2's mentions already name their entity
            links = dict(store.db.execute("SELECT text, entity_id FROM mentions"))
            assert (links["Taro Kishi"], links["Taro Kishid"]) == (kishi, kishida)
    finally:
        REPORTS.clear()
        REPORTS.update(saved)


def merge_after(store: Store, batch: list[str]) -> NameMergeSummary:
    with store.transaction():
        for doc_id in batch:
            store.write_document(report(doc_id, REPORTS[doc_id]))
        return merge_unlinked_names(store)


def test_a_store_merged_before_schema_9_is_merged_as_if_new(tmp_path: Path) -> None:
    # Before schema 9 mentions kept no surface key and the first cluster key stayed for
    # good: here "Rahm Emmanuel" (1 mention) kept the cluster over "Rahm Emanuel" (2).
    with Store(tmp_path / "kb.db") as store:
        with store.transaction():
            for doc_id in ("r1", "r2"):
                store.write_document(report(doc_id, REPORTS[doc_id]))
        emanuel, emmanuel = entity_id("person:rahm emanuel"), entity_id("person:rahm emmanuel")
        old = [("person:rahm emanuel", "person:rahm emmanuel")]
        old += [("person:rahm emmanuel", "person:rahm emmanuel"), *_singles(store.db)]
        for table, column in (("mentions", "entity_id"), ("quotes", "speaker_entity")):
            store.db.execute(
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (emmanuel, emanuel)
            )
        store.db.execute("DELETE FROM entities WHERE id = ?", (emanuel,))
        store.db.executemany("INSERT INTO entity_clusters (key, cluster_key) VALUES (?, ?)", old)
        store.db.execute(
            "UPDATE meta SET value = (SELECT max(id) FROM mentions)"
            " WHERE key = 'mentions_before_surface_keys'"
        )
        with store.transaction():
            merge_unlinked_names(store)
        assert _redirects(store.db) == {emmanuel: (emanuel, "renamed")}
        assert snapshot(store.db) == stored([["r1", "r2"]], EntitySettings())  # fmt: skip


def _singles(db: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = db.execute(
        "SELECT key FROM entities WHERE type = 'person' AND key NOT LIKE 'person:rahm%'"
    )
    return [(key, key) for (key,) in rows]


def _unrelated(count: int) -> list[Document]:
    """Reports naming one person each, none sharing a block with "Haruto Takanashiro"."""
    letters = "aeiouklmnprsv"
    names = sorted(
        {f"Z{letters[i % 13]}{letters[i // 13 % 13]}ko Zu{letters[i // 169 % 13]}mavel"
         for i in range(count)}
    )  # fmt: skip
    return [report(f"u{i}", [name]) for i, name in enumerate(names)]


def test_a_run_reads_and_writes_only_what_its_names_can_change(tmp_path: Path) -> None:
    statements = []
    for size in (30, 300):
        with Store(tmp_path / f"kb{size}.db") as store:
            with store.transaction():
                for doc in _unrelated(size):
                    store.write_document(doc)
                store.write_document(report("h1", ["Haruto Takanashiro"]))
                merge_unlinked_names(store)
            executed: list[str] = []
            with store.transaction():
                store.write_document(report("h2", ["Haruto Takanashirou"]))
                store.db.set_trace_callback(executed.append)
                summary = merge_unlinked_names(store)
                store.db.set_trace_callback(None)
            assert (summary.moved, summary.documents) == (2, frozenset({"h2"}))
            statements.append(len(executed))
    assert statements[0] == statements[1]  # ten times the names, the same statements
