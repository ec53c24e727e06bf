"""The learned pair scorer: the shipped model loads, ranks pairs sensibly, and is reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.events.coref import (
    FEATURE_NAMES,
    MODEL_PATH,
    PairContext,
    pair_features,
    shipped_model,
    spacy_word_vectors,
)
from storyline.events.merge import report_events
from storyline.settings import EventSettings
from tests.events.helpers import event_in, report

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
BLINKEN = ("Blinken", "agent", "e-blinken")
MOTEGI = ("Motegi", "counterpart", "e-motegi")
WANG = ("Wang", "counterpart", "e-wang")


def _item(id: str, text: str, trigger: str, who, place, date, group: str):  # type: ignore[no-untyped-def]
    doc = report(id, text, [event_in(text, trigger, date=date, place=place, who=who)])
    return report_events(doc, EventSettings(), group)[0]


def test_shipped_model_matches_its_features() -> None:
    assert shipped_model().features == FEATURE_NAMES


@pytest.mark.model
def test_coreferent_pair_scores_above_a_different_one() -> None:
    a = _item(
        "d1",
        "Blinken held talks with Motegi in Tokyo on Tuesday about China.",
        "talks",
        (BLINKEN, MOTEGI),
        ("Tokyo", "e-tokyo"),
        "2021-03-16",
        "story-1",
    )
    same = _item(
        "d2",
        "Blinken held talks with Motegi in Tokyo on Tuesday about the alliance and China.",
        "talks",
        (BLINKEN, MOTEGI),
        ("Tokyo", "e-tokyo"),
        "2021-03-16",
        "story-1",
    )
    other = _item(
        "d3",
        "Months later, Wang announced a visit to Anchorage over trade tariffs.",
        "visit",
        (WANG,),
        ("Anchorage", "e-anchorage"),
        "2021-07-02",
        "story-2",
    )
    context = PairContext.of([a, same, other], {}, {}, 0.6, spacy_word_vectors())
    model = shipped_model()
    one = model.probability(pair_features(a, same, context))
    two = model.probability(pair_features(a, other, context))
    assert one > 0.5 > two


@pytest.mark.slow
@pytest.mark.model
def test_training_reproduces_the_shipped_model(tmp_path: Path) -> None:
    if not (DATA / "ecbplus_dev").is_dir():
        pytest.skip("../shared/data is not here")
    from storyline.evaluation.train_coref import main

    out = tmp_path / "coref_model.json"
    main(["--data", str(DATA), "--out", str(out)])
    assert out.read_text(encoding="utf-8") == MODEL_PATH.read_text(encoding="utf-8")
