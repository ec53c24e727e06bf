"""Quotations and who said them: direct and indirect speech, tied to speakers.

    from storyline.quotes import QuoteStage, find_quotes

`find_quotes(text, sentences, mentions, spacy_doc=None)` returns `Quote` records
(span, kind "direct" | "indirect", speaker span and entity, cue); `QuoteStage`
(`quotes.attribute.v1`) runs it in the pipeline. See docs/quotes.md.
"""

from storyline.quotes.find import STAGE, find_quotes
from storyline.quotes.stage import QuoteStage

__all__ = ["STAGE", "QuoteStage", "find_quotes"]
