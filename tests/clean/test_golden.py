"""Golden files for the debris cleaner: every example report, cleaned, against what it gave before.

Each example in `examples/` is cleaned as ingest would clean it: a `.txt` file as
it is, with no title; an `.html` file through `extract_html` (no URL, default
settings), with the page's title as the known title; each line of a `.jsonl` feed
from its `text` or, failing that, its `html`, with the line's `title` (else the
page's) as the known title. Text taken out of HTML is cleaned as such
(`from_html=True`). No boilerplate counts are used. The result
(`title`, `dateline`, `text`, and `removed` as `[kind, text]` pairs) must equal
`tests/clean/golden/<name>.json`, where `<name>` is the example's path under
`examples/` with `/` as `_` and no extension (`demo/txt/01_x.txt` ->
`demo_txt_01_x.json`), and a feed line adds `_L<n>` for its 1-based line number
(`demo_feed_wire_feed_L3.json`). A mismatch prints a diff of each field that changed.

When a change to the cleaner is meant to change its output, regenerate the goldens
and review their diff before committing:

    STORYLINE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/clean/test_golden.py

This rewrites every golden file and removes those whose example is gone. The seed
reports in `../shared/corpus/seeds/` are never written to golden files: their text
must not be copied into this repository.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from storyline.clean.debris import clean_text
from storyline.clean.html import extract_html
from storyline.settings import Settings
from tests.conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Example:
    """One report of the examples: its golden file's name and how to read it."""

    name: str
    read: Callable[[], tuple[str, str | None, bool]]  # -> (plain text, known title, from HTML)


def _text_file(path: Path) -> tuple[str, str | None, bool]:
    return path.read_text(encoding="utf-8"), None, False


def _html_file(path: Path) -> tuple[str, str | None, bool]:
    return _page(path.read_text(encoding="utf-8"))


def _page(html: str) -> tuple[str, str | None, bool]:
    page = extract_html(html, url=None, settings=Settings())
    return page.text, page.title, True


def _feed_line(line: str) -> tuple[str, str | None, bool]:
    record = json.loads(line)
    if record.get("text") is not None:
        return record["text"], record.get("title"), False
    text, title, _ = _page(record["html"])
    return text, record.get("title") or title, True


def _examples() -> list[Example]:
    found: list[Example] = []
    for path in sorted(EXAMPLES.rglob("*")):
        stem = "_".join(path.relative_to(EXAMPLES).with_suffix("").parts)
        if path.suffix == ".txt":
            found.append(Example(stem, partial(_text_file, path)))
        elif path.suffix == ".html":
            found.append(Example(stem, partial(_html_file, path)))
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").split("\n")
            for number, line in enumerate(lines, 1):
                if line.strip():
                    found.append(Example(f"{stem}_L{number}", partial(_feed_line, line)))
    return found


EXAMPLE_REPORTS = _examples()


def cleaned(example: Example) -> dict[str, Any]:
    text, title, from_html = example.read()
    result = clean_text(text, title=title, from_html=from_html)
    return {
        "title": result.title,
        "dateline": result.dateline,
        "text": result.text,
        "removed": [[line.kind, line.text] for line in result.removed],
    }


def _field_lines(field: str, value: Any) -> list[str]:
    if field == "text":
        return str(value).split("\n\n")  # one paragraph per line
    if field == "removed":
        return [f"{kind}: {text}" for kind, text in value]
    return [json.dumps(value, ensure_ascii=False)]


def describe_mismatch(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    """A unified diff of each field that differs, paragraph by paragraph."""
    parts: list[str] = []
    for field in [*actual, *(field for field in expected if field not in actual)]:
        if expected.get(field) == actual.get(field):
            continue
        diff = difflib.unified_diff(
            _field_lines(field, expected.get(field, "")),
            _field_lines(field, actual.get(field)),
            fromfile=f"golden {field}",
            tofile=f"cleaned {field}",
            lineterm="",
        )
        parts.append("\n".join(diff))
    return "\n\n".join(parts)


def write_golden(path: Path, value: dict[str, Any]) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def test_examples_are_found_and_named_uniquely() -> None:
    names = [example.name for example in EXAMPLE_REPORTS]
    assert names, f"no example reports under {EXAMPLES}"
    assert len(names) == len(set(names)), "two examples map to one golden file name"


@pytest.mark.parametrize("example", EXAMPLE_REPORTS, ids=lambda example: example.name)
def test_cleaning_matches_golden(example: Example) -> None:
    path = GOLDEN / f"{example.name}.json"
    actual = cleaned(example)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        write_golden(path, actual)
        return
    if not path.exists():
        pytest.fail(
            f"no golden file {path.name}; run with STORYLINE_UPDATE_GOLDEN=1 to write it",
            pytrace=False,
        )
    expected = json.loads(path.read_text(encoding="utf-8"))
    if expected != actual:
        pytest.fail(
            f"cleaning {example.name} changed (golden/{path.name}):\n"
            f"{describe_mismatch(expected, actual)}\n\n"
            "If the change is intended, rerun with STORYLINE_UPDATE_GOLDEN=1 and review the diff.",
            pytrace=False,
        )


def test_no_stale_golden_files() -> None:
    expected = {f"{example.name}.json" for example in EXAMPLE_REPORTS}
    stale = sorted(path for path in GOLDEN.glob("*.json") if path.name not in expected)
    if UPDATE:
        for path in stale:
            path.unlink()
        return
    assert not stale, f"golden files without an example: {[path.name for path in stale]}"
