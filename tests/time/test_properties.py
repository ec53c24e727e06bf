"""Invariants of the tagger on arbitrary text: it never raises, and its spans are sane."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.cli.time_commands import time_command
from storyline.records import DateFinding
from storyline.time import DatingStage, TimeStage, tag_time
from storyline.time.timeml import annotate_timeml
from tests.conftest import make_document
from tests.strategies import BREAKS, QUOTE_MARKS, WORDS, any_text

_TIME_WORDS = [
    "on", "the", "16th", "Tuesday", "last", "October", "early", "April", "year", "years",
    "ago", "later", "two", "days", "the past", "70", "Jan.", "20", ",", "2021", "quarter",
    "first", "half", "of", "this", "week", "now", "at", "6:40", "p.m.", "every", "Monday",
    "(local time)", "\n", "fiscal", "1990s", "mid-", "the end of", "-", "'", "May", "may",
]  # fmt: skip

texty = st.lists(st.sampled_from(_TIME_WORDS), max_size=30).map(" ".join)
anything = st.text(max_size=300)
dcts = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)) | st.dates()


def _check(text: str, dct: date | None) -> None:
    found = tag_time(text, dct)
    previous_end = 0
    for timex in found:
        assert 0 <= timex.span.start < timex.span.end <= len(text)
        assert timex.span.start >= previous_end, "spans overlap or are out of order"
        assert text[timex.span.start : timex.span.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.value
        previous_end = timex.span.end


@settings(max_examples=300, deadline=None)
@given(anything, dcts)
def test_never_raises_on_arbitrary_text(text: str, dct: date | None) -> None:
    _check(text, dct)


@settings(max_examples=500, deadline=None)
@given(texty, dcts)
def test_spans_are_inside_the_text_and_never_overlap(text: str, dct: date | None) -> None:
    _check(text, dct)


# --- Hard text, the stages and the CLI ---------------------------------------------------

_TIME_HARD = st.lists(st.sampled_from([*_TIME_WORDS, *WORDS, *QUOTE_MARKS, *BREAKS]), max_size=40)
hard = st.one_of(any_text, _TIME_HARD.map(" ".join), _TIME_HARD.map("".join))
partial_values = st.sampled_from(
    ["2021", "2021-03", "1999-12", "2021-03-16", "20x1", "", "2", "²⁰²¹", "2021-13", "٢٠٢١"]
)
findings = st.none() | st.builds(
    DateFinding, partial_values | st.none(), st.just("inferred"), st.floats(0, 1)
)


@settings(max_examples=300, deadline=None)
@given(hard, dcts)
def test_never_raises_on_hard_text(text: str, dct: date | None) -> None:
    _check(text, dct)


@settings(max_examples=200, deadline=None)
@given(hard, hard, dcts)
def test_a_split_text_keeps_its_spans_inside(body: str, rest: str, dct: date | None) -> None:
    text = body + rest
    for timex in tag_time(text, dct, split=len(body)):
        assert 0 <= timex.span.start < timex.span.end <= len(text)
        assert text[timex.span.start : timex.span.end] == timex.text


@settings(max_examples=200, deadline=None)
@given(hard, dcts, findings, st.sampled_from([None, "Talks on March 16", "“Monday”"]))
def test_the_dating_and_time_stages_never_raise(
    text: str, dct: date | None, dating: DateFinding | None, title: str | None
) -> None:
    published = dct.isoformat() if dct else None
    doc = make_document(text, published=published, published_how="metadata", title=title)
    doc = DatingStage(today=date(2024, 1, 1))(doc)
    if dating is not None:
        doc = replace(doc, dating=dating, published=published)
    doc = TimeStage()(doc)
    previous_end = 0
    for timex in doc.timexes:
        assert previous_end <= timex.span.start < timex.span.end <= len(text)
        assert text[timex.span.start : timex.span.end] == timex.text
        previous_end = timex.span.end


_METADATA = st.sampled_from(
    ["2021-03-16", "2021-03-16T09:00:00Z", "2021-03", "2021", "²⁰²¹", "٢٠٢١-٠٣", "2021-13",
     "2021-00", "0000", "2021-02-30", "2021-3", " 2021 ", "2021-03-16T25:00", "", "March 2021",
     "9999-12-31", "0001-01-01", "9999", "0001-12"]
)  # fmt: skip
_DATELINES = st.sampled_from(
    ["TOKYO, March 18 (Reuters) -", "Tokyo, 31 February 2021, /AJMEDIA/", "SEOUL, 18 March —",
     "Tokyo, 7 January", "BEIJING —", "Washington, Jan 99 (AP) -", "(Kyodo)"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(hard, st.none() | _METADATA, st.none() | _DATELINES | hard)
def test_odd_metadata_and_datelines_never_raise(
    text: str, metadata: str | None, dateline: str | None
) -> None:
    doc = make_document(text, published=metadata, published_how="metadata", dateline=dateline)
    doc = TimeStage()(DatingStage(today=date(2024, 1, 1))(doc))
    assert doc.dating is not None
    for timex in doc.timexes:
        assert text[timex.span.start : timex.span.end] == timex.text


@settings(max_examples=100, deadline=None)
@given(hard, dcts, st.booleans())
def test_the_time_command_never_fails(text: str, dct: date | None, as_json: bool) -> None:
    options = [*(["--dct", dct.isoformat()] if dct else []), *(["--json"] if as_json else [])]
    result = CliRunner().invoke(time_command, [*options, "--", text])
    assert result.exit_code == 0, result.output


_MARKUP = ["&amp;", "&foo;", "&NotEqualTilde;", "&#0;", "&#xD800;", "&", "<", ">", "&#",
           "&;", '<EVENT eid="e1">', "</EVENT>", "<br/>", "March 16, 2021", " on Tuesday",
           " "]  # fmt: skip
_ADDED_TAG = re.compile(r'<TIMEX3 tid="t\d+"[^>]*>|</TIMEX3>')
_inner = st.lists(st.sampled_from(_MARKUP) | any_text, max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(_inner.filter(lambda t: "TEXT" not in t and "TIMEX3" not in t), dcts)
def test_timeml_annotation_only_adds_tags(inner: str, dct: date | None) -> None:
    document = f"<TimeML><TEXT>{inner}</TEXT></TimeML>"
    assert _ADDED_TAG.sub("", annotate_timeml(document, dct)) == document
