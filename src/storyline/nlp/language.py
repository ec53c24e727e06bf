"""Language identification, so non-English reports are flagged, not mis-parsed."""

from __future__ import annotations

from typing import ClassVar

from storyline.pipeline import Stage
from storyline.records import Document

# Enough text to decide; identification cost grows with length.
_SAMPLE_CHARS = 3000


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text with no letters."""
    import py3langid

    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    code, _score = py3langid.classify(sample)
    return str(code)


class LanguageStage(Stage):
    """Sets `Document.language`; flags reports not in English."""

    name: ClassVar[str] = "nlp.language.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    adds: ClassVar[frozenset[str]] = frozenset({"language"})

    def __call__(self, doc: Document) -> Document:
        language = identify_language(doc.text)
        flags = doc.flags if language == "en" else doc.flagged(f"language:{language or 'unknown'}")
        return doc.evolve(self.name, language=language, flags=flags)
