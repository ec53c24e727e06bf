"""Coreference and clustering metrics against scores worked out by hand."""

from __future__ import annotations

import pytest

from storyline.evaluation.metrics import (
    adjusted_rand_index,
    b_cubed,
    ceaf_e,
    clusters_from,
    coref_scores,
    muc,
)

# key {a b c} {d e}; response {a b} {c d e}
KEY = [frozenset("abc"), frozenset("de")]
RESPONSE = [frozenset("ab"), frozenset("cde")]


def test_muc_counts_links() -> None:
    # recall: {a b c} is cut in 2 parts (1 of 2 links kept), {d e} in 1 (1 of 1): 2/3
    # precision: {a b} lies in 1 key cluster (1 of 1), {c d e} in 2 (1 of 2): 2/3
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_b_cubed_weighs_each_mention() -> None:
    # recall: a, b: 2/3 each; c: 1/3; d, e: 1 each -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    # precision: a, b: 1 each; c: 1/3; d, e: 2/3 each -> 11/15
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(11 / 15)
    assert score.precision == pytest.approx(11 / 15)


def test_ceaf_e_aligns_clusters_one_to_one() -> None:
    # phi4({a b c}, {a b}) = 4/5, phi4({d e}, {c d e}) = 4/5: best total 8/5 over 2 and 2
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(4 / 5)
    assert score.precision == pytest.approx(4 / 5)


def test_conll_is_the_mean_of_the_three_f1() -> None:
    assert coref_scores(KEY, RESPONSE).conll == pytest.approx((2 / 3 + 11 / 15 + 4 / 5) / 3)


def test_perfect_response_scores_one_and_singletons_count() -> None:
    key = [frozenset("ab"), frozenset("c")]
    scores = coref_scores(key, key)
    assert scores.b_cubed.f1 == pytest.approx(1.0)
    assert scores.ceaf_e.f1 == pytest.approx(1.0)
    assert scores.muc.f1 == pytest.approx(1.0)


def test_mentions_missing_from_one_side_are_singletons_there() -> None:
    key = [frozenset("ab")]
    response = [frozenset("ac")]
    # MUC: {a b} is split (b alone): recall 0; {a c} split too: precision 0
    assert muc(key, response).f1 == 0.0
    # B3 recall: a sees 1 of 2, b sees 0 -> (1/2 + 0) / 2 = 1/4; precision alike
    score = b_cubed(key, response)
    assert score.recall == pytest.approx(1 / 4)
    assert score.precision == pytest.approx(1 / 4)


def test_all_singletons_against_one_cluster() -> None:
    key = [frozenset("abcd")]
    response = [frozenset(x) for x in "abcd"]
    assert muc(key, response).recall == 0.0
    assert b_cubed(key, response).recall == pytest.approx(1 / 4)
    assert b_cubed(key, response).precision == pytest.approx(1.0)
    # CEAF-e: one key cluster aligned with one singleton, phi4 = 2/5: recall 2/5, precision 1/10
    assert ceaf_e(key, response).recall == pytest.approx(2 / 5)
    assert ceaf_e(key, response).precision == pytest.approx(2 / 5 / 4)


def test_adjusted_rand_index() -> None:
    assert adjusted_rand_index([0, 0, 1, 1], ["x", "x", "y", "y"]) == pytest.approx(1.0)
    # every pair disagrees: index 0, expected 2/3, max 2 -> (0 - 2/3) / (2 - 2/3) = -1/2
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    with pytest.raises(ValueError):
        adjusted_rand_index([0], [0, 1])


def test_clusters_from_labels() -> None:
    assert sorted(map(sorted, clusters_from({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]
