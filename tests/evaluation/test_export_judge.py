"""Judging exported events against gold mentions, on hand-built exports and reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.corpora import EvalDocument, GoldMention
from storyline.evaluation.event_dates import DateFigures
from storyline.evaluation.export_judge import (
    DUPLICATE,
    NOT_AN_EVENT,
    REAL,
    UNJUDGED,
    WRONG_MERGE,
    OffsetMap,
    date_figures,
    frequent_false_words,
    judge_export,
    report_name,
    sentence_lines,
    write_reports,
)
from storyline.records import Sentence, Span
from tests.conftest import make_document

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _report(name: str, sentences: list[str], gold: dict[str, str]) -> EvalDocument:
    """A report whose text is `sentences` joined by spaces; `gold` maps a word (its first
    occurrence) to its gold instance."""
    text = " ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence)))
        start += len(sentence) + 1
    mentions = tuple(
        GoldMention(name, Span(text.index(word), text.index(word) + len(word)), instance)
        for word, instance in gold.items()
    )
    document = make_document(text, id=name, sentences=tuple(Sentence(s, "gold") for s in spans))
    words = tuple(text.split())
    return EvalDocument(document, "1", "ecb", mentions, words, (True,) * len(words))


R1 = _report("r1", ["A quake hit Iran .", "It killed ten .", "Rain fell ."],
             {"hit": "ACT1", "killed": "ACT2", "ten": "r1/m9"})  # fmt: skip
R2 = _report("r2", ["Quake hits Iran .", "Ten died ."],
             {"Quake": "r2/m7", "hits": "ACT1", "died": "ACT2"})  # fmt: skip
# the stored text of r2 as the cleaner leaves it: paragraphs, and a credit line added
R2_STORED = "Quake hits Iran .\n\nTen died . Photo : AP"


def _trigger(document: str, text: str, word: str) -> dict[str, Any]:
    start = text.index(word)
    return {"document": document, "start": start, "end": start + len(word)}


def _export(*events: tuple[str, list[tuple[str, str]]]) -> dict[str, Any]:
    texts = {"da": sentence_lines(R1), "db": R2_STORED}
    documents = [
        {"id": "da", "origin": "/tmp/x/r1.jsonl:1", "text": texts["da"], "duplicate_of": None},
        {"id": "db", "origin": "/tmp/x/r2.jsonl:1", "text": texts["db"], "duplicate_of": None},
    ]
    return {
        "documents": documents,
        "events": [
            {"id": ident, "title": ident, "triggers": [_trigger(d, texts[d], w) for d, w in words]}
            for ident, words in events
        ],
    }


def _verdicts(export: dict[str, Any]) -> dict[str, str]:
    judgement = judge_export(export, [R1, R2], "test")
    return {e.id: e.verdict for e in judgement.events}


def test_an_event_told_by_both_reports_is_real_and_found_whole() -> None:
    judgement = judge_export(_export(("e1", [("da", "hit"), ("db", "hits")])), [R1, R2], "t")
    assert [e.verdict for e in judgement.events] == [REAL]
    assert judgement.happenings == {"ACT1": "whole", "ACT2": "missing"}
    assert judgement.bad_share == 0.0


def test_the_same_happening_twice_is_a_duplicate_and_found_split() -> None:
    export = _export(("e2", [("da", "killed")]), ("e3", [("db", "died")]))
    judgement = judge_export(export, [R1, R2], "t")
    assert {e.id: e.verdict for e in judgement.events} == {"e2": REAL, "e3": DUPLICATE}
    assert judgement.happenings["ACT2"] == "split"


def test_the_event_with_more_matched_triggers_is_the_real_one() -> None:
    export = _export(("e1", [("da", "hit")]), ("e9", [("da", "hit"), ("db", "hits")]))
    assert _verdicts(export) == {"e1": DUPLICATE, "e9": REAL}


def test_a_trigger_on_no_gold_mention_in_an_annotated_sentence_is_not_an_event() -> None:
    judgement = judge_export(_export(("e4", [("da", "quake")])), [R1, R2], "t")
    assert [e.verdict for e in judgement.events] == [NOT_AN_EVENT]
    assert frequent_false_words([judgement]) == [("quake", 1)]
    assert judgement.bad_share == 1.0


def test_an_event_only_in_unannotated_sentences_is_unjudged_and_left_out_of_the_share() -> None:
    judgement = judge_export(
        _export(("e5", [("da", "fell")]), ("e1", [("da", "hit")])), [R1, R2], "t"
    )
    assert {e.id: e.verdict for e in judgement.events} == {"e5": UNJUDGED, "e1": REAL}
    assert judgement.bad_share == 0.0


def test_two_instances_with_no_two_thirds_majority_are_a_wrong_merge() -> None:
    assert _verdicts(_export(("e6", [("da", "hit"), ("db", "died")]))) == {"e6": WRONG_MERGE}
    majority = _export(("e7", [("da", "hit"), ("db", "hits"), ("db", "died")]))
    assert _verdicts(majority) == {"e7": REAL}


def test_mentions_linked_to_no_instance_make_an_event_but_no_merge_or_duplicate() -> None:
    # "ten" and "Quake" are gold event mentions the corpus links to nothing
    export = _export(
        ("e1", [("da", "ten"), ("db", "Quake")]), ("e2", [("da", "hit"), ("db", "Quake")])
    )
    judgement = judge_export(export, [R1, R2], "t")
    assert [(e.verdict, e.instance) for e in judgement.events] == [(REAL, None), (REAL, "ACT1")]
    assert judgement.events[1].matched == ("ACT1",)


def test_offsets_of_a_cleaned_text_are_carried_back_and_the_rest_is_unaligned() -> None:
    export = _export(("e8", [("db", "died"), ("db", "Photo")]))
    judgement = judge_export(export, [R1, R2], "t")
    assert (judgement.triggers, judgement.unaligned) == (2, 1)
    assert judgement.events[0].words == ("died",) and judgement.events[0].verdict == REAL
    mapping = OffsetMap(R2_STORED, sentence_lines(R2))
    stored = R2_STORED.index("died")
    source = R2.document.text.index("died")
    assert mapping.span(stored, stored + 4) == Span(source, source + 4)
    assert OffsetMap("same", "same").span(0, 4) == Span(0, 4)


def test_a_happening_one_event_holds_from_one_report_of_two_is_partial() -> None:
    judgement = judge_export(_export(("e1", [("da", "hit")])), [R1, R2], "t")
    assert judgement.happenings["ACT1"] == "partial"


def test_a_copy_counts_as_told_by_its_original() -> None:
    export = _export(("e1", [("da", "hit")]))
    export["documents"][1]["duplicate_of"] = "da"
    judgement = judge_export(export, [R1, R2], "t")
    assert judgement.happenings["ACT1"] == "whole"


def test_reports_are_written_one_sentence_a_line_with_their_offsets(tmp_path: Path) -> None:
    [path] = write_reports([R1], tmp_path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["text"] == "A quake hit Iran .\nIt killed ten .\nRain fell ."
    assert len(record["text"]) == len(R1.document.text) and "published" not in record
    assert report_name(f"{path}:1") == "r1"


@pytest.mark.model
@pytest.mark.slow
def test_a_real_ingest_of_three_ecb_reports_is_judged(tmp_path: Path) -> None:
    if not (DATA / "ecbplus_dev").is_dir():
        pytest.skip("../shared/data is not here")
    from storyline.evaluation.corpora import load_ecbplus
    from storyline.evaluation.export_judge import ingest_and_export
    from storyline.settings import Settings

    items = load_ecbplus(DATA / "ecbplus_dev", topics=[2])[:3]
    export = ingest_and_export(items, tmp_path, Settings().override({"processes": 0}))
    judgement = judge_export(export, items, "ECB+ 2")
    assert judgement.exported_reports == 3
    assert judgement.events and judgement.triggers > 0
    assert judgement.unaligned <= judgement.triggers // 10
    assert all(e.verdict != UNJUDGED or not e.words for e in judgement.events)


def test_the_dates_of_real_events_are_compared_with_their_instance_date() -> None:
    export = _export(("e1", [("da", "hit"), ("db", "hits")]), ("e2", [("da", "killed")]))
    export["events"][0]["date"] = "2008-03"
    judgement = judge_export(export, [R1, R2], "t")
    gold = {"ACT1": "2008-03-03", "ACT2": "2008-03-04"}
    assert date_figures(judgement, gold) == DateFigures(exact=0, consistent=1, wrong=0, undated=1)
