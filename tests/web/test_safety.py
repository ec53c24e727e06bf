"""Reports are untrusted: no page runs or renders their markup, SQL stays SQL, queries stop.

The knowledge base holds a report full of script tags, event-handler attributes,
javascript: URLs and SQL-looking text (in its text, title, source and URL), and
an entity whose name is markup. Every page that shows them is parsed, and the
only markup found must be storyline's own.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storyline.errors import StoreError
from storyline.store.views import Views
from storyline.web.app import create_app
from storyline.web.security import CONTENT_SECURITY_POLICY
from tests.web.conftest import HANDLER, HOSTILE_ENTITY, SCRIPT

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class Markup(HTMLParser):
    """Every tag and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_script = False
        self.inline_script = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_script += data
        self.text.append(data)


def parse(html: str) -> Markup:
    parser = Markup()
    parser.feed(html)
    return parser


def assert_inert(html: str) -> Markup:
    """Only storyline's own markup: one external script, no handlers, no script URLs."""
    page = parse(html)
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts == [{"src": "/static/storyline.js", "defer": None}]
    assert page.inline_script == ""
    for tag, attrs in page.tags:
        assert tag not in {"iframe", "object", "embed", "style", "base", "meta"} or (
            tag == "meta" and set(attrs) <= {"charset", "name", "content"}
        ), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}>"
            if name in URL_ATTRIBUTES and value:
                assert (
                    not unescape(value)
                    .strip()
                    .lower()
                    .startswith(("javascript:", "data:", "vbscript:"))
                ), f"<{tag} {name}={value}>"
        if tag == "img":
            assert attrs.get("src") == "/static/favicon.svg"
        if tag == "svg":
            assert attrs.get("class") == "bars"
    return page


def html_of(client: TestClient, path: str, **params: str) -> str:
    response = client.get(path, params=params or None)
    assert response.status_code == 200, response.text[:300]
    return response.text


def test_the_hostile_report_was_stored_as_written(client: TestClient, ids: dict[str, str]) -> None:
    doc = client.get(f"/api/documents/{ids['hostile']}").json()
    assert SCRIPT in doc["text"] and HANDLER in doc["text"] and "DROP TABLE" in doc["text"]
    assert SCRIPT in doc["summary"]["title"] and HANDLER in doc["summary"]["source"]


def test_the_report_page_shows_the_markup_as_text(client: TestClient, ids: dict[str, str]) -> None:
    html = html_of(client, f"/reports/{ids['hostile']}")
    page = assert_inert(html)
    text = "".join(page.text)
    assert SCRIPT in text and HANDLER in text  # shown to the reader, as text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert 'class="mention' in html  # highlighting still works around the markup
    assert "javascript:window.__pwned=5" in text  # the URL is shown, not linked
    assert 'href="javascript' not in html.lower()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/", {}),
        ("/timeline", {}),
        ("/timeline", {"start": "2021-03-16", "end": "2021-03-16", "zoom": "day"}),
        ("/reports", {}),
        ("/search", {"q": "protester sign"}),
        ("/search", {"q": "script pwned"}),
        ("/search", {"q": "Blinken arrived in Tokyo", "mode": "semantic"}),
        ("/entities", {"type": "organization"}),
        ("/entities/ehandevil0001", {}),
        ("/entities/ehandblinken1", {}),
        ("/entities/ehandmotegi01", {}),
        ("/reports/dhand0000000001", {}),
    ],
)
def test_every_page_showing_hostile_text_is_inert(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    assert_inert(html_of(client, path, **params))


def test_hostile_names_sources_and_evidence_are_escaped(client: TestClient) -> None:
    entity = html_of(client, "/entities/ehandevil0001")
    assert HOSTILE_ENTITY in "".join(parse(entity).text)
    assert "&lt;b onmouseover=" in entity
    hand = html_of(client, "/reports/dhand0000000001")
    assert "no weekday &lt;script&gt;" in hand  # dating evidence
    assert "Comment(s) Write comment &lt;script&gt;" in hand  # a removed line
    blinken = html_of(client, "/entities/ehandblinken1")
    assert "wikidata.org/wiki/javascript" not in blinken  # a bad Wikidata id is not a link
    sources = html_of(client, "/timeline")
    assert "evil &lt;img src=" in sources  # the source as an <option>
    filtered = html_of(client, "/timeline", source=f"evil {HANDLER}")
    assert_inert(filtered)
    assert "Blinken in Tokyo" in filtered


def test_search_words_never_reach_the_sql(client: TestClient, kb_path: Path) -> None:
    before = client.get("/api/overview").json()
    hits = client.get("/api/search", params={"q": "'; DROP TABLE documents; --"}).json()["hits"]
    assert any("DROP TABLE" in hit["text"] for hit in hits)  # found as words, not run
    for query in ['"', "NEAR(", "a OR b AND", "*", "text:x", "\\", "'", "--", ";"]:
        response = client.get("/api/search", params={"q": query})
        assert response.status_code == 200, query
    injected = {"source": "x' OR '1'='1", "entity": "e' OR 1=1 --"}
    assert client.get("/api/timeline", params=injected).json()["items"]["total"] == 0
    assert client.get("/api/documents", params={"source": "x' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/api/overview").json() == before


def test_readers_cannot_write(kb_path: Path) -> None:
    import sqlite3

    with Views(kb_path) as views, pytest.raises(sqlite3.OperationalError, match="readonly"):
        views.db.execute("DELETE FROM documents")


def test_every_query_has_a_time_limit(kb_path: Path) -> None:
    with Views(kb_path, timeout=0.05) as views, pytest.raises(StoreError, match="longer than"):
        views._rows(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        )


def test_a_query_too_slow_is_a_503(kb_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(self: Views) -> None:
        raise StoreError("query took longer than 5 s")

    monkeypatch.setattr(Views, "overview", too_slow)
    with TestClient(create_app(kb_path, allowed_hosts=["testserver"])) as client:
        api = client.get("/api/overview")
        assert api.status_code == 503 and api.json() == {"detail": "query took longer than 5 s"}
        page = client.get("/")
        assert page.status_code == 503 and "took longer" in page.text


@pytest.mark.parametrize(
    "path", ["/", "/timeline", "/api/overview", "/static/storyline.css", "/nowhere", "/api/x"]
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"


def test_only_local_host_names_are_answered(kb_path: Path) -> None:
    """A DNS-rebinding page (evil.example resolving to 127.0.0.1) gets nothing."""
    with TestClient(create_app(kb_path), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/api/overview").status_code == 200
        assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_serve_binds_to_localhost_by_default(
    monkeypatch: pytest.MonkeyPatch, kb_path: Path
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from storyline.cli.serve_command import serve

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    result = CliRunner().invoke(serve, ["--db", str(kb_path)])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    result = CliRunner().invoke(serve, ["--db", str(kb_path), "--host", "0.0.0.0"])
    assert "warning" in result.output
