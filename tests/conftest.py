"""Shared fixtures: hand-built documents, a model-free spaCy pipeline, the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.records import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = REPO / "examples"


def make_document(text: str, id: str = "d1", **fields: object) -> Document:
    """A document as the cleaner would hand it to the pipeline."""
    values: dict[str, object] = {
        "id": id,
        "key": id * 4,
        "origin": f"{id}.txt",
        "source": "test",
        "text": text,
    }
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    return SEEDS


@pytest.fixture(scope="session")
def blank_nlp():  # type: ignore[no-untyped-def]
    """A real spaCy pipeline with rule-based entities: fast, and no model to load."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"TEXT": "Antony"}, {"TEXT": "Blinken"}]},
            {"label": "PERSON", "pattern": "Blinken"},
            {"label": "PERSON", "pattern": [{"TEXT": "Secretary"}, {"TEXT": "Austin"}]},
            {"label": "PERSON", "pattern": [{"TEXT": "Toshimitsu"}, {"TEXT": "Motegi"}]},
            {"label": "GPE", "pattern": "Tokyo"},
            {"label": "GPE", "pattern": "Japan"},
            {"label": "GPE", "pattern": [{"TEXT": "the"}, {"TEXT": "United"}, {"TEXT": "States"}]},
            {"label": "GPE", "pattern": "U.S."},
            {"label": "GPE", "pattern": [{"TEXT": "China"}, {"TEXT": "'s"}]},
            {"label": "GPE", "pattern": "China"},
            {
                "label": "ORG",
                "pattern": [{"TEXT": "the"}, {"TEXT": "State"}, {"TEXT": "Department"}],
            },
        ]
    )
    return nlp


@pytest.fixture(scope="session")
def model_nlp():  # type: ignore[no-untyped-def]
    """The real English model; tests using it are marked `model`."""
    from storyline.nlp.model import load_model

    return load_model()
