"""Names not in the KB merged across reports: blocking, complete-link merges, keys that
depend on the set of names alone, and the incremental merge that recomputes only the
components a batch can change."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities.clusters import (
    MemoryNameIndex,
    NameRecord,
    cluster_names,
    recluster,
)
from storyline.entities.coref import surface_key
from storyline.settings import EntitySettings

NAMES = [
    "Rahm Emanuel",
    "Rahm Emmanuel",
    "Raymond Greene",
    "Raymond Green",
    "Nobuo Kishi",
    "Fumio Kishida",
    "Jiechi Yang",
    "Yang Jiechi",
    "Steve Jobs",
    "Steven Jobs",
    "Jobs",
    "Toshimichi Mogi",
    "Kim Yo Jong",
    "Kim Jong Un",
]

#: More garbled spellings: chains, shared given names, shared family names.
GARBLED = [
    *NAMES,
    "Rahm Emanuell",
    "Toshimitsu Mogi",
    "Toshimitsu Motegi",
    "Kim Jong Il",
    "Taro Kishi",
    "Taro Kishid",
    "Taro Kishida",
    "Fumio Kishda",
]


def records(names: list[str]) -> list[NameRecord]:
    return [NameRecord(surface_key("person", n), n, "person") for n in names]


def test_spelling_variants_and_name_order_merge() -> None:
    clusters = cluster_names(records(NAMES))
    key = lambda n: clusters[surface_key("person", n)]  # noqa: E731
    assert key("Rahm Emanuel") == key("Rahm Emmanuel")
    assert key("Raymond Greene") == key("Raymond Green")
    assert key("Yang Jiechi") == key("Jiechi Yang")
    assert key("Steve Jobs") == key("Steven Jobs")


def test_different_people_stay_apart() -> None:
    clusters = cluster_names(records(NAMES))
    key = lambda n: clusters[surface_key("person", n)]  # noqa: E731
    assert key("Nobuo Kishi") != key("Fumio Kishida")
    assert key("Kim Yo Jong") != key("Kim Jong Un")
    assert key("Jobs") != key("Steve Jobs")  # a bare family name is never merged


def test_no_chain_through_a_middle_spelling() -> None:
    chain = records(["Taro Kishi", "Taro Kishid", "Taro Kishida"])
    clusters = cluster_names(chain)
    assert clusters["person:taro kishi"] != clusters["person:taro kishida"]


def test_the_most_mentioned_name_keys_its_cluster() -> None:
    # Clusters used to keep the key they were first stored with ("existing"), so the
    # same reports ingested in another order gave other ids; now the key follows the
    # counts of the set alone, and a changed id is redirected by the corpus step.
    found = [
        NameRecord("person:rahm emmanuel", "Rahm Emmanuel", "person", 1),
        NameRecord("person:rahm emanuel", "Rahm Emanuel", "person", 5),
    ]
    assert set(cluster_names(found).values()) == {"person:rahm emanuel"}
    more = [*found, NameRecord("person:rahm emmanuel", "Rahm Emmanuel", "person", 5)]
    assert set(cluster_names(more).values()) == {"person:rahm emmanuel"}  # 6 against 5


def test_equal_counts_give_the_smallest_key() -> None:
    clusters = cluster_names(records(["Rahm Emmanuel", "Rahm Emanuel"]))
    assert set(clusters.values()) == {"person:rahm emanuel"}


@settings(max_examples=30)
@given(st.permutations(NAMES))
def test_clusters_do_not_depend_on_input_order(order: list[str]) -> None:
    assert cluster_names(records(order)) == cluster_names(records(NAMES))


def _incremental(
    batches: list[list[NameRecord]], entity_settings: EntitySettings
) -> dict[str, str]:
    """The clusters kept batch after batch, each batch recomputing what it can change."""
    index = MemoryNameIndex()
    clusters: dict[str, str] = {}
    for batch in batches:
        changed, added = index.add(batch)
        clusters.update(recluster(index, changed, added, entity_settings).clusters)
    return clusters


@st.composite
def batched_names(draw: st.DrawFn) -> list[list[NameRecord]]:
    """Garbled names with mention counts, in any order, cut into batches of any size
    (a name may come back in a later batch with more mentions)."""
    drawn = draw(
        st.lists(
            st.tuples(st.sampled_from(GARBLED), st.integers(min_value=1, max_value=3)),
            min_size=1,
            max_size=30,
        )
    )
    found = [NameRecord(surface_key("person", n), n, "person", count) for n, count in drawn]
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=len(found)), max_size=8)))
    edges = [0, *cuts, len(found)]
    return [found[a:b] for a, b in zip(edges, edges[1:], strict=False) if a < b]


@settings(max_examples=150, deadline=None)
@given(batched_names(), st.sampled_from([2, 3, 200]))
def test_incremental_clusters_equal_the_one_shot_clusters(
    batches: list[list[NameRecord]], block_limit: int
) -> None:
    # Small block limits make new names push blocks over the limit, which must split
    # the components that used them.
    entity_settings = EntitySettings(name_block_limit=block_limit)
    every = [record for batch in batches for record in batch]
    assert _incremental(batches, entity_settings) == cluster_names(every, entity_settings)


def _unrelated_names(count: int) -> list[NameRecord]:
    """People whose names share no block with "Haruto Takanashiro"."""
    rng = random.Random(count)
    letters = "aeiouklmnprsv"

    def token() -> str:
        return "z" + "".join(rng.choice(letters) for _ in range(rng.randint(4, 8)))

    names = {f"{token().title()} {token().title()}" for _ in range(count)}
    return records(sorted(names))


def test_a_new_name_scores_only_the_pairs_of_its_own_blocks() -> None:
    scored = []
    for size in (100, 2000):
        index = MemoryNameIndex()
        index.add(_unrelated_names(size))
        index.add(records(["Haruto Takanashiro"]))
        changed, added = index.add(records(["Haruto Takanashirou"]))
        result = recluster(index, changed, added)
        assert len(set(result.clusters.values())) == 1
        assert set(result.clusters) == {"person:haruto takanashiro", "person:haruto takanashirou"}
        scored.append(result.pairs_scored)
    assert scored == [1, 1]  # the one pair the two spellings make, whatever the index holds


def test_a_block_pushed_over_the_limit_splits_the_clusters_it_linked() -> None:
    entity_settings = EntitySettings(name_block_limit=2)
    index = MemoryNameIndex()
    changed, added = index.add(records(["Rahm Emanuel", "Rahm Emmanuel"]))
    first = recluster(index, changed, added, entity_settings).clusters
    assert len(set(first.values())) == 1
    # Between them the new names fill every block the two spellings share
    # (t:rahm, m:LM, m:EMNL) past the limit: the two are no longer compared.
    changed, added = index.add(records(["Rahm Smith", "Tom Emanuele"]))
    second = recluster(index, changed, added, entity_settings).clusters
    assert second["person:rahm emanuel"] == "person:rahm emanuel"
    assert second["person:rahm emmanuel"] == "person:rahm emmanuel"
