"""The pipeline stage that attributes quotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from storyline.pipeline import Stage
from storyline.quotes import cjk
from storyline.quotes.find import STAGE, find_quotes
from storyline.records import Document

if TYPE_CHECKING:
    from spacy.language import Language


class QuoteStage(Stage):
    """Direct and indirect speech of every English, non-duplicate report; direct
    quotations of Japanese, Chinese and Korean ones (`storyline.quotes.cjk`).

    It works from the text, sentences and mentions of the spaCy stage. Given `nlp`,
    it also parses each report and adds indirect speech found from dependencies
    (slower: the spaCy stage does not keep its parse). Run it after the entity
    stage so that speakers carry their linked entity.
    """

    name: ClassVar[str] = STAGE
    needs: ClassVar[frozenset[str]] = frozenset({"sentences", "mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"quotes"})

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp

    def wants(self, doc: Document) -> bool:
        language = doc.language
        return not doc.is_duplicate and (language in (None, "en") or language in cjk.LANGUAGES)

    def __call__(self, doc: Document) -> Document:
        if not self.wants(doc):
            return doc
        if doc.language in cjk.LANGUAGES:  # bracketed quotations with their own cues
            return doc.evolve(self.name, quotes=cjk.find_quotes(doc))
        parse = self.nlp(doc.text) if self.nlp is not None else None
        quotes = find_quotes(
            doc.text, [s.span for s in doc.sentences], doc.mentions, spacy_doc=parse
        )
        return doc.evolve(self.name, quotes=quotes)
