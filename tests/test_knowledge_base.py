"""The front door: ingest, read and export through `KnowledgeBase` alone."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from storyline import KnowledgeBase
from storyline.errors import StoreError
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import RawReport
from storyline.settings import Settings
from tests.export.test_export import build_with_redirects

TEXT = (
    "Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi in Tokyo on "
    "Tuesday. The two ministers agreed that the alliance remains the cornerstone of peace in the "
    "region, officials said after the talks."
)


def test_ingest_then_read_everything_through_the_front_door(tmp_path: Path, blank_nlp: Any) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    settings = Settings().override({"processes": 0})
    with KnowledgeBase.open(tmp_path / "kb.db", settings) as kb:
        report = kb.ingest([str(folder)], analysis=SpacyStage(blank_nlp, processes=1))
        assert report.stored == 1
        figures = kb.stats()
        assert figures["reports"] == 1 and "top" in figures
        hits = kb.search("cornerstone")
        assert hits and hits[0].text.startswith("The two ministers")
        documents = list(kb.documents())
        assert documents[0]["origin"].endswith("a.txt")
        out = io.StringIO()
        kb.export(out)
        assert json.loads(out.getvalue())["documents"][0]["id"] == documents[0]["id"]
        csv = io.StringIO()
        kb.export(csv, format="csv", table="documents")
        assert csv.getvalue().startswith("id,")
        assert kb.show("event", "nothing-like-this") is None


def test_records_are_ingested_without_files(tmp_path: Path, blank_nlp: Any) -> None:
    raw = RawReport(key="k" * 64, origin="memory", source="wire", text=TEXT)
    settings = Settings().override({"processes": 0})
    with KnowledgeBase.open(tmp_path / "kb.db", settings) as kb:
        assert kb.ingest(records=[raw], analysis=SpacyStage(blank_nlp, processes=1)).stored == 1
        assert [d["origin"] for d in kb.documents()] == ["memory"]


def test_reading_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with KnowledgeBase.open(tmp_path / "absent.db") as kb, pytest.raises(StoreError):
        kb.stats()


def test_create_makes_an_empty_knowledge_base(tmp_path: Path) -> None:
    with KnowledgeBase.open(tmp_path / "new.db", create=True) as kb:
        assert kb.stats()["reports"] == 0


def test_show_follows_an_old_id_to_the_current_record(tmp_path: Path) -> None:
    with KnowledgeBase.open(build_with_redirects(tmp_path)) as kb:
        event = kb.show("event", "vold1")
        assert event is not None and event["id"] == "v1"
        assert event["redirected_from"] == {"id": "vold1", "reason": "merged or split"}
        assert event["evidence"][0]["text"] == "Blinken met Motegi in Tokyo."
        story = kb.show("story", "sold1")
        assert story is not None and story["id"] == "s1" and story["events"] == ["v1"]
        entity = kb.show("entity", "eold1")
        assert entity is not None and entity["id"] == "e1" and entity["name"] == "Blinken"
        assert entity["redirected_from"] == {"id": "eold1", "reason": "renamed"}
        assert [e["id"] for e in entity["events"]] == ["v1"]


def test_show_of_a_current_id_or_a_name_says_nothing_of_redirects(tmp_path: Path) -> None:
    with KnowledgeBase.open(build_with_redirects(tmp_path)) as kb:
        for kind, ident in (("event", "v1"), ("story", "s1"), ("entity", "e1"), ("entity", "Blin")):
            shown = kb.show(kind, ident)  # type: ignore[arg-type]
            assert shown is not None and "redirected_from" not in shown
        assert kb.show("event", "vnever") is None
        assert kb.show("story", "vold1") is None  # an event's old id is not a story's
