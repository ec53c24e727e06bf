"""The word bags reports and sentences are compared by."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from storyline.events.text import bag, fold, words

_WORDS = st.sampled_from(
    [
        "Talks",
        "talks",
        "TALKS",
        "the",
        "The",
        "minister",
        "Ministers",
        "bus",
        "is",
        "Straße",
        "İstanbul",
        "said",
        "ﬁnance",
        "crisis",
        "2021",
        "don't",
        "Kishida's",
    ]  # fmt: skip
)


@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=40))
def test_a_bag_counts_the_words_the_list_gives(parts: list[str]) -> None:
    text = " ".join(parts)
    assert bag(text) == Counter(words(text))


def test_fold_drops_a_plural_s_but_not_a_word_ending() -> None:
    assert [fold(w) for w in ("Talks", "crisis", "bus", "class", "reports")] == [
        "talk", "crisis", "bus", "class", "report"
    ]  # fmt: skip
