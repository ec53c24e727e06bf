"""The entity evaluation: B³ by hand, the variant set on the fixture KB, MEANTIME if present."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.kb_commands import eval_entities
from storyline.evaluation.entities import (
    b_cubed,
    dbpedia_title,
    evaluate_meantime,
    evaluate_variants,
    expected_keys,
)
from storyline.store.kb_index import KBIndex
from tests.entities.conftest import DATA

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_b_cubed_by_hand() -> None:
    gold = ["a", "a", "b", "c"]
    assert b_cubed(gold, gold) == (1.0, 1.0, 1.0)
    p, r, _ = b_cubed(gold, ["x", "x", "x", "x"])
    assert p == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4) and r == 1.0
    p, r, _ = b_cubed(gold, ["1", "2", "3", "4"])
    assert p == 1.0 and r == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)


def test_dbpedia_titles_and_their_kb_entities(fixture_index: KBIndex) -> None:
    assert dbpedia_title("http://dbpedia.org/resource/Washington,_D.C.") == "Washington, D.C."
    assert dbpedia_title("http://dbpedia.org/page/Steve_Jobs ") == "Steve Jobs"
    assert dbpedia_title("no er") is None
    assert expected_keys(fixture_index, "Japan", "LOC") == {"country:JPN"}
    assert expected_keys(fixture_index, "Apple Inc.", "ORG") == frozenset()
    assert expected_keys(fixture_index, None, "ORG") is None


def test_variant_set_on_the_fixture_kb(fixture_index: KBIndex) -> None:
    figures = evaluate_variants(DATA / "name_variants.jsonl", fixture_index)
    assert figures.items > 100 and figures.expected_in_kb > 30
    assert figures.precision >= 0.95, figures.wrong
    assert figures.recall >= 0.8, figures.missed


def test_meantime(fixture_index: KBIndex) -> None:
    folder = SHARED_DATA / "meantime_en"
    if not folder.is_dir():
        pytest.skip("../shared/data/meantime_en is not here")
    figures = evaluate_meantime(folder, fixture_index)
    assert figures.documents == 120 and figures.mentions > 700
    assert figures.b3[2] > figures.b3_surface[2]  # better than exact surface forms
    assert figures.accuracy > 0.8


def test_eval_entities_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_entities, ["--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert '"variants"' in result.output and "no MEANTIME data" in result.output
