"""TempEval-3 TimeML in and out: read a .tml file's DCT and TEXT, write TIMEX3 tags back.

The file is never parsed and re-serialised as XML, which would change quoting,
attribute order and white space: the output is the input string with
`<TIMEX3 tid type value [mod]>` tags inserted inside `<TEXT>`, so that once
tags are stripped TEXT is byte-for-byte what it was and the official
TempEval-3 scorer can align the two.

Inside TEXT, tags that are already there (an `<EVENT>`, a gold `<TIMEX3>`)
and character references (`&amp;`) are mapped out of the plain text the
tagger reads; gold TIMEX3 tags are removed (the file is being re-tagged), and
an expression that would cross another tag's boundary is left out rather than
produce malformed XML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from storyline.records import TimeExpression
from storyline.time.tagger import full_date, tag_time

_TEXT = re.compile(r"(<TEXT\b[^>]*>)(.*?)(</TEXT>)", re.S)
_DCT = re.compile(r"<DCT\b[^>]*>(.*?)</DCT>", re.S)
_TIMEX_OPEN = re.compile(r"<TIMEX3\b([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*("[^"]*"|\'[^\']*\')')
_PIECE = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]", re.S)
_TID = re.compile(r'\btid\s*=\s*["\']t(\d+)["\']')
_GOLD_TIMEX_TAG = re.compile(r"</?TIMEX3\b[^>]*>")


@dataclass(frozen=True, slots=True)
class TextView:
    """The plain text of a TEXT element and where each of its characters sits in the raw XML."""

    plain: str
    starts: tuple[int, ...]  # raw offset where plain character i begins
    ends: tuple[int, ...]  # raw offset just after plain character i

    @classmethod
    def of(cls, raw: str) -> TextView:
        plain: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for piece in _PIECE.finditer(raw):
            chunk = piece.group(0)
            if chunk.startswith("<") and len(chunk) > 1:
                continue  # a tag: not text
            if chunk.startswith("&") and len(chunk) > 1:
                # A reference may stand for two characters ("&NotEqualTilde;") or stay
                # as written when unknown ("&foo;"): each of them maps to the whole of it.
                for char in html.unescape(chunk):
                    plain.append(char)
                    starts.append(piece.start())
                    ends.append(piece.end())
                continue
            for offset, char in enumerate(chunk):
                plain.append(char)
                starts.append(piece.start() + offset)
                ends.append(piece.start() + offset + 1)
        return cls("".join(plain), tuple(starts), tuple(ends))


def document_creation_time(document: str) -> date | None:
    """The DCT of a TimeML document: the value of the TIMEX3 inside <DCT>, when a full date."""
    found = _DCT.search(document)
    if found is None:
        return None
    opening = _TIMEX_OPEN.search(found.group(1))
    if opening is None:
        return None
    attributes = {k: v[1:-1] for k, v in _ATTRIBUTE.findall(opening.group(1))}
    return full_date(attributes.get("value", "")[:10])


def strip_tags(fragment: str) -> str:
    """The text of an XML fragment without its tags (character references kept as written)."""
    return re.sub(r"<[^>]*>", "", fragment)


def annotate_timeml(document: str, dct: date | None = None) -> str:
    """`document` with TIMEX3 tags added inside <TEXT>; everything else unchanged.

    The DCT is read from the document unless given. Raises ValueError when the
    document has no <TEXT> element.
    """
    found = _TEXT.search(document)
    if found is None:
        raise ValueError("no <TEXT> element: not a TimeML document")
    creation = dct if dct is not None else document_creation_time(document)
    inner = _GOLD_TIMEX_TAG.sub("", found.group(2))
    view = TextView.of(inner)
    timexes = tag_time(view.plain, creation)
    first_tid = _next_tid(document)
    tagged = _insert(inner, view, timexes, first_tid)
    return document[: found.start(2)] + tagged + document[found.end(2) :]


def _next_tid(document: str) -> int:
    numbers = [int(n) for n in _TID.findall(document)]
    return max(numbers, default=0) + 1


def _insert(raw: str, view: TextView, timexes: tuple[TimeExpression, ...], first_tid: int) -> str:
    pieces: list[str] = []
    cursor = 0
    tid = first_tid
    for timex in timexes:
        start = view.starts[timex.span.start]
        end = view.ends[timex.span.end - 1]
        if start < cursor or "<" in raw[start:end]:
            continue  # it would cross an existing tag
        mod = f' mod="{timex.mod}"' if timex.mod else ""
        pieces.append(raw[cursor:start])
        pieces.append(f'<TIMEX3 tid="t{tid}" type="{timex.type}" value="{timex.value}"{mod}>')
        pieces.append(raw[start:end])
        pieces.append("</TIMEX3>")
        cursor = end
        tid += 1
    pieces.append(raw[cursor:])
    return "".join(pieces)
