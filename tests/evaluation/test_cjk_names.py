"""Exact-span scoring of names in CJK text, on a tiny corpus in the Wikipedia format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storyline.evaluation.cjk_names import evaluate_ja_ner_wikipedia, read_ja_ner_wikipedia
from storyline.nlp.languages import LanguageAnalysis
from storyline.records import Span


class _Fixed:
    """Finds 岸田文雄 as a person and 東京都 as a place, and 外務 as an organisation."""

    language = "ja"

    def analyse(self, text: str) -> LanguageAnalysis:
        names = []
        for name, label in (
            ("岸田文雄", "PERSON"),
            ("東京都", "GPE"),
            ("外務", "ORG"),
            ("日本人", "NORP"),
        ):
            at = text.find(name)
            if at >= 0:
                names.append((Span(at, at + len(name)), label))
        return LanguageAnalysis((Span(0, len(text)),), tuple(names))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    rows = [
        {"curid": "1", "text": "岸田文雄は東京都で外務省と会った。", "entities": [
            {"name": "岸田文雄", "span": [0, 4], "type": "人名"},
            {"name": "東京都", "span": [5, 8], "type": "地名"},
            {"name": "外務省", "span": [9, 12], "type": "政治的組織名"},
        ]},
        {"curid": "2", "text": "日本人が東京タワーを見た。", "entities": [
            {"name": "東京タワー", "span": [4, 9], "type": "施設名"},
        ]},
    ]  # fmt: skip
    path = tmp_path / "ner.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        json.dump(rows, stream, ensure_ascii=False)
    return path


def test_only_compared_types_are_gold(corpus: Path) -> None:
    first, second = read_ja_ner_wikipedia(corpus)
    assert first.names == {(0, 4, "PERSON"), (5, 8, "LOC/GPE"), (9, 12, "ORG")}
    assert second.names == frozenset()  # a facility is not compared
    assert len(read_ja_ner_wikipedia(corpus, limit=1)) == 1


def test_a_name_counts_only_with_its_exact_span_and_label(corpus: Path) -> None:
    evaluation = evaluate_ja_ner_wikipedia(corpus, _Fixed())
    assert evaluation.score("PERSON").f1 == 1.0 and evaluation.score("LOC/GPE").f1 == 1.0
    org = evaluation.score("ORG")  # 外務 for 外務省: one false, one missed
    assert (org.precision, org.recall) == (0.0, 0.0)
    overall = evaluation.score()
    assert (round(overall.precision, 3), round(overall.recall, 3)) == (0.667, 0.667)
    assert evaluation.texts == 2 and evaluation.chars == 17 + 13
    assert "| PERSON | 1 | 1.000 | 1.000 | 1.000 |" in evaluation.table()
