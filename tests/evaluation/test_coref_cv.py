"""Cross-validation of the pair scorer by topic: the split, and predictions out of fold."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.evaluation.coref_cv import (
    GRID,
    RULES,
    CrossValidation,
    RuleFigures,
    out_of_fold,
    report,
    roc_auc,
    topic_folds,
)
from storyline.evaluation.corpora import ECB_DEV, ECB_TRAIN
from storyline.evaluation.train_coref import fit
from storyline.events.coref import CorefModel


def test_folds_deal_each_training_topic_to_one_fold_whatever_the_order() -> None:
    folds = topic_folds(ECB_TRAIN, 5)
    assert set(folds) == set(ECB_TRAIN)
    assert set(folds.values()) == set(range(5))
    sizes = np.bincount(list(folds.values()))
    assert sizes.max() - sizes.min() <= 1
    assert topic_folds(list(reversed(ECB_TRAIN)), 5) == folds
    assert topic_folds([3, 1, 4, 6, 7], 2) == {1: 0, 3: 1, 4: 0, 6: 1, 7: 0}


def test_folds_refuse_a_development_topic() -> None:
    assert not set(topic_folds(ECB_TRAIN)) & set(ECB_DEV)
    with pytest.raises(ValueError, match="development"):
        topic_folds([*ECB_TRAIN, ECB_DEV[0]])


def _flipped(rows: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two folds whose labels follow one feature in opposite directions, and a few
    rows without a label."""
    rng = np.random.default_rng(0)
    features = rng.normal(size=(rows, 2))
    fold = np.arange(rows) % 2
    labels = np.where(fold == 0, features[:, 0] > 0, features[:, 0] < 0).astype(np.float64)
    labels[::17] = np.nan
    return features, labels, fold


def test_each_fold_is_predicted_by_a_model_that_never_saw_it() -> None:
    features, labels, fold = _flipped()
    scores = out_of_fold(features, labels, fold)
    assert np.isfinite(scores).all()  # unlabelled rows are scored, never trained on
    for k in (0, 1):
        own = (fold == k) & ~np.isnan(labels)
        # Trained on the other fold, whose labels run the other way: the ranking is
        # reversed. A model that saw the fold itself would rank it well (or, from both
        # folds, at random).
        assert roc_auc(scores[own], labels[own]) < 0.1


def test_the_fitter_gets_exactly_the_other_folds_labelled_rows() -> None:
    features, labels, fold = _flipped()
    features[:, 1] = np.arange(len(features))  # a row's id, to see what was fitted
    seen: list[set[int]] = []

    def spy(x: np.ndarray, y: np.ndarray) -> CorefModel:
        seen.append({int(v) for v in x[:, 1]})
        return fit(x, y)

    out_of_fold(features, labels, fold, spy)
    labelled = ~np.isnan(labels)
    assert seen == [set(np.flatnonzero(labelled & (fold != k)).tolist()) for k in (0, 1)]


def test_probabilities_agree_with_the_models_own() -> None:
    features, labels, _ = _flipped()
    keep = ~np.isnan(labels)
    model = fit(features[keep], labels[keep])
    expected = [model.probability(row) for row in features[:5]]
    assert model.probabilities(features[:5]) == pytest.approx(expected)


def test_roc_auc_counts_ties_half() -> None:
    labels = np.array([0.0, 0.0, 1.0, 1.0])
    assert roc_auc(np.array([0.1, 0.2, 0.3, 0.4]), labels) == 1.0
    assert roc_auc(np.array([0.4, 0.3, 0.2, 0.1]), labels) == 0.0
    assert roc_auc(np.array([0.5, 0.5, 0.5, 0.5]), labels) == 0.5


def test_the_table_gives_each_rule_a_row_of_gold_and_extracted_figures() -> None:
    rows = tuple(
        RuleFigures(rule, threshold, 0.7, 0.5 + 0.1 * n)
        for n, rule in enumerate(RULES)
        for threshold in GRID
    )
    table = report(CrossValidation(5, 100, 0.8444, rows)).splitlines()
    assert "pair ROC AUC out of fold 0.844 (100 labelled pairs)" in table[0]
    assert table[3].startswith("never together") and table[3].count("70.0/50.0") == len(GRID)
    assert table[4].startswith("together unless told apart") and "70.0/60.0" in table[4]
