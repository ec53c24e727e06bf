"""TimeML in and out: a golden file, and TEXT unchanged once the new tags are stripped."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.time_commands import timeml
from storyline.time.timeml import (
    TextView,
    annotate_timeml,
    document_creation_time,
    strip_tags,
)

GOLDEN = Path(__file__).parent / "golden"
TEXT_OPEN, TEXT_CLOSE = "<TEXT>", "</TEXT>"


def read(name: str) -> str:
    return (GOLDEN / name).read_bytes().decode("utf-8")


def text_of(document: str) -> str:
    return document[document.index(TEXT_OPEN) + len(TEXT_OPEN) : document.index(TEXT_CLOSE)]


def test_annotated_file_matches_the_golden_file() -> None:
    """Set STORYLINE_UPDATE_GOLDEN=1 to rewrite expected.tml after a reviewed change."""
    annotated = annotate_timeml(read("input.tml"))
    if os.environ.get("STORYLINE_UPDATE_GOLDEN"):
        (GOLDEN / "expected.tml").write_bytes(annotated.encode("utf-8"))
    assert annotated == read("expected.tml")


def test_text_is_unchanged_once_tags_are_stripped() -> None:
    source = read("input.tml")
    annotated = annotate_timeml(source)
    assert strip_tags(text_of(annotated)) == text_of(source)
    before, after = source.split(TEXT_OPEN)[0], annotated.split(TEXT_OPEN)[0]
    assert before == after  # the DCT, DOCID and TITLE are untouched
    assert annotated.count("<TIMEX3 ") == source.count("<TIMEX3 ") + 10


def test_dct_comes_from_the_creation_time_timex() -> None:
    assert document_creation_time(read("input.tml")) == date(2021, 3, 14)
    assert document_creation_time("<TimeML><TEXT>x</TEXT></TimeML>") is None


def test_character_references_and_existing_tags_are_mapped_out() -> None:
    view = TextView.of('AT&amp;T met <EVENT eid="e1">Tuesday</EVENT>.')
    assert view.plain == "AT&T met Tuesday."
    document = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-14" '
        'functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
        '<TEXT>AT&amp;T will meet on <EVENT eid="e1">Tuesday</EVENT> at 3 p.m. &amp; on the 20th.'
        "</TEXT></TimeML>"
    )
    annotated = annotate_timeml(document)
    assert strip_tags(text_of(annotated)) == strip_tags(text_of(document))
    assert 'type="DATE" value="2021-03-20">the 20th</TIMEX3>' in annotated
    assert '<EVENT eid="e1"><TIMEX3 tid="t1" type="DATE" value="2021-03-16">Tuesday</TIMEX3>' in (
        annotated
    )


@pytest.mark.parametrize("reference", ["&foo;", "&NotEqualTilde;", "&#x110000;"])
def test_a_reference_of_other_than_one_character_keeps_offsets(reference: str) -> None:
    # Issue 10: "&foo;" (kept as written) and "&NotEqualTilde;" (two characters) shifted
    # the text's offsets and annotating raised IndexError.
    document = f"<TimeML><TEXT>{reference} {reference} on March 16, 2021.</TEXT></TimeML>"
    annotated = annotate_timeml(document, date(2021, 3, 17))
    assert 'value="2021-03-16">March 16, 2021</TIMEX3>' in annotated
    assert strip_tags(annotated) == strip_tags(document)


def test_gold_timex_tags_are_replaced() -> None:
    document = (
        '<TimeML><TEXT>It fell <TIMEX3 tid="t9" type="DATE" value="X">last year</TIMEX3>.'
        "</TEXT></TimeML>"
    )
    annotated = annotate_timeml(document, date(2021, 3, 14))
    assert 'value="2020">last year</TIMEX3>' in annotated
    assert annotated.count("<TIMEX3") == 1
    assert 'tid="t10"' in annotated  # numbered after the tids already in the file


def test_a_document_without_text_is_an_error() -> None:
    with pytest.raises(ValueError, match="TEXT"):
        annotate_timeml("<TimeML></TimeML>")


def test_cli_writes_the_annotated_file_to_stdout() -> None:
    result = CliRunner().invoke(timeml, [str(GOLDEN / "input.tml")])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8") == read("expected.tml")


def test_cli_reports_a_file_that_is_not_timeml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML>no text element</TimeML>", encoding="utf-8")
    result = CliRunner().invoke(timeml, [str(bad)])
    assert result.exit_code == 1
    assert "no <TEXT> element" in result.output


def test_windows_line_endings_survive_byte_for_byte(tmp_path: Path) -> None:
    source = read("input.tml").replace("\n", "\r\n")
    path = tmp_path / "crlf.tml"
    path.write_bytes(source.encode("utf-8"))
    result = CliRunner().invoke(timeml, [str(path)])
    assert result.exit_code == 0, result.output
    annotated = result.stdout_bytes.decode("utf-8")
    assert strip_tags(text_of(annotated)) == text_of(source)
    assert annotated.split(TEXT_OPEN)[0] == source.split(TEXT_OPEN)[0]
