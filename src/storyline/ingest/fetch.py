"""Fetching article pages and feeds over HTTP, politely.

One `Fetcher` per run: every request names storyline and its version in its
`User-Agent`, gives up after `fetch_timeout_seconds`, reads at most
`max_report_bytes`, follows at most `MAX_REDIRECTS` redirects and only to
http or https, and tries again (`fetch_retries` times, waiting twice as long
each time) when the connection fails or the server answers 5xx. A failure is an
`InputError` (E013, or E003 for a page too large) that names the URL and why,
so the caller skips that URL and goes on.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any
from urllib.parse import urlsplit

from storyline.errors import Code, InputError
from storyline.settings import Settings


def _version() -> str:
    # The installed distribution's version (the package root imports the ingest: no loop).
    try:
        return version("storyline")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"storyline/{_version()} (news knowledge base; Python urllib)"
MAX_REDIRECTS = 5
BACKOFF_SECONDS = 1.0  # the first wait before trying again; doubled each time
SCHEMES = ("http", "https")
_READ_CHUNK = 65_536


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of one successful response."""

    url: str  # as asked
    final_url: str  # after redirects
    data: bytes
    media_type: str  # "text/html", lower case, without parameters ("" when not given)


def is_url(text: str) -> bool:
    """True for an http:// or https:// address (what `storyline ingest` fetches)."""
    return text[:8].lower().startswith(("http://", "https://"))


class Fetcher:
    """GET with a timeout, a size limit, bounded redirects and retries with backoff."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.timeout = settings.fetch_timeout_seconds
        self.retries = settings.fetch_retries
        self.max_bytes = settings.max_report_bytes
        self.sleep = sleep
        self._opener = urllib.request.build_opener(_BoundedRedirects())

    def get(self, url: str, *, accept: str = "text/html,*/*;q=0.8") -> Fetched:
        """The body at `url`; InputError (E013, E003) when it cannot be had."""
        _check_scheme(url)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
        wait = BACKOFF_SECONDS
        for attempt in range(self.retries + 1):
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return self._read(url, response)
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code < 500 or attempt == self.retries:
                    raise _failed(url, f"HTTP {exc.code} {exc.reason}") from exc
            except TimeoutError as exc:
                # Not tried again: a page that timed out once would mostly make us wait again.
                raise _failed(url, f"no answer within {self.timeout:g} s") from exc
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise _failed(url, f"no answer within {self.timeout:g} s") from exc
                if attempt == self.retries:
                    raise _failed(url, f"{exc.reason}") from exc
            except (OSError, ValueError) as exc:  # reset mid-body, bad status line, bad URL
                if attempt == self.retries:
                    raise _failed(url, str(exc) or type(exc).__name__) from exc
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable")  # the loop returns or raises

    def _read(self, url: str, response: Any) -> Fetched:
        length = response.headers.get("Content-Length", "")
        if length.isdigit():
            self._check_size(url, int(length))
        data = _read_at_most(response, self.max_bytes + 1)
        self._check_size(url, len(data))
        given = "Content-Type" in response.headers
        media_type = response.headers.get_content_type() if given else ""
        return Fetched(url, response.geturl(), data, media_type)

    def _check_size(self, url: str, size: int) -> None:
        if size > self.max_bytes:
            raise InputError(
                Code.TOO_LARGE, f"{url}: over max_report_bytes {self.max_bytes:,} bytes"
            )


class _BoundedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http or https."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        _check_scheme(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req: Any, fp: Any, code: Any, msg: Any, headers: Any) -> Any:
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            if "redirect" in str(exc.reason):  # urllib's own words for a loop or too many
                raise InputError(
                    Code.FETCH_FAILED, f"{req.full_url}: more than {MAX_REDIRECTS} redirects"
                ) from exc
            raise

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _check_scheme(url: str) -> None:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise _failed(url, "not a valid URL") from exc
    if scheme not in SCHEMES:
        raise InputError(Code.FETCH_FAILED, f"{url}: only http and https URLs are fetched")


def _read_at_most(response: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = response.read(min(_READ_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _failed(url: str, why: str) -> InputError:
    return InputError(Code.FETCH_FAILED, f"{url}: {why}")
