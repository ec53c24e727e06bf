"""A report's text as HTML with its sentences, entity mentions and time expressions marked.

The HTML is built from spans: the text is cut at every span boundary and each
segment is escaped on its own; only tags written here are added around them.
No part of the report's text is ever inserted unescaped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.store.views import MentionRow, QuoteRow, SentenceRow, TimexRow


def highlight_text(
    text: str,
    sentences: Sequence[SentenceRow],
    mentions: Sequence[MentionRow],
    timexes: Sequence[TimexRow],
    quotes: Sequence[QuoteRow] = (),
) -> Markup:
    """`text` as HTML: `<span class=sentence id=sN>` around sentences, links on mentions,
    `<span class=timex>` on time expressions, `<span class=quote id=qN>` on quotes.
    Overlapping spans are cut, never nested wrong."""
    size = len(text)
    cuts = {0, size}
    spans: list[SentenceRow | MentionRow | TimexRow | QuoteRow] = [
        *sentences,
        *mentions,
        *timexes,
        *quotes,
    ]
    for span in spans:
        cuts.update((min(max(span.start, 0), size), min(max(span.end, 0), size)))
    bounds = sorted(cuts)
    starts = [s.start for s in sentences]
    parts: list[str] = []
    open_sentence: SentenceRow | None = None
    anchored: set[str] = set()
    for begin, end in zip(bounds, bounds[1:], strict=False):
        sentence = _covering_sentence(sentences, starts, begin, end)
        if sentence is not open_sentence:
            if open_sentence is not None:
                parts.append("</span>")
            if sentence is not None:
                parts.append(f'<span class="sentence" id="s{sentence.position}">')
            open_sentence = sentence
        segment = str(escape(text[begin:end]))
        for timex in timexes:
            if timex.start <= begin and end <= timex.end:
                segment = _timex_tag(timex) + segment + "</span>"
        for mention in mentions:
            if mention.start <= begin and end <= mention.end:
                anchor = f"m{mention.start}"
                attribute = "" if anchor in anchored else f' id="{anchor}"'
                anchored.add(anchor)
                segment = _mention_open(mention, attribute) + segment + _mention_close(mention)
        for said in quotes:
            if said.start <= begin and end <= said.end:
                anchor = f"q{said.id}"
                attribute = "" if anchor in anchored else f' id="{anchor}"'
                anchored.add(anchor)
                segment = _quote_open(said, attribute) + segment + "</span>"
        parts.append(segment)
    if open_sentence is not None:
        parts.append("</span>")
    return Markup("".join(parts))


def _covering_sentence(
    sentences: Sequence[SentenceRow], starts: list[int], begin: int, end: int
) -> SentenceRow | None:
    index = bisect_right(starts, begin) - 1
    if index >= 0 and end <= sentences[index].end:
        return sentences[index]
    return None


def _mention_open(mention: MentionRow, attribute: str) -> str:
    kind = mention.entity_type or "other"
    label = f"{kind}: {mention.entity_name}" if mention.entity_name else mention.label
    if mention.title:
        label += f" (title: {mention.title})"
    classes = f"mention {escape(kind)}"
    if mention.entity:
        href = escape("/entities/" + quote(mention.entity, safe=""))
        return f'<a class="{classes}"{attribute} href="{href}" title="{escape(label)}">'
    return f'<mark class="{classes}"{attribute} title="{escape(label)}">'


def _mention_close(mention: MentionRow) -> str:
    return "</a>" if mention.entity else "</mark>"


def _quote_open(quote: QuoteRow, attribute: str) -> str:
    said = f"{quote.kind} quote" + (f" of {quote.speaker_name}" if quote.speaker_name else "")
    return f'<span class="quote {escape(quote.kind)}"{attribute} title="{escape(said)}">'


def _timex_tag(timex: TimexRow) -> str:
    label = f"{timex.type} {timex.value}" + (f" ({timex.mod})" if timex.mod else "")
    return f'<span class="timex" title="{escape(label)}">'
