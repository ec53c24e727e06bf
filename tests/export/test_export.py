import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from storyline.export.writers import CSV_TABLES, write_csv, write_csv_folder, write_json
from storyline.records import Event, EventParticipant, Evidence, Story
from storyline.store.events import replace_events
from storyline.store.queries import Reader
from storyline.store.sqlite import Store
from tests.store.test_store import stored_document

DOCUMENT_KEYS = {
    "id",
    "source",
    "title",
    "published",
    "published_how",
    "text",
    "duplicate_of",
    "flags",
    "origin",
    "url",
    "date_window",
    "dated_by",
    "language",
}
ENTITY_KEYS = {"id", "name", "type", "wikidata", "aliases", "mentions"}


def check_contract(kb: dict) -> None:  # type: ignore[type-arg]
    """The export contract of docs/export.md, checked field by field."""
    assert kb["format"] == "storyline/1"
    assert set(kb) == {
        "format", "documents", "entities", "events", "quotes", "stories", "redirects"
    }  # fmt: skip
    texts = {}
    for doc in kb["documents"]:
        assert set(doc) == DOCUMENT_KEYS
        assert doc["published_how"] in {"metadata", "dateline", "inferred", None}
        assert isinstance(doc["flags"], list)
        assert doc["language"] is None or (isinstance(doc["language"], str) and doc["language"])
        window = doc["date_window"]
        assert window is None or (len(window) == 2 and (None in window or window[0] <= window[1]))
        texts[doc["id"]] = doc["text"]
    events = {event["id"] for event in kb["events"]}
    for doc in kb["documents"]:
        assert doc["duplicate_of"] is None or doc["duplicate_of"] in texts
        for evidence in doc["dated_by"]:
            assert evidence["relation"] in {"before", "after", "on"}
            assert evidence["event"] in events and evidence["document"] in texts
    for entity in kb["entities"]:
        assert set(entity) == ENTITY_KEYS
        assert entity["type"] in {"person", "organization", "place", "country", "other"}
        for mention in entity["mentions"]:
            text = texts[mention["document"]]
            assert text[mention["start"] : mention["end"]] == mention["text"]
        assert set(entity["aliases"]) == {m["text"] for m in entity["mentions"]}
    entity_ids = {entity["id"] for entity in kb["entities"]}
    event_ids = {event["id"] for event in kb["events"]}
    for event in kb["events"]:
        assert {
            "id",
            "type",
            "title",
            "date",
            "place",
            "participants",
            "documents",
            "sources",
            "evidence",
            "conflicts",
        } <= set(event)
        assert event["place"] is None or event["place"] in entity_ids
        assert all(p["entity"] is None or p["entity"] in entity_ids for p in event["participants"])
        assert set(event["documents"]) <= set(texts)
        assert 1 <= event["sources"] <= len(event["documents"])
        for evidence in event["evidence"]:
            assert 0 <= evidence["start"] < evidence["end"] <= len(texts[evidence["document"]])
        assert event["triggers"], "every event names the words that tell it"
        for trigger in event["triggers"]:
            assert any(
                e["document"] == trigger["document"] and e["start"] <= trigger["start"] < e["end"]
                for e in event["evidence"]
            ), "a trigger lies in one of its event's evidence sentences"
    for story in kb["stories"]:
        assert set(story["events"]) <= event_ids and set(story["documents"]) <= set(texts)
    for quote in kb["quotes"]:
        assert {"document", "start", "end", "text", "speaker"} <= set(quote)
        assert texts[quote["document"]][quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in entity_ids
    ids = {"entity": entity_ids, "event": event_ids, "story": {s["id"] for s in kb["stories"]}}
    moves = [(r["kind"], r["from"]) for r in kb["redirects"]]
    assert moves == sorted(set(moves))
    for redirect in kb["redirects"]:
        assert set(redirect) == {"kind", "from", "to", "reason"} and redirect["reason"]
        assert redirect["to"] in ids[redirect["kind"]]  # one step, to something that exists
        assert redirect["from"] not in ids[redirect["kind"]]


def build(tmp_path):  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    with Store(db) as store, store.transaction():
        store.write_document(stored_document("d1"))
        store.write_document(stored_document("d2", text="Blinken again. Nothing more to say here."))
    return db


def test_json_export_follows_the_contract(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    with Reader(build(tmp_path)) as reader:
        write_json(reader, out)
    kb = json.loads(out.getvalue())
    check_contract(kb)
    assert [d["id"] for d in kb["documents"]] == ["d1", "d2"]
    assert len(kb["entities"][0]["mentions"]) == 2
    assert kb["events"] == [] and kb["stories"] == []


# Old ids as the corpus steps leave them: two event ids merged into v1, a renamed
# entity, a story that lost its id; each leads to what names it now.
MEETING = Event(
    id="v1", type="meeting", title="Blinken meets Motegi", status="happened",
    date="2021-03-16", date_precision="day", date_basis="text", date_sources=1,
    place=None, place_name=None, place_sources=0,
    participants=(EventParticipant("e1", "Blinken", "agent", 1, ("d1",)),),
    documents=("d1",), sources=1, evidence=(Evidence("d1", 0, 28),),
    triggers=(Evidence("d1", 8, 11),),
)  # fmt: skip
TRIP = Story("s1", "trip", "Blinken in Tokyo", ("v1",), ("d1",), "2021-03-16", "2021-03-16")
REDIRECTS = (
    ("event", "vold2", "v1", "merged or split"),
    ("event", "vold1", "v1", "merged or split"),
    ("story", "sold1", "s1", "merged or split"),
    ("entity", "eold1", "e1", "renamed"),
)


def build_with_redirects(tmp_path: Path) -> Path:
    """`build`'s two reports with one event, one story and REDIRECTS."""
    db: Path = build(tmp_path)
    with Store(db) as store, store.transaction():
        replace_events(store.db, [MEETING], [TRIP])
        store.db.executemany(
            "INSERT INTO redirects (kind, old_id, new_id, reason) VALUES (?, ?, ?, ?)", REDIRECTS
        )
    return db


def test_the_json_export_lists_redirects_sorted(tmp_path: Path) -> None:
    out = io.StringIO()
    with Reader(build_with_redirects(tmp_path)) as reader:
        write_json(reader, out)
    kb = json.loads(out.getvalue())
    check_contract(kb)
    assert list(kb)[-1] == "redirects"  # added last: the fields before stay put
    assert [(r["kind"], r["from"], r["to"], r["reason"]) for r in kb["redirects"]] == [
        ("entity", "eold1", "e1", "renamed"),
        ("event", "vold1", "v1", "merged or split"),
        ("event", "vold2", "v1", "merged or split"),
        ("story", "sold1", "s1", "merged or split"),
    ]


def test_redirects_have_a_csv_table(tmp_path: Path) -> None:
    out = io.StringIO()
    with Reader(build_with_redirects(tmp_path)) as reader:
        write_csv(reader, "redirects", out)
    header, *rows = csv.reader(io.StringIO(out.getvalue()))
    assert header == ["kind", "from", "to", "reason"]
    assert rows[0] == ["entity", "eold1", "e1", "renamed"] and len(rows) == 4


def test_a_database_without_the_redirects_table_exports_none(tmp_path: Path) -> None:
    db = build(tmp_path)
    with Store(db) as store, store.transaction():
        store.db.execute("DROP TABLE redirects")  # as before schema 8
    out = io.StringIO()
    with Reader(db) as reader:
        write_json(reader, out)
        assert reader.redirect("event", "vold1") is None
    assert json.loads(out.getvalue())["redirects"] == []


def test_csv_tables_have_headers_and_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = build(tmp_path)
    with Reader(db) as reader:
        out = io.StringIO()
        write_csv(reader, "documents", out)
        rows = list(csv.reader(io.StringIO(out.getvalue())))
        assert rows[0][0] == "id" and len(rows) == 3
        paths = write_csv_folder(reader, tmp_path / "csv")
    assert sorted(p.stem for p in paths) == sorted(CSV_TABLES)


def test_documents_say_where_they_came_from(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    origins = {"dfile": "wire/talks.txt", "dline": "feeds/day.jsonl#L12", "dpipe": "-"}
    with Store(db) as store, store.transaction():
        for doc_id, origin in origins.items():
            url = "https://example.org/talks" if doc_id == "dline" else None
            text = f"Blinken met Motegi in Tokyo. They discussed the alliance ({doc_id})."
            store.write_document(replace(stored_document(doc_id, text), origin=origin, url=url))
    out = io.StringIO()
    with Reader(db) as reader:
        write_json(reader, out)
        table = io.StringIO()
        write_csv(reader, "documents", table)
    kb = json.loads(out.getvalue())
    check_contract(kb)
    found = {d["id"]: (d["origin"], d["url"]) for d in kb["documents"]}
    assert found == {
        "dfile": ("wire/talks.txt", None),
        "dline": ("feeds/day.jsonl:12", "https://example.org/talks"),
        "dpipe": ("-", None),
    }
    header, *rows = csv.reader(io.StringIO(table.getvalue()))
    # Added columns come at the end: the old ones stay put.
    assert header[-4:] == ["flags", "origin", "url", "language"]
    assert [row[-3:-1] for row in rows] == [
        ["wire/talks.txt", ""],
        ["feeds/day.jsonl:12", "https://example.org/talks"],
        ["-", ""],
    ]
