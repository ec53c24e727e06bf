"""A local HTTP server for the fetch and feed tests: nothing leaves the machine."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi in Tokyo on "
    "Tuesday to talk about {topic}.</p><p>The two ministers agreed that the alliance remains the "
    "cornerstone of peace in the region, officials said after the talks on {topic}.</p>"
    "</article></body></html>"
)
UNTITLED = (
    "<html><body><article><p>Secretary of State Antony Blinken met Foreign Minister Toshimitsu "
    "Motegi in Tokyo to talk about shipping lanes and the safety of ports in the region.</p>"
    "<p>The two ministers agreed that the alliance remains the cornerstone of peace, officials "
    "said after the talks.</p></article></body></html>"
)


class Site:
    """Paths -> (status, content type, body); `/flaky` fails `flaky` times first, `/slow`
    answers after `slow_seconds`; every request's path and User-Agent is kept."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.flaky = 0
        self.slow_seconds = 0.0
        self.requests: list[tuple[str, str]] = []
        self.url = ""

    def page(self, path: str, body: str | bytes, kind: str = "text/html; charset=utf-8") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = (200, kind, data)
        return self.url + path


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path == "/flaky" and site.flaky > 0:
                site.flaky -= 1
                self._send(500, "text/plain", b"try again")
            elif self.path == "/slow":
                time.sleep(site.slow_seconds)
                self._send(200, "text/html", ARTICLE.format(title="Slow", topic="x").encode())
            elif self.path.startswith("/hop/"):
                left = int(self.path.rsplit("/", 1)[1])
                self.send_response(302)
                self.send_header("Location", f"/hop/{left - 1}" if left else "/a")
                self.end_headers()
            elif self.path in site.pages:
                self._send(*site.pages[self.path])
            else:
                self._send(404, "text/plain", b"not here")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (a timeout test)
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
