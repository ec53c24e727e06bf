"""Sentence vectors computed with each report equal those the corpus step would compute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from storyline import KnowledgeBase
from storyline.nlp.embeddings import MODEL_NAME, SentenceVectorStage, embed, from_blobs
from storyline.nlp.spacy_stage import SpacyStage
from storyline.records import Sentence, Span
from storyline.settings import Settings
from tests.conftest import make_document

TEXT = "The ministers met in Tokyo.\nThey agreed on a joint statement about the alliance."


def test_each_sentence_gets_the_vector_of_its_text() -> None:
    doc = make_document(
        TEXT, sentences=(Sentence(Span(0, 27), "t"), Sentence(Span(28, len(TEXT)), "t"))
    )
    done = SentenceVectorStage()(doc)
    assert done.sentence_vectors is not None
    model, blobs = done.sentence_vectors
    assert model == MODEL_NAME and len(blobs) == 2
    expected = embed([TEXT[:27], TEXT[28:]])
    assert np.allclose(from_blobs(blobs), expected)


def test_a_report_without_sentences_has_no_vectors() -> None:
    assert SentenceVectorStage()(make_document("x")).sentence_vectors is None


def test_vectors_stored_with_reports_are_placed_in_cells_by_later_ingests(
    tmp_path: Path, blank_nlp: Any
) -> None:
    settings = Settings().override({"processes": 0})
    sentences = "The {0} council met on {1} to vote on the harbour plan and the new {0} quay. "
    with KnowledgeBase.open(tmp_path / "kb.db", settings) as kb:
        for batch in range(2):
            folder = tmp_path / f"in{batch}"
            folder.mkdir()
            for n in range(3):
                words = (f"w{batch}{n}a", f"day{batch}{n}")
                (folder / f"r{n}.txt").write_text(sentences.format(*words) * 3, encoding="utf-8")
            report = kb.ingest([str(folder)], analysis=SpacyStage(blank_nlp, processes=1))
            assert report.stored == 3
        rows = kb.reader.db.execute(
            "SELECT s.text, v.vector, v.cell FROM sentence_vectors v"
            " JOIN sentences s ON s.id = v.sentence_id"
        ).fetchall()
    assert rows and all(cell is not None for _text, _vector, cell in rows)
    assert np.allclose(from_blobs([r[1] for r in rows]), embed([r[0] for r in rows]))
