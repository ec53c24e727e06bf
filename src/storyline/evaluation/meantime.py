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

from storyline.evaluation.catxml import read_cat
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
    cat = read_cat(path, sentence_break="\n", raw_tokens=True)
    text = cat.text
    tokens = cat.token_index
    timexes: list[GoldTimex] = []
    dct: date | None = None
    dct_span: Span | None = None
    last_sentence = 0
    for markable in cat.markables:
        places = [tokens[i] for i in markable.tokens if i in tokens]
        span = (
            Span(min(t.span.start for t in places), max(t.span.end for t in places))
            if places
            else None
        )
        if markable.tag == "TIMEX3" and markable.attribute("functionInDocument") == "CREATION_TIME":
            dct = _iso_date(markable.attribute("value") or "") or dct
            dct_span = span or dct_span
            continue
        if span is None:
            continue
        last_sentence = max(last_sentence, *(t.sentence for t in places))
        if markable.tag != "TIMEX3":
            continue
        timexes.append(
            GoldTimex(
                span,
                span.of(text),
                markable.attribute("type") or "",
                markable.attribute("value") or "",
            )
        )
    if dct is None:
        dct, dct_span, timexes = _date_line(text, timexes)
    if dct is None:
        dct, dct_span = _unannotated_date_line(text)
    annotated_end = max((t.span.end for t in cat.tokens if t.sentence <= last_sentence), default=0)
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
