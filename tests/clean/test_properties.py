"""The cleaner never raises on any text, and what it returns comes from its input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.dateline import find_dateline, parse_dateline, split_leading_dateline
from storyline.clean.debris import clean_text, line_key
from storyline.clean.line_features import Context, describe
from storyline.clean.line_rules import explain, judge, kind_of
from storyline.clean.paragraphs import ends_sentence, quotation_spans, split_paragraphs
from tests.clean.test_debris import check_invariants
from tests.strategies import any_text, hard_text

contexts = st.builds(Context, st.booleans(), st.booleans(), st.booleans(), st.booleans())
titles = st.none() | st.sampled_from(["Prime Minister", "“Talks”", ""]) | hard_text


@settings(max_examples=300, deadline=None)
@given(any_text, titles, st.booleans(), st.booleans())
def test_clean_text_never_raises(
    raw: str, title: str | None, boilerplate: bool, from_html: bool
) -> None:
    repeated = (lambda line: len(line) % 3 == 0) if boilerplate else None
    cleaned = clean_text(raw, title=title, is_boilerplate=repeated, from_html=from_html)
    check_invariants(raw, cleaned)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_datelines_never_raise_and_come_from_the_line(text: str) -> None:
    for found in (find_dateline(text), parse_dateline(text)):
        if found is not None:
            assert found.raw and found.raw in " ".join(text.split()) + text
            assert found.day is None or 1 <= found.day <= 31
            assert found.month is None or 1 <= found.month <= 12
    found, rest = split_leading_dateline(text)
    if found is None:
        assert rest == text
    else:
        assert rest and text.endswith(rest) and found.raw in text


@settings(max_examples=300, deadline=None)
@given(any_text, contexts)
def test_line_features_and_rules_never_raise(text: str, context: Context) -> None:
    for paragraph in split_paragraphs(text) or [" ".join(text.split())]:
        line = describe(paragraph)
        assert line.text == paragraph and 0 <= line.words <= len(line.tokens)
        score, evidence = judge(line, context)
        assert kind_of(evidence) in {"debris", "caption", "heading"}
        assert explain(evidence, score)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_paragraph_helpers_never_raise(text: str) -> None:
    paragraphs = split_paragraphs(text)
    assert len(quotation_spans(paragraphs)) == len(paragraphs)
    assert all(paragraph and "\n" not in paragraph for paragraph in paragraphs)
    ends_sentence(text)
    assert "\n" not in line_key(text)
