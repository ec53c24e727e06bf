"""The CJK time evaluation: its gold file, its scoring, KLUE's inline format, and the gate."""

from __future__ import annotations

from collections import Counter

from storyline.evaluation.cjk_time import (
    Counts,
    _unmark,
    evaluate,
    prf,
    read_gold,
    report,
    score_sentence,
)


def test_gold_file_is_consistent() -> None:
    records = read_gold()
    per_language = Counter(str(r["language"]) for r in records)
    assert all(per_language[lang] >= 25 for lang in ("ja", "zh", "ko"))
    assert {str(r["split"]) for r in records} == {"tune", "heldout", "heldout2"}
    for record in records:
        text = str(record["text"])
        for gold in record["timexes"]:  # type: ignore[attr-defined]
            assert text[gold["start"] : gold["end"]] == gold["text"]


def test_scoring_counts_span_and_value_separately() -> None:
    record = {"language": "ja", "anchor": "2021-03-18", "text": "16日に会談した。",
              "timexes": [{"start": 0, "end": 3, "value": "2021-03-15"}]}  # fmt: skip
    assert score_sentence(record) == Counts(predicted=1, gold=1, span_hits=1, value_hits=0)
    assert prf(1, 2, 4) == (0.5, 0.25, 1 / 3)


def test_klue_inline_entities_become_offsets() -> None:
    text, spans = _unmark("<경찰:OG>은 <2014년:DT> 들어서 <16일:DT> 발표했다.")
    assert text == "경찰은 2014년 들어서 16일 발표했다."
    assert [text[s:e] for s, e in spans] == ["2014년", "16일"]


def test_gate_the_tagger_holds_on_every_language_and_split() -> None:
    """A change that costs more than a tenth of value F1 anywhere fails here."""
    table = evaluate(read_gold())
    for (language, split), counts in table.items():
        f1 = prf(counts.value_hits, counts.predicted, counts.gold)[2]
        assert f1 >= 0.9, (language, split, f1)
    assert ["ko", "tune"] in [row.split()[:2] for row in report(table).splitlines()]
