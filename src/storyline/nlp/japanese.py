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

The recogniser errs in two ways on news about people, which the part of speech of
SudachiPy (GiNZA's tokenizer; every token's `tag_`) and the words around a name mend:

* it cuts a full name in two (茂木 Person / 敏充 Government): a family name followed
  by given-name tokens (名詞-固有名詞-人名-姓, then -名) is one person's name;
* it reads a foreign person's name as a place (ブリンケン as a Country): a name is a
  person's when Sudachi reads all its words as people's names, when the knowledge
  base knows it as a person's name (`native_names`), or when a title or honorific
  follows it (ブリンケン国務長官, `japanese_titles`) and Sudachi knows none of its
  words as a place or an organisation (so 米国大統領 keeps 米国 a country). A person's
  name Sudachi knows but the recogniser folded into a title (王毅外相, one
  Position_Vocation) is read the same way, and so is a name the recogniser left out
  that the knowledge base knows as a person's, with a title or honorific after it.

The title after a person's name is returned with it (`LanguageAnalysis.titles`), so
"茂木外相" links as "Foreign Minister Motegi" does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from storyline.nlp.japanese_titles import person_sign_after, title_after
from storyline.nlp.languages import NAME_LABELS, LanguageAnalysis, stripped_span
from storyline.nlp.native_names import (
    JAPANESE_COUNTRY_CHARACTERS,
    JAPANESE_REGION_WORDS,
    country_compound,
    kb_names,
)
from storyline.records import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Tokens

MODEL = "ja_ginza"
#: GiNZA components a name reader does not use (the recogniser needs only tok2vec).
_UNUSED = ("parser", "morphologizer", "compound_splitter", "bunsetu_recognizer")

#: Where GiNZA's table differs from what the English model calls the same names: it
#: maps international organisations and parties to NORP, the English model reads
#: "NATO", "the United Nations", "the Liberal Democratic Party" as ORG.
_AS_ENGLISH = {"International_Organization": "ORG", "Political_Party": "ORG"}

#: Sudachi's parts of speech of people's names, and of the names that are no person's.
_PERSON_POS = "名詞-固有名詞-人名"
_FAMILY_POS = "名詞-固有名詞-人名-姓"
_GIVEN_POS = "名詞-固有名詞-人名-名"
_NOT_PERSON_POS = ("名詞-固有名詞-地名", "名詞-固有名詞-組織名")
_COUNTRY_POS = "名詞-固有名詞-地名-国"
#: The labels of places, which the recogniser gives foreign people's names (ブリンケン).
_PLACE_LABELS = frozenset({"GPE", "LOC"})

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
        return _analysis(text, names)

    def read(self, text: str, parsed: Doc) -> LanguageAnalysis:
        """The analysis of `text` from its GiNZA parse `parsed` (a spaCy Doc)."""
        return _analysis(text, _names(text, parsed, 0))


def _analysis(text: str, names: list[tuple[Span, str]]) -> LanguageAnalysis:
    """Sentences, names, and the title written right after each person's name."""
    names = [split for span, label in names for split in _countries_of(text, span, label)]
    titles = []
    for span, label in names:
        title = title_after(text, span.end) if label == "PERSON" else None
        if title is not None:
            titles.append((span, title))
    return LanguageAnalysis(sentence_spans(text), tuple(names), tuple(titles))


def _countries_of(text: str, span: Span, label: str) -> list[tuple[Span, str]]:
    """A place name that joins one-character country forms ("日米", "米中", "日米韓") as
    the countries it names, one GPE per character; any other name as it is."""
    written = span.of(text)
    if label not in _PLACE_LABELS or len(written) > 4 or written in JAPANESE_REGION_WORDS:
        return [(span, label)]
    countries = country_compound(text, span, JAPANESE_COUNTRY_CHARACTERS)
    return [(country, "GPE") for country in countries] or [(span, label)]


_Name = tuple[int, int, str]  # token start, token end, label


def _names(text: str, parsed: Doc, offset: int) -> list[tuple[Span, str]]:
    """The names of a parse of `text[offset:...]`, as spans into `text`: the
    recogniser's, mended as the module says."""
    piece = parsed.text  # Doc.text joins every token: read it once per parse
    found: list[_Name] = []
    for ent in parsed.ents:
        label = name_label(ent.label_)
        if label is not None:
            tokens = parsed[ent.start : ent.end]
            found.append((ent.start, ent.end, _person_or(label, tokens, piece)))
    people = _person_runs(parsed, piece, found)
    kept = [n for n in found if not any(_overlap(n, p) for p in people)]
    names = []
    for start, end, label in sorted(kept + people):
        span = stripped_span(
            text, offset + parsed[start].idx, offset + parsed[end - 1].idx + len(parsed[end - 1])
        )
        if span is not None:
            names.append((span, label))
    return names


def _person_or(label: str, tokens: Tokens, text: str) -> str:
    """PERSON for a name labelled a place that the words in and after it say is a
    person's, GPE for a "person" Sudachi knows as a country with a title after it
    (ブラジル大統領 is Brazil's president); `label` else. (Organisations keep their
    label: a company named after its founder, ディズニー, is read as a person's name by
    Sudachi, and 行政自治部長官 has a title after an organisation.) `text`: the parse's."""
    last = tokens[-1]
    titled = person_sign_after(text, last.idx + len(last))
    if label == "PERSON":
        country = all(t.tag_.startswith(_COUNTRY_POS) for t in tokens)
        return "GPE" if country and titled else label
    if label not in _PLACE_LABELS:
        return label
    if all(t.tag_.startswith(_PERSON_POS) for t in tokens):
        return "PERSON"
    if kb_names("japanese").get(tokens.text) == "PERSON":
        return "PERSON"
    known_otherwise = any(t.tag_.startswith(_NOT_PERSON_POS) for t in tokens)
    # One character before a title is a country's short name (米国務長官, 英首相).
    if titled and not known_otherwise and len(tokens.text) > 1:
        return "PERSON"
    return label


def _person_runs(parsed: Doc, text: str, found: Sequence[_Name]) -> list[_Name]:
    """Token ranges Sudachi reads as one person's name where the recogniser's names
    do not: a family name followed by given-name tokens (茂木 Person + 敏充 Government,
    or names the recogniser missed), or people's-name tokens followed by a title that
    the recogniser read as no name or as part of a title (王毅外相). A person the
    recogniser found whole (アル・ゴア) stays as it is. `text`: the parse's."""
    persons = [n for n in found if n[2] == "PERSON"]
    runs = []
    start = 0
    while start < len(parsed):
        end = start
        while end < len(parsed) and parsed[end].tag_.startswith(_PERSON_POS):
            if end > start and not _touching(parsed[end - 1], parsed[end]):
                break
            end += 1
        run = (start, end, "PERSON")
        cut = any(_overlap(run, p) and not _within(p, run) for p in persons)
        if (
            end > start
            and not cut
            and (
                _is_full_name(parsed[start:end])
                or (_one_name(parsed[start:end]) and _titled(parsed, text, end))
            )
        ):
            runs.append(run)
        start = max(end, start + 1)
    taken = {i for ent in parsed.ents for i in range(ent.start, ent.end)}
    taken |= {i for start, end, _ in runs for i in range(start, end)}
    return runs + _known_people(parsed, text, taken)


#: The most tokens a person's name the knowledge base knows is looked for in (アントニー,
#: ・, ブリンケン).
_KNOWN_TOKENS = 3


def _known_people(parsed: Doc, text: str, taken: set[int]) -> list[_Name]:
    """Token ranges the recogniser left out that the knowledge base knows as a person's
    name and a title or an honorific follows (ブリンケン国務長官 where GiNZA saw only the
    title)."""
    known = kb_names("japanese")
    runs: list[_Name] = []
    for start in range(len(parsed)):
        if start in taken or (runs and start < runs[-1][1]):
            continue
        for end in range(min(len(parsed), start + _KNOWN_TOKENS), start, -1):
            tokens = parsed[start:end]
            if any(i in taken for i in range(start, end)) or not all(
                _touching(a, b) for a, b in zip(tokens, tokens[1:], strict=False)
            ):
                continue
            if known.get(tokens.text) != "PERSON":
                continue
            last = parsed[end - 1]
            if person_sign_after(text, last.idx + len(last)):
                runs.append((start, end, "PERSON"))
                break
    return runs


def _touching(before: Token, after: Token) -> bool:
    """Whether `after` follows `before` with no space between."""
    return before.idx + len(before) == after.idx


def _is_full_name(tokens: Tokens) -> bool:
    return (
        len(tokens) >= 2
        and tokens[0].tag_ == _FAMILY_POS
        and all(t.tag_ == _GIVEN_POS for t in tokens[1:])
    )


def _one_name(tokens: Tokens) -> bool:
    """Whether name tokens can be one person's name: at most one family name, first
    (岸田文雄岸田文雄 is two names side by side, not one)."""
    families = [i for i, token in enumerate(tokens) if token.tag_ == _FAMILY_POS]
    return families in ([], [0])


def _titled(parsed: Doc, text: str, end: int) -> bool:
    """Whether a title word starts right where token `end - 1` ends (`text`: the parse's)."""
    last = parsed[end - 1]
    return title_after(text, last.idx + len(last)) is not None


def _overlap(a: _Name, b: _Name) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _within(inner: _Name, outer: _Name) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


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
