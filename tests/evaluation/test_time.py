"""TempEval-3 metrics by hand, and the tagger on MEANTIME (skipped when the data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.time_commands import eval_time
from storyline.evaluation.meantime import GoldTimex, read_document
from storyline.evaluation.time import Counts, Scores, align, evaluate_meantime, score_document
from storyline.records import Span, TimeExpression

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
MEANTIME = DATA / "meantime_en"


def gold(start: int, end: int, type_: str, value: str) -> GoldTimex:
    return GoldTimex(Span(start, end), "", type_, value)


def predicted(start: int, end: int, type_: str, value: str) -> TimeExpression:
    return TimeExpression(Span(start, end), "", type_, value, "test")


def test_strict_relaxed_type_and_value_counts() -> None:
    golds = [gold(0, 10, "DATE", "2021-03-16"), gold(20, 30, "DURATION", "P5Y"),
             gold(40, 45, "DATE", "2020")]  # fmt: skip
    preds = [predicted(0, 10, "DATE", "2021-03-16"), predicted(22, 30, "DURATION", "P4Y"),
             predicted(50, 55, "SET", "P1Y")]  # fmt: skip
    counts, errors = score_document(golds, preds)
    assert counts == Counts(gold=3, predicted=3, strict=1, relaxed=2, type_ok=2, value_ok=1)
    assert sorted(kind for kind, *_ in errors) == ["missed", "spurious", "value"]


def test_value_f1_is_relaxed_f1_times_value_accuracy() -> None:
    scores = Scores.of(Counts(gold=10, predicted=8, strict=6, relaxed=8, type_ok=8, value_ok=6))
    assert scores.relaxed_p == pytest.approx(100.0)
    assert scores.relaxed_r == pytest.approx(80.0)
    assert scores.relaxed_f1 == pytest.approx(2 * 100 * 80 / 180)
    assert scores.value_accuracy == pytest.approx(75.0)
    assert scores.value_f1 == pytest.approx(scores.relaxed_f1 * 0.75)
    assert scores.strict_f1 == pytest.approx(2 * 75 * 60 / 135)


def test_alignment_is_one_to_one_largest_overlap_first() -> None:
    golds = [gold(0, 10, "DATE", "a")]
    preds = [predicted(0, 3, "DATE", "a"), predicted(2, 10, "DATE", "a")]
    assert [(g.span, p.span) for g, p in align(golds, preds)] == [(Span(0, 10), Span(2, 10))]


def test_empty_counts_do_not_divide_by_zero() -> None:
    assert Scores.of(Counts()).value_f1 == 0.0


CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Markets</token>
<token number="1" sentence="0" t_id="2">fell</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">01</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2008</token>
<token number="6" sentence="2" t_id="7">Stocks</token>
<token number="7" sentence="2" t_id="8">fell</token>
<token number="8" sentence="2" t_id="9">today</token>
<token number="9" sentence="3" t_id="10">Later</token>
<token number="10" sentence="3" t_id="11">news</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-01">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2008-03-01">
<token_anchor t_id="9"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2058"/>
</Markables>
</Document>
"""


def test_cat_documents_are_read_with_offsets_in_the_rebuilt_text(tmp_path: Path) -> None:
    path = tmp_path / "corpus_stock" / "1_x.xml"
    path.parent.mkdir()
    path.write_text(CAT, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "Markets fell\nMarch 01 , 2008\nStocks fell today\nLater news"
    assert doc.topic == "stock"
    assert str(doc.dct) == "2008-03-01"
    assert doc.dct_span is not None and doc.dct_span.of(doc.text) == "March 01 , 2008"
    assert [(t.text, t.value) for t in doc.timexes] == [("today", "2008-03-01")]
    assert doc.text[: doc.annotated_end].endswith("today")  # sentence 3 has no markable


@pytest.fixture
def meantime() -> Path:
    if not MEANTIME.is_dir():
        pytest.skip("../shared/data/meantime_en is not here")
    return MEANTIME


@pytest.mark.slow
def test_value_f1_on_meantime_beats_heideltime(meantime: Path) -> None:
    """The figures in docs/evaluation.md; HeidelTime's TempEval-3 value F1 is 77.61."""
    evaluation = evaluate_meantime(meantime)
    assert evaluation.documents == 120
    assert evaluation.overall.gold == 368  # 525 TIMEX3 less DCTs and those with no tokens
    assert evaluation.overall.value_f1 > 85.8
    assert evaluation.overall.relaxed_f1 > 94.4
    # Tuned on three topics, checked on gm (storyline.evaluation.time.HELD_OUT_TOPICS).
    assert evaluation.splits["train"].gold + evaluation.splits["held-out"].gold == 368
    assert evaluation.splits["train"].value_f1 > 87.9
    assert evaluation.splits["held-out"].value_f1 > 80.2


@pytest.mark.slow
def test_eval_time_command_prints_the_table(meantime: Path) -> None:
    result = CliRunner().invoke(eval_time, ["--data", str(meantime)])
    assert result.exit_code == 0, result.output
    assert "overall" in result.output and "value F1" in result.output


def test_eval_time_command_explains_a_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_time, ["--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "--data" in result.output
