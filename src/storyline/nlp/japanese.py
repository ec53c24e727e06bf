"""Japanese originals read with GiNZA (`ja_ginza`): sentences and the names in them.

GiNZA's named-entity recogniser gives the fine-grained labels of Sekine's Extended
Named Entity hierarchy ("Person", "Province", "City", "Country", "Company",
"Government", ...); GiNZA's own table maps them to the OntoNotes labels the English
stage uses (the organisations it calls NORP are ORG, as the English model reads them),
and only the labels of names (`languages.NAME_LABELS`) are kept. GiNZA
keeps the text as given (its tokens index the original string), so the spans index
the report's text even where it mixes full-width and half-width forms.

Only the tokenizer and the recogniser run: sentences come from the sentence-ending
marks of Japanese (。！？ and their ASCII forms) and from line breaks, which is what
GiNZA's dependency parser would mostly find, at no cost.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp.languages import NAME_LABELS, LanguageAnalysis, stripped_span
from storyline.records import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "ja_ginza"
#: GiNZA components a name reader does not use (the recogniser needs only tok2vec).
_UNUSED = ("parser", "morphologizer", "compound_splitter", "bunsetu_recognizer")

#: Where GiNZA's table differs from what the English model calls the same names: it
#: maps international organisations and parties to NORP, the English model reads
#: "NATO", "the United Nations", "the Liberal Democratic Party" as ORG.
_AS_ENGLISH = {"International_Organization": "ORG", "Political_Party": "ORG"}

_ENDINGS = frozenset("。．！？!?")
_OPENING = frozenset("「『（(【")
_CLOSING = frozenset("」』）)】")


class JapaneseAnalyser:
    """Sentences and names of Japanese text, with GiNZA's recogniser."""

    language = "ja"

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def analyse(self, text: str) -> LanguageAnalysis:
        names: list[tuple[Span, str]] = []
        for start, piece in pieces(text):
            names += _names(text, self.nlp(piece), start)
        return LanguageAnalysis(sentence_spans(text), tuple(names))

    def read(self, text: str, parsed: Doc) -> LanguageAnalysis:
        """The analysis of `text` from its GiNZA parse `parsed` (a spaCy Doc)."""
        return LanguageAnalysis(sentence_spans(text), tuple(_names(text, parsed, 0)))


def _names(text: str, parsed: Doc, offset: int) -> list[tuple[Span, str]]:
    """The names of a parse of `text[offset:...]`, as spans into `text`."""
    names = []
    for ent in parsed.ents:
        label = name_label(ent.label_)
        if label is not None:
            span = stripped_span(text, offset + ent.start_char, offset + ent.end_char)
            if span is not None:
                names.append((span, label))
    return names


#: GiNZA's tokenizer (Sudachi) refuses an input of more than 49,149 bytes; a longer text is
#: read in pieces of at most this many characters (4 bytes each at most), cut at a line
#: break, else after a sentence's end, else anywhere, and never inside a name it keeps.
PIECE_CHARS = 10_000


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """`text` as (offset, piece) parts of at most `size` characters, in order."""
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            window = text[start + size // 2 : end]
            cut = window.rfind("\n")
            if cut < 0:
                cut = max(window.rfind(mark) for mark in _ENDINGS)
            if cut >= 0:
                end = start + size // 2 + cut + 1
        out.append((start, text[start:end]))
        start = end
    return out


@cache
def _label_table() -> dict[str, str]:
    from ginza.ene_ontonotes_mapper import ENE_ONTONOTES_MAPPING

    return {**ENE_ONTONOTES_MAPPING, **_AS_ENGLISH}


def name_label(ene_label: str) -> str | None:
    """The protocol's label of one of GiNZA's labels; None for what is no name."""
    label = _label_table().get(ene_label, ene_label)
    return label if label in NAME_LABELS else None


def sentence_spans(text: str) -> tuple[Span, ...]:
    """The sentences of Japanese `text`, without surrounding white space.

    A sentence ends after a run of ending marks outside brackets (a quotation
    「…。」と述べた goes on after its own 。) and at every line break.
    """
    spans: list[Span] = []
    start, depth = 0, 0
    for position, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        following = text[position + 1 : position + 2]
        ends_run = char in _ENDINGS and depth == 0 and following not in _ENDINGS
        if char == "\n" or ends_run:
            span = stripped_span(text, start, position + (char != "\n"))
            if span is not None:
                spans.append(span)
            start, depth = position + 1, 0
    span = stripped_span(text, start, len(text))
    if span is not None:
        spans.append(span)
    return tuple(spans)


@cache
def load_ginza() -> Language:
    """The GiNZA pipeline with only the tokenizer and recogniser, loaded once per process."""
    import spacy

    return spacy.load(MODEL, exclude=list(_UNUSED))


def make_analyser() -> JapaneseAnalyser:
    """The Japanese analyser (raises ImportError when GiNZA or `ja_ginza` is missing)."""
    try:
        nlp = load_ginza()
    except OSError as exc:  # spaCy's way of saying the model package is not installed
        raise ImportError(f"{MODEL} is not installed: {exc}") from exc
    return JapaneseAnalyser(nlp)
