"""The timeline-summary evaluation: date F1, ROUGE-1, and the SemEval-2015 timelines' reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.briefing import Briefing, BriefingDay, BriefingSentence
from storyline.evaluation.briefing import (
    SEEDS_GOLD,
    GoldTimeline,
    agreement_rouge_1,
    date_scores,
    read_timeline,
    read_timelines,
    report_of,
    rouge_1,
    score_timeline,
    target_names,
)
from storyline.evaluation.meantime import GoldDocument
from tests.conftest import SHARED

DATA = SHARED / "data"


def test_date_f1_is_the_set_f1_of_the_days() -> None:
    scores = date_scores(["2008-03-01", "2008-03-02"], ["2008-03-01", "2008-03-05", "2008-04-01"])
    assert scores.precision == 0.5 and scores.recall == pytest.approx(1 / 3)
    assert scores.f1 == pytest.approx(0.4)
    assert date_scores([], ["2008-03-01"]).f1 == 0.0


def test_rouge_1_counts_clipped_lower_cased_unigrams() -> None:
    scores = rouge_1(["Boeing lost the the contract"], ["The contract went to EADS , not Boeing"])
    # Overlap: boeing, the (clipped to 1), contract = 3 of 5 system and 7 reference words.
    assert scores.precision == pytest.approx(3 / 5) and scores.recall == pytest.approx(3 / 7)
    assert rouge_1([], ["a"]).f1 == 0.0


def test_agreement_rouge_counts_only_days_both_have() -> None:
    system = {"2008-03-01": ["Boeing lost"], "2008-03-02": ["EADS won"]}
    gold = {"2008-03-01": ["Boeing lost the bid"], "2008-03-03": ["EADS won"]}
    scores = agreement_rouge_1(system, gold)
    assert scores.precision == pytest.approx(2 / 4) and scores.recall == pytest.approx(2 / 6)


@given(st.lists(st.text(max_size=30), max_size=4), st.lists(st.text(max_size=30), max_size=4))
def test_rouge_is_between_zero_and_one_and_perfect_on_itself(
    system: list[str], gold: list[str]
) -> None:
    scores = rouge_1(system, gold)
    assert 0 <= scores.precision <= 1 and 0 <= scores.recall <= 1
    if any(s.strip() for s in system) and rouge_1(system, system).precision:
        assert rouge_1(system, system).f1 == pytest.approx(1.0)


def _document(number: str) -> GoldDocument:
    text = (
        "Boeing loses tanker deal\nMarch 01 , 2008\nBoeing lost the tanker contract .\nEADS won ."
    )
    return GoldDocument(f"{number}_Boeing", "airbus", text, date(2008, 3, 1), None, 0, ())


def test_a_timeline_file_gives_its_day_anchors_and_their_sentences(tmp_path: Path) -> None:
    path = tmp_path / "boeing.txt"
    path.write_text(
        "Boeing\n"
        "0\tXXXX-XX-XX\t100-2-lost\n"  # not on the timeline
        "1\t2007\t100-3-won\n"  # year precision: no day
        "2\t2008-03-01\t100-2-lost\t100-0-loses\n"
        "2\t2008-03-01\t999-2-typo\n",  # a document the corpus does not have
        encoding="utf-8",
    )
    gold = read_timeline(path, "airbus", {"100": _document("100")})
    assert gold.entity == "Boeing" and gold.name == "boeing"
    assert gold.days == {
        "2008-03-01": ["Boeing lost the tanker contract .", "Boeing loses tanker deal"]
    }
    assert gold.sentences_per_day == 2


def test_a_briefing_is_scored_against_the_gold_timeline() -> None:
    gold = GoldTimeline("boeing", "Boeing", "airbus", {"2008-03-01": ["Boeing lost the bid ."]})
    sentence = BriefingSentence("Boeing lost the bid .", "d1", 0, 21)
    briefing = Briefing(
        (
            BriefingDay("2008-03-01", (sentence,), ("v1",), 2.0),
            BriefingDay("2008-03-02", (), ("v2",), 1.0),
        )
    )
    figures = score_timeline(gold, briefing)
    assert figures.dates.f1 == pytest.approx(2 / 3)
    assert figures.concat.f1 == 1.0 and figures.agreement.f1 == 1.0


def test_a_meantime_document_is_fed_with_its_creation_date() -> None:
    report = report_of(_document("100"))
    assert report.published == "2008-03-01" and report.text and report.text.startswith("Boeing")
    assert report_of(_document("100")).key == report.key  # re-ingesting finds it stored


@pytest.mark.skipif(not (DATA / "semeval2015_timelines").is_dir(), reason="no shared data")
def test_the_semeval_timelines_are_read_with_their_sentences() -> None:
    timelines = read_timelines(DATA)
    assert {t.topic for t in timelines} == {"airbus", "gm"}
    assert len(timelines) == 25
    boeing = next(t for t in timelines if t.name == "boeing")
    assert len(boeing.days) == 15 and all(boeing.days.values())
    assert target_names(DATA)["united_states_air_force"] == "United States Air Force"


def test_the_seed_gold_briefing_has_one_sentence_a_day() -> None:
    assert list(SEEDS_GOLD.days) == ["2021-03-16", "2022-01-07", "2023-01-11"]
    assert SEEDS_GOLD.sentences_per_day == 1
    assert all("Blinken" in sentences[0] for sentences in SEEDS_GOLD.days.values())
