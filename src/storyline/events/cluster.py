"""Average-linkage clustering over a sparse graph of scored pairs.

Only pairs that blocking let through are scored, so the graph is sparse; a
heap of candidate merges (best mean first, stale entries skipped by version)
makes the whole run about O(E log E) for E scored pairs.

Two readings of a pair that was never scored: as similarity 0 (the textbook
algorithm, right when candidates are every plausible pair) or as unknown
(right when blocking capped the comparisons: the mean is then taken over the
scored cross pairs only). `apart` keeps items that must never share a cluster
(two report events of one report) in different clusters.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


def average_link(
    count: int,
    scored: Sequence[tuple[float, int, int]],
    threshold: float,
    *,
    unscored_as_zero: bool = True,
    apart: Sequence[str | frozenset[str]] | None = None,
    initial: Sequence[Sequence[int]] = (),
    days: Sequence[tuple[int, int] | None] | None = None,
    days_apart: int = 0,
    month_days: Sequence[MonthDay] | None = None,
) -> list[list[int]]:
    """Clusters of the items `0 .. count-1`, each a sorted list; clusters sorted.

    `initial` clusters are joined before anything else (clusters decided earlier,
    which new items may join); an item's `apart` may hold several labels. With
    `days` (each item's possible days, or None), two clusters never join when some
    item of one and some item of the other lie more than `days_apart` days apart:
    however alike their words, they tell two happenings. With `month_days`, two
    clusters never join when one names a day of the month without its month that
    the other's dates or named day do not have (`MonthDay`): "on the 16th" is
    neither the 18th nor "on the 18th", however many tellings lie between them.
    """
    size = [1] * count
    total: list[dict[int, float]] = [{} for _ in range(count)]
    number: list[dict[int, int]] = [{} for _ in range(count)]
    version = [0] * count
    alive = [True] * count
    labels = [_labels(apart[i]) if apart is not None else set() for i in range(count)]
    members: list[list[int]] = [[i] for i in range(count)]
    # The latest first day and the earliest last day of each cluster's items: some two of
    # its items lie more than `days_apart` apart exactly when the first exceeds the second
    # by more than that.
    latest_first = [d[0] if days and (d := days[i]) else None for i in range(count)]
    earliest_last = [d[1] if days and (d := days[i]) else None for i in range(count)]
    given = month_days or [MonthDay()] * count
    named = [{m.named} if m.named is not None else set() for m in given]
    dated = [{m.dated} if m.dated is not None else set() for m in given]
    heap: list[tuple[float, int, int, int, int]] = []
    for score, i, j in scored:
        if i == j:
            continue
        total[i][j] = total[i].get(j, 0.0) + score
        total[j][i] = total[i][j]
        number[i][j] = number[i].get(j, 0) + 1
        number[j][i] = number[i][j]

    def join(a: int, b: int) -> int:
        keep, drop = (a, b) if size[a] >= size[b] else (b, a)
        alive[drop] = False
        size[keep] += size[drop]
        labels[keep] |= labels[drop]
        named[keep] |= named[drop]
        dated[keep] |= dated[drop]
        members[keep] += members[drop]
        latest_first[keep] = _max(latest_first[keep], latest_first[drop])
        earliest_last[keep] = _min(earliest_last[keep], earliest_last[drop])
        version[keep] += 1
        for other, value in total[drop].items():
            if other == keep:
                continue
            total[keep][other] = total[keep].get(other, 0.0) + value
            number[keep][other] = number[keep].get(other, 0) + number[drop][other]
            total[other][keep] = total[keep][other]
            number[other][keep] = number[keep][other]
            del total[other][drop], number[other][drop]
        total[keep].pop(drop, None)
        number[keep].pop(drop, None)
        total[drop], number[drop] = {}, {}
        return keep

    for cluster in initial:
        if cluster:
            root = cluster[0]
            for other in cluster[1:]:
                root = join(root, other)
    for i in range(count):
        if not alive[i]:
            continue
        for j in total[i]:
            if i < j:
                _push(heap, i, j, total, number, size, version, threshold, unscored_as_zero)
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != version_a or version[b] != version_b:
            continue
        if labels[a] & labels[b]:
            continue
        if _days_disagree(named[a] | named[b], dated[a] | dated[b]):
            continue
        if days is not None:
            first = _max(latest_first[a], latest_first[b])
            last = _min(earliest_last[a], earliest_last[b])
            if first is not None and last is not None and first - last > days_apart:
                continue
        keep = join(a, b)
        for other in total[keep]:
            _push(heap, keep, other, total, number, size, version, threshold, unscored_as_zero)
    clusters = [sorted(members[i]) for i in range(count) if alive[i]]
    return sorted(clusters)


@dataclass(frozen=True, slots=True)
class MonthDay:
    """The day of the month an item names without its month ("on the 16th" in a report
    of unknown month), and the day of the month of its full date; either may be None."""

    named: int | None = None
    dated: int | None = None


def _days_disagree(named: set[int], dated: set[int]) -> bool:
    """Whether the days of the month a cluster would hold contradict: two named without
    a month, or one named that none of its full dates has."""
    return len(named) > 1 or bool(named and dated and not named <= dated)


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _labels(value: str | frozenset[str]) -> set[str]:
    return {value} if isinstance(value, str) else set(value)


def _push(
    heap: list[tuple[float, int, int, int, int]],
    a: int,
    b: int,
    total: list[dict[int, float]],
    number: list[dict[int, int]],
    size: list[int],
    version: list[int],
    threshold: float,
    unscored_as_zero: bool,
) -> None:
    pairs = size[a] * size[b] if unscored_as_zero else number[a][b]
    mean = total[a][b] / pairs
    if mean >= threshold:
        heapq.heappush(heap, (-mean, min(a, b), max(a, b), version[min(a, b)], version[max(a, b)]))


def connected(count: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components (single linkage) of the items joined by `pairs`."""
    parent = list(range(count))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in pairs:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = defaultdict(list)
    for node in range(count):
        groups[find(node)].append(node)
    return sorted(groups.values())
