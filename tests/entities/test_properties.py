"""Names, titles and the linker never raise on any text; linked mentions stay in their text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities.kb.model import Window
from storyline.entities.linker import Context, Linker
from storyline.entities.names import (
    acronym,
    flat_similarity,
    fold,
    kb_form,
    mention_form,
    mention_name,
    name_keys,
    parse_name,
    person_similarity,
    phonetic,
    romanise,
    token_keys,
    token_similarity,
)
from storyline.entities.stage import LinkStage
from storyline.entities.surface import (
    SurfaceEntityStage,
    country_of,
    normalise_name,
    surface_entity,
)
from storyline.entities.titles import parse_title
from storyline.nlp.mentions import make_mention
from storyline.records import Document, Mention, Span
from storyline.store.kb_index import KBIndex
from tests.conftest import make_document
from tests.strategies import (
    QUOTE_MARKS,
    any_text,
    hard_text,
    news_text,
    spans_of,
    split_words,
)

_NAME_PIECES = split_words(
    """Secretary of State Antony Tony Blinken Blincoln Mr. Mrs. Dr. Xi Jinping Moon Jae-in
O'Brien the government Japan Japan's China U.S. US Prime Minister Former former Japanese Foreign
Ministry Defense Minister Inc Co. Ltd Jr. III Kishida Fumio Kishi Motegi Toshimitsu Hayashi
Yoshimasa de la van Nations United States Korea South North , ( ) (GM) - . ’s 's & in at"""
)
_NAME_HARD = [
    *_NAME_PIECES,
    *QUOTE_MARKS,
    "習近平",
    "岸田 文雄",
    "Владимир Путин",
    "\u200b",
    "\x00",
]
name_text = st.one_of(
    st.lists(st.sampled_from(_NAME_HARD), max_size=8).map(" ".join),
    st.lists(st.sampled_from(_NAME_HARD), max_size=8).map("".join),
    hard_text,
    st.text(max_size=40),
)
kinds = st.sampled_from(["person", "organization", "place", "country", "other"])
labels = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP"])
dates = st.sampled_from(
    [None, "2021-03-16", "2021-03", "2021", "1999-12-31", "2099", "garbage", "9999-12-31",
     "0001-01-01", "9999", "0001", "2021-13", "²⁰²¹"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(name_text, name_text, kinds)
def test_name_forms_never_raise_and_similarities_are_bounded(a: str, b: str, kind: str) -> None:
    assert fold(fold(a)) == fold(a)
    mention_name(a, kind)
    first, second = mention_form(a, kind), kb_form(b, kind)
    for form in (first, second, parse_name(a), parse_name(a, strip_titles=False)):
        assert form.norm == " ".join(form.tokens)
        name_keys(form, kind)
        acronym(form.tokens)
        for token in form.tokens:
            romanise(token)
            phonetic(token)
            token_keys(token)
    assert 0.0 <= flat_similarity(first, second) <= 1.0
    for family_first in (False, True):
        assert 0.0 <= person_similarity(first, second, family_first).score <= 1.0
    for x in first.tokens[:3]:
        for y in second.tokens[:3]:
            assert 0.0 <= token_similarity(x, y) <= 1.0


@settings(max_examples=300, deadline=None)
@given(name_text, name_text, kinds)
def test_surface_names_and_titles_never_raise(text: str, before: str, kind: str) -> None:
    normalise_name(text)
    country_of(text)
    if text:
        entity = surface_entity(Mention(Span(0, len(text)), text, "X", kind, "test"))
        assert entity is None or entity.key.startswith(("country:", f"{kind}:"))
    title = parse_title(text, before)
    assert title is None or title.text == text


_KNOWN = st.sampled_from(["Blinken", "Tony Blincoln", "Austin", "Kan", "Kishida", "Motegi", "Xi"])
_OFFICES = st.sampled_from(
    ["U.S. Secretary of State", "Minister of Defense", "Prime Minister", "former Prime Minister",
     "Japanese Foreign Minister", "President", "Minister", "Mr."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_KNOWN | name_text, kinds, st.none() | _OFFICES | name_text, dates)
def test_the_linker_never_raises(
    fixture_index: KBIndex, text: str, kind: str, title: str | None, date: str | None
) -> None:
    decision = Linker(fixture_index).link(text, kind, parse_title(title), Context(Window.of(date)))
    assert decision.entity is not None or not decision.linked


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A report with mentions the spaCy stage could have made of any of its spans."""
    text = draw(st.one_of(any_text, news_text))
    mentions = []
    for start, end in spans_of(draw, len(text), draw(st.integers(0, 8))):
        mention = make_mention(text, Span(start, end), draw(labels), "test")
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return make_document(text, mentions=tuple(mentions), published=draw(dates))


def _check_linked(doc: Document) -> None:
    ids = {entity.id for entity in doc.entities}
    for mention in doc.mentions:
        assert 0 <= mention.span.start < mention.span.end <= len(doc.text)
        assert mention.span.of(doc.text) == mention.text
        assert mention.entity in ids


@settings(max_examples=200, deadline=None)
@given(documents())
def test_the_link_stages_keep_mentions_inside_the_text(
    fixture_index: KBIndex, doc: Document
) -> None:
    _check_linked(LinkStage(fixture_index)(doc))
    _check_linked(SurfaceEntityStage()(doc))
