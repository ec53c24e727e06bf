"""The knowledge base: canonical entities, their names, and who held which office when.

- records: `KBEntity`, `Role`, `Window` (`storyline.entities.kb.model`);
- the shipped base: `curated_entities`, `check_files`, `data_files` (`.curated`);
- index files: `build_index`, `index_in_memory` (`.index`: the names and keys an entity
  is found by), `open_index`, `KBIndex` (`storyline.store.kb_index`: the index is a
  SQLite file, and SQL lives in `store/`);
- sources: `read_wikidata` (`.wikidata`), `read_jrc` (`.jrc`), `build_sources` and
  `curated_index` (`.build`).

Nothing is imported here, so that the store can use the records without a cycle.
"""
