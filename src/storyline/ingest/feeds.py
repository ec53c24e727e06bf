"""RSS 2.0 and Atom feeds -> their items (link, title, date), nothing fetched here.

Feeds are untrusted: a feed that declares a DTD or entities is refused before
it is parsed (no entity expansion, no external files), and one without any
item link is an empty feed, not an error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from storyline.errors import Code, InputError

ATOM = "{http://www.w3.org/2005/Atom}"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str  # the article's address, absolute
    title: str | None
    published: str | None  # ISO 8601 when the feed's date could be read, else as given


def parse_feed(data: bytes, feed_url: str) -> list[FeedItem]:
    """The items of an RSS 2.0 or Atom feed, in feed order; InputError (E014) if it is neither."""
    if _DTD.search(data):
        raise InputError(Code.MALFORMED_FEED, f"{feed_url}: declares a DTD or entities (refused)")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(Code.MALFORMED_FEED, f"{feed_url}: {exc}") from exc
    if root.tag == f"{ATOM}feed":
        items = [_atom_item(entry, feed_url) for entry in root.iter(f"{ATOM}entry")]
    elif root.tag == "rss" or root.tag.endswith("}RDF"):
        items = [_rss_item(item, feed_url) for item in root.iter() if _local(item.tag) == "item"]
    else:
        what = f"{feed_url}: <{_local(root.tag)}> is not RSS or Atom"
        raise InputError(Code.MALFORMED_FEED, what)
    return [item for item in items if item is not None]


def _rss_item(item: ElementTree.Element, base: str) -> FeedItem | None:
    children = {_local(child.tag): (child.text or "").strip() for child in item}
    link = children.get("link") or _permalink(item)
    if not link:
        return None
    published = children.get("pubDate") or children.get("date")  # RSS 1.0 has dc:date
    return FeedItem(urljoin(base, link), children.get("title") or None, _iso(published))


def _permalink(item: ElementTree.Element) -> str | None:
    guid = item.find("guid")
    if guid is None or guid.get("isPermaLink", "true").lower() != "true":
        return None
    return (guid.text or "").strip() or None


def _atom_item(entry: ElementTree.Element, base: str) -> FeedItem | None:
    link = None
    for candidate in entry.findall(f"{ATOM}link"):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            link = candidate.get("href")
            break
    if not link:
        return None
    title = (entry.findtext(f"{ATOM}title") or "").strip() or None
    published = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
    return FeedItem(urljoin(base, link.strip()), title, _iso(published))


def _iso(value: str | None) -> str | None:
    """RSS's RFC 822 dates as ISO 8601; Atom's are ISO already."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value[:4].isdigit():
        return value
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value  # kept as given; dating flags it as unparsed


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
