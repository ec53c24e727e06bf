"""The corpus step that merges names not in the knowledge base across reports.

After each ingest, every person and organisation still keyed by its surface
form is clustered with `cluster_names` (blocked by fuzzy keys, never all
pairs); mentions of a garbled spelling are pointed at their cluster's entity.
Earlier clusters are kept, so ids already exported never change.
"""

from __future__ import annotations

from storyline.entities.clusters import NameRecord, cluster_names
from storyline.entities.kb.model import entity_id
from storyline.settings import Settings
from storyline.store.sqlite import EntityMerger, Store

STAGE = "entities.merge.v1"
_KINDS = ("person", "organization")


def merge_unlinked_names(store: Store, settings: Settings | None = None) -> int:
    """Merge surface entities that name one person or body; returns mentions moved."""
    settings = settings or Settings()
    merger = EntityMerger(store)
    records = [
        NameRecord(key, name, kind, count)
        for key, name, kind, count in merger.surface_entities(_KINDS)
    ]
    if not records:
        return 0
    mapping = cluster_names(records, settings.entities)
    return merger.merge(mapping, entity_id)
