"""Corpus steps are declared like stages and checked before any text runs."""

from __future__ import annotations

import pytest

from storyline.errors import PipelineError
from storyline.ingest.corpus_steps import (
    STANDARD_STEPS,
    MergeEvents,
    MergeNames,
    SentenceVectors,
    check_steps,
)


def test_the_standard_steps_are_in_an_order_that_works() -> None:
    check_steps(STANDARD_STEPS)
    names = [step.name for step in STANDARD_STEPS]
    assert names == [
        "entities.merge.v1", "entities.terms.v1", "events.merge.v1", "nlp.vectors.v1",
    ]  # fmt: skip


def test_a_step_before_what_it_needs_is_refused() -> None:
    with pytest.raises(PipelineError, match=r"events\.merge\.v1\) needs entity_clusters"):
        check_steps([MergeEvents(), MergeNames(), SentenceVectors()])
