"""The knowledge base: canonical entities, their names, and who held which office when.

Public API:

- records: `KBEntity`, `Role`, `Window` (`model`);
- the shipped base: `curated_entities`, `check_files`, `data_files` (`curated`);
- index files: `build_index`, `open_index`, `KBIndex` (`index`);
- sources: `read_wikidata` (`wikidata`), `read_jrc` (`jrc`), `build_sources` and
  `curated_index` (`build`).
"""

from storyline.entities.kb.build import build_sources, curated_index
from storyline.entities.kb.curated import KBDataError, check_files, curated_entities, data_files
from storyline.entities.kb.index import KBIndex, KBIndexError, build_index, open_index
from storyline.entities.kb.jrc import read_jrc
from storyline.entities.kb.model import KBEntity, Role, Window
from storyline.entities.kb.wikidata import read_wikidata

__all__ = [
    "KBDataError",
    "KBEntity",
    "KBIndex",
    "KBIndexError",
    "Role",
    "Window",
    "build_index",
    "build_sources",
    "check_files",
    "curated_entities",
    "curated_index",
    "data_files",
    "open_index",
    "read_jrc",
    "read_wikidata",
]
