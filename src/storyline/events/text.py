"""Bags of words, tf-idf and cosine similarity: the text side of event and story matching.

Sparse vectors are plain dicts from a word to a weight. Words are lower-cased,
stop words dropped, and a plural "s" folded, which is enough for comparing
sentences and reports that tell the same event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np

_WORD: Final = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
STOPWORDS: Final = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says
    say told tell according mr mrs ms one two new also would could may might must shall its it's
    s t don't can't won't
    """.split()  # noqa: SIM905
)

Vector = dict[str, float]


def fold(word: str) -> str:
    """A word's comparison form: lower case, a plural "s" dropped ("talks" -> "talk")."""
    return _fold_lower(word.casefold())


def _fold_lower(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem(word: str) -> str:
    """A crude stem for trigger words: "killed", "killing" -> "kill"; "meetings" -> "meet"."""
    word = fold(word)
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # "planned" -> "plann" -> "plan"
    return word


def words(text: str) -> list[str]:
    """The content words of `text`, folded."""
    return [fold(w) for w in _WORD.findall(text) if w.casefold() not in STOPWORDS]


def bag(text: str) -> Counter[str]:
    """The content words of `text`, folded, with how often each occurs."""
    return Counter(words(text))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors (0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(word, 0.0) for word, weight in a.items())
    if dot == 0.0:
        return 0.0
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def pairwise_cosines(
    vectors: Sequence[Mapping[str, float]], pairs: Iterable[tuple[int, int]] | None = None
) -> dict[tuple[int, int], float]:
    """The cosine of every pair `(i, j)`, i < j, of `vectors` that share a word (> 0) —
    or of the given `pairs` only — as sparse matrix products: what `cosine` gives pair
    by pair, at C speed."""
    from scipy.sparse import triu

    matrix = _unit_rows(vectors)
    if pairs is None:
        upper = triu(matrix @ matrix.T, k=1).tocoo()
        rows, columns, values = upper.row.tolist(), upper.col.tolist(), upper.data.tolist()
    else:
        ordered = sorted({(min(i, j), max(i, j)) for i, j in pairs if i != j})
        rows, columns, values = [], [], []
        for start in range(0, len(ordered), _PAIR_CHUNK):
            chunk = ordered[start : start + _PAIR_CHUNK]
            left = matrix[[i for i, _ in chunk]]
            right = matrix[[j for _, j in chunk]]
            products = np.asarray(left.multiply(right).sum(axis=1)).ravel().tolist()
            rows += [i for i, _ in chunk]
            columns += [j for _, j in chunk]
            values += products
    found = sorted(zip(rows, columns, values, strict=True))
    return {(i, j): v for i, j, v in found if v > 0}


_PAIR_CHUNK = 50_000


def _unit_rows(vectors: Sequence[Mapping[str, float]]) -> Any:
    """`vectors` as the rows of a sparse matrix, each scaled to length 1."""
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    data: list[float] = []
    indices: list[int] = []
    pointers = [0]
    for vector in vectors:
        norm = math.sqrt(sum(w * w for w in vector.values()))
        for word, weight in vector.items():
            if norm:
                data.append(weight / norm)
                indices.append(columns.setdefault(word, len(columns)))
        pointers.append(len(data))
    return csr_matrix((data, indices, pointers), shape=(len(vectors), max(len(columns), 1)))


def unit(counts: Mapping[str, float]) -> Vector:
    """`counts` scaled to length 1 (empty stays empty), so that `dot` is the cosine."""
    norm = math.sqrt(sum(w * w for w in counts.values()))
    return {word: w / norm for word, w in counts.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors: their cosine when both have length 1."""
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(weight * get(word, 0.0) for word, weight in a.items())


def document_frequencies(bags: Iterable[Mapping[str, float]]) -> tuple[Counter[str], int]:
    """How many bags each word occurs in, and how many bags there are."""
    frequencies: Counter[str] = Counter()
    total = 0
    for one in bags:
        frequencies.update(one.keys())
        total += 1
    return frequencies, total


def tfidf(
    counts: Mapping[str, float], frequencies: Mapping[str, int], total: int, top: int | None = None
) -> Vector:
    """The unit-length tf-idf vector of `counts`, keeping the `top` heaviest words."""
    weights = {
        word: (1.0 + math.log(count)) * math.log((1 + total) / (1 + frequencies.get(word, 0)))
        for word, count in counts.items()
        if count > 0
    }
    if top is not None and len(weights) > top:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {word: w / norm for word, w in weights.items()} if norm else {}


def overlap(a: Sequence[str] | frozenset[str], b: Sequence[str] | frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1 when one set contains the other, 0 when either is empty."""
    left, right = set(a), set(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))
