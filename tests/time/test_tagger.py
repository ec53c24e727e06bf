"""The tagger on hand-written sentences: the seeds' forms, tense, TimeML value semantics."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.pipeline import Pipeline
from storyline.records import DateFinding, TimeExpression
from storyline.time import TimeStage, tag_time
from storyline.time.tagger import full_date
from storyline.time.values import is_report_day
from tests.conftest import make_document

MARCH_14_2021 = date(2021, 3, 14)  # a Sunday
MARCH_17_2021 = date(2021, 3, 17)  # a Wednesday
JAN_12_2023 = date(2023, 1, 12)
JAN_7_2022 = date(2022, 1, 7)


def only(text: str, dct: date | None) -> TimeExpression:
    found = tag_time(text, dct)
    assert len(found) == 1, found
    return found[0]


def values(text: str, dct: date | None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_time(text, dct)]


@pytest.mark.parametrize(
    ("text", "dct", "span", "type_", "value", "mod"),
    [
        ("The talks will be held in Tokyo on the 16th.", MARCH_14_2021, "the 16th", "DATE",
         "2021-03-16", None),
        ("They will meet in Tokyo on the afternoon of the 16th.", MARCH_14_2021,
         "the afternoon of the 16th", "TIME", "2021-03-16TAF", None),
        ("They met in Washington on the 11th (local time).", JAN_12_2023, "the 11th", "DATE",
         "2023-01-11", None),
        ("The talks are slated for Tuesday in Tokyo.", MARCH_14_2021, "Tuesday", "DATE",
         "2021-03-16", None),
        ("They wrote an opinion on Sunday.", date(2021, 3, 15), "Sunday", "DATE", "2021-03-14",
         None),
        ("A missile passed over Japan last October.", JAN_12_2023, "last October", "DATE",
         "2022-10", None),
        ("Hayashi took up his post in early November.", JAN_7_2022, "early November", "DATE",
         "2021-11", "START"),
        ("Suga will visit in the first half of April.", MARCH_14_2021, "the first half of April",
         "DATE", "2021-04", "START"),
        ("A review is due by the year-end.", JAN_7_2022, "the year-end", "DATE", "2022", "END"),
        ("The coup came on Feb. 1.", MARCH_14_2021, "Feb. 1", "DATE", "2021-02-01", None),
        ("Biden took office on Jan. 20.", MARCH_14_2021, "Jan. 20", "DATE", "2021-01-20", None),
        ("Tokyo, 7 January", JAN_7_2022, "7 January", "DATE", "2022-01-07", None),
        ("They are expected to meet later this week.", date(2021, 3, 16), "later this week",
         "DATE", "2021-W11", None),
        ("Missiles flew often over the past year.", JAN_12_2023, "the past year", "DURATION",
         "P1Y", None),
        ("At the end of last year, Japan announced it.", JAN_12_2023, "the end of last year",
         "DATE", "2022", "END"),
        ("The alliance over the past 70 years is strong.", JAN_12_2023, "the past 70 years",
         "DURATION", "P70Y", None),
        ("Two years ago the rate was higher.", MARCH_14_2021, "Two years ago", "DATE", "2019",
         None),
        ("Prices are higher now.", MARCH_14_2021, "now", "DATE", "PRESENT_REF", None),
        ("Prices recently rose.", MARCH_14_2021, "recently", "DATE", "PAST_REF", None),
        ("It began in the 1990s.", MARCH_14_2021, "the 1990s", "DATE", "199", None),
        ("Sales fell last year.", MARCH_14_2021, "last year", "DATE", "2020", None),
        ("The firm pays a quarterly dividend.", MARCH_14_2021, "quarterly", "SET", "P3M", None),
        ("Profit rose in the fourth quarter.", MARCH_14_2021, "the fourth quarter", "DATE",
         "2020-Q4", None),
        ("The plane landed at 6:40 p.m. on Friday.", MARCH_14_2021, "6:40 p.m. on Friday",
         "TIME", "2021-03-12T18:40", None),
        ("The talks lasted about three hours.", MARCH_14_2021, "about three hours", "DURATION",
         "PT3H", "APPROX"),
        ("It took two and a half years.", MARCH_14_2021, "two and a half years", "DURATION",
         "P2.5Y", None),
        ("The board meets every Monday.", MARCH_14_2021, "every Monday", "SET", "XXXX-WXX-1",
         None),
        ("In fiscal 2020 sales rose.", MARCH_14_2021, "fiscal 2020", "DATE", "FY2020", None),
        ("The vote was held on March 16, 2021.", date(2021, 3, 20), "March 16, 2021", "DATE",
         "2021-03-16", None),
        ("Markets closed higher yesterday.", MARCH_14_2021, "yesterday", "DATE", "2021-03-13",
         None),
        ("It will rain this afternoon.", MARCH_14_2021, "this afternoon", "TIME",
         "2021-03-14TAF", None),
        ("Results are due in the first half of 2021.", MARCH_14_2021,
         "the first half of 2021", "DATE", "2021-H1", None),
        ("Growth slowed in the spring of 2020.", MARCH_14_2021, "the spring of 2020", "DATE",
         "2020-SP", None),
        ("It was founded in the 21st century.", MARCH_14_2021, "the 21st century", "DATE", "20",
         None),
        ("The plan runs through 2024.", MARCH_14_2021, "2024", "DATE", "2024", None),
    ],
)  # fmt: skip
def test_expression(
    text: str, dct: date, span: str, type_: str, value: str, mod: str | None
) -> None:
    timex = only(text, dct)
    assert (timex.text, timex.type, timex.value, timex.mod) == (span, type_, value, mod)
    assert text[timex.span.start : timex.span.end] == span
    assert timex.stage == "time.tag.v1"


def test_tense_decides_the_direction_of_a_day_of_the_month() -> None:
    dct = date(2021, 3, 14)
    assert only("The meeting will be held on the 10th.", dct).value == "2021-04-10"
    assert only("Blinken said at a hearing on the 10th.", dct).value == "2021-03-10"
    assert only("The meeting was held on the 16th.", dct).value == "2021-02-16"
    assert only("The meeting will be held on the 16th.", dct).value == "2021-03-16"


def test_tense_decides_the_direction_of_a_weekday() -> None:
    dct = date(2021, 3, 17)  # a Wednesday
    assert only("The ministers met on Tuesday.", dct).value == "2021-03-16"
    assert only("The ministers will meet on Tuesday.", dct).value == "2021-03-23"
    assert only("The ministers are meeting Thursday.", dct).value == "2021-03-18"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The firm said Monday would be its last day of trading.", "2021-03-22"),
        ("The firm said that Friday will be its busiest day.", "2021-03-19"),
        ("The firm said Tuesday it would cut jobs.", "2021-03-16"),  # the day of saying
        ("The cuts announced Monday will save $1 billion.", "2021-03-15"),  # a participle
    ],
)
def test_a_day_opening_a_reported_clause_takes_that_clause_s_tense(
    sentence: str, value: str
) -> None:
    assert only(sentence, date(2021, 3, 17)).value == value  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The vote has been postponed to Monday.", "2021-03-22"),
        ("The board pushed the vote back to Monday.", "2021-03-22"),
        ("The launch was delayed until February.", "2022-02"),
        ("The hearing was rescheduled for Tuesday.", "2021-03-23"),
        ("The court adjourned the case on Monday.", "2021-03-15"),  # not a new date
        ("The board postponed the talks that began in February.", "2021-02"),
    ],
)
def test_the_new_date_of_a_postponement_lies_ahead(sentence: str, value: str) -> None:
    assert only(sentence, date(2021, 3, 17)).value == value


def test_passives_and_infinitives_look_forward() -> None:
    dct = date(2005, 10, 4)
    sentence = "Apple announced today another special event to be held on October 12."
    assert values(sentence, dct)[-1] == ("October 12", "DATE", "2005-10-12")


def test_since_looks_back_whatever_the_tense() -> None:
    found = values("Stocks have their best week since November.", date(2009, 3, 13))
    assert found == [("week", "DATE", "2009-W11"), ("November", "DATE", "2008-11")]


def test_later_counts_from_the_previous_expression() -> None:
    found = tag_time(
        "The ministers met on the 11th, before a summit scheduled for two days later.",
        JAN_12_2023,
    )
    assert [(t.value, t.anchor) for t in found] == [("2023-01-11", "dct"),
                                                      ("2023-01-13", "previous")]  # fmt: skip


def test_later_after_a_month_does_not_invent_a_day() -> None:
    found = tag_time("Suga will visit in April, and the summit comes two days later.", None)
    assert found[-1].value == "FUTURE_REF"


def test_same_day_counts_from_the_previous_day() -> None:
    found = tag_time("The plant closed on Monday. Workers protested the same day.", MARCH_14_2021)
    assert [t.value for t in found] == ["2021-03-08", "2021-03-08"]


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        (
            "The insurer reported a second-quarter profit on Monday, against a loss in the same"
            " period a year earlier.",
            "2019-Q2",
        ),  # the quarter is 2020's
        (
            "Sales rose in the first half of 2020, the company said on Tuesday, from the same"
            " period of 2019.",
            "2019-H1",
        ),
        ("Orders rose in February, it said on Monday, from the same period last year.", "2020-02"),
        ("Sales fell on Monday, it said, from the same period a year earlier.", "2020-03-15"),
    ],
)
def test_the_same_period_is_the_period_reported_not_the_day_of_reporting(
    sentence: str, period: str
) -> None:
    """ "the same period" reads the last expression coarser than a day when there is one
    (a quarter, a half, a month), so the day a result was reported does not stand in for
    the period it covers; with no such expression, the day is the period."""
    assert values(sentence, MARCH_17_2021)[-1][2] == period


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Prices rose 6% in the 12 months to February.", "the 12 months"),
        ("It set aside $1 billion in the three months ended March 31.", "the three months"),
        ("Rates have risen in the two straight weeks since the vote.", "the two straight weeks"),
        ("The 10-year yield rose to 3%.", "10-year"),  # "the" goes with "yield"
    ],
)
def test_the_joins_a_counted_stretch_named_by_a_noun(sentence: str, span: str) -> None:
    assert values(sentence, MARCH_17_2021)[0][0] == span


@pytest.mark.parametrize(
    ("sentence", "dct", "value"),
    [
        ("Prices dropped in the second half of the year.", date(2015, 1, 28), "2014-H2"),
        ("Prices will rise in the second half of the year.", date(2015, 1, 28), "2015-H2"),
        ("Sales grew in the first half of the year.", date(2015, 8, 28), "2015-H1"),
    ],
)
def test_a_half_of_the_year_is_a_half_taken_by_the_tense(
    sentence: str, dct: date, value: str
) -> None:
    assert values(sentence, dct) == [(sentence.split(" in ")[1].rstrip("."), "DATE", value)]


@pytest.mark.parametrize(
    ("sentence", "type_"),
    [
        ("The plane maker will raise output to 52 jets a month by 2018.", "SET"),
        ("It plans to build 2 million electric vehicles a year.", "SET"),
        ("The field pumps 10,000 barrels of oil a day.", "SET"),
        ("The dealer sold 5 cars in a month.", "DURATION"),  # a preposition: a stretch
        ("Its 300 workers spent a month on strike.", "DURATION"),  # a verb between
    ],
)
def test_a_unit_after_a_count_of_things_is_a_rate(sentence: str, type_: str) -> None:
    assert [t for _, t, _ in values(sentence, MARCH_17_2021) if t != "DATE"] == [type_]


@pytest.mark.parametrize(
    ("sentence", "dct", "value"),
    [
        ("It was the best month for the industry since 2005.", date(2017, 10, 3), "2017-09"),
        ("It was the best month for the industry since 2005.", date(2017, 10, 28), "2017-10"),
        ("It is the best month for the industry since 2005.", date(2017, 10, 3), "2017-10"),
        (
            "Carmakers reported sales on Tuesday, closing out the industry's worst year since"
            " 1982.",
            date(2010, 1, 5),
            "2009",
        ),
        ("Stocks had their best week since November.", date(2009, 3, 13), "2009-W11"),
        ("Orders climbed in June for a third straight month.", date(2010, 8, 3), "2010-06"),
        ("Orders rose for a fifth straight month.", date(2016, 3, 9), "2016-03"),
    ],
)
def test_the_best_month_or_year_told_in_the_past_early_in_the_next_is_over(
    sentence: str, dct: date, value: str
) -> None:
    """The best or worst month or year told in the past tense from a day in the first half
    of the current one is the one before; a week, a run ("a third straight month") and a
    period named by an earlier expression ("in June") stay."""
    found = [v for text, _, v in values(sentence, dct) if text in ("month", "year", "week")
             or "straight" in text]  # fmt: skip
    assert found == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The talks will be held on the 16th.", "XXXX-XX-16"),
        ("They will meet on the afternoon of the 16th.", "XXXX-XX-16TAF"),
        ("The talks are slated for Tuesday.", "XXXX-WXX-2"),
        ("A missile passed over Japan last October.", "XXXX-10"),
        ("The coup came on Feb. 1.", "XXXX-02-01"),
        ("They are expected to meet later this week.", "XXXX-WXX"),
        ("Sales fell last year.", "PAST_REF"),
        ("Sales will rise next year.", "FUTURE_REF"),
        ("Prices are higher today.", "PRESENT_REF"),
        ("The review ends by the year-end.", "XXXX"),
        ("The vote was held on March 16, 2021.", "2021-03-16"),
        ("The plan over the past 70 years.", "P70Y"),
    ],
)
def test_an_unknown_report_date_leaves_placeholders(text: str, value: str) -> None:
    assert only(text, None).value == value


@pytest.mark.parametrize(
    "text",
    [
        "The May meeting may be cancelled.",
        "He may march on the capital.",
        "The company employs 2000 workers in 16 plants.",
        "The 16th floor is closed.",
        "The score was 2:1 at half-time.",
        "A quarter of the dealers closed.",
        "He is a 70-year-old retiree.",
        "China Daily reported the news.",
        "The past president spoke.",
        "The stock fell as soon as trading opened.",
        "The bank will publish its annual report in Frankfurt.",
        "Jobs gave the company 's annual keynote.",
    ],
)
def test_things_that_are_not_time_expressions(text: str) -> None:
    assert tag_time(text, MARCH_14_2021) == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The bank returned to profit in the July-September quarter.", "2009-Q3"),
        ("Sales rose in the April to June quarter, it said.", "2009-Q2"),
        ("Profit in the October–December quarter will rise.", "2009-Q4"),
    ],
)
def test_a_quarter_named_by_its_months(text: str, value: str) -> None:
    assert only(text, date(2009, 11, 5)).value == value


def test_months_that_bound_no_calendar_quarter_stay_months() -> None:
    found = values("The retailer's November-January quarter was weak.", date(2009, 11, 5))
    assert [text for text, *_ in found] == ["November", "January"]


def test_a_season_opening_a_name_is_not_a_season() -> None:
    found = values("The Winter Olympics open as Winter 2010 ends.", date(2009, 11, 5))
    assert found == [("Winter 2010", "DATE", "2010-WI")]


def test_a_possessive_weekday_is_a_weekday() -> None:
    dct = date(2012, 11, 8)  # a Thursday
    assert only("The president won a second term in Tuesday's election.", dct).value == (
        "2012-11-06"
    )
    assert only("Analysts await Friday’s jobs report.", dct).value == "2012-11-09"
    assert values("He said 'Monday' was fine.", dct) == []  # a quote mark, no possessive


def test_a_frequency_keeps_its_tag_without_a_possessive_before_it() -> None:
    found = values("Their quarterly dividend was cut at the annual meeting.", JAN_12_2023)
    assert found == [("quarterly", "SET", "P3M"), ("annual", "SET", "P1Y")]


def test_the_day_in_market_reports_is_the_trading_day() -> None:
    found = tag_time("Stocks fell on Monday. The index ended the day down 2%.", MARCH_14_2021)
    assert [(t.text, t.value) for t in found] == [("Monday", "2021-03-08"),
                                                    ("the day", "2021-03-08")]  # fmt: skip


def test_a_title_line_and_a_date_line_stay_apart() -> None:
    found = tag_time("Markets to remain closed until Friday\nSeptember 18, 2008\n", None)
    assert [t.text for t in found] == ["Friday", "September 18, 2008"]


def test_full_date_accepts_only_full_dates() -> None:
    assert full_date("2021-03-16") == date(2021, 3, 16)
    assert full_date("2021-03") is None
    assert full_date("2021-02-30") is None
    assert full_date(None) is None


def test_time_stage_uses_the_published_date_when_it_is_full() -> None:
    doc = make_document("The talks will be held on the 16th.", published="2021-03-14")
    tagged = Pipeline([TimeStage()]).pipe([doc])
    result = next(iter(tagged))
    assert [t.value for t in result.timexes] == ["2021-03-16"]
    assert result.stages[-1] == "time.tag.v1"


def test_time_stage_without_a_full_date_keeps_placeholders() -> None:
    doc = make_document("The talks will be held on the 16th.", published="2021-03")
    result = TimeStage()(doc)
    assert [t.value for t in result.timexes] == ["XXXX-XX-16"]


def test_a_report_dated_to_its_month_gives_days_of_the_month_their_month() -> None:
    doc = make_document(
        "The talks open on the 9th. The envoy flies to Lima on May 2. "
        "They last met in September. They met on Friday.",
        dating=DateFinding("2019-04", "inferred", 0.6),
    )
    result = TimeStage()(doc)
    assert [(t.text, t.value) for t in result.timexes] == [
        ("the 9th", "2019-04-09"),
        ("May 2", "2019-05-02"),
        ("September", "2018-09"),  # the September nearest April 2019
        ("Friday", "XXXX-WXX-5"),  # a weekday needs the day itself
    ]


@pytest.mark.parametrize(
    ("dating", "words", "value"),
    [
        ("2019", "on the 9th", "XXXX-XX-09"),  # the year alone names no month
        ("2019", "on May 2", "2019-05-02"),
        ("2019", "last October", "XXXX-10"),  # last October of 2019 or of 2018
        ("2019-04", "last October", "2018-10"),
        ("2019-11", "last October", "2019-10"),
        ("2019-11", "next February", "2020-02"),
        ("2019-04", "in March 2015", "2015-03"),  # a full value stays
    ],
)
def test_partial_report_dates_fill_only_what_they_know(dating: str, words: str, value: str) -> None:
    doc = make_document(f"It happened {words}.", dating=DateFinding(dating, "inferred", 0.5))
    assert [t.value for t in TimeStage()(doc).timexes] == [value]


def test_the_day_is_the_last_day_named_even_after_a_month() -> None:
    text = (
        "Ford said on Tuesday that its sales rose in February. "
        "Its stock rose in morning trading, before declining later in the day."
    )
    found = tag_time(text, date(2010, 3, 3))
    assert [(t.text, t.value) for t in found] == [
        ("Tuesday", "2010-03-02"),
        ("February", "2010-02"),
        ("the day", "2010-03-02"),
    ]


def test_the_day_after_an_event_is_not_an_anaphor() -> None:
    found = tag_time("Stocks fell today. The index rebounded late in the day after falling.",
                     date(2007, 8, 10))  # fmt: skip
    assert [(t.text, t.value) for t in found] == [("today", "2007-08-10"),
                                                    ("late in the day", "2007-08-10")]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        "Talks began on Tuesday, March 16, 2021. Two days later they ended.",
        "The envoy flew in on the 9th and left the same day, officials said last week.",
    ],
)
def test_tagging_a_body_then_its_title_apart_matches_tagging_them_together(body: str) -> None:
    text = body + "\n\nTalks in Tokyo on March 16, 2021\n\nPhoto taken Jan. 8, 2021"
    for dct in (None, MARCH_14_2021):
        together = tag_time(text, dct)
        assert tag_time(text, dct, split=len(body)) == together
        assert tag_time(body, dct) == tuple(t for t in together if t.span.end <= len(body))


def test_a_day_named_in_brackets_after_today_is_kept() -> None:
    """Translated Korean and Japanese news: "today (16th)", "tomorrow (17th)"."""
    assert only("The talks open today (9th) in Seoul.", None).value == "XXXX-XX-09"
    assert only("They fly home tomorrow (10th).", None).value == "XXXX-XX-10"
    assert only("The talks open today (9th) in Seoul.", JAN_7_2022).value == "2022-01-07"
    assert only("The talks open today in Seoul.", None).value == "PRESENT_REF"


def test_an_undated_report_s_own_day_is_anchored_at_it() -> None:
    """Without the report's date, "today (16th)" and "this morning" keep open values,
    but say they are the report's day (the corpus may date the report by them);
    "tomorrow (17th)" and "yesterday morning" are not."""
    for text in ("The talks open today (9th).", "They met this morning.", "They meet today."):
        assert only(text, None).anchor == "dct", text
    for text in ("They fly home tomorrow (10th).", "They met yesterday morning."):
        assert only(text, None).anchor is None, text
    for text, own in (("They met this morning.", True), ("Two days later they met.", False)):
        found = only(text, None)
        assert is_report_day(found.type, found.value, found.anchor) is own, text


@pytest.mark.parametrize(
    ("text", "dct"),
    [("Next January.", date(9999, 1, 1)), ("Last December.", date(1, 12, 31))],
)
def test_a_report_date_at_the_ends_of_the_calendar_is_unknown(text: str, dct: date) -> None:
    # Issue 10: "next January" of a report dated 9999 raised ValueError (year 10000).
    assert tag_time(text, dct) == tag_time(text, None)


def test_until_looks_forward_from_a_state_that_still_holds() -> None:
    dct = date(2012, 2, 14)  # a Tuesday
    kept = "The regulator has kept trading suspended until Friday, a spokesman said."
    assert only(kept, dct).value == "2012-02-17"
    assert only("The port remains shut until Monday, officials said.", dct).value == "2012-02-20"
    assert only("The union has delayed its vote until March.", dct).value == "2012-03"
    assert only("The airline kept its planes grounded until Friday.", dct).value == "2012-02-10"
    assert only("The plant had to remain closed until Friday.", dct).value == "2012-02-10"


def test_a_present_passive_set_for_a_day_looks_forward() -> None:
    dct = date(2012, 2, 14)
    assert only("The hearing is set for Monday.", dct).value == "2012-02-20"
    assert only("The hearing was set for Monday, then delayed.", dct).value == "2012-02-13"


def test_a_year_closing_a_name_at_the_end_of_a_line() -> None:
    text = "Carmakers gather at Geneva Motor Show 2012\nTuesday, February 14, 2012"
    assert values(text, date(2012, 2, 14))[0] == ("2012", "DATE", "2012")
    assert values("The Russell 2000 Index fell.", date(2012, 2, 14)) == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The repairs could take months.", "months", "PXM"),
        ("The hearing lasted hours.", "hours", "PTXH"),
        ("After years of losses, the brewer made a profit.", "years", "PXY"),
        ("The builder had just days to find a buyer.", "days", "PXD"),
        ("The mine is only weeks away from closing.", "weeks", "PXW"),
        ("It may be weeks before the bridge reopens.", "weeks", "PXW"),
    ],
)
def test_a_bare_vague_plural_that_names_a_stretch(text: str, span: str, value: str) -> None:
    assert values(text, date(2013, 5, 7)) == [(span, "DURATION", value)]


def test_bare_plurals_that_are_no_stretch_stay_untagged() -> None:
    assert values("Years of data were lost.", date(2013, 5, 7)) == []
    assert values("The days are long.", date(2013, 5, 7)) == []


def test_the_weeks_ahead_look_forward() -> None:
    found = values("The days ahead will be hard for the council.", date(2013, 5, 7))
    assert found == [("The days ahead", "DATE", "FUTURE_REF")]


def test_the_middle_of_the_reports_period() -> None:
    dct = date(2014, 2, 11)
    assert values("Flights resume by mid-year.", dct) == [("mid-year", "DATE", "2014")]
    assert only("Flights resume by midyear.", dct).mod == "MID"
    assert values("Stocks recover by mid-month.", dct) == [("mid-month", "DATE", "2014-02")]


def test_adjectival_current_is_the_present() -> None:
    dct = date(2014, 2, 11)
    assert values("Under current rules the bank must hold more.", dct) == [
        ("current", "DATE", "PRESENT_REF")
    ]
    assert values("The current account deficit narrowed.", dct) == []
    assert values("The current in the river was strong.", dct) == []


def test_the_end_of_a_quarter_or_half_is_the_period_with_its_mod() -> None:
    dct = date(2015, 8, 4)
    found = tag_time("The pit restarts by the end of the fourth quarter.", dct)
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("the end of the fourth quarter", "2015-Q4", "END")
    ]
    assert only("Sales rose in the first half of 2014.", dct).mod is None


def test_a_run_after_for_without_straight() -> None:
    dct = date(2016, 3, 9)
    assert values("Orders rose for a fifth month.", dct) == [("a fifth month", "DATE", "2016-03")]
    assert values("GM made a loss for the second quarter.", dct)[0][2] == "2015-Q2"


def test_the_rest_of_a_period_is_one_unit_long() -> None:
    found = values("The bridge stays closed for the rest of the week.", date(2016, 3, 9))
    assert found == [("the week", "DURATION", "P1W")]


def test_a_clock_time_with_a_utc_offset_is_written_in_utc() -> None:
    dct = date(2017, 11, 20)
    assert values("It docked at 7:15 p.m. ( GMT +8 ) at last.", dct) == [
        ("7:15 p.m. ( GMT +8 )", "TIME", "2017-11-20T11:15Z")
    ]
    assert values("It docked at 6:40 a.m. (UTC+8).", dct)[0][2] == "2017-11-19T22:40Z"
    assert values("It docked at 16:08 UTC.", dct)[0][2] == "2017-11-20T16:08Z"


def test_the_year_before_closing_its_clause() -> None:
    dct = date(2018, 4, 24)
    found = values("Sales rose in 2017, up from the year before.", dct)
    assert found == [("2017", "DATE", "2017"), ("the year before", "DATE", "2016")]
    found = values("The plant opened in 2005; two years after, it closed.", dct)
    assert found[-1] == ("two years after", "DATE", "2007")
    assert values("The vote came a week after the strike began.", dct) == [
        ("a week", "DURATION", "P1W")
    ]


def test_the_year_ago_quarter_is_the_same_quarter_a_year_back() -> None:
    text = "Profit in the first quarter doubled from the year-ago quarter."
    found = values(text, date(2018, 4, 24))
    assert found[-1] == ("the year-ago quarter", "DATE", "2017-Q1")


def test_a_month_before_its_figures_looks_back() -> None:
    found = values("The brewer will report its December sales on Thursday.", date(2019, 1, 7))
    assert found == [("December", "DATE", "2018-12"), ("Thursday", "DATE", "2019-01-10")]
    assert values("The carmaker's May deliveries fell.", date(2019, 6, 3)) == [
        ("May", "DATE", "2019-05")
    ]
    assert values("Analysts may cut their forecasts.", date(2019, 6, 3)) == []


def test_named_days() -> None:
    dct = date(2012, 11, 16)
    found = values("Shops expect record takings on Black Friday and Cyber Monday.", dct)
    assert found == [("Black Friday", "DATE", "2012-11-23"), ("Cyber Monday", "DATE", "2012-11-26")]
    assert values("The fast starts on Ash Wednesday.", date(2013, 2, 6)) == [
        ("Ash Wednesday", "DATE", "2013-02-13")
    ]
    assert values("Traders remember Black Monday, when the index fell.", dct) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The operator will later publish a timetable.", [("later", "DATE", "FUTURE_REF")]),
        ("The bridge was later reopened.", [("later", "DATE", "XXXX-XX-XX")]),
        ("Later, the museum said it would reopen.", [("Later", "DATE", "XXXX-XX-XX")]),
        ("The museum said earlier that it was shut.", [("earlier", "DATE", "PAST_REF")]),
        ("The hearing was moved to a later date.", [("a later date", "DATE", "XXXX-XX-XX")]),
        ("Earlier models were recalled.", []),
        ("The work ended earlier than planned.", []),
        ("Sooner or later the firm will fail.", []),
    ],
)
def test_bare_later_and_earlier(text: str, found: list[tuple[str, str, str]]) -> None:
    assert values(text, date(2020, 9, 15)) == found


def test_a_feast_before_sales_is_a_stretch_of_days() -> None:
    dct = date(2021, 1, 12)
    found = values("Strong Christmas sales lifted profit.", dct)
    assert found == [("Christmas", "DURATION", "PXD")]
    assert values("The shop closed on Christmas Day.", dct) == [
        ("Christmas Day", "DATE", "2020-12-25")
    ]


def test_a_headline_in_the_present_looks_back() -> None:
    dct = date(2009, 6, 5)  # a Friday
    text = "Stocks rally on Monday as carmaker files for bankruptcy\nJune 5, 2009\nStocks rose."
    assert values(text, dct)[0] == ("Monday", "DATE", "2009-06-01")
    ahead = "Carmaker to file for bankruptcy on Monday\nJune 5, 2009\nIt said so."
    assert values(ahead, dct)[0] == ("Monday", "DATE", "2009-06-08")
    assert values("Stocks rally on Monday.\nMore text.", dct)[0][2] == "2009-06-08"


def test_the_past_year_and_a_half() -> None:
    dct = date(2022, 3, 8)
    found = values("Rents climbed over the past year and a half.", dct)
    assert found == [("the past year and a half", "DURATION", "P1.5Y")]
    assert values("Rents rose this year and a half of tenants left.", dct)[0][0] == "this year"


def test_half_year_codes() -> None:
    dct = date(2023, 8, 2)
    assert values("Revenue fell in H1 2023.", dct) == [("H1 2023", "DATE", "2023-H1")]
    assert values("Revenue fell in 1H23.", dct) == [("1H23", "DATE", "2023-H1")]
    assert values("He holds an H1 visa.", dct) == []


def test_over_as_more_than() -> None:
    dct = date(2024, 2, 20)
    timex = only("The pound fell to its weakest in over two years.", dct)
    assert (timex.text, timex.value, timex.mod) == ("over two years", "P2Y", "MORE_THAN")
    assert only("The fund returned 40% over five years.", dct).text == "five years"


def test_a_part_of_the_day_keeps_its_modifier() -> None:
    found = tag_time("Oil slipped on Monday but recovered late in the day.", date(2024, 5, 14))
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("Monday", "2024-05-13", None),
        ("late in the day", "2024-05-13", "END"),
    ]


def test_spans_of_long_and_more_recently() -> None:
    dct = date(2009, 6, 1)
    assert values("Stocks ended a four-week long rally.", dct) == [("four-week", "DURATION", "P4W")]
    assert values("A two-year-long study ended.", dct) == [("two-year-long", "DURATION", "P2Y")]
    assert values("A 70 year old man retired.", dct) == []
    assert values("It sells music and more recently films.", dct) == [
        ("more recently", "DATE", "PAST_REF")
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The vote was moved to a later date.", [("a later date", "DATE", "XXXX-XX-XX")]),
        ("The river had at one point risen.", [("one point", "DATE", "PAST_REF")]),
        ("The firm will at some point need cash.", [("some point", "DATE", "FUTURE_REF")]),
        ("The index hit a low point.", []),
        ("One point is clear.", []),
    ],
)
def test_a_time_the_text_does_not_give(text: str, found: list[tuple[str, str, str]]) -> None:
    assert values(text, date(2024, 7, 9)) == found


def test_agreed_to_a_noun_is_past() -> None:
    dct = date(2025, 2, 11)  # a Tuesday
    assert values("The dockers agreed to the offer on Monday.", dct) == [
        ("Monday", "DATE", "2025-02-10")
    ]


def test_quarter_results_look_back_whatever_the_verb() -> None:
    dct = date(2025, 2, 11)
    found = values("The insurer will publish its fourth-quarter results next week.", dct)
    assert found[0] == ("fourth-quarter", "DATE", "2024-Q4")
    assert values("The insurer expects a third-quarter profit.", dct)[0][2] == "2025-Q3"


def test_vague_plurals_before_and_after() -> None:
    found = values("The bid was filed minutes before the deadline.", date(2025, 2, 11))
    assert found == [("minutes", "DURATION", "PTXM")]


def test_text_references_and_model_names_are_no_times() -> None:
    dct = date(2009, 6, 1)
    assert values("As mentioned earlier, sales fell.", dct) == []
    assert values("The H2 engine is new.", dct) == []
