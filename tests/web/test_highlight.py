"""The report text as HTML: built from spans, every segment escaped, the text kept exactly."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from storyline.store.views import MentionRow, SentenceRow, TimexRow
from storyline.web.highlight import highlight_text


def mention(start: int, end: int, text: str = "", entity: str | None = "e1") -> MentionRow:
    return MentionRow(start, end, text, "PERSON", None, entity, "Name", "person", None, None)


def timex(start: int, end: int) -> TimexRow:
    return TimexRow(start, end, "", "DATE", "2021-03-16", None, None)


def plain(html: str) -> str:
    return unescape(re.sub(r"<[^>]*>", "", html))


def test_mentions_timexes_and_sentences_are_marked() -> None:
    text = "Blinken met Motegi on Tuesday. They talked."
    html = highlight_text(
        text,
        [SentenceRow(0, 0, 30), SentenceRow(1, 31, len(text))],
        [mention(0, 7), mention(12, 18, entity=None)],
        [timex(22, 29)],
    )
    assert html.startswith('<span class="sentence" id="s0"><a class="mention person" id="m0"')
    assert 'href="/entities/e1"' in html and '<mark class="mention person" id="m12"' in html
    assert '<span class="timex" title="DATE 2021-03-16">Tuesday</span>' in html
    assert '<span class="sentence" id="s1">They talked.</span>' in html
    assert plain(html) == text


def test_markup_in_the_text_is_escaped_inside_and_outside_spans() -> None:
    text = '<script>x()</script> said "Kim" & <b onclick=y()>'
    html = highlight_text(text, [SentenceRow(0, 0, len(text))], [mention(28, 31)], [])
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&#34;" in html
    assert plain(html) == text


def test_overlapping_spans_are_cut_not_misnested() -> None:
    text = "President Joe Biden spoke"
    html = highlight_text(text, [], [mention(0, 19), mention(10, 19)], [timex(4, 13)])
    opened = re.findall(r"<(a|span|mark)\b", html)
    closed = re.findall(r"</(a|span|mark)>", html)
    assert len(opened) == len(closed)
    assert plain(html) == text
    assert html.count('id="m0"') == 1  # one anchor per mention, on its first piece


def test_spans_outside_the_text_are_clipped() -> None:
    assert plain(highlight_text("short", [SentenceRow(0, 0, 99)], [mention(3, 50)], [])) == "short"


def test_entity_ids_are_quoted_in_links() -> None:
    html = highlight_text("Evil", [], [mention(0, 4, entity='x"><script>')], [])
    assert "<script>" not in html and 'href="/entities/x%22%3E%3Cscript%3E"' in html


spans = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted)


@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00e9")), max_size=60),
    mentions=st.lists(spans, max_size=6),
    timexes=st.lists(spans, max_size=4),
    cut=st.integers(0, 60),
)
def test_the_text_survives_any_spans(
    text: str, mentions: list[list[int]], timexes: list[list[int]], cut: int
) -> None:
    cut = min(cut, len(text))
    sentences = [SentenceRow(0, 0, cut), SentenceRow(1, cut, len(text))]
    html = highlight_text(
        text,
        sentences,
        [mention(a, b) for a, b in mentions],
        [timex(a, b) for a, b in timexes],
    )
    assert plain(html) == text
    assert len(re.findall(r"<(?:a|span|mark)\b", html)) == len(
        re.findall(r"</(?:a|span|mark)>", html)
    )
