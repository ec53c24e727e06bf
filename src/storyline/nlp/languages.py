"""Reports not in English: the analysers that read Japanese, Chinese and Korean originals.

Each language has an analyser (`Analyser`): from a report's clean text it gives the
sentences and the names of people, places and organisations, as character spans into
that text, the way the English spaCy stage does. The models come inside the packages of
the `cjk` extra (`pip install 'storyline[cjk]'`: GiNZA with ja-ginza, jieba, kiwipiepy
with kiwipiepy-model); nothing is downloaded at run time. Without them `analyser_for`
gives None, and such a report is stored and flagged as before.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from storyline.records import Span

#: Labels an analyser may give a name (the English stage's, so the linker reads them alike).
NAME_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

#: language code -> module whose `ANALYSER` builds the analyser (imported on first use).
_MODULES: dict[str, str] = {
    "ja": "storyline.nlp.japanese",
    "zh": "storyline.nlp.chinese",
    "ko": "storyline.nlp.korean",
}


@dataclass(frozen=True, slots=True)
class LanguageAnalysis:
    """What an analyser reads in one text: sentence spans, (span, label) names, and the
    titles written with a person's name, as (the name's span, title) pairs."""

    sentences: tuple[Span, ...]
    names: tuple[tuple[Span, str], ...]  # label in NAME_LABELS
    titles: tuple[tuple[Span, str], ...] = ()


class Analyser(Protocol):
    """Reads texts of one language."""

    language: str

    def analyse(self, text: str) -> LanguageAnalysis: ...


@cache
def analyser_for(language: str | None) -> Analyser | None:
    """The analyser of `language`, built once per process; None when storyline has none
    for it or its packages are not installed."""
    module_name = _MODULES.get(language or "")
    if module_name is None:
        return None
    try:
        module = importlib.import_module(module_name)
        analyser: Analyser = module.make_analyser()
        return analyser
    except ImportError:
        return None


def stripped_span(text: str, start: int, end: int) -> Span | None:
    """`[start, end)` of `text` without white space at either edge (full-width spaces
    included); None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def sentence_around(sentences: Sequence[Span], span: Span, text: str) -> Span:
    """The sentences of `sentences` covering `span` as one span (several when `span`
    crosses them, a quotation for one), or its line of `text` when none covers it."""
    covering = [s for s in sentences if s.start < span.end and span.start < s.end]
    if covering:
        return Span(min(s.start for s in covering), max(s.end for s in covering))
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    return Span(line_start, len(text) if line_end < 0 else line_end)
