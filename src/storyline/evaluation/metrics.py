"""Clustering and coreference metrics shared by the evaluations: MUC, B³, CEAF-e, CoNLL F1, ARI.

A clustering is a sequence of clusters, each a set of mention ids. The key
(gold) and the response (system) may cover different mentions; a mention
missing from one side counts as a singleton there, as in the CoNLL-2012
reference scorer. Singletons are kept (ECB+ practice).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import comb

Clusters = Sequence[frozenset[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class CorefScores:
    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll(self) -> float:
        """The mean of the three F1 scores."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3


def clusters_from(labels: Mapping[Hashable, Hashable]) -> list[frozenset[Hashable]]:
    """Clusters from a mention -> cluster label mapping."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return [frozenset(group) for group in groups.values()]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    numerator = 0
    denominator = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        numerator += len(cluster) - len(parts)
        denominator += len(cluster) - 1
    return _ratio(numerator, denominator)


def muc(key: Clusters, response: Clusters) -> Score:
    """Vilain et al. (1995): links kept, over links needed."""
    return Score(_muc_recall(response, key), _muc_recall(key, response))


def _b_cubed_recall(key: Clusters, response: Clusters) -> float:
    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    total = 0.0
    count = 0
    for cluster in key:
        overlaps = Counter(where[m] for m in cluster if m in where)
        total += sum(size * size for size in overlaps.values()) / len(cluster)
        count += len(cluster)
    return _ratio(total, count)


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """Bagga and Baldwin (1998), mention-weighted."""
    return Score(_b_cubed_recall(response, key), _b_cubed_recall(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """Luo (2005), entity-based: the best one-to-one alignment under φ4 = 2|k∩r|/(|k|+|r|)."""
    if not key or not response:
        return Score(0.0, 0.0)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    where = {m: n for n, cluster in enumerate(response) for m in cluster}
    similarity = np.zeros((len(key), len(response)))
    for row, cluster in enumerate(key):
        for column, shared in Counter(where[m] for m in cluster if m in where).items():
            similarity[row, column] = 2 * shared / (len(cluster) + len(response[column]))
    rows, columns = linear_sum_assignment(similarity, maximize=True)
    best = float(similarity[rows, columns].sum())
    return Score(best / len(response), best / len(key))


def coref_scores(key: Clusters, response: Clusters) -> CorefScores:
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


def adjusted_rand_index(truth: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """Hubert and Arabie (1985) over two labelings of the same items."""
    if len(truth) != len(predicted):
        raise ValueError("the two labelings must label the same items")
    n = len(truth)
    if n < 2:
        return 1.0
    pairs = _pairs(Counter(zip(truth, predicted, strict=True)).values())
    rows = _pairs(Counter(truth).values())
    columns = _pairs(Counter(predicted).values())
    expected = rows * columns / comb(n, 2)
    maximum = (rows + columns) / 2
    if maximum == expected:
        return 1.0
    return (pairs - expected) / (maximum - expected)


def _pairs(counts: Iterable[int]) -> int:
    return sum(comb(c, 2) for c in counts)
