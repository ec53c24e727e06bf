"""The hand-annotated set as a gate: a change that lowers the scores fails here.

The figures and how they are measured: benchmarks/quotes_eval.py and docs/quotes.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "quotes_eval.py"


def _benchmark() -> ModuleType:
    if "quotes_eval" in sys.modules:
        return sys.modules["quotes_eval"]
    spec = importlib.util.spec_from_file_location("quotes_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["quotes_eval"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("split", "span_f1", "speaker"),
    [("dev", 0.95, 0.95), ("heldout", 0.90, 0.80)],
)
def test_scores_stay_above_their_floor(split: str, span_f1: float, speaker: float) -> None:
    benchmark = _benchmark()
    scores = benchmark.evaluate(benchmark.load(), split=split)["all"].scores()
    assert scores["overlap_f1"] >= span_f1
    assert scores["speaker_acc"] >= speaker


def test_annotations_are_well_formed() -> None:
    benchmark = _benchmark()
    records = benchmark.load()
    assert len({r["id"] for r in records}) == len(records)
    assert sum(len(r["quotes"]) for r in records) >= 40
    for record in records:
        assert record["split"] in ("dev", "heldout")
        for gold in benchmark.gold_quotes(record):
            assert gold.kind in ("direct", "indirect")
            assert gold.span.of(record["text"]).strip() == gold.span.of(record["text"])
