"""Reports in a language with its own analyser: the spaCy stage routes them to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storyline.events.extract import EventStage
from storyline.nlp import spacy_stage
from storyline.nlp.languages import LanguageAnalysis
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import Span
from tests.conftest import make_document

TEXT = "ブリンケン国務長官は東京で茂木外相と会談した。\n北朝鮮はミサイルを発射した。"


class _Listed:
    """An analyser that finds the names it is given, wherever they are written."""

    language = "ja"

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.calls = 0

    def analyse(self, text: str) -> LanguageAnalysis:
        self.calls += 1
        found = tuple(
            (Span(text.index(name), text.index(name) + len(name)), label)
            for name, label in self.names.items()
        )
        sentences = (Span(0, text.index("\n")), Span(text.index("\n") + 1, len(text)))
        return LanguageAnalysis(sentences, found)


NAMES = {
    "ブリンケン": "PERSON",
    "東京": "GPE",
    "茂木": "PERSON",
    "北朝鮮": "GPE",
    "ミサイル": "PRODUCT",
}


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Listed]:
    analyser = _Listed(NAMES)
    monkeypatch.setattr(
        spacy_stage, "analyser_for", lambda language: analyser if language == "ja" else None
    )
    yield analyser


def test_a_report_with_an_analyser_gets_its_sentences_and_names(blank_nlp, listed) -> None:  # type: ignore[no-untyped-def]
    doc = SpacyStage(blank_nlp)(make_document(TEXT, language="ja"))
    assert [s.span.of(TEXT) for s in doc.sentences] == TEXT.split("\n")
    # PRODUCT names no entity: only the labels the linker reads become mentions.
    assert [(m.text, m.label, m.kind) for m in doc.mentions] == [
        ("ブリンケン", "PERSON", "person"),
        ("東京", "GPE", "place"),
        ("茂木", "PERSON", "person"),
        ("北朝鮮", "GPE", "place"),
    ]
    assert all(m.span.of(TEXT) == m.text for m in doc.mentions)
    assert doc.stages == ("nlp.spacy.v1",) and doc.flags == ()


def test_pipe_routes_each_report_by_its_language(blank_nlp, listed) -> None:  # type: ignore[no-untyped-def]
    reports = [
        make_document(TEXT, id="ja", language="ja"),
        make_document("Blinken met Motegi in Tokyo.", id="en", language="en"),
        make_document("Blinken est à Tokyo.", id="fr", language="fr"),
        make_document(TEXT, id="copy", language="ja", duplicate_of="ja"),
    ]
    japanese, english, french, copy = SpacyStage(blank_nlp).pipe(reports)
    assert japanese.mentions and english.sentences
    assert french.flags == ("no-analyser:fr",) and not french.sentences
    assert copy == reports[3]
    assert listed.calls == 1  # the duplicate is not read again


def test_without_english_only_other_languages_still_go_to_their_analyser(blank_nlp, listed) -> None:  # type: ignore[no-untyped-def]
    stage = SpacyStage(blank_nlp, english_only=False)
    japanese = stage(make_document(TEXT, language="ja"))
    french = stage(make_document("Blinken est à Tokyo.", language="fr"))
    assert {m.text for m in japanese.mentions} == {"ブリンケン", "東京", "茂木", "北朝鮮"}
    assert french.flags == () and french.sentences  # read by the English model, as before


def test_the_event_annotator_reads_the_original_too(blank_nlp, listed) -> None:  # type: ignore[no-untyped-def]
    stage = SpacyStage(blank_nlp, annotators=[EventStage()])
    doc = stage(make_document(TEXT, language="ja"))
    assert [(e.type, e.trigger.of(TEXT)) for e in doc.events] == [
        ("meeting", "会談"),
        ("missile_launch", "発射"),
    ]
    assert doc.stages == ("nlp.spacy.v1", "events.extract.v1")
