"""Inputs -> raw reports: files, folders, JSON lines and stdin, one report at a time.

Every input yields `RawReport`s or, when it cannot be read, a `Skipped` saying why;
one bad input never stops the others. Nothing is read whole that is not one report:
files are refused by size before they are read, JSON lines and stdin are read line
by line, and folders are walked lazily in sorted order, so two runs over the same
inputs yield the same reports, with the same keys, in the same order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import trafilatura

from storyline.clean.html import check_html_shape
from storyline.errors import Code, InputError
from storyline.ingest.decode import Decoded, check_size, decode, normalise_counting, read_file
from storyline.ingest.fetch import Fetcher, is_url
from storyline.records import RawReport, Skipped
from storyline.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json-lines"})
_KNOWN = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES))

_JSON_FIELDS = ("title", "url", "published", "source")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html)\b", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|a|span|article|section|br|table|meta|title|script|style|ul|li|"
    r"h[1-6]|img|header|footer|nav|main)\b",
    re.IGNORECASE,
)
_HTML_MIN_TAGS = 5
_SNIFF_CHARS = 65_536
_STDIN_SNIFF_LINES = 5
_HEAD_BYTES = 65_536
_TEXT_MEDIA = ("text/", "application/xhtml")
Line = tuple[int, bytes, str, int]  # (line number, bytes or b"" if too long, sha256, size)


def iter_inputs(
    paths: Sequence[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[RawReport | Skipped]:
    """Every report under `paths` ("-" is stdin, an http(s) URL is fetched), in order,
    one at a time."""
    fetcher = None
    for given in paths:
        if given == "-":
            yield from _iter_stdin(stdin if stdin is not None else sys.stdin.buffer, settings)
            continue
        if is_url(given):
            fetcher = fetcher or Fetcher(settings)
            yield read_url(given, settings, fetcher)
            continue
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield _unreadable(given, exc)
            continue
        if stat.S_ISDIR(mode):
            yield from _iter_folder(path, settings)
        else:
            yield from _iter_file(path, given, settings)


def _iter_folder(folder: Path, settings: Settings) -> Iterator[RawReport | Skipped]:
    """Files of known types under `folder`, depth first in name order, hidden ones left out."""
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
    except OSError as exc:
        yield _unreadable(str(folder), exc)
        return
    for name in names:
        path = folder / name
        if path.is_dir():
            # Symbolic links to folders are not followed: they can loop.
            if not path.is_symlink():
                yield from _iter_folder(path, settings)
        elif _kind_of(path) is not None:
            yield from _iter_file(path, str(path), settings)


def _kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None


def _iter_file(path: Path, origin: str, settings: Settings) -> Iterator[RawReport | Skipped]:
    """The report in one file; a file of unknown type is sniffed as HTML or text."""
    kind = _kind_of(path)
    if kind == "jsonl":
        yield from _iter_jsonl_file(path, origin, settings)
        return
    try:
        data = read_file(path, settings)
    except InputError as error:
        yield _skip(_key_of_unread(path, origin), origin, error)
        return
    key = _sha256(data)
    try:
        decoded = decode(data, settings)
    except InputError as error:
        if error.code is Code.BINARY and kind is None:
            error = InputError(
                Code.UNSUPPORTED,
                f"a binary {path.suffix or 'extension-less'} file ({error.detail}); "
                f"storyline reads {_KNOWN}",
            )
        yield _skip(key, origin, error)
        return
    kind = kind or _sniff(decoded.text)
    yield _report(key, origin, _folder_source(path), decoded, kind)


def _iter_jsonl_file(path: Path, origin: str, settings: Settings) -> Iterator[RawReport | Skipped]:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            error = InputError(Code.UNSUPPORTED, f"{origin} is not a regular file")
            yield _skip(_sha256(b"unreadable:" + os.fsencode(origin)), origin, error)
            return
        handle = path.open("rb")
    except OSError as exc:
        yield _unreadable(origin, exc)
        return
    with handle:
        try:
            lines = _iter_lines(handle, settings.max_report_bytes)
            yield from _jsonl_reports(lines, origin, _folder_source(path), settings)
        except OSError as exc:  # the file vanished or the disk failed mid-way
            yield _unreadable(origin, exc)


def _iter_stdin(stdin: BinaryIO, settings: Settings) -> Iterator[RawReport | Skipped]:
    """Stdin is JSON lines when its first lines are JSON objects, else one report."""
    try:
        head = stdin.read(_HEAD_BYTES)
        if _looks_like_jsonl(head):
            lines = _iter_lines(_Prefixed(head, stdin), settings.max_report_bytes)
            yield from _jsonl_reports(lines, "-", "stdin", settings)
            return
        data = head + stdin.read(max(settings.max_report_bytes + 1 - len(head), 0))
    except OSError as exc:
        yield _unreadable("-", exc)
        return
    key = _sha256(data)
    if len(data) > settings.max_report_bytes:
        limit = settings.max_report_bytes
        error = InputError(Code.TOO_LARGE, f"more than {limit:,} bytes on stdin (max_report_bytes)")
        yield _skip(key, "-", error)
        return
    try:
        decoded = decode(data, settings)
    except InputError as error:
        yield _skip(key, "-", error)
        return
    yield _report(key, "-", "stdin", decoded, _sniff(decoded.text))


def _looks_like_jsonl(head: bytes) -> bool:
    """True when the first non-empty line of `head` is a JSON object, and so are most of the
    next few: one broken record must not turn a stream of records into one text."""
    lines = head.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    complete = lines if len(head) < _HEAD_BYTES else lines[:-1]
    candidates = [line for line in complete if line.strip()][:_STDIN_SNIFF_LINES]
    if not candidates:
        # One line longer than the head: JSON lines only if it opens like an object.
        return head.lstrip().startswith(b'{"')
    objects = [_is_json_object(line) for line in candidates]
    return objects[0] and 2 * sum(objects) >= len(objects)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _sniff(text: str) -> str:
    """ "html" for text that starts like an HTML document or is full of HTML tags."""
    head = text[:_SNIFF_CHARS]
    if (
        _HTML_START.match(head, _skip_prolog(head))
        or len(_HTML_TAG.findall(head)) >= _HTML_MIN_TAGS
    ):
        return "html"
    return "text"


def _skip_prolog(head: str) -> int:
    """Where `head` starts once white space, an XML declaration and comments are passed."""
    position = 0
    while True:
        while position < len(head) and head[position].isspace():
            position += 1
        if head.startswith("<!--", position):
            closer = "-->"
        elif head.startswith("<?", position):
            closer = "?>"
        else:
            return position
        end = head.find(closer, position)
        if end < 0:
            return position
        position = end + len(closer)


def _report(key: str, origin: str, source: str, decoded: Decoded, kind: str) -> RawReport:
    body = {"html" if kind == "html" else "text": decoded.text}
    return RawReport(
        key,
        origin,
        source,
        encoding=decoded.encoding,
        removed_controls=decoded.removed_controls,
        **body,
    )


# -- URLs ---------------------------------------------------------------------------------


def read_url(
    url: str,
    settings: Settings,
    fetcher: Fetcher,
    *,
    title: str | None = None,
    published: str | None = None,
) -> RawReport | Skipped:
    """The page at `url` as a report with `url` set, or why it was skipped; `title` and
    `published` (a feed item's) are kept only where the page's own metadata has none."""
    try:
        fetched = fetcher.get(url)
        if fetched.media_type and not fetched.media_type.startswith(_TEXT_MEDIA):
            raise InputError(Code.UNSUPPORTED, f"{url} is {fetched.media_type}, not a page")
        key = _sha256(fetched.data)
        decoded = decode(fetched.data, settings)
    except InputError as error:
        return _skip(_sha256(b"unfetched:" + url.encode("utf-8", "replace")), url, error)
    kind = "html" if "html" in fetched.media_type else _sniff(decoded.text)
    if kind == "html" and (title or published):
        title, published = _missing_metadata(decoded.text, url, title, published, settings)
    report = _report(key, url, _host(url) or "web", decoded, kind)
    return replace(report, url=url, title=title, published=published)


def _missing_metadata(
    html: str, url: str, title: str | None, published: str | None, settings: Settings
) -> tuple[str | None, str | None]:
    """(title, published) with each one the page's metadata gives itself set to None."""
    try:
        check_html_shape(html, settings.max_html_depth)
        found = trafilatura.extract_metadata(
            html,
            default_url=url,
            extensive=False,
            date_config={"original_date": True, "extensive_search": False},
        )
    except Exception:  # noqa: BLE001 - the page is checked for real when it is extracted
        return title, published
    if found is None:
        return title, published
    return (None if found.title else title), (None if found.date else published)


# -- JSON lines ---------------------------------------------------------------------------


def _iter_lines(stream: BinaryIO | _Prefixed, limit: int) -> Iterator[Line]:
    """(number, bytes, sha256, size) of each line without its line end; lines over `limit`
    bytes come with empty bytes, read through in chunks but never held whole."""
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            line = _without_line_end(chunk)
            yield number, line, _sha256(line), len(line)
            continue
        digest = hashlib.sha256(chunk)
        size = len(chunk)
        while chunk and not chunk.endswith(b"\n"):
            chunk = stream.readline(limit + 1)
            rest = _without_line_end(chunk)
            digest.update(rest)
            size += len(rest)
        yield number, b"", digest.hexdigest(), size


def _without_line_end(chunk: bytes) -> bytes:
    if chunk.endswith(b"\n"):
        return chunk[:-2] if chunk.endswith(b"\r\n") else chunk[:-1]
    return chunk


def _jsonl_reports(
    lines: Iterable[Line], origin: str, default_source: str, settings: Settings
) -> Iterator[RawReport | Skipped]:
    for number, line, key, size in lines:
        where = f"{origin}#L{number}"
        if size == 0 or (line and not line.strip()):
            continue  # blank lines separate nothing and are not reports
        try:
            check_size(size, settings)
            yield _jsonl_report(line, number, key, where, default_source)
        except InputError as error:
            yield _skip(key, where, error)


def _jsonl_report(line: bytes, number: int, key: str, where: str, default_source: str) -> RawReport:
    try:
        text = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Code.MALFORMED_JSON, f"line {number} is not UTF-8 ({exc.reason})") from exc
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InputError(Code.MALFORMED_JSON, f"line {number}: {exc}") from exc
    if not isinstance(record, dict):
        raise InputError(
            Code.MALFORMED_JSON, f"line {number} is a JSON {type(record).__name__}, not an object"
        )
    fields: dict[str, str | None] = {}
    removed = 0
    for name in _JSON_FIELDS:
        fields[name], count = _optional_string(record, name, number)
        removed += count
    kind, body, count = _body(record, number)
    url = fields["url"]
    source = fields["source"] or _host(url) or default_source
    return RawReport(
        key,
        where,
        source,
        title=fields["title"],
        url=url,
        published=fields["published"],
        encoding="utf-8",
        removed_controls=removed + count,
        **{kind: body},
    )


def _body(record: dict[str, Any], number: int) -> tuple[str, str, int]:
    """("text", text) or ("html", html), and the control characters removed from it;
    given both, the record's own text wins."""
    for name in ("text", "html"):
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(Code.MALFORMED_JSON, f"line {number}: '{name}' is not a string")
        value, removed = normalise_counting(value)
        if not value.strip():
            raise InputError(Code.EMPTY, f"line {number}: '{name}' is empty")
        return name, value, removed
    raise InputError(Code.MALFORMED_JSON, f"line {number} has neither a 'text' nor an 'html' key")


def _optional_string(record: dict[str, Any], name: str, number: int) -> tuple[str | None, int]:
    """The field `name` of `record`, normalised, and the control characters removed from it."""
    value = record.get(name)
    if value is None:
        return None, 0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # "published": 2021
    if not isinstance(value, str):
        raise InputError(
            Code.MALFORMED_JSON,
            f"line {number}: '{name}' is a {type(value).__name__}, not a string",
        )
    value, removed = normalise_counting(value)
    return value.strip() or None, removed


class _Prefixed:
    """A binary stream whose first bytes were already read: `prefix`, then the rest."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readline(self, limit: int) -> bytes:
        if not self._prefix:
            return self._rest.readline(limit)
        end = self._prefix.find(b"\n", 0, limit)
        if end >= 0 or len(self._prefix) >= limit:
            cut = end + 1 if end >= 0 else limit
            line, self._prefix = self._prefix[:cut], self._prefix[cut:]
            return line
        line, self._prefix = self._prefix, b""
        return line + self._rest.readline(limit - len(line))


# -- keys, sources and skips -------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key_of_unread(path: Path, origin: str) -> str:
    """A key for a file that was not read: its size and first bytes, else its name."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return _sha256(b"unreadable:" + os.fsencode(origin))
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        size = path.stat().st_size
    except OSError:
        return _sha256(b"unreadable:" + os.fsencode(origin))
    return _sha256(b"unread:%d:" % size + head)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = parts.hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _folder_source(path: Path) -> str:
    return Path(os.path.abspath(path)).parent.name or "unknown"


def _skip(key: str, origin: str, error: InputError) -> Skipped:
    return Skipped(key, origin, error.code.value, error.reason)


def _unreadable(origin: str, exc: OSError) -> Skipped:
    error = InputError(Code.UNREADABLE, f"{origin}: {exc.strerror or exc}")
    return _skip(_sha256(b"unreadable:" + os.fsencode(origin)), origin, error)
