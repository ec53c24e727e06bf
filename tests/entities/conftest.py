"""Fixtures of the entity tests: a tiny hand-written KB, and helpers to build mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from storyline.entities.kb.curated import country_entities, data_files, load_files
from storyline.entities.kb.index import KBIndex, index_in_memory
from storyline.nlp.mentions import make_mention
from storyline.records import Mention, Span

DATA = Path(__file__).resolve().parent / "data"
FIXTURE_KB = DATA / "kb"


@pytest.fixture(scope="session")
def fixture_index() -> KBIndex:
    """Countries plus the hand-written people and organisations of data/kb (no cities:
    fast, and every fact in it is written in this folder)."""
    return index_in_memory([*country_entities(), *load_files(data_files(FIXTURE_KB))])


def mentions_in(text: str, specs: Iterable[tuple[str, str]]) -> tuple[Mention, ...]:
    """Every occurrence of each (surface, NER label) as the spaCy stage would make it:
    trimmed, with the title that precedes a person's name."""
    found = []
    for surface, label in specs:
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            mention = make_mention(text, Span(match.start(), match.end()), label, "test")
            if mention is not None:
                found.append(mention)
    unique = {(m.span.start, m.span.end): m for m in found}
    return tuple(sorted(unique.values(), key=lambda m: (m.span.start, m.span.end)))
