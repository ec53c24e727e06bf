"""Title mentions: a title of one present holder of one country's office, with no name."""

from __future__ import annotations

import pytest

from storyline.nlp.title_phrases import TITLE_LABEL, title_mentions
from storyline.records import Mention, Span


def _place(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(Span(start, start + len(surface)), surface, "GPE", "place", "test")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Japanese defense minister said so.",
         [("Japanese defense minister", "Japanese defense minister")]),
        ("China's top diplomat warned Tokyo.", [("China's top diplomat", "China's top diplomat")]),
        ("PM Kishida's rival, the Korean PM, spoke.", [("Korean PM", "Korean PM")]),
        ("The defense minister said so.", []),  # no country: left to within-report reference
        ("The G7 foreign ministers met.", []),  # several people
        ("The former Japanese prime minister spoke.", []),  # not the present holder
        ("The incoming South Korean president spoke.", []),
        ("The Japanese army chief spoke.", []),  # no office the KB keeps
    ],
)  # fmt: skip
def test_which_titles_become_mentions(text: str, found: list[tuple[str, str]]) -> None:
    mentions = title_mentions(text, [], "test")
    assert [(m.text, m.title) for m in mentions] == found
    assert all(m.label == TITLE_LABEL and m.kind == "person" for m in mentions)


def test_a_country_mention_is_left_out_of_the_span() -> None:
    text = "The U.S. secretary of state met the foreign minister of Japan."
    places = [_place(text, "U.S."), _place(text, "Japan")]
    mentions = title_mentions(text, places, "test")
    assert [(m.text, m.title) for m in mentions] == [
        ("secretary of state", "U.S. secretary of state"),
        ("foreign minister", "foreign minister of Japan"),
    ]
    assert all(m.span.of(text) == m.text for m in mentions)


def test_a_possessive_owner_mention_is_left_out_of_the_span() -> None:
    text = "China's top diplomat warned Tokyo."
    (mention,) = title_mentions(text, [_place(text, "China")], "test")
    assert (mention.text, mention.title) == ("top diplomat", "China's top diplomat")
