"""Knowledge-base index files from entities: the names and keys they are found by.

The index itself (a SQLite file, `storyline.store.kb_index`) stores and looks
up what it is given; the knowledge of names is here: every name of an entity
in normal form (`names.fold`, "Apple" for "Apple Inc." too) and its fuzzy keys
(`names.name_keys`: tokens, phonetic codes, prefixes, sorted tokens, acronyms).
A person's readings of its native-script names (`readings.reading_keys`: "Lin
Fangzheng" for 林芳正) are keys too, under `READING_PREFIX`: looked up whole,
never as fuzzy keys, so a reading finds its person only when it is read in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.entities.names import fold, name_keys, organization_core, parse_name
from storyline.entities.readings import reading_keys
from storyline.records import KBEntity, KBEntry
from storyline.store.kb_index import (
    BuildReport,
    KBIndex,
    KBIndexError,
    memory_index,
    open_index,
    write_index,
)

__all__ = [
    "BuildReport",
    "KBIndex",
    "KBIndexError",
    "READING_PREFIX",
    "build_index",
    "index_entry",
    "index_in_memory",
    "normal_form",
    "open_index",
]


READING_PREFIX = "r:"


def index_entry(entity: KBEntity) -> KBEntry:
    """`entity` with the normal forms and fuzzy keys of its names, and its readings."""
    norms: set[str] = set()
    keys: set[str] = set()
    for name in entity.names:
        form = parse_name(name, strip_titles=False)
        if form.norm:
            norms.add(form.norm)
            keys |= name_keys(form, entity.type)
        if entity.type == "organization":  # "Apple Inc." is found as "Apple" too
            core = organization_core(form.tokens)
            if core != form.tokens:
                norms.add(" ".join(core))
    keys |= {READING_PREFIX + key for key in reading_keys(entity)}
    return KBEntry(entity, frozenset(norms), frozenset(keys))


def _entries(entities: Iterable[KBEntity]) -> Iterator[KBEntry]:
    return (index_entry(entity) for entity in entities)


def build_index(
    entities: Iterable[KBEntity], out: str | Path, meta: dict[str, str] | None = None
) -> BuildReport:
    """Write `entities` into a new index file at `out`, streaming."""
    return write_index(_entries(entities), out, meta)


def index_in_memory(entities: Iterable[KBEntity]) -> KBIndex:
    """An index built in memory: for the curated base and for tests."""
    return memory_index(_entries(entities))


def normal_form(name: str) -> str:
    """The form names are stored under in the index's `names` table."""
    return fold(name)
