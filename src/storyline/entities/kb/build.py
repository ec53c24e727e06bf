"""Building knowledge-base index files from the sources users have.

- the curated base shipped with storyline (`curated_index`, in memory, built once
  per process; `build_curated` writes it to a file);
- Wikidata JSON dumps (`build_wikidata`), two streaming passes;
- JRC-Names TSV files (`build_jrc`);

and any mix of them into one file (`build_sources`). The curated base always
comes first, so its hand-checked terms win over a dump's when keys coincide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

from storyline.entities.kb.curated import DATA_DIR, curated_entities
from storyline.entities.kb.index import BuildReport, KBIndex, build_index, index_in_memory
from storyline.entities.kb.jrc import read_jrc
from storyline.entities.kb.model import KBEntity
from storyline.entities.kb.wikidata import read_wikidata


@lru_cache(maxsize=4)
def curated_index(root: Path = DATA_DIR) -> KBIndex:
    """The shipped knowledge base, indexed in memory once per process (read-only after)."""
    return index_in_memory(curated_entities(root))


def build_curated(out: Path, root: Path = DATA_DIR) -> BuildReport:
    return build_index(curated_entities(root), out, {"sources": "curated"})


def _counted(
    entities: Iterable[KBEntity], progress: Callable[[int], None] | None
) -> Iterator[KBEntity]:
    for n, entity in enumerate(entities, start=1):
        if progress is not None and n % 10_000 == 0:
            progress(10_000)
        yield entity


def build_sources(
    out: Path,
    *,
    wikidata: Iterable[Path] = (),
    jrc: Iterable[Path] = (),
    curated: bool = True,
    progress: Callable[[int], None] | None = None,
) -> BuildReport:
    """One index file from the curated base and any Wikidata dumps and JRC-Names files."""
    wikidata, jrc = list(wikidata), list(jrc)
    sources = (["curated"] if curated else []) + [str(p) for p in (*wikidata, *jrc)]
    streams: list[Iterable[KBEntity]] = [curated_entities()] if curated else []
    streams += [read_wikidata(path) for path in wikidata]
    streams += [read_jrc(path) for path in jrc]
    return build_index(
        _counted(chain.from_iterable(streams), progress), out, {"sources": ", ".join(sources)}
    )


def build_wikidata(dump: Path, out: Path, curated: bool = False) -> BuildReport:
    return build_sources(out, wikidata=[dump], curated=curated)


def build_jrc(path: Path, out: Path, curated: bool = False) -> BuildReport:
    return build_sources(out, jrc=[path], curated=curated)
