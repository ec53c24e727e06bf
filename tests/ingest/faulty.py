"""Stages that misbehave on purpose, for the worker and isolation tests.

A report's text chooses the fault: RAISE raises, SLEEP sleeps (a stall the alarm
can interrupt), SPIN runs a regular expression that never gives the interpreter
back (only a kill stops it), DIE ends the process, BATCHDIE ends it while the
batched stage holds the report with others. `faulty_stages` is module-level so
that spawned workers can build it.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from typing import ClassVar

from storyline.pipeline import Stage
from storyline.records import Document
from storyline.settings import Settings


class Batched(Stage):
    """Stands for the language model: sees the whole batch."""

    name: ClassVar[str] = "test.batched.v1"

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        held = list(docs)
        if any("BATCHDIE" in doc.text for doc in held):
            os._exit(5)
        for doc in held:
            yield self(doc)

    def __call__(self, doc: Document) -> Document:
        if "BATCHRAISE" in doc.text:
            raise ValueError("the batched stage cannot read this")
        return doc.evolve(self.name, flags=doc.flagged("batched"))


class Faulty(Stage):
    name: ClassVar[str] = "test.faulty.v1"

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        if "RAISE" in text and "BATCHRAISE" not in text:
            raise IndexError("string index out of range")
        if "SLEEP" in text:
            time.sleep(600)
        if "SPIN" in text:
            re.match(r"(a+)+$", "a" * 64 + "b")  # hours of backtracking inside C
        if "DIE" in text and "BATCHDIE" not in text:
            os._exit(3)
        if "BIG" in text:  # an outcome far larger than a pipe's buffer
            return doc.evolve(self.name, text=text + "x" * 2_000_000)
        return doc.evolve(self.name, flags=doc.flagged("analysed"))


def faulty_stages(settings: Settings) -> list[Stage]:
    return [Batched(), Faulty()]


def broken_stages(settings: Settings) -> list[Stage]:
    raise RuntimeError("no model here")
