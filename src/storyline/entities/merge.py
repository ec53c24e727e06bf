"""The corpus step that merges names not in the knowledge base across reports.

Each person and organisation still keyed by its surface form is a name; names are
clustered by `cluster_names`' rules, and every mention (and quote) of a name points
at its cluster's entity. The clusters are a function of the stored reports alone:
the same reports give the same entities and mention links whatever batches or order
they were ingested in.

Each run does only what its reports can change:

1. the mentions and quotes not seen before (those of the reports this run stored,
   and of an earlier run that failed) are given the surface key their report gave
   them, and their names' mention counts and shown names are updated;
2. `recluster` recomputes the components of the names with new mentions (and of
   blocks they pushed over the limit), reading only the names of their blocks;
3. mentions and quotes of a name whose cluster changed are moved to the new
   cluster's entity (back to its own on a split); an entity id that stops naming
   anything is redirected (merged, split, renamed) and its row deleted.

A name's shown name (its entity's `name`) is, of its mentions' texts, the best by
`_name_rank`: one that spells the key itself, not in capitals, then the smallest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from storyline.entities.clusters import NameRecord, name_blocks, recluster
from storyline.entities.coref import surface_key
from storyline.entities.kb.model import entity_id
from storyline.entities.stage import STAGE as LINK_STAGE
from storyline.settings import Settings
from storyline.store.sqlite import EntityMerger, Store

STAGE = "entities.merge.v1"
_KINDS = ("person", "organization")


#: A mention the merge pointed at another entity: its span and the entity it named.
Relink = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class NameMergeSummary:
    """What a run of the merge changed."""

    moved: int  # mentions and quotes pointed at another entity
    documents: frozenset[str]  # the reports of the mentions, but for clusters only renamed
    # Of each of those reports, the mentions moved: (start, end, the entity they named).
    relinked: Mapping[str, tuple[Relink, ...]] = field(default_factory=dict)


def merge_unlinked_names(store: Store, settings: Settings | None = None) -> NameMergeSummary:
    """Merge the names the reports stored since the last run can change."""
    settings = settings or Settings()
    merger = EntityMerger(store)
    counted = _note_new_mentions(merger)
    if not counted:
        return NameMergeSummary(0, frozenset())
    added = _count_names(merger, counted)
    merger.add_blocks(
        (record.kind, block, record.key)
        for record in (_record(key, 0) for key in sorted(added))
        for block in name_blocks(record)
    )
    result = recluster(_StoredNames(merger), counted.keys(), added, settings.entities)
    return _apply(merger, result.clusters)


def _record(key: str, count: int) -> NameRecord:
    """A stored name, compared by its key's normal form (the same whoever wrote it first)."""
    kind, norm = key.split(":", 1)
    return NameRecord(key, norm, kind, count)


def _name_rank(text: str, key: str) -> tuple[bool, bool, str]:
    kind = key.split(":", 1)[0]
    return (surface_key(kind, text) != key, text.isupper(), text)


def _best_name(names: Collection[str], key: str) -> str:
    return min((n for n in names if n), key=lambda n: _name_rank(n, key), default="")


class _Counted:
    """The new mentions of one name: how many, and the texts they were written as."""

    def __init__(self) -> None:
        self.mentions = 0
        self.texts: set[str] = set()


def _note_new_mentions(merger: EntityMerger) -> dict[str, _Counted]:
    """Give each new mention and quote its surface key; the new mentions of each name."""
    rows = merger.unnoted_mentions(_KINDS)
    # A mention stored before schema 9 points at its cluster's entity already: its own
    # spelling is the member of that cluster its text is keyed as, if any.
    spellings = {
        (key, surface_key(key.split(":", 1)[0], text))
        for _id, text, key, old in rows
        if old and key
    }
    members = merger.names(spelling for _key, spelling in spellings)
    own = {
        (key, spelling)
        for key, spelling in spellings
        if spelling != key and spelling in members and members[spelling][0] == key
    }
    counted: dict[str, _Counted] = defaultdict(_Counted)
    keys: list[tuple[int, str]] = []
    for id_, text, key, old in rows:
        if key and old:
            spelling = surface_key(key.split(":", 1)[0], text)
            key = spelling if (key, spelling) in own else key
        keys.append((id_, key))
        if key:
            counted[key].mentions += 1
            counted[key].texts.add(text)
    merger.note_keys(keys, merger.unnoted_quotes(_KINDS))
    return dict(counted)


def _count_names(merger: EntityMerger, counted: dict[str, _Counted]) -> set[str]:
    """Add the new mentions to their names' counts; returns the names counted for the
    first time (a new name has no cluster yet: '')."""
    known = merger.names(counted)
    rows = []
    for key, new in sorted(counted.items()):
        cluster, mentions, name = known.get(key, ("", 0, ""))
        rows.append((key, cluster, mentions + new.mentions, _best_name({name, *new.texts}, key)))
    merger.save_names(rows)
    return {key for key in counted if key not in known or known[key][1] == 0}


class _StoredNames:
    """The store's names as a `NameIndex` (blocks read once per run)."""

    def __init__(self, merger: EntityMerger) -> None:
        self.merger = merger
        self.blocks: dict[tuple[str, str, int], list[str]] = {}

    def block(self, kind: str, block: str, at_most: int) -> list[str]:
        found = self.blocks.get((kind, block, at_most))
        if found is None:
            found = self.blocks[(kind, block, at_most)] = self.merger.block(
                kind, block, at_most + 1
            )
        return found

    def records(self, keys: Collection[str]) -> dict[str, NameRecord]:
        return {
            key: _record(key, mentions) for key, (_, mentions, _) in self.merger.names(keys).items()
        }


def _apply(merger: EntityMerger, clusters: dict[str, str]) -> NameMergeSummary:
    """Point the mentions of the names recomputed at their clusters' entities; redirect
    and delete the entities that no longer name anything."""
    stored = merger.names(clusters)
    before = {key: stored[key][0] or None for key in clusters}
    live = set(clusters.values())
    for cluster in sorted(live):
        kind, norm = cluster.split(":", 1)
        name = stored[cluster][2] or norm
        merger.keep_entity(entity_id(cluster), cluster, name, kind, LINK_STAGE)
    relinked: dict[str, list[Relink]] = defaultdict(list)
    moves = 0
    renamed = _renamed(clusters, before)
    for key, cluster in sorted(clusters.items()):
        # A name's mentions name its earlier cluster, or itself when written since.
        sources = {entity_id(k) for k in (key, before[key]) if k} - {entity_id(cluster)}
        moved = merger.move(key, entity_id(cluster), sources)
        moves += len(moved)
        if key in renamed:  # a cluster only renamed links the same mentions together
            continue
        for document, start, end, previous in moved:
            if start >= 0:  # a quote's speaker: nothing after this step reads it
                relinked[document].append((start, end, previous))
    merger.set_clusters(clusters)
    _redirect(merger, clusters, before)
    dropped = {entity_id(k) for key in clusters for k in (key, before[key]) if k}
    merger.drop_unused_entities(dropped - {entity_id(cluster) for cluster in live})
    return NameMergeSummary(
        moves, frozenset(relinked), {doc: tuple(sorted(spans)) for doc, spans in relinked.items()}
    )


def _renamed(clusters: dict[str, str], before: dict[str, str | None]) -> set[str]:
    """The names whose cluster only changed its key: the same names before and now.
    Their reports' mentions move to the new id but link together exactly as before,
    so what was decided from them stands (the event step renews the ids it stored)."""
    old: dict[str, set[str]] = defaultdict(set)
    new: dict[str, set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        new[cluster].add(key)
        if (earlier := before[key]) is not None:
            old[earlier].add(key)
    return {
        key
        for key, cluster in clusters.items()
        if (earlier := before[key]) is not None
        and earlier != cluster
        and old[earlier] == new[cluster]
    }


def _redirect(
    merger: EntityMerger, clusters: dict[str, str], before: dict[str, str | None]
) -> None:
    """Redirect each earlier cluster whose key no longer keys a cluster to the cluster
    its own name is in now: 'split' when its names went apart, 'merged' when they are
    all in a cluster with other names too, else 'renamed' (another of its names is
    mentioned most now)."""
    live = set(clusters.values())
    merger.unredirect(entity_id(cluster) for cluster in live)
    members: dict[str, set[str]] = defaultdict(set)
    for key, earlier in before.items():
        if earlier is not None:
            members[earlier].add(key)
    sizes = Counter(clusters.values())
    for earlier, names in sorted(members.items()):
        if earlier in live:
            continue
        # An earlier cluster key left without mentions of its own (stored before
        # schema 9, its mentions all spelt as other names) goes where most went.
        now = Counter(clusters[name] for name in names)
        target = clusters.get(earlier) or min(now, key=lambda c: (-now[c], c))
        if len(now) > 1:
            reason = "split"
        elif sizes[target] > len(names):
            reason = "merged"
        else:
            reason = "renamed"
        merger.redirect(entity_id(earlier), entity_id(target), reason)
