"""Exact and near-duplicate (syndicated copy) detection.

Exact copies share the hash of their normalised text. Near-duplicates share
most of their word 5-shingles: each report gets a MinHash signature, split into
LSH bands whose keys are indexed, so a new report is compared only with the
few reports that share a band key — never with the whole corpus. A candidate
is a duplicate when the estimated Jaccard similarity of the two signatures
reaches the threshold. A duplicate is linked to the original of its original,
so chains of copies point at the first report.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import ClassVar, Protocol

import numpy as np
from datasketch import MinHash

from storyline.pipeline import Stage
from storyline.records import Document, Fingerprint, Known

__all__ = [
    "DuplicateStage",
    "Fingerprint",
    "FingerprintIndex",
    "Known",
    "MemoryFingerprintIndex",
    "fingerprint",
    "shingles",
    "similarity",
    "text_hash",
]

_WORDS = re.compile(r"\w+")
_SHINGLE = 5
_SEED = 1  # fixed: signatures are stored and must stay comparable across runs


class FingerprintIndex(Protocol):
    def find_exact(self, text_hash: str) -> Known | None: ...

    def find_candidates(self, band_keys: Sequence[int]) -> Iterable[Known]: ...

    def add_fingerprint(self, fingerprint: Fingerprint, duplicate_of: str | None) -> None: ...


def text_hash(text: str) -> str:
    """Hash of the text with case and white space folded."""
    folded = " ".join(_WORDS.findall(text.casefold()))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = _SHINGLE) -> list[bytes]:
    words = _WORDS.findall(text.casefold())
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def fingerprint(doc_id: str, text: str, permutations: int = 128, bands: int = 32) -> Fingerprint:
    if permutations % bands:
        raise ValueError("minhash_permutations must be a multiple of minhash_bands")
    minhash = MinHash(num_perm=permutations, seed=_SEED)
    minhash.update_batch(shingles(text))
    values = minhash.hashvalues.astype(np.uint64)
    rows = permutations // bands
    keys = tuple(
        int.from_bytes(
            hashlib.blake2b(
                band.to_bytes(2, "little") + values[band * rows : (band + 1) * rows].tobytes(),
                digest_size=8,
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(bands)
    )
    return Fingerprint(doc_id, text_hash(text), values.tobytes(), keys)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored MinHash signatures."""
    left = np.frombuffer(a, dtype=np.uint64)
    right = np.frombuffer(b, dtype=np.uint64)
    if left.shape != right.shape:
        return 0.0
    return float(np.mean(left == right))


class DuplicateStage(Stage):
    """Links each report that copies an earlier one to that original."""

    name: ClassVar[str] = "clean.dedup.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    adds: ClassVar[frozenset[str]] = frozenset({"duplicates"})

    def __init__(
        self,
        index: FingerprintIndex,
        threshold: float = 0.6,
        permutations: int = 128,
        bands: int = 32,
    ) -> None:
        self.index = index
        self.threshold = threshold
        self.permutations = permutations
        self.bands = bands

    def __call__(self, doc: Document) -> Document:
        print_ = fingerprint(doc.id, doc.text, self.permutations, self.bands)
        original, flag = self._original(print_)
        self.index.add_fingerprint(print_, original)
        if original is None:
            return doc.evolve(self.name)
        return doc.evolve(self.name, duplicate_of=original, flags=doc.flagged(flag))

    def _original(self, print_: Fingerprint) -> tuple[str | None, str]:
        exact = self.index.find_exact(print_.text_hash)
        if exact is not None and exact.doc_id != print_.doc_id:
            return exact.duplicate_of or exact.doc_id, "duplicate"
        best: Known | None = None
        best_score = self.threshold
        # The most similar; among equals the smallest id, whatever order the index gives.
        candidates = sorted(self.index.find_candidates(print_.band_keys), key=lambda k: k.doc_id)
        for known in candidates:
            if known.doc_id == print_.doc_id:
                continue
            score = similarity(print_.signature, known.signature)
            if score > best_score or (best is None and score == best_score):
                best, best_score = known, score
        if best is None:
            return None, ""
        return best.duplicate_of or best.doc_id, "near-duplicate"


class MemoryFingerprintIndex:
    """An in-memory index, for tests and one-off runs without a database."""

    def __init__(self) -> None:
        self._exact: dict[str, Known] = {}
        self._bands: dict[int, list[Known]] = {}

    def find_exact(self, text_hash: str) -> Known | None:
        return self._exact.get(text_hash)

    def find_candidates(self, band_keys: Sequence[int]) -> Iterable[Known]:
        seen: dict[str, Known] = {}
        for key in band_keys:
            for known in self._bands.get(key, ()):
                seen.setdefault(known.doc_id, known)
        return seen.values()

    def add_fingerprint(self, fingerprint: Fingerprint, duplicate_of: str | None) -> None:
        known = Known(fingerprint.doc_id, fingerprint.signature, duplicate_of)
        self._exact.setdefault(fingerprint.text_hash, known)
        for key in fingerprint.band_keys:
            self._bands.setdefault(key, []).append(known)
