"""Stages and the runner that wires them.

A stage is a named, versioned step (`nlp.spacy.v1`) that declares which
annotations it needs and which it adds. `Pipeline` checks that every need is
met by an earlier stage before any text is processed, so a mis-wired pipeline
fails at construction with a clear message instead of half-way through a
corpus.

Per-report stages implement `__call__(doc) -> doc`; stages that gain from
batching (the language model) override `pipe`, which receives the whole
stream and must yield one document per input document, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from storyline.errors import PipelineError
from storyline.records import Document

#: What every document has before any stage runs.
GIVEN: frozenset[str] = frozenset({"text", "title", "source", "dateline", "published"})


class Stage:
    """Base class of a pipeline stage."""

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()
    adds: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError(f"{type(self).__name__} must implement __call__ or pipe")

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def close(self) -> None:
        """Release resources (worker processes, connections)."""


class Pipeline:
    """An ordered, checked sequence of stages."""

    def __init__(self, stages: Sequence[Stage], given: frozenset[str] = GIVEN) -> None:
        check_order(stages, given)
        self.stages = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        stream: Iterable[Document] = docs
        for stage in self.stages:
            stream = stage.pipe(stream)
        yield from stream

    def close(self) -> None:
        for stage in self.stages:
            stage.close()


def check_order(stages: Sequence[Stage], given: frozenset[str] = GIVEN) -> None:
    """Raise PipelineError unless each stage's needs are met by what comes before it."""
    available = set(given)
    seen: set[str] = set()
    for position, stage in enumerate(stages):
        if stage.name in seen:
            raise PipelineError(f"stage {stage.name} appears twice")
        seen.add(stage.name)
        missing = stage.needs - available
        if missing:
            raise PipelineError(
                f"stage {position} ({stage.name}) needs {', '.join(sorted(missing))}, "
                f"which no earlier stage adds (available: {', '.join(sorted(available))})"
            )
        available |= stage.adds
