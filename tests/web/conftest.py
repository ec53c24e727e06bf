"""A knowledge base for the web tests: the demo corpus, a hostile report, a hand-built one.

Built once per session with the rule-based spaCy pipeline (`blank_nlp`), embedded
with the static model and indexed (IVF, 4 cells), then served read-only.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.ingest.runner import ingest
from storyline.nlp.embeddings import embed_and_index
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import (
    EntityRef,
    Mention,
    PossibleDays,
    Quote,
    RemovedLine,
    Sentence,
    Span,
    TimeExpression,
)
from storyline.settings import Settings
from storyline.store.sqlite import Store
from storyline.web.app import create_app
from tests.conftest import EXAMPLES, make_document

# Every way a report could try to run code in the reader's browser, or to reach the SQL.
SCRIPT = "<script>window.__pwned = 1</script>"
HANDLER = '<img src="x" onerror="window.__pwned = 2">'
HOSTILE_TEXT = (
    f"Secretary of State Antony Blinken arrived in Tokyo {SCRIPT} on Tuesday for talks with "
    f"Japan on the alliance, officials said {HANDLER} in a statement released late at night.\n\n"
    "The ministers discussed China and the United States' commitment to the region; "
    "\"'; DROP TABLE documents; --\" was written on a protester's sign outside the ministry, "
    'next to <a href="javascript:window.__pwned=3">a link</a> and '
    '<svg onload="window.__pwned=4"></svg> and <iframe src="javascript:alert(1)"></iframe>.\n\n'
    "Blinken later flew on to Seoul, where the same questions about Japan and China awaited "
    "him; <style>body{display:none}</style> officials in both capitals described the visit "
    "as a signal to allies across the region that consultation would come first."
)
HOSTILE = {
    "text": HOSTILE_TEXT,
    "title": f"Blinken in Tokyo {SCRIPT}",
    "url": "javascript:window.__pwned=5",
    "published": "2021-03-16",
    "source": f"evil {HANDLER}",
}
HOSTILE_ENTITY = '<b onmouseover="window.__pwned=6">Evil Corp</b>'

# A report written straight to the store, with what the ingest cannot make yet.
HAND_TEXT = (
    "Foreign Minister Toshimitsu Motegi met Antony Blinken in Tokyo on 16 March 2021. "
    "Two days later the ministers flew to Seoul. "
    '"The alliance is <b onclick=x()>strong</b>," Motegi said.'
)


def hand_document() -> Any:
    text = HAND_TEXT
    motegi = text.index("Toshimitsu Motegi")
    blinken = text.index("Antony Blinken")
    date = text.index("16 March 2021")
    later = text.index("Two days later")
    evil = text.index("ministers")
    said = text.index('"The alliance')
    speaker = text.index("Motegi said")
    return make_document(
        text,
        id="dhand0000000001",
        key="hand" * 16,
        title="Motegi and Blinken meet",
        source="Hand Wire",
        published="2021-03",
        published_how="inferred",
        language="en",
        removed=(
            RemovedLine(f"Comment(s) Write comment {SCRIPT}", "debris", "comment widget", "test"),
        ),
        sentences=(
            Sentence(Span(0, later - 1), "test"),
            Sentence(Span(later, said - 1), "test"),
            Sentence(Span(said, len(text)), "test"),
        ),
        quotes=(
            Quote(
                Span(said + 1, speaker - 3),
                "direct",
                "test",
                speaker=Span(speaker, speaker + 6),
                speaker_entity="ehandmotegi01",
                cue=Span(speaker + 7, speaker + 11),
            ),
        ),
        mentions=(
            Mention(
                Span(motegi, motegi + 17),
                "Toshimitsu Motegi",
                "PERSON",
                "person",
                "test",
                title="Foreign Minister",
                entity="ehandmotegi01",
            ),
            Mention(
                Span(blinken, blinken + 14),
                "Antony Blinken",
                "PERSON",
                "person",
                "test",
                entity="ehandblinken1",
            ),
            Mention(
                Span(evil, evil + 9),
                "ministers",
                "ORG",
                "organization",
                "test",
                entity="ehandevil0001",
            ),
            Mention(
                Span(speaker, speaker + 6),
                "Motegi",
                "PERSON",
                "person",
                "test",
                entity="ehandmotegi01",
            ),
        ),
        entities=(
            EntityRef(
                "ehandmotegi01",
                "person:motegi",
                "Toshimitsu Motegi",
                "person",
                "test",
                wikidata="Q1150186",
            ),
            EntityRef(
                "ehandblinken1",
                "person:blinken-hand",
                "Antony Blinken",
                "person",
                "test",
                wikidata="javascript:alert(1)",
            ),
            EntityRef("ehandevil0001", "org:evil", HOSTILE_ENTITY, "organization", "test"),
        ),
        timexes=(
            TimeExpression(Span(date, date + 13), "16 March 2021", "DATE", "2021-03-16", "test"),
            TimeExpression(
                Span(later, later + 14),
                "Two days later",
                "DATE",
                "2021-03-18",
                "test",
                anchor="previous",
            ),
        ),
    )


def build_knowledge_base(folder: Path, nlp: Any) -> Path:
    db = folder / "kb.db"
    feed = folder / "hostile" / "feed.jsonl"
    feed.parent.mkdir(parents=True)
    feed.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    settings = Settings().override({"processes": 1, "batch_size": 8})
    with Store(db) as store:
        ingest([str(EXAMPLES), str(feed)], store, SpacyStage(nlp, processes=1), settings)
        with store.transaction():
            store.write_document(hand_document())
        # How the report was dated: written by the dating stage once it is wired.
        store.db.execute(
            "UPDATE documents SET date_confidence = 0.8, date_evidence = ?, "
            "date_earliest = '2021-03-01', date_latest = '2021-03-31' WHERE id = 'dhand0000000001'",
            (json.dumps(["'on 16 March 2021' names the month", f"no weekday {SCRIPT}"]),),
        )
        embed_and_index(store.db, cells=4, rebuild=True)
    return db


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory, blank_nlp: Any) -> Path:
    return build_knowledge_base(tmp_path_factory.mktemp("web"), blank_nlp)


@pytest.fixture(scope="session")
def client(kb_path: Path) -> Iterator[TestClient]:
    app = create_app(kb_path, allowed_hosts=["testserver"])
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ids(client: TestClient) -> dict[str, str]:
    """Ids of things the tests look at: the hostile report, a duplicate and its original..."""
    documents = client.get("/api/documents", params={"limit": 200}).json()["items"]
    hostile = next(d for d in documents if d["title"] and "Blinken in Tokyo" in d["title"])
    copy = next(d for d in documents if d["duplicate_of"])
    blinken = client.get("/api/entities", params={"q": "antony blinken"}).json()["items"]
    return {
        "hostile": hostile["id"],
        "copy": copy["id"],
        "original": copy["duplicate_of"],
        "hand": "dhand0000000001",
        "blinken": next(e["id"] for e in blinken if e["id"] != "ehandblinken1"),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(kb_path: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port, in a thread."""
    yield from serve(kb_path)


def serve(kb_path: Path) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(kb_path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (needs chromium)")


# -- events: the rule-based pipeline makes none, so a copy of the knowledge base gets some --

EVENT_SCRIPT = "<script>window.__pwned = 7</script>"
HOSTILE_PARTICIPANT = f'<img src=x onerror="window.__pwned=8">Evil {EVENT_SCRIPT}'
EVENT_IDS = {
    "meeting": "v000000000000001",
    "visit": "v000000000000002",
    "undated": "v000000000000003",
    "low": "v000000000000004",
    "trip": "s000000000000001",
}


def demo_events(hostile_id: str, hostile_text: str) -> tuple[list[Any], list[Any]]:
    """Hand-built events and a story over the hand-built and the hostile report: a
    meeting told best by the hostile sentence, a planned visit, an undated statement and
    a low-salience meeting (one report, no participant, no place)."""
    from storyline.events.model import Conflict, Event, EventParticipant, Evidence, Story

    text = HAND_TEXT
    hand = "dhand0000000001"
    first = Evidence(hand, 0, text.index("Two days later") - 1)
    met = text.index(" met ") + 1
    later = text.index("Two days later")
    flew = text.index("flew")
    second = Evidence(hand, later, text.index('"The alliance') - 1)
    hostile_sentence = Evidence(hostile_id, 0, hostile_text.index("officials said"))
    arrived = hostile_text.index("arrived")
    meeting = Event(
        id=EVENT_IDS["meeting"], type="meeting", title=f"Motegi meets Blinken {EVENT_SCRIPT}",
        status="happened", date="2021-03-16", date_precision="day", date_basis="text",
        date_sources=2, place="Tokyo", place_name="Tokyo", place_sources=2,
        participants=(
            EventParticipant("ehandmotegi01", "Toshimitsu Motegi", "agent", 2, (hand, hostile_id),
                             (first,)),
            EventParticipant("ehandblinken1", "Antony Blinken", "counterpart", 2,
                             (hand, hostile_id)),
            EventParticipant(None, HOSTILE_PARTICIPANT, "participant", 1, (hostile_id,)),
        ),
        documents=(hand, hostile_id), sources=2, evidence=(first, hostile_sentence),
        triggers=(Evidence(hand, met, met + 3), Evidence(hostile_id, arrived, arrived + 7)),
        conflicts=(
            Conflict("date", "2021-03-16", (hand,), "2021-03-17", (hostile_id,)),
            Conflict("participant", "Antony Blinken", (hand,), HOSTILE_PARTICIPANT,
                     (hostile_id,), role="agent"),
        ),
        attributes=(("format", "in_person"),), summary=hostile_sentence,
    )  # fmt: skip
    visit = Event(
        id=EVENT_IDS["visit"], type="visit", title="Blinken visits Seoul", status="planned",
        date="2021-03-18", date_precision="day", date_basis="text", date_sources=1,
        place="Seoul", place_name="Seoul", place_sources=1,
        participants=(EventParticipant("ehandblinken1", "Antony Blinken", "agent", 1, (hand,)),),
        documents=(hand,), sources=1,
        evidence=(second,), triggers=(Evidence(hand, flew, flew + 4),),
    )  # fmt: skip
    undated = Event(
        id=EVENT_IDS["undated"], type="statement", title="A statement", status="denied",
        date=None, date_precision=None, date_basis=None, date_sources=0, place=None,
        place_name=None, place_sources=0, participants=(), documents=(hostile_id,), sources=1,
        evidence=(), possible_days=PossibleDays(None, "2021-03-20", 16),
    )  # fmt: skip
    low = Event(
        id=EVENT_IDS["low"], type="meeting", title=f"A meeting {EVENT_SCRIPT}",
        status="happened", date="2021-03-17", date_precision="day", date_basis="report",
        date_sources=1, place=None, place_name=None, place_sources=0, participants=(),
        documents=(hand,), sources=1, evidence=(second,),
        attributes=(("salience", "low"),), summary=second,
    )  # fmt: skip
    trip = Story(
        EVENT_IDS["trip"], "trip", f"Blinken's trip {EVENT_SCRIPT}",
        (meeting.id, visit.id), (hand, hostile_id), "2021-03-16", "2021-03-18",
    )  # fmt: skip
    return [meeting, visit, undated, low], [trip]


def copy_with_events(source: Path, target: Path) -> Path:
    """A copy of the knowledge base in `source` with the demo events written into it."""
    import sqlite3

    from storyline.store.events import replace_events

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    with Store(target) as store:
        hostile_id, hostile_text = store.db.execute(
            "SELECT id, text FROM documents WHERE title LIKE 'Blinken in Tokyo%'"
        ).fetchone()
        events, stories = demo_events(hostile_id, hostile_text)
        with store.transaction():
            replace_events(store.db, events, stories)
    return target


@pytest.fixture(scope="session")
def events_kb(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_with_events(kb_path, tmp_path_factory.mktemp("events") / "events.db")


@pytest.fixture(scope="session")
def events_client(events_kb: Path) -> Iterator[TestClient]:
    app = create_app(events_kb, allowed_hosts=["testserver"])
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def events_live_server(events_kb: Path) -> Iterator[str]:
    """The knowledge base with events, served like `live_server`."""
    yield from serve(events_kb)
