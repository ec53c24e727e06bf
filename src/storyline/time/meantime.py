"""Reading MEANTIME (NewsReader CAT XML) as text, a creation date and gold TIMEX3s.

A CAT document is a list of `<token t_id sentence number>` elements, then
`<Markables>` whose children point at tokens. The text is rebuilt as the
tokens joined by spaces, one sentence per line, and every gold span is turned
into character offsets in that text. The TIMEX3 marked
`functionInDocument="CREATION_TIME"` is the document's date (DCT): it is kept
apart, since it is metadata and not something a tagger should be scored on.

MEANTIME annotates only the first sentences of each article (title, date line
and the opening paragraph); `annotated_end` is the offset where the annotated
part stops (after the last sentence holding any markable), so predictions
beyond it are neither right nor wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from storyline.records import Span


@dataclass(frozen=True, slots=True)
class GoldTimex:
    span: Span
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    topic: str
    text: str
    dct: date | None
    dct_span: Span | None
    annotated_end: int
    timexes: tuple[GoldTimex, ...]


def read_corpus(root: Path) -> Iterator[GoldDocument]:
    """Every document under `root` (the folder of `corpus_*` folders), sorted by path.

    `root` may be MEANTIME's top folder, its `intra-doc_annotation` folder or one topic.
    """
    if (root / "intra-doc_annotation").is_dir():
        root = root / "intra-doc_annotation"
    for path in sorted(root.rglob("*.xml")):
        yield read_document(path)


def read_document(path: Path) -> GoldDocument:
    tree = etree.parse(str(path))
    root = tree.getroot()
    offsets: dict[str, tuple[int, int, int]] = {}  # t_id -> (start, end, sentence)
    pieces: list[str] = []
    position = 0
    current_sentence: int | None = None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        word = token.text or ""
        if current_sentence is not None:
            separator = " " if sentence == current_sentence else "\n"
            pieces.append(separator)
            position += 1
        current_sentence = sentence
        offsets[token.get("t_id", "")] = (position, position + len(word), sentence)
        pieces.append(word)
        position += len(word)
    text = "".join(pieces)
    timexes: list[GoldTimex] = []
    dct: date | None = None
    dct_span: Span | None = None
    last_sentence = 0
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        ids = [a.get("t_id", "") for a in markable.iter("token_anchor")]
        places = [offsets[i] for i in ids if i in offsets]
        if markable.tag == "TIMEX3" and markable.get("functionInDocument") == "CREATION_TIME":
            dct = _iso_date(markable.get("value", "")) or dct
            if places:
                dct_span = Span(min(p[0] for p in places), max(p[1] for p in places))
            continue
        if not places:
            continue
        last_sentence = max(last_sentence, *(p[2] for p in places))
        if markable.tag != "TIMEX3":
            continue
        span = Span(min(p[0] for p in places), max(p[1] for p in places))
        timexes.append(
            GoldTimex(span, span.of(text), markable.get("type", ""), markable.get("value", ""))
        )
    if dct is None:
        dct, dct_span, timexes = _date_line(text, timexes)
    if dct is None:
        dct, dct_span = _unannotated_date_line(text)
    annotated_end = max((end for _, end, s in offsets.values() if s <= last_sentence), default=0)
    return GoldDocument(
        name=path.stem,
        topic=path.parent.name.removeprefix("corpus_"),
        text=text,
        dct=dct,
        dct_span=dct_span,
        annotated_end=annotated_end,
        timexes=tuple(sorted(timexes, key=lambda t: t.span)),
    )


def _date_line(
    text: str, timexes: list[GoldTimex]
) -> tuple[date | None, Span | None, list[GoldTimex]]:
    """The creation time of a document whose date line was annotated as an ordinary
    TIMEX3 (three MEANTIME documents): the full date that is a whole line by itself
    among the first lines. It is the DCT, and so left out of scoring like the others."""
    for timex in timexes:
        line_start = text.rfind("\n", 0, timex.span.start) + 1
        line_end = text.find("\n", timex.span.end)
        whole_line = timex.span.start == line_start and timex.span.end == line_end
        if whole_line and text.count("\n", 0, line_start) <= 2 and (day := _iso_date(timex.value)):
            return day, timex.span, [t for t in timexes if t is not timex]
    return None, None, timexes


def _unannotated_date_line(text: str) -> tuple[date | None, Span | None]:
    """A MEANTIME date line (the second line) that carries no TIMEX3 at all."""
    from storyline.time.tagger import tag_time

    start = text.find("\n") + 1
    end = text.find("\n", start)
    line = text[start:end]
    found = tag_time(line, None)
    whole = len(found) == 1 and len(found[0].span) >= len(line.strip()) - 1
    if whole and (day := _iso_date(found[0].value)):
        return day, Span(start + found[0].span.start, start + found[0].span.end)
    return None, None


def _iso_date(value: str) -> date | None:
    if len(value) != 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
