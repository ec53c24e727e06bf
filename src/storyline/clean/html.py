"""HTML page -> article text and metadata, with trafilatura.

Before any parsing, a linear scan of the tags rejects HTML bombs: nesting deeper
than `max_html_depth` (after the end tags HTML lets authors leave out, such as
`</p>` and `</li>`, are implied the way parsers imply them) or far more tags than
a page of that size can hold. Only then is the page handed to trafilatura, with
its default options and comments left out: the article text is what trafilatura
alone extracts, so nothing it keeps is lost here (the debris cleaner, told the
text comes from HTML, removes only lines it can show are debris).

When that text is empty or only a notice about the page (reprint terms, a cookie
banner, a paywall, "enable JavaScript"), extractions that favour recall are tried
in turn: trafilatura with `favor_recall`, then its baseline (the article-like
elements of the page), then all the page's text; the first that is more than a
notice is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml.etree import LxmlError

from storyline.clean.line_features import is_notice
from storyline.errors import Code, InputError
from storyline.settings import Settings


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str  # one paragraph per line
    title: str | None
    published: str | None  # YYYY-MM-DD, from the page's metadata only
    site: str | None  # the site's name, else its host name
    url: str | None


# A page with this many tags is suspicious when they are this densely packed...
_DENSE_TAGS = 10_000
_MIN_CHARS_PER_TAG = 8.0
# ... and absurd whatever its size: far more than any article page has.
_MAX_TAGS = 500_000

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)")
_RAW_TEXT_END = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "textarea": re.compile(r"</textarea\s*>", re.IGNORECASE),
    "xmp": re.compile(r"</xmp\s*>", re.IGNORECASE),
}
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta")
    + ("param", "source", "track", "wbr")
)
_BLOCKS = frozenset(
    ("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset")
    + ("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6")
    + ("header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section")
    + ("table", "ul")
)
# Open elements that an opening tag closes implicitly when they are the current one.
_IMPLIED_END: dict[str, frozenset[str]] = {
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "option": frozenset({"option"}),
    "optgroup": frozenset({"option", "optgroup"}),
    "tr": frozenset({"tr", "td", "th"}),
    "td": frozenset({"td", "th"}),
    "th": frozenset({"td", "th"}),
    "thead": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    "tbody": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    "tfoot": frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}),
    **{block: frozenset({"p"}) for block in _BLOCKS},
}
#: An extraction is only a notice when notice lines make up this share of it or more...
_NOTICE_SHARE = 0.5
#: ... or leave fewer characters than this beside them.
_NOTICE_REST_CHARS = 200
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLANK_LINES = re.compile(r"\n{2,}")


def extract_html(html: str, *, url: str | None, settings: Settings) -> ExtractedPage:
    """The article text and metadata of one HTML page.

    Raises InputError(MALFORMED_HTML) for HTML bombs and pages the parser cannot read,
    and InputError(NO_TEXT) when no article text is found.
    """
    check_html_shape(html, settings.max_html_depth)
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            output_format="python",
            # Dates from the page's metadata, not guessed from its text or links.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
        text = _tidy(_field(document, "text"))
        if is_only_notice(text):
            text = _recall_fallback(html, url, text)
    except (LxmlError, RecursionError, ValueError) as exc:
        raise InputError(Code.MALFORMED_HTML, f"{type(exc).__name__}: {exc}") from exc
    if not text:
        raise InputError(Code.NO_TEXT, "no article text found in the HTML page")
    published = _field(document, "date")
    return ExtractedPage(
        text=text,
        title=_field(document, "title") or None,
        published=published if published and _DATE.fullmatch(published) else None,
        site=_field(document, "sitename") or _field(document, "hostname") or None,
        url=_field(document, "url") or url,
    )


def is_only_notice(text: str) -> bool:
    """Whether an extraction is empty or, all but a little, notices about the page."""
    lines = text.splitlines()
    notice = sum(len(line) for line in lines if is_notice(line))
    rest = sum(len(line) for line in lines) - notice
    if not rest:
        return True
    return notice > 0 and (notice >= _NOTICE_SHARE * (notice + rest) or rest < _NOTICE_REST_CHARS)


def _recall_fallback(html: str, url: str | None, text: str) -> str:
    """The first recall-oriented extraction that is more than a notice, else the best one.

    The best is the one with the most text beside its notices; `text` (the first
    extraction) wins ties, so a page that only holds a notice keeps it and the
    cleaner removes it as such.
    """
    best, best_rest = text, _text_beside_notices(text)
    for extract in (_favoring_recall, _baseline, _all_text):
        found = _tidy(extract(html, url))
        if found and not is_only_notice(found):
            return found
        if (rest := _text_beside_notices(found)) > best_rest:
            best, best_rest = found, rest
    return best


def _favoring_recall(html: str, url: str | None) -> str | None:
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, favor_recall=True, output_format="python"
    )
    return _field(document, "text")


def _baseline(html: str, url: str | None) -> str | None:
    return trafilatura.baseline(html)[1]


def _all_text(html: str, url: str | None) -> str | None:
    return trafilatura.html2txt(html)


def _text_beside_notices(text: str) -> int:
    return sum(len(line) for line in text.splitlines() if not is_notice(line))


def check_html_shape(html: str, max_depth: int) -> None:
    """Raise InputError(MALFORMED_HTML) for nesting deeper than `max_depth` or absurd tag counts.

    A linear scan of start and end tags, not a parse: unclosed `<p>`, `<li>`, `<td>` ...
    are closed where a parser would close them, so ordinary sloppy HTML passes.
    """
    stack: list[str] = []
    open_counts: dict[str, int] = {}
    tags = 0
    for start, name, is_end, is_empty in _scan_tags(html):
        tags += 1
        if is_end:
            _close(stack, open_counts, name)
            continue
        if is_empty:
            continue
        implied = _IMPLIED_END.get(name)
        while implied and stack and stack[-1] in implied:
            _pop(stack, open_counts)
        stack.append(name)
        open_counts[name] = open_counts.get(name, 0) + 1
        if len(stack) > max_depth:
            raise InputError(
                Code.MALFORMED_HTML,
                f"tags nested more than {max_depth} deep (max_html_depth), at character {start:,}",
            )
    _check_tag_count(tags, len(html))


def _scan_tags(html: str) -> Iterator[tuple[int, str, bool, bool]]:
    """(position, lower-case name, is an end tag, has no content) for each tag, in order.

    Comments, declarations and the content of script/style elements are skipped. Every
    search moves forward and an unterminated construct ends the scan, so the scan is
    linear in the length of the page whatever it contains.
    """
    position = 0
    while (start := html.find("<", position)) >= 0:
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            position = end + 3
        elif html.startswith(("<!", "<?"), start):
            end = html.find(">", start)
            position = end + 1
        elif match := _TAG.match(html, start):
            end = html.find(">", match.end())
            position = end + 1
            if end < 0:
                return
            name = match.group(2).lower()
            is_end = bool(match.group(1))
            yield start, name, is_end, name in _VOID or html[end - 1] == "/"
            if not is_end and name in _RAW_TEXT_END:
                raw_end = _RAW_TEXT_END[name].search(html, position)
                if raw_end is None:
                    return
                position = raw_end.end()
        else:
            end = start
            position = start + 1
        if end < 0:
            return


def _check_tag_count(tags: int, chars: int) -> None:
    if tags > _MAX_TAGS or (tags > _DENSE_TAGS and chars / tags < _MIN_CHARS_PER_TAG):
        raise InputError(
            Code.MALFORMED_HTML,
            f"{tags:,} tags in {chars:,} characters is not a page of text",
        )


def _close(stack: list[str], open_counts: dict[str, int], name: str) -> None:
    """An end tag closes the innermost open element of its name and all inside it."""
    if not open_counts.get(name):
        return  # a stray end tag: parsers ignore it
    while _pop(stack, open_counts) != name:
        pass


def _pop(stack: list[str], open_counts: dict[str, int]) -> str:
    name = stack.pop()
    open_counts[name] -= 1
    return name


def _field(document: Any, name: str) -> str | None:
    if document is None:
        return None
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    return value.strip() if isinstance(value, str) else None


def _tidy(text: str | None) -> str:
    """One paragraph per line: trailing spaces and empty lines dropped."""
    if not text:
        return ""
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()
