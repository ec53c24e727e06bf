"""Dating reports: metadata, datelines, the solver, and the five seeds.

The seeds' true dates (from the reports themselves, checked by hand): 000 is a
preview published shortly before Tuesday 16 March 2021; 001 the same, about
14-15 March 2021; 002 follows the 16 March 2021 talks (16-18 March); 003 is
7 January 2022; 004 is 11-12 January 2023. Each must be dated inside its window
or be undated with a reason. These expectations live here only: the source
knows nothing about the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.clean.dateline import Dateline, find_dateline
from storyline.records import DateFinding
from storyline.time import DateConstraint, DatingStage, TimeStage, date_report, tag_time
from storyline.time.evidence import constraint_evidence, latest_fit, soonest_fit, text_evidence
from tests.conftest import make_document

TODAY = date(2025, 6, 1)


@dataclass(frozen=True)
class Line:
    day: int | None
    month: int | None
    year: int | None


def solve(text: str, **kwargs: Any) -> DateFinding:
    kwargs.setdefault("metadata", None)
    kwargs.setdefault("dateline", None)
    kwargs.setdefault("today", TODAY)
    return date_report(text, tag_time(text, None), **kwargs)


def test_metadata_comes_first() -> None:
    found = date_report("It happened on the 16th.", (), metadata="2021-03-16T09:00:00+09:00",
                        dateline=Line(7, 1, 2022))  # fmt: skip
    assert (found.value, found.how, found.confidence) == ("2021-03-16", "metadata", 1.0)


@pytest.mark.parametrize("metadata", ["²⁰²¹", "٢٠٢١-٠٣", "2021-13", "2021-00", "2021-3"])
def test_metadata_that_is_no_year_or_month_is_ignored(metadata: str) -> None:
    # Issue 10: "²⁰²¹" passed `str.isdigit` and later made the time stage raise ValueError.
    doc = make_document("He met her on the 16th.", published=metadata, published_how="metadata")
    doc = DatingStage(today=TODAY)(doc)
    assert doc.dating is not None and doc.dating.how != "metadata"
    assert [t.value for t in TimeStage()(doc).timexes] == ["XXXX-XX-16"]


def test_a_partial_date_that_is_no_year_completes_nothing() -> None:
    doc = make_document("He met her on the 16th.", dating=DateFinding("²⁰²¹", "metadata", 1.0))
    assert [t.value for t in TimeStage()(doc).timexes] == ["XXXX-XX-16"]


def test_a_full_dateline_comes_next() -> None:
    found = date_report("It happened on the 16th.", (), metadata=None, dateline=Line(7, 1, 2022))
    assert (found.value, found.how) == ("2022-01-07", "dateline")


def test_no_year_anywhere_is_undated_with_the_reason() -> None:
    found = solve("The talks will be held on the 16th, a Tuesday.")
    assert found.value is None and found.how is None
    assert "no year" in found.evidence[0]


def test_a_dateline_without_a_year_is_a_constraint_not_an_answer() -> None:
    found = solve("Ministers met on Friday.", dateline=Line(7, 1, None))
    assert found.value is None


def test_weekday_and_day_of_month_must_agree() -> None:
    """Between 20 February and 20 March 2021 only 16 March is a Tuesday the 16th."""
    window = DateConstraint(date(2021, 2, 20), date(2021, 3, 20), 1.0, "known window")
    found = solve("The talks will be held on Tuesday, the 16th.", extra=[window])
    assert found.value is not None and found.value.startswith("2021-03")
    assert any("must be a Tuesday: fits" in e for e in found.evidence)
    wrong = solve("The talks will be held on Wednesday, the 16th.", extra=[window])
    assert any("must be a Wednesday: does not fit" in e for e in wrong.evidence)


def test_the_years_between_two_terms_of_office_are_out() -> None:
    """Someone in office 2008-09 and again from 2022 dates a report to one of the terms."""
    terms = DateConstraint(
        date(2008, 9, 24), date(2023, 9, 13), 1.0, "two terms",
        gaps=((date(2009, 9, 17), date(2022, 8, 9)),),
    )  # fmt: skip
    evidence = constraint_evidence(terms)
    assert evidence.score(date(2009, 3, 1)) == evidence.score(date(2023, 1, 11)) == 0.0
    assert evidence.score(date(2015, 6, 1)) < -7  # between the terms
    # With a wider known window, the report lands in one of the terms.
    window = DateConstraint(date(2009, 1, 1), date(2023, 12, 31), 1.0, "known window")
    found = solve("Talks began on Tuesday, January 10.", extra=[terms, window])
    assert found.earliest is not None and found.latest is not None
    assert found.earliest >= "2022-08-10" or found.latest <= "2009-09-16"


def test_an_explicit_past_date_bounds_and_anchors_the_report() -> None:
    found = solve("The summit was held on March 16, 2021, officials said on Tuesday.")
    assert found.value in ("2021-03-16", "2021-03-17")
    assert found.how == "inferred"
    assert any("March 16, 2021" in e for e in found.evidence)


def test_extra_constraints_narrow_the_window() -> None:
    text = "The ministers met on the 16th, before talks due on March 18."
    assert solve(text).value is None
    term = DateConstraint(date(2021, 1, 26), date(2021, 4, 30), 1.0, "in office 2021")
    found = solve(text, extra=[term])
    assert found.value is not None and found.value.startswith("2021")
    assert "in office 2021" in " ".join(found.evidence)


def test_never_after_today() -> None:
    found = solve("The plan was approved in 2030.", today=date(2025, 1, 1))
    assert found.value is None or found.value <= "2025"


def test_dating_stage_fills_published_and_dating() -> None:
    doc = make_document("Tokyo talks: the meeting on March 16, 2021 ended on Tuesday.")
    dated = DatingStage(today=TODAY)(doc)
    assert dated.dating is not None and dated.dating.how == "inferred"
    assert dated.published == dated.dating.value
    assert dated.published_how == "inferred"
    kept = DatingStage(today=TODAY)(make_document("x", published="2020-01-02",
                                                  published_how="metadata"))  # fmt: skip
    assert kept.dating is not None and kept.dating.how == "metadata"
    assert kept.published == "2020-01-02"


# --- the seeds -------------------------------------------------------------------------

WINDOWS = {
    "000": ("2021-03-13", "2021-03-16"),
    "001": ("2021-03-14", "2021-03-15"),
    "002": ("2021-03-16", "2021-03-18"),
    "003": ("2022-01-07", "2022-01-07"),
    "004": ("2023-01-11", "2023-01-12"),
}


def _seed(seeds_dir: Path, prefix: str) -> tuple[str, Dateline | None]:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    dateline = next((d for line in text.splitlines()[:3] if (d := find_dateline(line.strip()))),
                    None)  # fmt: skip
    return text, dateline


def _inside_window(value: str, window: tuple[str, str]) -> bool:
    """A value is inside the window if every day it names is (a day), or the window
    is inside it (a month or year that holds the whole window)."""
    start, end = window
    if len(value) == 10:
        return start <= value <= end
    return start.startswith(value) and end.startswith(value)


@pytest.mark.parametrize("prefix", sorted(WINDOWS))
def test_each_seed_is_dated_inside_its_window_or_honestly_undated(
    seeds_dir: Path, prefix: str
) -> None:
    text, dateline = _seed(seeds_dir, prefix)
    found = solve(text, dateline=dateline)
    if found.value is None:
        assert found.how is None and found.evidence
    else:
        assert found.how == "inferred"
        assert _inside_window(found.value, WINDOWS[prefix]), found


def test_seed_002_is_dated_from_its_explicit_dates(seeds_dir: Path) -> None:
    text, _ = _seed(seeds_dir, "002")
    assert solve(text).value == "2021-03-16"


def test_seed_003_is_dated_from_its_dateline_weekday_and_omicron(seeds_dir: Path) -> None:
    text, dateline = _seed(seeds_dir, "003")
    assert dateline is not None
    found = solve(text, dateline=dateline)
    assert found.value == "2022-01-07"
    evidence = " ".join(found.evidence)
    assert "Omicron" in evidence and "Friday" in evidence and "dateline" in evidence


def test_seeds_without_a_year_say_so(seeds_dir: Path) -> None:
    for prefix in ("000", "004"):
        text, _ = _seed(seeds_dir, prefix)
        found = solve(text)
        assert found.value is None
        assert "no year" in found.evidence[0]


TERMS = {  # what the entity stage will know: terms of office
    "suga": DateConstraint(date(2020, 9, 16), date(2021, 10, 4), 1.0, "Suga was prime minister"),
    "hamada": DateConstraint(
        date(2022, 8, 10), date(2023, 9, 13), 1.0, "Hamada was defense minister"
    ),  # fmt: skip
}


@pytest.mark.parametrize(("prefix", "term"), [("000", "suga"), ("001", "suga"),
                                                ("004", "hamada")])  # fmt: skip
def test_terms_of_office_date_the_seeds_no_more_precisely_than_they_allow(
    seeds_dir: Path, prefix: str, term: str
) -> None:
    text, dateline = _seed(seeds_dir, prefix)
    found = solve(text, dateline=dateline, extra=[TERMS[term]])
    if found.value is not None:
        assert _inside_window(found.value, WINDOWS[prefix]), found
    assert found.earliest is not None


# --- month-days, days of the month, weekdays and "last <month>" with their tense ------

WINDOW_2021 = DateConstraint(date(2021, 1, 1), date(2021, 12, 31), 1.0, "reported in 2021")


def test_a_future_month_day_puts_the_report_before_it() -> None:
    """Alone it leans to the weeks before (an honest year, no more), never after."""
    found = solve("The ministers will meet in Geneva on June 10, officials said.",
                  extra=[WINDOW_2021])  # fmt: skip
    assert found.value is not None and found.value.startswith("2021")
    assert found.latest is not None and found.latest <= "2021-06-10"


def test_a_future_month_day_reads_through_a_relative_clause() -> None:
    """ "will meet X, who oversees Y, ... on March 18": the announcing verb is further
    left than the clause in between."""
    text = ("The envoy will meet the minister, who oversees foreign affairs in the region, "
            "in Alaska on March 18.")  # fmt: skip
    found = solve(text, extra=[WINDOW_2021])
    assert any('March 18" (future tense)' in e for e in found.evidence)
    assert found.value is not None and found.value.startswith(("2021-02", "2021-03"))


def test_a_past_month_day_only_leans() -> None:
    """ "a Feb. 1 coup": after some 1 February, within the year, but not pinned to it."""
    found = solve("The army seized power in a Feb. 1 coup.", extra=[WINDOW_2021])
    assert found.value is None or len(found.value) < 10


def test_days_of_the_month_with_tense_bracket_the_report() -> None:
    """Said on the 10th and held on the 16th, with talks on March 18 ahead: March."""
    text = ("The talks will be held on the 16th, the minister said on the 10th. "
            "He will then travel to Alaska on March 18.")  # fmt: skip
    found = solve(text, extra=[WINDOW_2021])
    assert found.value is not None and found.value.startswith("2021-03")
    assert found.value[:10] <= "2021-03-16"


def test_last_month_name_is_never_the_reports_own_month() -> None:
    text = "A missile passed over the islands last October, the minister said."
    window = DateConstraint(date(2022, 8, 1), date(2023, 7, 31), 1.0, "in office")
    found = solve(text, extra=[window])
    assert any("last October" in e for e in found.evidence)
    last = [e for e in text_evidence(text, tag_time(text, None)) if e.kind == "last-month"]
    assert last and last[0].score(date(2022, 10, 20)) < last[0].score(date(2023, 1, 11))
    assert last[0].score(date(2022, 11, 5)) > last[0].score(date(2023, 7, 5))


def test_seed_000_is_dated_to_march_2021_with_its_terms(seeds_dir: Path) -> None:
    text, dateline = _seed(seeds_dir, "000")
    blinken = DateConstraint(date(2021, 1, 26), date(2025, 1, 20), 1.0, "Blinken")
    found = solve(text, dateline=dateline, extra=[TERMS["suga"], blinken])
    assert found.value is not None and _inside_window(found.value, WINDOWS["000"]), found


def test_a_tensed_weekday_is_one_of_the_six_days_around() -> None:
    """ "met on Sunday" fits the days after a Sunday, "talks slated for Tuesday" the days
    before a Tuesday, gently less the further; the wrong side does not fit."""
    text = "Officials met on Sunday. The talks will be held on Tuesday."
    sunday, tuesday = (e for e in text_evidence(text, tag_time(text, None)) if e.kind == "weekday")
    monday, thursday = date(2021, 3, 15), date(2021, 3, 18)
    assert sunday.score(monday) == 0.0 and -1.0 < sunday.score(thursday) < 0.0
    assert tuesday.score(monday) == 0.0
    assert tuesday.score(date(2021, 3, 17)) < tuesday.score(date(2021, 3, 11)) < 0.0


def test_a_date_centuries_away_is_scored_not_raised() -> None:
    # Spaces lost between a date and its time read "10/25/11 06:44" as the year 1106;
    # both terms of the "latest" mixture underflowed and math.log(0) raised ValueError.
    text = "Posted 10/25/1106:44PM. Andrew Lopez confessed to the shooting."
    finding = date_report(
        text, tag_time(text, None), metadata=None, dateline=None, today=date(2025, 6, 1)
    )
    assert isinstance(finding, DateFinding)
    for fit in (latest_fit, soonest_fit):
        scores = [fit(gap) for gap in (0, 10, 200_000, 300_000, 10**6)]
        assert scores == sorted(scores, reverse=True) and scores[0] == 0.0
