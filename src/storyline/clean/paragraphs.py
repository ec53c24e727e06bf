"""A report's plain text into paragraphs, and the line key counted across a source.

`split_paragraphs` takes the blocks between blank lines and splits them into
lines, re-joining lines that were broken mid-sentence (hard wraps, lower-case
continuations). `quotation_spans` marks paragraphs inside a quotation that
closes further down. `ends_sentence` is shared with the line features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from storyline.clean.vocabulary import END_TAIL, QUOTE_MARKS, SENTENCE_END

#: How many paragraphs below an open quotation may close.
_QUOTE_REACH = 4

_INVISIBLE = MappingProxyType(
    dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
)
_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> str:
    """The key under which a line is counted across the reports of one source.

    Case, white space, invisible characters and digits are folded, so "Comments (3)"
    and "comments (12)" are one line.
    """
    collapsed = " ".join(line.translate(_INVISIBLE).split())
    return _DIGITS.sub("0", collapsed.casefold())


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a sentence: . ! ? … or a closing quote."""
    if SENTENCE_END.search(text[-END_TAIL:]):
        return True
    # ’ closes a quotation only when one was opened; otherwise it is "ministers’".
    return text.endswith("’") and "‘" in text


def split_paragraphs(raw: str) -> list[str]:
    """Blocks between blank lines, split into lines, with broken lines re-joined."""
    if any(chr(code) in raw for code in _INVISIBLE):  # translate is slow on non-ASCII
        raw = raw.translate(_INVISIBLE)
    paragraphs: list[str] = []
    block: list[str] = []
    for raw_line in raw.splitlines():
        line = " ".join(raw_line.split())
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block))
            block = []
    if block:
        paragraphs.extend(_unwrap(block))
    return paragraphs


def _unwrap(block: list[str]) -> list[str]:
    """Join lines that continue the line above; otherwise each line is a paragraph."""
    width = max(map(len, block[:-1])) if _hard_wrapped(block) else 0
    joined = [block[0]]
    for above, line in zip(block, block[1:], strict=False):
        if _continues(above, line, width):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _hard_wrapped(block: list[str]) -> bool:
    """Lines cut at a fixed width: 3+ lines of near-equal width, mostly cut mid-sentence,
    many going on in lower case (a list of headlines has none that do)."""
    if len(block) < 3:
        return False
    widths = [len(line) for line in block[:-1]]
    widest = max(widths)
    cut = sum(not ends_sentence(line) for line in block[:-1])
    lower = sum(line[0].islower() for line in block[1:])
    return (
        40 <= widest <= 100
        and min(widths) >= 0.7 * widest
        and 2 * cut >= len(widths)
        and 3 * lower >= len(block) - 1
    )


def _continues(above: str, line: str, width: int) -> bool:
    """Whether `line` goes on with the sentence of `above`; `width` is a wrap width or 0."""
    if ends_sentence(above) or above.endswith(":"):
        return False
    # A wrap breaks a line where the next word would not have fitted on it (give or
    # take a tenth for hand-wrapped text); a list of lines of similar width breaks anywhere.
    if width and len(above) + 1 + len(line.split(" ", 1)[0]) > 0.9 * width:
        return True
    # A lower-case line after an unfinished one is the rest of its sentence.
    return line[0].islower() and len(above.split()) >= 3 and len(line.split()) >= 2


def quotation_spans(paragraphs: Sequence[str]) -> list[bool]:
    """Paragraphs of a quotation left open at the end of one paragraph and closed,
    at the end of a sentence, by the first quote mark of a paragraph below."""
    inside = [False] * len(paragraphs)
    start = 0
    while start < len(paragraphs):
        if _quote_mark(paragraphs[start], last=True) == "open":
            for end in range(start + 1, min(start + 1 + _QUOTE_REACH, len(paragraphs))):
                text = paragraphs[end]
                mark = _quote_mark(text, last=False)
                if mark == "close" and ends_sentence(text):
                    inside[start : end + 1] = [True] * (end + 1 - start)
                    start = end
                    break
                if mark is not None:
                    break  # another quotation starts: the open one did not close here
        start += 1
    return inside


def _quote_mark(text: str, *, last: bool) -> str | None:
    """The last (or first) double quote mark in `text`: "open", "close" or None."""
    found = [(text.rfind(m) if last else text.find(m), m) for m in QUOTE_MARKS if m in text]
    if not found:
        return None
    at, mark = max(found) if last else min(found)
    if mark in "“«":
        return "open"
    if mark in "”»":
        return "close"
    # A straight quote opens where a word starts right after it.
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = (before.isspace() or before in "([—–-") and not after.isspace()
    return "open" if opens else "close"
