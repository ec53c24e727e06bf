"""The Korean/Chinese name evaluation: reading KLUE and the Chinese set, and scoring."""

from __future__ import annotations

import gzip
from itertools import islice
from pathlib import Path

import pytest

from storyline.evaluation.cjk_names_kozh import Annotated, halves, read_klue, read_zh, score
from storyline.nlp.languages import LanguageAnalysis
from storyline.records import Span
from tests.conftest import SHARED

KLUE = SHARED / "data" / "ko_ner_klue" / "klue-ner-v1.1_dev.tsv.gz"
ZH_SET = Path(__file__).parent / "data" / "zh_names.jsonl"

_BLOCK = """## 주석
## klue-ner-v1_dev_00000-test\t<박:PS>씨가 <서울:LC>에
박\tB-PS
씨\tO
가\tO
 \tO
서\tB-LC
울\tI-LC
에\tO
3\tB-QT

## klue-ner-v1_dev_00001-test\t<경찰:OG>
경\tB-OG
찰\tI-OG
"""


def test_klue_blocks_become_sentences_with_name_spans(tmp_path: Path) -> None:
    path = tmp_path / "klue.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(_BLOCK)
    first, second = read_klue(path)
    assert first.text == "박씨가 서울에3"
    assert first.names == {(0, 1, "PERSON"), (4, 6, "PLACE")}  # the quantity is not a name
    assert second == Annotated("경찰", frozenset({(0, 2, "ORG")}))


class _Fixed:
    """An analyser that finds "서울" as a place and "박씨" (a wrong span) as a person."""

    language = "ko"

    def analyse(self, text: str) -> LanguageAnalysis:
        return LanguageAnalysis((), ((Span(4, 6), "LOC"), (Span(0, 2), "PERSON")))


def test_scores_count_exact_spans_and_merge_gpe_with_loc() -> None:
    sentence = Annotated("박씨가 서울에", frozenset({(0, 1, "PERSON"), (4, 6, "PLACE")}))
    scores = score(_Fixed(), [sentence])
    assert scores.by_label["PLACE"].f1 == 1.0
    assert scores.by_label["PERSON"].precision == 0.0
    assert scores.overall.precision == scores.overall.recall == 0.5


def test_halves_alternate() -> None:
    items = [Annotated(str(n), frozenset()) for n in range(5)]
    tune, held_out = halves(items)
    assert [a.text for a in tune] == ["0", "2", "4"] and [a.text for a in held_out] == ["1", "3"]


def test_the_chinese_set_is_consistent() -> None:
    sentences = list(read_zh(ZH_SET))
    assert len(sentences) >= 40
    for sentence in sentences:
        assert all(0 <= s < e <= len(sentence.text) for s, e, _ in sentence.names)


def test_the_chinese_analyser_reads_the_set_well() -> None:
    pytest.importorskip("jieba")
    from storyline.nlp.chinese import make_analyser

    assert score(make_analyser(), list(read_zh(ZH_SET))).overall.f1 > 0.75


@pytest.mark.slow
@pytest.mark.skipif(not KLUE.is_file(), reason="../shared/data/ko_ner_klue is not here")
def test_the_korean_analyser_on_klue() -> None:
    pytest.importorskip("kiwipiepy")
    from storyline.nlp.korean import make_analyser

    scores = score(make_analyser(), list(islice(read_klue(KLUE), 400)))
    assert scores.overall.f1 > 0.45
    assert scores.by_label["PERSON"].recall > 0.5
