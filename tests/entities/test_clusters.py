"""Names not in the KB merged across reports: blocking, complete-link merges, stable keys."""

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.entities.clusters import NameRecord, cluster_names
from storyline.entities.coref import surface_key

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


def test_most_mentioned_name_keys_a_new_cluster_and_existing_keys_stay() -> None:
    found = [
        NameRecord("person:rahm emmanuel", "Rahm Emmanuel", "person", 1),
        NameRecord("person:rahm emanuel", "Rahm Emanuel", "person", 5),
    ]
    assert set(cluster_names(found).values()) == {"person:rahm emanuel"}
    existing = {"person:rahm emmanuel": "person:rahm emmanuel"}
    assert set(cluster_names(found, existing).values()) == {"person:rahm emmanuel"}


def test_two_existing_clusters_never_merge() -> None:
    existing = {
        "person:rahm emanuel": "person:rahm emanuel",
        "person:rahm emmanuel": "person:rahm emmanuel",
    }
    clusters = cluster_names(records(["Rahm Emanuel", "Rahm Emmanuel"]), existing)
    assert clusters["person:rahm emanuel"] != clusters["person:rahm emmanuel"]


@settings(max_examples=30)
@given(st.permutations(NAMES))
def test_clusters_do_not_depend_on_input_order(order: list[str]) -> None:
    assert cluster_names(records(order)) == cluster_names(records(NAMES))
