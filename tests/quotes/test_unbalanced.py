"""Broken quote marks never swallow the rest of a report."""

from __future__ import annotations

from tests.quotes.helpers import quotes_in, read


def test_stray_opening_mark_ends_with_its_paragraph() -> None:
    text = (
        'Ortega arrived late. "The ships are ready and the crews are rested.\n\n'
        "The council met at noon.\n\n"
        '"We approve the plan," the mayor said.'
    )
    quotes = read(text, ["Ortega"])
    assert quotes[0][:2] == ("direct", "The ships are ready and the crews are rested.")
    # The paragraphs after the stray mark are read as usual.
    assert quotes[1] == ("direct", "We approve the plan", "the mayor", "said")
    assert all("council" not in words for _, words, _, _ in quotes)


def test_stray_mark_before_the_attribution_stops_there() -> None:
    text = '"The ships are ready, Ortega said at the quay. The crews cheered.'
    assert read(text, ["Ortega"]) == [("direct", "The ships are ready", "Ortega", "said")]


def test_lost_opening_mark_runs_back_to_the_paragraph_start() -> None:
    # Machine translation often drops the opener: only the closer is left.
    text = "The talks ended.\n\nThe ships are ready and the crews are rested,” Ortega said."
    assert read(text, ["Ortega"]) == [
        ("direct", "The ships are ready and the crews are rested", "Ortega", "said")
    ]


def test_lost_opener_after_an_attribution_starts_after_it() -> None:
    text = (
        "“The ships are ready,” Ortega said. The crews are rested. "
        "We sail at dawn.”\n\nThe council met at noon."
    )
    assert read(text, ["Ortega"]) == [
        ("direct", "The ships are ready", "Ortega", "said"),
        ("direct", "The crews are rested. We sail at dawn.", "Ortega", None),
    ]


def test_lost_opener_does_not_take_the_sentence_naming_the_speaker() -> None:
    text = "Ortega spoke after the meeting. The ships are ready,” Ortega said."
    assert read(text, ["Ortega"]) == [("direct", "The ships are ready", "Ortega", "said")]


def test_new_opening_mark_ends_an_unclosed_quotation_at_a_sentence_end() -> None:
    text = 'Ortega said, "The ships are ready. Then the mayor said, "We approve."'
    quotes = read(text, ["Ortega"])
    assert quotes[0] == ("direct", "The ships are ready.", "Ortega", "said")
    assert quotes[1] == ("direct", "We approve.", "the mayor", "said")


def test_mixed_straight_and_curly_marks() -> None:
    text = 'Ortega said, "The ships are ready." We sail at dawn,” she said.'
    assert read(text, ["Ortega"]) == [
        ("direct", "The ships are ready.", "Ortega", "said"),
        ("direct", "We sail at dawn", "Ortega", "said"),
    ]


def test_paragraph_opening_without_a_following_quote_paragraph_is_capped() -> None:
    text = "Ortega said, “The ships are ready.\n\nThe council met at noon."
    quotes = quotes_in(text, ["Ortega"])
    assert [q.span.of(text) for q in quotes] == ["The ships are ready."]


def test_only_stray_marks() -> None:
    for text in ['"', '" "', "”", "“", "'", 'a " b ” c “ d « e » f', '\n\n"\n\n”\n']:
        quotes = quotes_in(text)
        assert all(0 <= q.span.start < q.span.end <= len(text) for q in quotes)
