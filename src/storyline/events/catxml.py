"""Reading CAT XML (ECB+, MEANTIME) into text with character offsets.

CAT XML lists `<token t_id sentence number>` elements, then `<Markables>`
whose children point at tokens (`<token_anchor t_id>`), then `<Relations>`
linking markables by `m_id`. The text is the tokens joined by single spaces,
sentence after sentence (one space between sentences too), so a token's
offsets are known exactly and a parse can be built on the very same tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from storyline.records import Span


@dataclass(frozen=True, slots=True)
class Token:
    id: str
    sentence: int
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Markable:
    id: str
    tag: str
    tokens: tuple[str, ...]  # token ids, in text order
    attributes: tuple[tuple[str, str], ...]

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True, slots=True)
class Relation:
    tag: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True, slots=True)
class CatDocument:
    name: str
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Span, ...]
    markables: tuple[Markable, ...]
    relations: tuple[Relation, ...]

    def span_of(self, markable: Markable) -> Span | None:
        """The character span from the markable's first to its last token."""
        by_id = self.token_index
        spans = [by_id[t].span for t in markable.tokens if t in by_id]
        if not spans:
            return None
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    @property
    def token_index(self) -> dict[str, Token]:
        return {t.id: t for t in self.tokens}


def read_cat(path: Path, *, drop_sentence: frozenset[int] = frozenset()) -> CatDocument:
    """The document at `path`; sentences numbered in `drop_sentence` are left out of the text."""
    root = etree.parse(str(path)).getroot()
    raw = [
        (element.get("t_id", ""), int(element.get("sentence", "0")), element.text or "")
        for element in root.iter("token")
    ]
    raw = [r for r in raw if r[1] not in drop_sentence]
    tokens: list[Token] = []
    sentences: list[Span] = []
    parts: list[str] = []
    position = 0
    current: int | None = None
    sentence_start = 0
    for token_id, sentence, text in raw:
        text = text.strip() or "_"
        if current is not None and sentence != current:
            sentences.append(Span(sentence_start, position - 1))
            sentence_start = position
        current = sentence
        tokens.append(Token(token_id, sentence, text, Span(position, position + len(text))))
        parts.append(text)
        position += len(text) + 1
    if current is not None:
        sentences.append(Span(sentence_start, position - 1))
    markables = tuple(_markables(root))
    relations = tuple(_relations(root))
    name = root.get("doc_name") or path.stem
    return CatDocument(name, " ".join(parts), tuple(tokens), tuple(sentences), markables, relations)


def _markables(root: etree._Element) -> list[Markable]:
    block = root.find("Markables")
    if block is None:
        return []
    out = []
    for element in block:
        if not isinstance(element.tag, str):
            continue
        anchors = tuple(a.get("t_id", "") for a in element.iter("token_anchor"))
        attributes = tuple(sorted((k, v) for k, v in element.attrib.items() if k != "m_id"))
        out.append(Markable(element.get("m_id", ""), element.tag, anchors, attributes))
    return out


def _relations(root: etree._Element) -> list[Relation]:
    block = root.find("Relations")
    if block is None:
        return []
    out = []
    for element in block:
        if not isinstance(element.tag, str):
            continue
        sources = tuple(s.get("m_id", "") for s in element.iter("source"))
        targets = tuple(t.get("m_id", "") for t in element.iter("target"))
        attributes = tuple(sorted((k, v) for k, v in element.attrib.items()))
        out.append(Relation(element.tag, sources, targets, attributes))
    return out


def url_sentences(path: Path) -> frozenset[int]:
    """Sentence numbers that are only a web address (ECB+ gives some reports their URL)."""
    root = etree.parse(str(path)).getroot()
    words: dict[int, list[str]] = {}
    for element in root.iter("token"):
        words.setdefault(int(element.get("sentence", "0")), []).append(element.text or "")
    return frozenset(
        number
        for number, tokens in words.items()
        if "".join(tokens[:4]).startswith(("http:", "https:", "www."))
    )
