"""Names not in the knowledge base, merged across reports with stable ids.

Each report leaves the people it could not link as surface entities
("person:rahm emanuel"). Across reports the same person appears garbled in
different ways ("Toshimichi Mogi", "Toshimitsu Mogi"); this merges them
without comparing all pairs:

1. blocking: names are grouped by their tokens' fuzzy keys (phonetic code,
   prefix, the token itself); only names sharing a block are compared, and
   blocks larger than `name_block_limit` (a common given name) are not used;
2. pairs that are compatible people (`same_person`) are merged best first,
   and two groups merge only if every name of one is compatible with every
   name of the other, so chains ("Kishi" ~ "Kishid" ~ "Kishida") cannot join
   two people through a middle spelling;
3. a cluster's key is a key of one of its names: the one it had in `existing`
   (ids already stored never change, and two existing clusters never merge),
   else the most mentioned (the smallest key among equals) — so the result does
   not depend on the input order.

Names of one word are never merged with anything else: a bare family name
across reports is as likely to be a relative or a namesake.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.entities.names import (
    NameForm,
    flat_similarity,
    parse_name,
    person_similarity,
    token_keys,
)
from storyline.settings import EntitySettings

_DEFAULTS = EntitySettings()


@dataclass(frozen=True, slots=True)
class NameRecord:
    """A surface entity of some report: its key, a name as written, and its kind."""

    key: str
    name: str
    kind: str
    count: int = 1  # mentions of it: the most mentioned name gives a new cluster its key


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


def _blocks(form: NameForm) -> set[str]:
    return {key for token in form.tokens for key in token_keys(token)}


class _Groups:
    """Union-find whose groups remember their members and their existing cluster key."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.fixed: dict[str, str | None] = {}

    def add(self, key: str, fixed: str | None) -> None:
        self.parent[key] = key
        self.members[key] = [key]
        self.fixed[key] = fixed

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.fixed[ra] = self.fixed[ra] or self.fixed.pop(rb)


def cluster_names(
    records: Iterable[NameRecord],
    existing: Mapping[str, str] | None = None,
    settings: EntitySettings = _DEFAULTS,
) -> dict[str, str]:
    """Map each record's key to its cluster's key (see the module's rules)."""
    existing = existing or {}
    max_block = settings.name_block_limit
    by_key: dict[str, NameRecord] = {}
    counts: dict[str, int] = defaultdict(int)
    for record in records:
        by_key.setdefault(record.key, record)
        counts[record.key] += record.count
    forms = {key: parse_name(r.name, strip_titles=r.kind == "person") for key, r in by_key.items()}
    groups = _Groups()
    for key in sorted(by_key):
        groups.add(key, existing.get(key))
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        if key in existing:
            by_cluster[existing[key]].append(key)
    for members in by_cluster.values():
        for other in members[1:]:
            groups.union(members[0], other)

    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, record in by_key.items():
        if record.kind == "person" and len(forms[key].tokens) < 2:
            continue
        for block in _blocks(forms[key]):
            blocks[(record.kind, block)].append(key)
    pairs: dict[tuple[str, str], float] = {}
    for (kind, _block), keys in blocks.items():
        if len(keys) > max_block:
            continue
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if (a, b) not in pairs:
                    pairs[(a, b)] = same_entity(forms[a], forms[b], kind, settings)
    for (a, b), score in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if score <= 0:
            break
        ra, rb = groups.find(a), groups.find(b)
        if ra == rb or (groups.fixed[ra] and groups.fixed[rb]):
            continue
        kind = by_key[a].kind
        if all(
            same_entity(forms[x], forms[y], kind, settings) > 0
            for x in groups.members[ra]
            for y in groups.members[rb]
        ):
            groups.union(a, b)
    result = dict(existing)
    for key in by_key:
        root = groups.find(key)
        result[key] = groups.fixed[root] or min(
            groups.members[root], key=lambda member: (-counts[member], member)
        )
    return result
