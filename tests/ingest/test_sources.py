"""Inputs -> raw reports: files, folders, JSON lines, stdin; skips never stop a batch."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from storyline.errors import Code
from storyline.ingest.sources import iter_inputs
from storyline.records import RawReport, Skipped
from storyline.settings import Settings

SETTINGS = Settings()
TEXT = "Tokyo, 16 March. Blinken and Austin met Motegi and Kishi for two-plus-two talks.\n"
HTML = "<!DOCTYPE html><html><head><title>Talks</title></head><body><p>{}</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))


def run(paths: list[str], settings: Settings = SETTINGS, stdin: BinaryIO | None = None) -> Any:
    """Everything `iter_inputs` yields, as a list (typed Any: tests read fields of either kind)."""
    return list(iter_inputs(paths, settings, stdin=stdin))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_text_file(in_tmp: Path) -> None:
    write(in_tmp / "kyodo" / "talks.txt", TEXT.replace("\n", "\r\n"))
    [report] = run(["kyodo/talks.txt"])
    assert report == RawReport(
        key=sha(TEXT.replace("\n", "\r\n").encode()),
        origin="kyodo/talks.txt",  # relative paths stay relative
        source="kyodo",  # the folder's name when nothing better is known
        text=TEXT,
        encoding="utf-8",
    )


def test_html_and_markdown_files(in_tmp: Path) -> None:
    write(in_tmp / "site" / "a.html", HTML.format("Hello"))
    write(in_tmp / "site" / "b.MD", "# Talks\n\n" + TEXT)
    html, markdown = run(["site/a.html", "site/b.MD"])
    assert html.html == HTML.format("Hello") and html.text is None
    assert html.source == "site"
    assert markdown.text.startswith("# Talks") and markdown.html is None


def test_cp1252_file_records_its_encoding(in_tmp: Path) -> None:
    write(in_tmp / "r.txt", "\u201cCaf\u00e9\u201d, he said.".encode("cp1252"))
    [report] = run(["r.txt"])
    assert report.text == "\u201cCaf\u00e9\u201d, he said."
    assert report.encoding == "cp1252"
    assert report.source == in_tmp.name


def test_folder_walk_is_sorted_recursive_and_skips_hidden(in_tmp: Path) -> None:
    write(in_tmp / "reports" / "b.txt", "b " + TEXT)
    write(in_tmp / "reports" / "a" / "z.htm", HTML.format("z"))
    write(in_tmp / "reports" / "a" / "deeper" / "c.text", "c " + TEXT)
    write(in_tmp / "reports" / ".hidden.txt", "hidden " + TEXT)
    write(in_tmp / "reports" / ".git" / "d.txt", "in a hidden folder " + TEXT)
    write(in_tmp / "reports" / "notes.docx", PNG)  # unknown type: ignored in a walk
    write(in_tmp / "reports" / "image.png", PNG)
    items = run(["reports"])
    assert [item.origin for item in items] == [
        "reports/a/deeper/c.text",
        "reports/a/z.htm",
        "reports/b.txt",
    ]
    assert all(isinstance(item, RawReport) for item in items)
    assert [item.source for item in items] == ["deeper", "a", "reports"]


def test_keys_are_stable_across_runs(in_tmp: Path) -> None:
    write(in_tmp / "r" / "one.txt", "one " + TEXT)
    write(in_tmp / "r" / "two.html", HTML.format("two"))
    write(in_tmp / "r" / "lines.jsonl", json.dumps({"text": "three " + TEXT}) + "\n")
    first = run(["r"])
    second = run(["r"])
    assert first == second
    assert len({item.key for item in first}) == 3
    assert first[2].origin == "r/two.html"
    assert first[2].key == sha(HTML.format("two").encode())


def test_explicit_unknown_extension_is_sniffed(in_tmp: Path) -> None:
    write(in_tmp / "page.php", "\n<!-- saved page -->\n" + HTML.format("hi"))
    write(in_tmp / "tags.dat", "<div><p>a</p><p>b</p><span>c</span></div>")
    write(in_tmp / "README", TEXT)
    write(in_tmp / "image.png", PNG)
    page, tags, readme, image = run(["page.php", "tags.dat", "README", "image.png"])
    assert page.html is not None
    assert tags.html is not None
    assert readme.text == TEXT
    assert isinstance(image, Skipped)
    assert image.code == Code.UNSUPPORTED.value
    assert ".png" in image.reason and ".txt" in image.reason


def test_bad_files_are_skipped_with_a_reason_and_the_batch_goes_on(in_tmp: Path) -> None:
    small = SETTINGS.override({"max_report_bytes": 400})
    write(in_tmp / "in" / "1-empty.txt", b"")
    write(in_tmp / "in" / "2-blank.txt", b" \n\t \r\n")
    write(in_tmp / "in" / "3-binary.txt", PNG)
    write(in_tmp / "in" / "4-big.txt", "x" * 401)
    write(in_tmp / "in" / "5-good.txt", TEXT)
    items = run(["in", "missing.txt"], small)
    codes = [item.code if isinstance(item, Skipped) else "ok" for item in items]
    assert codes == [
        Code.EMPTY.value,
        Code.EMPTY.value,
        Code.BINARY.value,
        Code.TOO_LARGE.value,
        "ok",
        Code.UNREADABLE.value,
    ]
    assert "401 bytes > max_report_bytes 400" in items[3].reason
    assert items[5].origin == "missing.txt"
    assert "No such file" in items[5].reason
    assert items[0].key == sha(b"")


def test_too_large_key_is_stable_without_reading_the_file(in_tmp: Path) -> None:
    small = SETTINGS.override({"max_report_bytes": 10})
    write(in_tmp / "big.txt", "y" * 1000)
    assert run(["big.txt"], small) == run(["big.txt"], small)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file(in_tmp: Path) -> None:
    path = write(in_tmp / "secret.txt", TEXT)
    path.chmod(0)
    [item] = run(["secret.txt"])
    assert item.code == Code.UNREADABLE.value
    assert "Permission denied" in item.reason


def test_file_that_cannot_be_opened(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(in_tmp / "r" / "a.txt", TEXT)
    write(in_tmp / "r" / "b.txt", "b " + TEXT)
    real_open = Path.open

    def refuse_a(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse_a)
    refused, fine = run(["r"])
    assert refused.code == Code.UNREADABLE.value
    assert refused.origin == "r/a.txt" and "Permission denied" in refused.reason
    assert fine.text == "b " + TEXT


JSONL = (
    json.dumps({"text": "good " + TEXT, "title": "Talks", "published": "2021-03-16"})
    + "\n"
    + '{"text": "broken\n'
    + "\n"
    + json.dumps({"title": "no body"})
    + "\r\n"
    + json.dumps({"html": HTML.format("page"), "url": "https://WWW.Kyodonews.net/a/1"})
    + "\n"
    + json.dumps({"text": "sourced " + TEXT, "source": "Nikkei", "url": "https://x.jp/"})
    + "\n"
    + "[1, 2]\n"
)


def test_jsonl_good_lines_come_through_around_bad_ones(in_tmp: Path) -> None:
    write(in_tmp / "feeds" / "day.jsonl", JSONL)
    items = run(["feeds/day.jsonl"])
    assert [item.origin for item in items] == [
        "feeds/day.jsonl#L1",
        "feeds/day.jsonl#L2",
        "feeds/day.jsonl#L4",  # line 3 is blank
        "feeds/day.jsonl#L5",
        "feeds/day.jsonl#L6",
        "feeds/day.jsonl#L7",
    ]
    good, broken, no_body, html, sourced, array = items
    assert good.text == "good " + TEXT
    assert good.title == "Talks" and good.published == "2021-03-16"
    assert good.source == "feeds"
    assert good.key == sha(JSONL.encode().split(b"\n")[0])
    assert broken.code == no_body.code == array.code == Code.MALFORMED_JSON.value
    assert "line 2" in broken.reason
    assert "neither a 'text' nor an 'html' key" in no_body.reason
    assert no_body.key == sha(json.dumps({"title": "no body"}).encode())  # no "\r"
    assert html.html == HTML.format("page") and html.text is None
    assert html.source == "kyodonews.net"
    assert html.url == "https://WWW.Kyodonews.net/a/1"
    assert sourced.source == "Nikkei"


def test_jsonl_line_over_the_limit_is_skipped_and_the_rest_read(in_tmp: Path) -> None:
    small = SETTINGS.override({"max_report_bytes": 100})
    long_line = json.dumps({"text": "z" * 500})
    short_line = json.dumps({"text": "short report"})
    write(in_tmp / "x.ndjson", long_line + "\n" + short_line + "\n")
    too_long, short = run(["x.ndjson"], small)
    assert too_long.code == Code.TOO_LARGE.value
    assert f"{len(long_line)} bytes > max_report_bytes 100" in too_long.reason
    assert too_long.key == sha(long_line.encode())
    assert short.text == "short report" and short.origin == "x.ndjson#L2"


def test_jsonl_odd_fields(in_tmp: Path) -> None:
    lines = [
        {"text": "a", "published": 2021},
        {"text": "b", "title": ["a", "list"]},
        {"text": "   "},
        {"text": 42},
    ]
    write(in_tmp / "odd.json-lines", "\n".join(json.dumps(line) for line in lines))
    year, listed, blank, number = run(["odd.json-lines"])
    assert year.published == "2021"
    assert listed.code == Code.MALFORMED_JSON.value and "'title' is a list" in listed.reason
    assert blank.code == Code.EMPTY.value
    assert number.code == Code.MALFORMED_JSON.value


def test_stdin_plain_text() -> None:
    [report] = run(["-"], stdin=io.BytesIO(TEXT.encode("utf-16")))
    assert report.origin == "-" and report.source == "stdin"
    assert report.text == TEXT
    assert report.key == sha(TEXT.encode("utf-16"))


def test_stdin_html() -> None:
    [report] = run(["-"], stdin=io.BytesIO(HTML.format("from a pipe").encode()))
    assert report.html == HTML.format("from a pipe")


def test_stdin_jsonl() -> None:
    data = JSONL.encode()
    items = run(["-"], stdin=io.BytesIO(data))
    assert [item.origin for item in items][:2] == ["-#L1", "-#L2"]
    assert isinstance(items[0], RawReport) and items[0].source == "stdin"
    assert [type(item).__name__ for item in items] == [
        "RawReport",
        "Skipped",
        "Skipped",
        "RawReport",
        "RawReport",
        "Skipped",
    ]
    assert run(["-"], stdin=io.BytesIO(data)) == items


def test_stdin_jsonl_longer_than_the_sniffed_head() -> None:
    lines = [json.dumps({"text": f"report {n} " + "w" * 1000}) for n in range(200)]
    items = run(["-"], stdin=io.BytesIO("\n".join(lines).encode()))
    assert len(items) == 200
    assert all(isinstance(item, RawReport) for item in items)
    assert items[-1].origin == "-#L200"
    assert items[123].key == sha(lines[123].encode())


def test_stdin_text_whose_first_line_is_json_is_still_text() -> None:
    data = b'{"a": 1}\nThen the report goes on in prose.\nAnd on.\n'
    [report] = run(["-"], stdin=io.BytesIO(data))
    assert report.text == data.decode()


def test_stdin_too_large_and_empty() -> None:
    small = SETTINGS.override({"max_report_bytes": 50})
    [big] = run(["-"], small, stdin=io.BytesIO(b"word " * 100))
    assert big.code == Code.TOO_LARGE.value
    assert "more than 50 bytes on stdin" in big.reason
    [empty] = run(["-"], stdin=io.BytesIO(b""))
    assert empty.code == Code.EMPTY.value


def test_iter_inputs_is_lazy(in_tmp: Path) -> None:
    write(in_tmp / "r" / "a.txt", TEXT)
    stream = iter_inputs(["r", "missing"], SETTINGS)
    assert isinstance(next(stream), RawReport)  # the missing path is not looked at yet


def test_stray_control_characters_are_counted_on_the_report(in_tmp: Path) -> None:
    write(in_tmp / "wire" / "nul.txt", TEXT.replace("Blinken", "Blin\x00ken").encode())
    records = [{"text": "Talks\x00 in\x01 Tokyo", "title": "Two\x7f-plus-two"}, {"text": "b"}]
    write(in_tmp / "feed.jsonl", "\n".join(json.dumps(r) for r in records))
    text, line, clean = run(["wire/nul.txt", "feed.jsonl"])
    assert text.text == TEXT and text.removed_controls == 1
    assert text.read_flags == ("control-chars-removed:1",)
    assert line.text == "Talks in Tokyo" and line.title == "Two-plus-two"
    assert line.removed_controls == 3
    assert clean.removed_controls == 0 and clean.read_flags == ()
