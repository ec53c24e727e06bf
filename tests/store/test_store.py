import json
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.dedup import fingerprint
from storyline.errors import StoreError
from storyline.records import EntityRef, Mention, RemovedLine, Sentence, Skipped, Span
from storyline.store.queries import Reader, fts_query
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.sqlite import Store
from tests.conftest import make_document

TEXT = "Blinken met Motegi in Tokyo. They discussed the alliance."


def stored_document(doc_id: str = "d1", text: str = TEXT):  # type: ignore[no-untyped-def]
    return make_document(
        text,
        id=doc_id,
        title="Talks",
        published="2021-03-16",
        published_how="metadata",
        removed=(RemovedLine("Loading", "debris", "navigation word", "test"),),
        sentences=(Sentence(Span(0, 28), "test"), Sentence(Span(29, len(text)), "test")),
        mentions=(Mention(Span(0, 7), "Blinken", "PERSON", "person", "test", entity="e1"),),
        entities=(EntityRef("e1", "person:blinken", "Blinken", "person", "test"),),
    )


def test_a_document_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(stored_document())
    with Reader(db) as reader:
        (doc,) = list(reader.documents())
        assert doc["text"] == TEXT and doc["published"] == "2021-03-16" and doc["flags"] == []
        (entity,) = list(reader.entities())
        assert entity["aliases"] == ["Blinken"]
        mention = entity["mentions"][0]
        assert doc["text"][mention["start"] : mention["end"]] == mention["text"]
        assert reader.stats()["sentences"] == 2


def test_known_keys_only_counts_stored_inputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "kb.db") as store, store.transaction():
        store.write_document(stored_document())
        store.record_skip(Skipped("bad", "bad.bin", "E002", "binary"))
        assert store.known_keys(["d1d1d1d1", "bad", "new"]) == {"d1d1d1d1"}


def test_a_rolled_back_batch_leaves_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    with Store(db) as store, pytest.raises(RuntimeError), store.transaction():
        store.write_document(stored_document())
        raise RuntimeError("killed")
    with Reader(db) as reader:
        assert reader.stats()["reports"] == 0


def test_search_finds_sentences_and_survives_fts_syntax(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(stored_document())
    with Reader(db) as reader:
        (hit,) = reader.search("alliance")
        assert hit.sentence == 1 and TEXT[hit.start : hit.end] == hit.text
        assert reader.search('alliance"* NEAR(') == [] and reader.search('(alliance"*') == [hit]
        assert reader.search("---") == []
    assert fts_query('a"b c') == '"a" "b" "c"'


def test_fingerprints_are_found_only_for_usable_reports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.add_fingerprint(fingerprint("ghost", TEXT), None)
    with Store(db) as store:  # a new run: "ghost" was never stored
        assert store.find_exact(fingerprint("x", TEXT).text_hash) is None


def test_a_newer_schema_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    Store(db).close()
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_reading_a_missing_database_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="no database"):
        Reader(tmp_path / "missing.db")


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_text_round_trips_exactly(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("kb") / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(make_document(text, flags=("a", "b")))
    with Reader(db) as reader:
        (doc,) = list(reader.documents())
    assert doc["text"] == text and doc["flags"] == ["a", "b"]
    json.dumps(doc)


def test_a_reader_of_an_old_database_is_told_how_to_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    Store(db).close()
    connection = sqlite3.connect(db)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    connection.close()
    with pytest.raises(StoreError, match="storyline ingest"):
        Reader(db)
