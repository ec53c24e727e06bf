"""Calendar arithmetic and the tense heuristic, each by hand."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.time.dates import (
    add_months,
    day_of_month_near,
    easter,
    iso_week,
    month_near,
    nth_weekday,
    weekday_near,
)
from storyline.time.tense import tense_at, tense_until


def test_add_months_clamps_to_the_month_length() -> None:
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2021, 3, 15), -3) == date(2020, 12, 15)


def test_iso_week() -> None:
    assert iso_week(date(2021, 3, 16)) == "2021-W11"
    assert iso_week(date(2021, 1, 1)) == "2020-W53"


def test_weekday_near_in_each_direction() -> None:
    wednesday = date(2021, 3, 17)
    assert weekday_near(wednesday, 2, "past") == date(2021, 3, 16)
    assert weekday_near(wednesday, 2, "future") == date(2021, 3, 23)
    assert weekday_near(wednesday, 3, "past") == wednesday
    assert weekday_near(wednesday, 5, "nearest") == date(2021, 3, 19)
    assert weekday_near(wednesday, 1, "same") == date(2021, 3, 15)


def test_day_of_month_near_in_each_direction() -> None:
    anchor = date(2021, 3, 14)
    assert day_of_month_near(anchor, 16, "future") == date(2021, 3, 16)
    assert day_of_month_near(anchor, 16, "past") == date(2021, 2, 16)
    assert day_of_month_near(anchor, 10, "future") == date(2021, 4, 10)
    assert day_of_month_near(anchor, 2, "nearest") == date(2021, 3, 2)
    assert day_of_month_near(date(2021, 3, 1), 31, "past") == date(2021, 1, 31)


def test_month_near() -> None:
    january = date(2023, 1, 12)
    assert month_near(january, 10, "past") == 2022
    assert month_near(january, 10, "future") == 2023
    assert month_near(date(2022, 10, 5), 10, "past", strict=True) == 2021


def test_movable_feasts() -> None:
    assert easter(2021) == date(2021, 4, 4)
    assert easter(2024) == date(2024, 3, 31)
    assert nth_weekday(2021, 11, 4, 4) == date(2021, 11, 25)  # Thanksgiving
    assert nth_weekday(2021, 5, 1, -1) == date(2021, 5, 31)  # Memorial Day


def _tense(sentence: str, expression: str) -> str | None:
    start = sentence.index(expression)
    return tense_at(sentence, start, start + len(expression))


@pytest.mark.parametrize(
    ("sentence", "expression", "tense"),
    [
        ("The talks will be held in Tokyo on the 16th.", "the 16th", "future"),
        ("Blinken said at a hearing in the House on the 10th.", "the 10th", "past"),
        ("The meeting has been held on the 3rd.", "the 3rd", "past"),
        ("The meeting is to be held on the 3rd.", "the 3rd", "future"),
        ("Talks are slated for Tuesday in Tokyo.", "Tuesday", "future"),
        ("Ministers are expected to meet Tuesday.", "Tuesday", "future"),
        ("On Tuesday, the ministers met in Tokyo.", "Tuesday", "past"),
        ("The firm has a June 1 deadline.", "June 1", "present"),
        ("He said the plan would take effect by June 1.", "June 1", "future"),
        ("The airline could resume flights in February.", "February", "future"),
        ("Regulators could have stopped the sale in August.", "August", "past"),
        ("The firm could not meet its targets in March.", "March", None),
        ("Plans announced in January call for cuts.", "January", "past"),
        ("The ministers plan to meet in April.", "April", "future"),
        ("The talks, held in Tokyo in March, ended.", "March", "past"),
        ("The board 's March meeting will decide.", "March", "future"),
        ("It 's cheaper in March.", "March", "present"),
        ("The vote is set for Monday.", "Monday", "future"),
    ],
)
def test_tense_of_the_nearest_verb_group(sentence: str, expression: str, tense: str | None) -> None:
    assert _tense(sentence, expression) == tense


def test_tense_stops_at_the_sentence_boundary() -> None:
    assert _tense("He said so. Talks on Tuesday are key.", "Tuesday") == "present"


@pytest.mark.parametrize(
    ("sentence", "tense"),
    [
        ("The regulator has kept the shares suspended until Friday, it said.", "present"),
        ("The port remains shut until Friday.", "present"),
        ("The airline kept its planes grounded until Friday.", "past"),
        ("The market will stay closed until Friday.", "future"),
    ],
)
def test_the_tense_of_the_state_until_ends(sentence: str, tense: str) -> None:
    start = sentence.index("Friday")
    assert tense_until(sentence, start, start + len("Friday")) == tense
