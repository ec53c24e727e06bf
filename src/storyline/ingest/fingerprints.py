"""The duplicate detector's index during one ingest: the store's, and this run's reports in flight.

A report's fingerprint is written to the store with the report itself, in the
same transaction, so a run killed half-way leaves no fingerprint of a report it
did not store. Until then it is held here, so that a later report of the same
run is still compared with it; once its report is written, it moves to the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.clean.dedup import Fingerprint, FingerprintIndex, Known


class RunFingerprints:
    """A `FingerprintIndex`: the stored fingerprints and those of this run's reports."""

    def __init__(self, stored: FingerprintIndex) -> None:
        self.stored = stored
        self._held: dict[str, tuple[Fingerprint, str | None]] = {}
        self._by_hash: dict[str, list[str]] = {}
        self._by_band: dict[int, set[str]] = {}

    def find_exact(self, text_hash: str) -> Known | None:
        known = self.stored.find_exact(text_hash)
        if known is not None:
            return known
        for doc_id in self._by_hash.get(text_hash, ()):
            print_, duplicate_of = self._held[doc_id]
            return Known(doc_id, print_.signature, duplicate_of)
        return None

    def find_candidates(self, band_keys: Sequence[int]) -> Iterable[Known]:
        found = {known.doc_id: known for known in self.stored.find_candidates(band_keys)}
        for key in band_keys:
            for doc_id in self._by_band.get(key, ()):
                if doc_id not in found:
                    print_, duplicate_of = self._held[doc_id]
                    found[doc_id] = Known(doc_id, print_.signature, duplicate_of)
        return [found[doc_id] for doc_id in sorted(found)]

    def add_fingerprint(self, fingerprint: Fingerprint, duplicate_of: str | None) -> None:
        self.release(fingerprint.doc_id)
        self._held[fingerprint.doc_id] = (fingerprint, duplicate_of)
        self._by_hash.setdefault(fingerprint.text_hash, []).append(fingerprint.doc_id)
        for key in fingerprint.band_keys:
            self._by_band.setdefault(key, set()).add(fingerprint.doc_id)

    def held(self, doc_id: str) -> tuple[Fingerprint, str | None] | None:
        """The fingerprint of a report of this run not yet written, with its original."""
        return self._held.get(doc_id)

    def release(self, doc_id: str) -> None:
        """Forget `doc_id` (its report and fingerprint are now in the store)."""
        entry = self._held.pop(doc_id, None)
        if entry is None:
            return
        print_ = entry[0]
        ids = self._by_hash.get(print_.text_hash, [])
        if doc_id in ids:
            ids.remove(doc_id)
        if not ids:
            self._by_hash.pop(print_.text_hash, None)
        for key in print_.band_keys:
            members = self._by_band.get(key)
            if members is not None:
                members.discard(doc_id)
                if not members:
                    del self._by_band[key]
