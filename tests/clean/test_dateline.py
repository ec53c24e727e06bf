"""Datelines: wire forms found and parsed, ordinary sentences left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.clean.dateline import Dateline, find_dateline, split_leading_dateline

WIRE_FORMS = [
    # raw, place, day, month, year, agency
    ("Tokyo, 7 January, /AJMEDIA/", "Tokyo", 7, 1, None, "AJMEDIA"),
    ("TOKYO (Reuters) -", "Tokyo", None, None, None, "Reuters"),
    ("WASHINGTON, Jan. 11 (Yonhap) --", "Washington", 11, 1, None, "Yonhap"),
    ("SEOUL, March 18 (AP) —", "Seoul", 18, 3, None, "AP"),
    ("Tokyo, Jan 7 2022 (Kyodo):", "Tokyo", 7, 1, 2022, "Kyodo"),
    ("BEIJING —", "Beijing", None, None, None, None),
    ("NEW YORK, Sept. 21, 2021 (AFP) -", "New York", 21, 9, 2021, "AFP"),
    ("SEOUL, South Korea (AP) —", "Seoul, South Korea", None, None, None, "AP"),
    ("Canberra, 3rd February 2023 (Xinhua) --", "Canberra", 3, 2, 2023, "Xinhua"),
    ("BRUSSELS, Tuesday, June 14 (dpa) -", "Brussels", 14, 6, None, "dpa"),
    ("Tokyo, 7 January", "Tokyo", 7, 1, None, None),
    ("MANILA—", "Manila", None, None, None, None),
]


@pytest.mark.parametrize(("raw", "place", "day", "month", "year", "agency"), WIRE_FORMS)
def test_wire_forms_are_found_and_parsed(
    raw: str, place: str, day: int | None, month: int | None, year: int | None, agency: str | None
) -> None:
    assert find_dateline(raw) == Dateline(raw, place, day, month, year, agency)


def test_a_missing_year_stays_none() -> None:
    found = find_dateline("Tokyo, 7 January, /AJMEDIA/")
    assert found is not None
    assert (found.day, found.month, found.year) == (7, 1, None)


def test_surrounding_white_space_is_ignored() -> None:
    found = find_dateline("   SEOUL,  March 18   (AP) —  ")
    assert found is not None and found.raw == "SEOUL, March 18 (AP) —"


@pytest.mark.parametrize(
    "line",
    [
        "Tokyo is the capital of Japan.",
        "Tokyo",
        "TOKYO",
        "UPDATE:",
        "Monday, 7 January 2022",
        "March 16, 2021",
        "Blinken: US-Japan alliance is the cornerstone",
        "Japan, US To Send Strong Message To China During Security Talks",
        "Tokyo, 45 January",
        "Still, Washington has demonstrated a willingness to engage in dialogue with Beijing.",
        "TOKYO (Reuters) - Japan said it would respond.",
        "",
        "—",
    ],
)
def test_non_datelines_are_none(line: str) -> None:
    assert find_dateline(line) is None


@pytest.mark.parametrize(
    ("paragraph", "raw", "rest"),
    [
        ("TOKYO (Reuters) - Japan said on Tuesday.", "TOKYO (Reuters) -", "Japan said on Tuesday."),
        (
            "WASHINGTON, Jan 11 (Kyodo) -- The United States and Japan agreed.",
            "WASHINGTON, Jan 11 (Kyodo) --",
            "The United States and Japan agreed.",
        ),
        ("SEOUL, March 18 (AP) — South Korea said.", "SEOUL, March 18 (AP) —", "South Korea said."),
        (
            "Tokyo, Jan 7 2022 (Kyodo): Ministers met.",
            "Tokyo, Jan 7 2022 (Kyodo):",
            "Ministers met.",
        ),
        ("BEIJING — China said on Monday.", "BEIJING —", "China said on Monday."),
        ("BEIJING—China said on Monday.", "BEIJING—", "China said on Monday."),
        (
            "Tokyo, 7 January, /AJMEDIA/ Ministers met.",
            "Tokyo, 7 January, /AJMEDIA/",
            "Ministers met.",
        ),
    ],
)
def test_a_leading_dateline_is_split_off(paragraph: str, raw: str, rest: str) -> None:
    found, remainder = split_leading_dateline(paragraph)
    assert found is not None and found.raw == raw
    assert remainder == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Tokyo is the capital of Japan.",
        "NATO — the alliance said it would meet.",  # no date or agency, no new sentence
        "UPDATE: Japan says it will respond.",
        "Tokyo — The city hosted the talks.",  # a mixed-case place needs a date or agency
        "Japanese and U.S. foreign ministers met in Tokyo.",
        "TOKYO (Reuters) -",  # nothing after it
        "Blinken: the alliance is the cornerstone of peace.",
    ],
)
def test_paragraphs_without_a_leading_dateline_are_unchanged(paragraph: str) -> None:
    assert split_leading_dateline(paragraph) == (None, paragraph)


@given(st.text(max_size=200))
def test_find_dateline_never_raises(text: str) -> None:
    found = find_dateline(text)
    assert found is None or found.raw in " ".join(text.split())


@given(st.text(max_size=200))
def test_split_leaves_a_suffix_of_the_paragraph(text: str) -> None:
    found, rest = split_leading_dateline(text)
    if found is None:
        assert rest == text
    else:
        assert text.endswith(rest) and rest
        assert found.raw in text
