"""The reading-variant set: made by other tools, split by a hash, with negatives that must fail."""

import json
from pathlib import Path

from storyline.entities.kb.index import index_in_memory
from storyline.entities.kb.model import KBEntity
from storyline.evaluation.reading_variants import (
    evaluate_reading_variants,
    make_reading_variants,
    split_of,
    write_reading_variants,
)

PEOPLE = [
    KBEntity(
        "t:hayashi", "Yoshimasa Hayashi", "person", None, "JPN", ("林芳正", "はやし よしまさ")
    ),
    KBEntity("t:kishida", "Fumio Kishida", "person", None, "JPN", ("岸田文雄", "きしだ ふみお")),
    KBEntity("t:xi", "Xi Jinping", "person", None, "CHN", ("习近平", "習近平")),
    KBEntity("t:kim", "Kim Dae-jung", "person", None, "KOR", ("김대중", "金大中")),
]


def test_variants_come_from_other_tools_and_conventions() -> None:
    items = make_reading_variants(PEOPLE)
    found = {(i["pattern"], i["variant"]) for i in items if i["expected"]}
    assert ("ja:pinyin-syllables", "An Tian Wen Xiong") in found
    assert ("ja:kunrei-cutlet", "Kisida Humio") in found
    assert ("ko:japanese-cutlet", "Kin Daichu") in found  # long vowels unmarked
    assert ("ko:rr-hyphen", "Gim Dae-jung") in found
    assert {i["split"] for i in items} <= {"tune", "heldout"}
    assert all(i["split"] == split_of(i["expected"]) for i in items if i["expected"])


def test_negatives_mix_two_peoples_names_and_are_nobodys() -> None:
    negatives = [i for i in make_reading_variants(PEOPLE) if i["expected"] is None]
    texts = {i["variant"] for i in negatives}
    assert {"Lin Wen Xiong", "Fumio Hayashi"} <= texts  # Hayashi's family, Kishida's given
    assert all(i["pattern"].startswith("negative:") for i in negatives)


def test_evaluation_counts_per_split_and_pattern(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    assert write_reading_variants(PEOPLE, path) == len(path.read_text().splitlines())
    figures = evaluate_reading_variants(path, index_in_memory(PEOPLE)).as_dict()
    split = split_of("t:kishida")
    cell = figures[split]["ja:pinyin-syllables"]
    assert cell["correct"] >= 1 and cell["precision"] == 1.0
    assert all(c["false_links"] == 0 for c in (figures[split].get("all:negative"),) if c)
    assert json.dumps(figures)  # plain data for --json
