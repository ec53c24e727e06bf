"""One report as the quote finder sees it: text, paragraphs, sentences and mentions.

`Report` is built once per text and only read afterwards. Sentences come from the
spaCy stage; a paragraph that no given sentence covers (or a text given without
sentences) is split by a plain rule, so every position has a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from storyline.quotes.lexicon import WORD, title_words
from storyline.records import Mention, Span

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (then closing quotes or brackets) before white space and a
# capital, digit or opening mark; abbreviations like "U.S." and "Mr." do not end one.
_SENTENCE_END = re.compile(r"[.!?…][\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|vs|etc)\.)$"
)
_CLAUSE_END = re.compile(r"[.!?](?=\s|$)|[\"“”«»„‘;]")
#: A title set off by a comma before a name: "The premier, Aiko Tanabe", "Its director, X".
_APPOSED_TITLE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[\w.\-]+['’]s)\s+((?:[\w.\-]+\s+){0,3}[\w.\-]+),\s+$"
)
PERSON_LABEL = "PERSON"


@dataclass(frozen=True, slots=True)
class Report:
    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]  # sorted, not overlapping
    mentions: tuple[Mention, ...]  # sorted by start, inside the text
    _paragraph_starts: tuple[int, ...]
    _sentence_starts: tuple[int, ...]
    _by_end: Mapping[int, Mention]
    _by_start: Mapping[int, Mention]
    _person_keys: frozenset[str]
    _titles: Mapping[str, tuple[frozenset[str], ...]]
    _entities: Mapping[str, str]

    @classmethod
    def build(cls, text: str, sentences: Sequence[Span], mentions: Sequence[Mention]) -> Report:
        lines = (Span(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip())
        paragraphs = tuple(_strip(text, line) for line in lines)
        spans = _complete_sentences(text, paragraphs, sentences)
        kept = sorted(
            (m for m in mentions if 0 <= m.span.start < m.span.end <= len(text)),
            key=lambda m: (m.span.start, -m.span.end),
        )
        by_end: dict[int, Mention] = {}
        by_start: dict[int, Mention] = {}
        for mention in kept:
            for index, position in ((by_end, mention.span.end), (by_start, mention.span.start)):
                held = index.get(position)
                if held is None or _rank(mention) > _rank(held):
                    index[position] = mention
        person_keys = frozenset(key_of(m.span.of(text)) for m in kept if m.label == PERSON_LABEL)
        titles: dict[str, list[frozenset[str]]] = {}
        entities: dict[str, str] = {}
        for mention in kept:
            key = key_of(mention.span.of(text))
            if mention.title:
                titles.setdefault(key, []).append(title_words(mention.title))
            apposed = _APPOSED_TITLE.search(
                text, max(0, mention.span.start - 60), mention.span.start
            )
            if apposed is not None and title_words(apposed.group(1)):  # "The premier, Aiko Tanabe"
                titles.setdefault(key, []).append(title_words(apposed.group(1)))
            if mention.entity and key in person_keys:
                entities.setdefault(key, mention.entity)
        return cls(
            text=text,
            paragraphs=paragraphs,
            sentences=spans,
            mentions=tuple(kept),
            _paragraph_starts=tuple(p.start for p in paragraphs),
            _sentence_starts=tuple(s.start for s in spans),
            _by_end=MappingProxyType(by_end),
            _by_start=MappingProxyType(by_start),
            _person_keys=person_keys,
            _titles=MappingProxyType({k: tuple(v) for k, v in titles.items()}),
            _entities=MappingProxyType(entities),
        )

    # --- Positions ---------------------------------------------------------------------

    def paragraph_at(self, position: int) -> Span:
        """The paragraph holding `position` (or the gap it falls in, as an empty span)."""
        index = bisect_right(self._paragraph_starts, position) - 1
        if index >= 0 and position <= self.paragraphs[index].end:
            return self.paragraphs[index]
        return Span(position, position)

    def paragraph_index(self, position: int) -> int:
        """The index of the paragraph starting at or before `position` (-1 before the first)."""
        return bisect_right(self._paragraph_starts, position) - 1

    def sentence_at(self, position: int) -> Span:
        """The sentence holding `position`, or the stretch between the sentences around it."""
        paragraph = self.paragraph_at(position)
        index = bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index].end:
            return self.sentences[index]
        left = paragraph.start
        if index >= 0 and self.sentences[index].end > left:
            left = self.sentences[index].end
        right = paragraph.end
        if index + 1 < len(self.sentences) and self.sentences[index + 1].start < right:
            right = self.sentences[index + 1].start
        return Span(min(left, position), max(right, position))

    def sentence_before(self, position: int) -> Span | None:
        """The last sentence ending at or before `position`."""
        index = bisect_right(self._sentence_starts, position) - 1
        while index >= 0 and self.sentences[index].end > position:
            index -= 1
        return self.sentences[index] if index >= 0 else None

    def clause_end(self, start: int, ceiling: int) -> int:
        """Where the words after `start` stop: a sentence end or a double quote mark."""
        for match in _CLAUSE_END.finditer(self.text, start, ceiling):
            if match.group() in ".!?" and _ABBREVIATION.search(
                self.text, max(start, match.start() - 12), match.start() + 1
            ):
                continue
            return match.start()
        return ceiling

    def sentences_in(self, span: Span) -> Iterator[Span]:
        start = max(bisect_right(self._sentence_starts, span.start) - 1, 0)
        for sentence in self.sentences[start:]:
            if sentence.start >= span.end:
                break
            if sentence.end > span.start:
                yield sentence

    # --- Mentions ----------------------------------------------------------------------

    def mention_ending_at(self, end: int) -> Mention | None:
        return self._by_end.get(end)

    def mention_starting_at(self, start: int) -> Mention | None:
        return self._by_start.get(start)

    def is_person(self, mention: Mention) -> bool:
        """A PERSON mention, or one whose name a PERSON mention of this report shares.

        The model labels the same surname PERSON in one sentence and ORG in the next.
        """
        if mention.label == PERSON_LABEL:
            return True
        return key_of(mention.span.of(self.text)) in self._person_keys

    def titles_of(self, mention: Mention) -> tuple[frozenset[str], ...]:
        """Title words this report gives the person: "Blinken" inherits "Secretary of State"."""
        return self._titles.get(key_of(mention.span.of(self.text)), ())

    def entity_for_name(self, name: str) -> str | None:
        """The entity of a person mention with this surname, when one is linked."""
        return self._entities.get(key_of(name))

    def mentions_before(self, position: int) -> Iterator[Mention]:
        """Mentions ending at or before `position`, nearest first."""
        for mention in reversed(self.mentions):
            if mention.span.end <= position:
                yield mention

    def mentions_within(self, span: Span) -> Iterator[Mention]:
        for mention in self.mentions:
            if mention.span.start >= span.end:
                break
            if mention.span.start >= span.start and mention.span.end <= span.end:
                yield mention


def key_of(name: str) -> str:
    """A person key: the last word of the name, lower-cased ("Antony Blinken" -> "blinken")."""
    words = WORD.findall(name)
    return words[-1].lower() if words else name.lower()


def inside(position: int, spans: Iterable[Span]) -> bool:
    return any(span.start <= position < span.end for span in spans)


def _rank(mention: Mention) -> tuple[bool, int]:
    return (mention.label == PERSON_LABEL, len(mention.span))


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _complete_sentences(
    text: str, paragraphs: Sequence[Span], given: Sequence[Span]
) -> tuple[Span, ...]:
    """Given sentences inside the text, plus rule-split sentences for uncovered paragraphs."""
    spans = sorted({s for s in given if 0 <= s.start < s.end <= len(text)})
    kept: list[Span] = []
    for span in spans:  # drop overlaps: the model's sentences never should, but be safe
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    starts = [s.start for s in kept]
    for paragraph in paragraphs:
        index = bisect_right(starts, paragraph.end) - 1
        if index >= 0 and kept[index].end > paragraph.start:
            continue
        kept.extend(split_sentences(text, paragraph))
    return tuple(sorted(kept))


def split_sentences(text: str, paragraph: Span) -> Iterator[Span]:
    """Sentences of one paragraph by punctuation, for text without model sentences."""
    start = paragraph.start
    for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        if _ABBREVIATION.search(text, max(start, match.start() - 12), match.start() + 1):
            continue
        end = match.end()
        if end > start:
            yield _strip(text, Span(start, end))
        start = end
    if start < paragraph.end:
        rest = _strip(text, Span(start, paragraph.end))
        if len(rest):
            yield rest
