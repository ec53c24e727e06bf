from typing import ClassVar

import pytest

from storyline.errors import PipelineError
from storyline.pipeline import Pipeline, Stage, check_order
from storyline.records import Document
from tests.conftest import make_document


class Upper(Stage):
    name: ClassVar[str] = "test.upper.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"text"})
    adds: ClassVar[frozenset[str]] = frozenset({"shouted"})

    def __call__(self, doc: Document) -> Document:
        return doc.evolve(self.name, text=doc.text.upper())


class NeedsShouted(Stage):
    name: ClassVar[str] = "test.after.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"shouted"})

    def __call__(self, doc: Document) -> Document:
        return doc.evolve(self.name, flags=doc.flagged("seen"))


def test_stages_run_in_order_and_record_themselves() -> None:
    pipeline = Pipeline([Upper(), NeedsShouted()])
    (doc,) = pipeline.pipe([make_document("quiet words")])
    assert doc.text == "QUIET WORDS"
    assert doc.flags == ("seen",)
    assert doc.stages == ("test.upper.v1", "test.after.v1")


def test_a_need_no_earlier_stage_adds_fails_before_any_text() -> None:
    with pytest.raises(PipelineError, match="test.after.v1.*needs shouted"):
        Pipeline([NeedsShouted(), Upper()])


def test_a_stage_twice_is_refused() -> None:
    with pytest.raises(PipelineError, match="twice"):
        check_order([Upper(), Upper()])


def test_documents_are_never_mutated() -> None:
    original = make_document("text")
    Pipeline([Upper()]).pipe([original]).__next__()
    assert original.text == "text" and original.stages == ()


def test_two_spans_overlap_when_each_starts_before_the_other_ends() -> None:
    from storyline.records import Span

    assert Span(0, 5).overlaps(Span(4, 9)) and Span(4, 9).overlaps(Span(0, 5))
    assert Span(2, 3).overlaps(Span(0, 10))
    assert not Span(0, 5).overlaps(Span(5, 9))  # half-open: they only touch
