"""Names not in the knowledge base, merged across reports.

Each report leaves the people it could not link as surface entities
("person:rahm emanuel"). Across reports the same person appears garbled in
different ways ("Toshimichi Mogi", "Toshimitsu Mogi"); this merges them
without comparing all pairs:

1. blocking: names are grouped by their tokens' fuzzy keys (phonetic code,
   prefix, the token itself); only names sharing a block are compared, and
   blocks larger than `name_block_limit` (a common given name) are not used;
2. pairs that are compatible people (`same_person`) are merged best first
   (ties: the smaller pair of keys first), and two groups merge only if every
   name of one is compatible with every name of the other, so chains ("Kishi" ~
   "Kishid" ~ "Kishida") cannot join two people through a middle spelling;
3. a cluster's key is the key of its most mentioned name (the smallest key
   among equals).

The result is a function of the set of names and their mention counts alone:
the same reports give the same clusters whatever batches or order they came in.

It is also local: the names linked by candidate pairs (a positive score in a
usable block) form connected components, and the clusters of one component do
not depend on any other. `recluster` recomputes only the components that a
batch of names can change (see its rules), reading the names it needs from a
`NameIndex`.

Names of one word are never merged with anything else: a bare family name
across reports is as likely to be a relative or a namesake.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from storyline.entities.names import (
    NameForm,
    flat_similarity,
    parse_name,
    person_similarity,
    token_keys,
)
from storyline.settings import EntitySettings

_DEFAULTS = EntitySettings()

Pairs = dict[tuple[str, str], float]  # (smaller key, larger key) -> score


@dataclass(frozen=True, slots=True)
class NameRecord:
    """A surface entity of some report: its key, a name as written, and its kind."""

    key: str
    name: str
    kind: str
    count: int = 1  # mentions of it: the most mentioned name gives its cluster its key


def same_person(a: NameForm, b: NameForm, settings: EntitySettings = _DEFAULTS) -> float:
    """How surely two names of people not in the KB are one person (0 when not)."""
    least = settings.same_person
    if len(a.tokens) < 2 or len(b.tokens) < 2:
        return 1.0 if a.tokens == b.tokens else 0.0
    best = 0.0
    for family_first in (False, True):
        match = person_similarity(a, b, family_first)
        if match.family >= least and match.given is not None and match.given >= least:
            best = max(best, match.score)
    return best if best >= least else 0.0


def same_entity(a: NameForm, b: NameForm, kind: str, settings: EntitySettings = _DEFAULTS) -> float:
    if kind == "person":
        return same_person(a, b, settings)
    score = flat_similarity(a, b)
    return score if score >= settings.same_name else 0.0


def name_form(record: NameRecord) -> NameForm:
    return parse_name(record.name, strip_titles=record.kind == "person")


def name_blocks(record: NameRecord) -> frozenset[str]:
    """The blocks a name is compared within (none for a person named by one word)."""
    form = name_form(record)
    if record.kind == "person" and len(form.tokens) < 2:
        return frozenset()
    return frozenset(key for token in form.tokens for key in token_keys(token))


def cluster_names(
    records: Iterable[NameRecord], settings: EntitySettings = _DEFAULTS
) -> dict[str, str]:
    """Map each record's key to its cluster's key (see the module's rules).

    Records of one key add their counts; the smallest of their names is compared.
    """
    names = _aggregate(records)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, record in names.items():
        for block in name_blocks(record):
            blocks[(record.kind, block)].append(key)
    forms = {key: name_form(record) for key, record in names.items()}
    pairs: Pairs = {}
    for (kind, _block), keys in blocks.items():
        if len(keys) > settings.name_block_limit:
            continue
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if (a, b) not in pairs:
                    pairs[(a, b)] = same_entity(forms[a], forms[b], kind, settings)
    return _merge(names, forms, pairs, settings)


def _aggregate(records: Iterable[NameRecord]) -> dict[str, NameRecord]:
    names: dict[str, NameRecord] = {}
    for record in records:
        seen = names.get(record.key)
        if seen is not None:
            first = min(seen, record, key=lambda r: r.name)
            record = NameRecord(first.key, first.name, first.kind, seen.count + record.count)
        names[record.key] = record
    return names


class _Groups:
    """Union-find whose groups remember their members."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent: dict[str, str] = {key: key for key in keys}
        self.members: dict[str, list[str]] = {key: [key] for key in self.parent}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)


def _merge(
    names: dict[str, NameRecord],
    forms: dict[str, NameForm],
    pairs: Pairs,
    settings: EntitySettings,
) -> dict[str, str]:
    """Best-first, all-pairs-compatible merges of the scored pairs; each key's cluster key."""
    groups = _Groups(sorted(names))
    for (a, b), score in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if score <= 0:
            break
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb:
            continue
        kind = names[a].kind
        if all(
            same_entity(forms[x], forms[y], kind, settings) > 0
            for x in groups.members[ra]
            for y in groups.members[rb]
        ):
            groups.union(a, b)
    counts = {key: record.count for key, record in names.items()}
    return {
        key: min(groups.members[groups.find(key)], key=lambda member: (-counts[member], member))
        for key in names
    }


# -- the incremental merge ----------------------------------------------------------


class NameIndex(Protocol):
    """Every name seen so far, with its blocks and mention counts."""

    def block(self, kind: str, block: str, at_most: int) -> list[str]:
        """The keys of (kind, block): all of them, or `at_most + 1` when there are more."""
        ...

    def records(self, keys: Collection[str]) -> dict[str, NameRecord]:
        """The record of each key, counting all its mentions."""
        ...


@dataclass(frozen=True, slots=True)
class Reclustered:
    """The clusters of the components recomputed, and the work it took."""

    clusters: dict[str, str]  # key -> cluster key, for every name of those components
    pairs_scored: int


def recluster(
    index: NameIndex,
    changed: Collection[str],
    added: Collection[str],
    settings: EntitySettings = _DEFAULTS,
) -> Reclustered:
    """The clusters of every component a batch of names can change, as `cluster_names`
    gives them for the whole index.

    `index` already holds the batch: `changed` are the names with new mentions (their
    count, hence their cluster's key, may change; a new name may join components) and
    `added` those of them new to the index. A block that `added` names pushed over
    `name_block_limit` no longer links its names: the components of its other names
    are recomputed too. No other component can change.
    """
    limit = settings.name_block_limit
    seeds = set(changed)
    known = index.records(seeds)
    grown = Counter((known[key].kind, block) for key in added for block in name_blocks(known[key]))
    for (kind, block), count in sorted(grown.items()):
        keys = index.block(kind, block, limit + count)
        if limit < len(keys) <= limit + count:  # usable before these names came
            seeds.update(keys)
    names, pairs = _components(index, seeds, settings)
    forms = {key: name_form(record) for key, record in names.items()}
    linked = {pair: score for pair, score in pairs.items() if score > 0}
    return Reclustered(_merge(names, forms, linked, settings), len(pairs))


def _components(
    index: NameIndex, seeds: Collection[str], settings: EntitySettings
) -> tuple[dict[str, NameRecord], Pairs]:
    """The names connected to `seeds` by candidate pairs, and every pair scored."""
    limit = settings.name_block_limit
    names = index.records(seeds)
    seen = dict(names)  # every record read, in the components or not
    pairs: Pairs = {}
    todo = sorted(names)
    while todo:
        key = todo.pop()
        record = names[key]
        for block in sorted(name_blocks(record)):
            members = index.block(record.kind, block, limit)
            if len(members) > limit:
                continue
            seen.update(index.records([m for m in members if m not in seen]))
            for other in members:
                pair = (min(key, other), max(key, other))
                if other == key or pair in pairs:
                    continue
                score = same_entity(
                    name_form(record), name_form(seen[other]), record.kind, settings
                )
                pairs[pair] = score
                if score > 0 and other not in names:
                    names[other] = seen[other]
                    todo.append(other)
    return names, pairs


class MemoryNameIndex:
    """A `NameIndex` in memory (for tests, and to see the rules at work)."""

    def __init__(self) -> None:
        self.names: dict[str, NameRecord] = {}
        self.blocks: dict[tuple[str, str], set[str]] = defaultdict(set)

    def add(self, records: Iterable[NameRecord]) -> tuple[set[str], set[str]]:
        """Count `records` in; returns the keys changed and the keys added."""
        changed: set[str] = set()
        added: set[str] = set()
        for record in records:
            seen = self.names.get(record.key)
            if seen is None:
                added.add(record.key)
                for block in name_blocks(record):
                    self.blocks[(record.kind, block)].add(record.key)
            count = record.count + (seen.count if seen else 0)
            self.names[record.key] = NameRecord(record.key, record.name, record.kind, count)
            changed.add(record.key)
        return changed, added

    def block(self, kind: str, block: str, at_most: int) -> list[str]:
        return sorted(self.blocks.get((kind, block), ()))[: at_most + 1]

    def records(self, keys: Collection[str]) -> dict[str, NameRecord]:
        return {key: self.names[key] for key in keys}
