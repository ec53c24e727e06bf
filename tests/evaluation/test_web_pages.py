"""The web-page evaluation: its scorer, its split, its command, and the held-out gate."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli.main import main
from storyline.evaluation.web_pages import (
    HALVES,
    SnippetCounts,
    evaluate_web_pages,
    half_of,
    is_data_dir,
    score_snippets,
    shingle_recall,
)
from tests.conftest import SHARED

WEB_PAGES = SHARED / "data" / "web_pages_dev"


def test_snippets_are_counted_as_trafilaturas_evaluation_counts_them() -> None:
    text = "The council voted  to expand\nthe harbour.\nShare this article"
    counts = score_snippets(
        text,
        must_have=["voted to expand the harbour", "officials said"],
        must_not_have=["Share this article", "Most read"],
    )
    # White space is collapsed on both sides; missing = false negative.
    assert counts == SnippetCounts(1, 1, 1, 1)
    assert counts.precision == 0.5 and counts.recall == 0.5
    assert counts.f1 == 0.5 and counts.accuracy == 0.5


def test_snippet_figures_add_up_over_pages() -> None:
    total = SnippetCounts(3, 1, 0, 4) + SnippetCounts(1, 1, 2, 0)
    assert total == SnippetCounts(4, 2, 2, 4)
    assert total.precision == pytest.approx(4 / 6)
    assert total.recall == pytest.approx(4 / 6)
    assert total.accuracy == pytest.approx(8 / 12)
    assert SnippetCounts().f1 == 0.0  # no checks at all: no division by zero


def test_shingle_recall_is_the_share_of_the_reference_kept() -> None:
    reference = "one two three four five six"  # shingles: 1-4, 2-5, 3-6
    assert shingle_recall(reference, reference) == 1.0
    assert shingle_recall("one two three four five", reference) == pytest.approx(2 / 3)
    assert shingle_recall("", reference) == 0.0
    assert shingle_recall("anything", "") is None
    assert shingle_recall("Short Line", "short line") == 1.0  # shorter than a shingle


def test_the_split_is_fixed_and_uses_both_halves() -> None:
    keys = [f"{n:016x}" for n in range(200)]
    halves = [half_of(key) for key in keys]
    assert halves == [half_of(key) for key in keys]
    assert set(halves) == set(HALVES)


PAGE = """<html><head><title>Harbour vote</title></head><body><article>
<h1>Harbour vote</h1>
<p>The council voted on Tuesday to expand the harbour, a plan that has divided residents
of the town for many years, officials said after the meeting ended late at night.</p>
<p>Work on the new quay is due to start in the spring and to last about two years.</p>
</article></body></html>"""


def _data_dir(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    files, checks = {}, {}
    for number in range(4):
        key = f"{number:016x}"
        (tmp_path / "html" / f"{key}.html.gz").write_bytes(gzip.compress(PAGE.encode()))
        files[f"page{number}.html"] = key
        checks[f"https://example.com/{number}"] = {
            "file": f"page{number}.html",
            "with": ["voted on Tuesday to expand the harbour"],
            "without": ["Most read"],
        }
    (tmp_path / "files.json").write_text(json.dumps(files))
    (tmp_path / "evaldata.json").write_text(json.dumps(checks))
    return tmp_path


def test_evaluation_on_hand_built_pages(tmp_path: Path) -> None:
    figures = evaluate_web_pages(_data_dir(tmp_path))
    assert sum(half.pages for half in figures.values()) == 4
    for half in figures.values():
        for system in (half.storyline, half.trafilatura):
            assert system.snippets.false_negatives == 0
            assert system.snippets.false_positives == 0
            assert not system.skipped
        assert half.mean_kept == 1.0


def test_the_command_prints_both_systems_side_by_side(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "web", "--data", str(_data_dir(tmp_path)), "--json", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert sum(half["pages"] for half in figures.values()) == 3
    for half in figures.values():
        assert {"storyline", "trafilatura", "kept_of_trafilatura"} <= set(half)


def test_the_command_skips_cleanly_without_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "web", "--data", str(tmp_path / "absent")])
    assert result.exit_code == 0
    assert "nothing to measure" in result.output


@pytest.mark.slow
def test_storyline_is_not_below_trafilatura_on_held_out_pages() -> None:
    if not is_data_dir(WEB_PAGES):
        pytest.skip("../shared/data/web_pages_dev is not here")
    half = evaluate_web_pages(WEB_PAGES, half="held-out", limit=60)["held-out"]
    ours, theirs = half.storyline, half.trafilatura
    assert half.pages == 60
    for figure in ("precision", "recall", "f1", "accuracy"):
        assert getattr(ours.snippets, figure) >= getattr(theirs.snippets, figure), figure
    assert sum(ours.skipped.values()) <= sum(theirs.skipped.values())
    assert half.mean_kept >= 0.98
