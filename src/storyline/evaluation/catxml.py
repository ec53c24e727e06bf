"""Reading CAT XML (ECB+, MEANTIME) into text with character offsets.

CAT XML lists `<token t_id sentence number>` elements, then `<Markables>`
whose children point at tokens (`<token_anchor t_id>`), then `<Relations>`
linking markables by `m_id`. The text is the tokens joined by single spaces,
sentence after sentence (`sentence_break` between sentences: a space for the
event evaluation, which parses the very same tokens; a newline for the time
and entity evaluations), so a token's offsets are known exactly. The one
reader of the format for every evaluation.
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
    id: str = ""  # the file's `doc_id`, else its name

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


def read_cat(
    path: Path,
    *,
    drop_sentence: frozenset[int] = frozenset(),
    sentence_break: str = " ",
    raw_tokens: bool = False,
) -> CatDocument:
    """The document at `path`; sentences numbered in `drop_sentence` are left out of the text.

    Tokens are stripped and an empty one written "_" (a parse needs a word there),
    unless `raw_tokens` keeps them as the file has them.
    """
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
        if not raw_tokens:
            text = text.strip() or "_"
        if current is not None:
            if sentence != current:
                sentences.append(Span(sentence_start, position))
                parts.append(sentence_break)
                position += len(sentence_break)
                sentence_start = position
            else:
                parts.append(" ")
                position += 1
        current = sentence
        tokens.append(Token(token_id, sentence, text, Span(position, position + len(text))))
        parts.append(text)
        position += len(text)
    if current is not None:
        sentences.append(Span(sentence_start, position))
    markables = tuple(_markables(root))
    relations = tuple(_relations(root))
    name = root.get("doc_name") or path.stem
    return CatDocument(
        name, "".join(parts), tuple(tokens), tuple(sentences), markables, relations,
        root.get("doc_id") or path.stem,
    )  # fmt: skip


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
