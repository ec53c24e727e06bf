"""Drop page debris from a report's plain text, keeping its body, title and dateline.

Scraped and machine-translated reports carry the page around the article:
"Loading", "Search", "Comment(s) Write comment", photo captions, sub-heads,
copyright lines. Nothing here lists such lines. Each paragraph is described by
a few line features (`line_features.describe`); each rule in `line_rules.RULES`
turns one feature into evidence for (positive weight) or against (negative
weight) debris, with a note; a paragraph whose evidence sums to `_DROP_AT` or
more is removed. The strongest positive evidence names what the line is
(debris, caption or sub-head) and the notes form the reason, so every decision
reads back:
"no sentence punctuation, 6 words: short, 100% capitalised (score 2.50): sub-head".

Position adds what one line cannot tell: above the first body paragraph a
headline-like line is the title and a dateline line is the dateline; the first
body paragraph may open with a dateline, which is split off; a short line just
after a photo caption belongs to the caption; lines inside a quotation that
closes further down are body.

Text that trafilatura took out of a web page (`from_html=True`) has already lost
the page around the article, and its short lines are list items, table rows and
sub-heads of the article itself: there only the rules that name what a line is
by what it says run (`line_rules.HTML_RULES`), lines the source repeats are still
removed, and no headline is guessed.

This module is that walk and its public API (`clean_text`, `CleanedText`,
`line_key`, `STAGE`); the pieces live beside it: `paragraphs` (text into
paragraphs, `line_key`), `vocabulary` (words, marks, patterns), `line_features`
(what a rule reads) and `line_rules` (the rules and how their evidence is summed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType

from storyline.clean.dateline import Dateline, find_dateline, split_leading_dateline
from storyline.clean.line_features import Context, Line, describe
from storyline.clean.line_rules import explain, judge, kind_of
from storyline.clean.paragraphs import ends_sentence, line_key, quotation_spans, split_paragraphs
from storyline.clean.vocabulary import TITLE_MAX_WORDS
from storyline.records import RemovedLine

__all__ = ["STAGE", "CleanedText", "clean_text", "line_key"]

STAGE = "clean.debris.v1"

#: A paragraph whose summed evidence reaches this is removed. One weak signal (no
#: final full stop, a short line, capitals) never reaches it alone.
_DROP_AT = 1.5
#: A line the source repeats in many reports stays when it is a sentence this long.
_BOILERPLATE_PROSE_WORDS = 12

#: On a web page a dateline may open any of the first this many long body paragraphs...
_HTML_DATELINE_REACH = 2
#: ... and up to this many labels may stand above the page's headline.
_HEAD_LABELS = 3
_LABEL_MAX_WORDS = 6

_KIND_LABEL = MappingProxyType(
    {"debris": "page debris", "caption": "photo caption", "heading": "sub-head"}
)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """A report's body with its debris removed, and what was removed."""

    text: str  # kept paragraphs joined by "\n\n", white space collapsed
    title: str | None  # the known title, or a headline found at the top
    dateline: str | None  # the dateline as it appeared, e.g. "Tokyo, 7 January, /AJMEDIA/"
    removed: tuple[RemovedLine, ...]


# --- The walk over a report -----------------------------------------------------------


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    is_boilerplate: Callable[[str], bool] | None = None,
    from_html: bool = False,
) -> CleanedText:
    """Split `raw` into body paragraphs and removed lines.

    `title` is a title known from metadata: a line above the body near-equal to it
    is removed as the title, no other title is guessed, and it is returned as the
    title. `is_boilerplate(line)` receives a white-space-collapsed line and says
    whether the source repeats it across many reports (callers usually look up
    `line_key(line)` in their counts); such lines are removed unless they are
    sentences of `_BOILERPLATE_PROSE_WORDS` words or more. `from_html` says that
    `raw` is what `clean.html.extract_html` took out of a web page: a line is then
    removed only when it is shown to be debris, never for its shape alone.
    """
    paragraphs = split_paragraphs(raw)
    in_quotation = quotation_spans(paragraphs)
    last_long = max((i for i, p in enumerate(paragraphs) if _is_long(p)), default=-1)
    walk = _Walk(title, is_boilerplate, from_html)
    for index, (paragraph, quoted) in enumerate(zip(paragraphs, in_quotation, strict=True)):
        context = Context(walk.after_caption, quoted, index >= last_long, walk.in_link_list)
        walk.add(paragraph, context)
    return walk.result()


class _Walk:
    """One report's walk: what was kept and removed so far."""

    def __init__(
        self,
        title: str | None,
        is_boilerplate: Callable[[str], bool] | None,
        from_html: bool = False,
    ) -> None:
        known = " ".join(title.split()) if title else ""
        self.known_title = known or None  # a blank title from metadata is no title
        self.title = self.known_title
        self.title_seen = False
        self.dateline: str | None = None
        self.is_boilerplate = is_boilerplate
        self.from_html = from_html
        self.kept: list[str] = []
        self.removed: list[RemovedLine] = []
        self.after_caption = False
        self.in_link_list = False

    def add(self, text: str, context: Context) -> None:
        at_top = not self.kept
        if (at_top or self._in_page_head()) and self._top_line(text):
            self.after_caption = False
            return
        line = describe(text)
        score, evidence = judge(line, context, from_html=self.from_html)
        kind = kind_of(evidence) if score >= _DROP_AT else None
        repeated = self._repeated(text, line)
        self.after_caption = kind == "caption" or (kind == "debris" and line.photo_terms > 0)
        # Menus above the body precede the headline, not a list of other reports.
        listed = self.in_link_list and kind is not None
        self.in_link_list = not at_top and (listed or _is_list_header(line, kind))
        if repeated:
            # What the source's other reports show outranks what the line looks like.
            looks = f"; {explain(evidence, score)}: {_KIND_LABEL[kind]}" if kind else ""
            reason = f"the source repeats it in many reports, {line.words} words{looks}"
            self._drop(text, "boilerplate", reason)
        elif at_top and self._is_headline(line, kind):
            self.title = text
            self._drop(text, "title", f"{explain(evidence, score)}, above the body: headline")
        elif kind is not None:
            self._drop(text, kind, f"{explain(evidence, score)}: {_KIND_LABEL[kind]}")
        else:
            self.kept.append(self._split_dateline(text) if self._near_top() else text)

    def _top_line(self, text: str) -> bool:
        """Remove a line above the body that is the known title or a dateline."""
        known = self.known_title
        if known is not None and not self.title_seen and _same_title(text, known):
            self.title_seen = True
            for label in self.kept:  # only labels, or the walk would not be here
                self._drop(label, "debris", "above the page's headline: a section label")
            self.kept.clear()
            self._drop(text, "title", "matches the title from the report's metadata")
            return True
        if self.dateline is None and (found := find_dateline(text)) is not None:
            self.dateline = found.raw
            self._drop(text, "dateline", f"a dateline above the body ({_dateline_parts(found)})")
            return True
        return False

    def _is_headline(self, line: Line, kind: str | None) -> bool:
        """Short and unfinished like a headline, with no title known yet."""
        return (
            self.title is None
            and not self.from_html
            and kind in (None, "heading")
            and 2 <= line.words <= TITLE_MAX_WORDS
            and not line.ends_with_period
            and not line.inner_break
        )

    def _repeated(self, text: str, line: Line) -> bool:
        if self.is_boilerplate is None:
            return False
        if line.ends_sentence and line.words >= _BOILERPLATE_PROSE_WORDS:
            return False  # a real sentence, even if the source repeats it
        return self.is_boilerplate(text)

    def _in_page_head(self) -> bool:
        """On a web page, whether all kept so far are labels that may sit above the
        headline ("World · Asia", "Defense"): a few short unfinished lines."""
        return (
            self.from_html
            and len(self.kept) <= _HEAD_LABELS
            and all(_is_label(paragraph) for paragraph in self.kept)
        )

    def _near_top(self) -> bool:
        """Where a dateline may open a paragraph: the first body paragraph, or on a web
        page, where the text keeps a standfirst, also the second long one."""
        if not self.from_html:
            return not self.kept
        return sum(_is_long(paragraph) for paragraph in self.kept) < _HTML_DATELINE_REACH

    def _split_dateline(self, text: str) -> str:
        if self.dateline is not None:
            return text
        found, rest = split_leading_dateline(text)
        if found is None:
            return text
        self.dateline = found.raw
        self._drop(found.raw, "dateline", f"opens the first paragraph ({_dateline_parts(found)})")
        return rest

    def _drop(self, text: str, kind: str, reason: str) -> None:
        self.removed.append(RemovedLine(text=text, kind=kind, reason=reason, stage=STAGE))

    def result(self) -> CleanedText:
        removed_as = {line.text: line.kind for line in self.removed}
        kept: list[str] = []
        for paragraph in self.kept:
            # Within one report a line is content or debris, not both: a body line that
            # repeats a removed one (a headline repeated under the photo) goes too.
            kind = removed_as.get(paragraph)
            if kind is None:
                kept.append(paragraph)
            else:
                self._drop(paragraph, kind, f"repeats a line removed as {kind}")
        return CleanedText("\n\n".join(kept), self.title, self.dateline, tuple(self.removed))


def _is_list_header(line: Line, kind: str | None) -> bool:
    """ "Most Read", "Related articles": a short line of navigation words, not photos."""
    return (
        kind == "debris"
        and line.words <= 4
        and 2 * line.nav_words >= line.words
        and not line.photo_terms
        and not line.ends_sentence
    )


def _is_label(paragraph: str) -> bool:
    return len(paragraph.split()) <= _LABEL_MAX_WORDS and not ends_sentence(paragraph)


def _is_long(paragraph: str) -> bool:
    return paragraph.count(" ") >= 7


def _dateline_parts(found: Dateline) -> str:
    parts = (
        ("place", found.place),
        ("day", found.day),
        ("month", found.month),
        ("year", found.year),
        ("agency", found.agency),
    )
    return ", ".join(f"{name} {value}" for name, value in parts if value is not None)


_TITLE_WORD = re.compile(r"\w+")


def _title_key(text: str) -> str:
    return " ".join(_TITLE_WORD.findall(text.casefold()))


def _same_title(line: str, title: str) -> bool:
    """Whether a line is the known title, allowing case, punctuation and a site name."""
    a, b = _title_key(line), _title_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 0.5 * len(long):
        return False
    if long.startswith(short) or long.endswith(short):
        return True  # "Headline | Site name" against "Headline"
    return len(short) >= 0.8 * len(long) and SequenceMatcher(None, a, b).ratio() >= 0.9
