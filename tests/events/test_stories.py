"""Stories from merged events, and reports grouped by the event they tell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.events.cluster import average_link, connected
from storyline.events.model import Event, EventParticipant
from storyline.events.stories import build_stories, cluster_reports
from storyline.events.text import cosine, pairwise_cosines
from tests.conftest import make_document


def _event(id: str, type_: str, date: str, *people: str) -> Event:
    return Event(
        id=id,
        type=type_,
        title=id,
        status="happened",
        date=date,
        date_precision="day",
        date_basis="text",
        date_sources=1,
        place=None,
        place_name=None,
        place_sources=0,
        participants=tuple(
            EventParticipant("e-" + p.lower(), p, "agent", 1, (f"r-{id}",)) for p in people
        ),
        documents=(f"r-{id}",),
        sources=1,
        evidence=(),
    )


def test_a_trip_holds_the_meetings_of_one_person_within_days() -> None:
    events = [
        _event("tokyo", "meeting", "2021-03-16", "Blinken", "Motegi"),
        _event("seoul", "meeting", "2021-03-18", "Blinken", "Chung"),
        _event("alaska", "meeting", "2021-03-19", "Blinken", "Wang"),
        _event("later", "meeting", "2021-05-30", "Blinken", "Lavrov"),
    ]
    (trip,) = [s for s in build_stories(events) if s.kind == "trip"]
    assert trip.events == ("tokyo", "seoul", "alaska")
    assert (trip.start, trip.end) == ("2021-03-16", "2021-03-19")
    assert trip.documents == ("r-alaska", "r-seoul", "r-tokyo")
    assert trip.id.startswith("s") and "Blinken" in trip.title


def test_a_series_joins_meetings_of_the_same_people_years_apart() -> None:
    events = [
        _event("a", "meeting", "2021-03-16", "Japan", "United States", "Blinken"),
        _event("b", "meeting", "2022-01-07", "Japan", "United States", "Hayashi"),
        _event("c", "meeting", "2023-01-11", "Japan", "United States"),
        _event("d", "signing", "2022-01-07", "Japan", "United States"),
    ]
    (series,) = [s for s in build_stories(events) if s.kind == "series"]
    assert series.events == ("a", "b", "c")
    assert series.title.startswith("Meeting series")


def test_stories_need_two_events() -> None:
    assert build_stories([_event("a", "meeting", "2021-03-16", "Blinken")]) == ()


def test_cluster_reports_groups_reports_of_one_event() -> None:
    texts = [
        "An earthquake of magnitude 6.1 struck southern Iran near Bushehr on Sunday.",
        "Iranian officials said the Bushehr quake destroyed two villages on Sunday.",
        "Rescuers in Bushehr, Iran, searched the rubble of villages after Sunday's quake.",
        "A 7.0 earthquake devastated Port-au-Prince, the capital of Haiti, on Tuesday.",
        "Aid flights landed in Port-au-Prince as Haiti counted the dead from Tuesday.",
        "A volcano erupted in Iceland, closing airports across northern Europe.",
    ]
    docs = [make_document(t, id=f"d{n}") for n, t in enumerate(texts)]
    groups = cluster_reports(docs)
    assert sorted(groups) == [("d0", "d1", "d2"), ("d3", "d4"), ("d5",)]


def test_average_link_merges_on_the_mean_and_keeps_apart_what_must_be() -> None:
    # 0-1 and 1-2 are close, 0-2 unscored: as zero, the mean of {0,1} to 2 is 0.45
    scored = [(0.9, 0, 1), (0.9, 1, 2)]
    assert average_link(3, scored, 0.5) == [[0, 1], [2]]
    assert average_link(3, scored, 0.5, unscored_as_zero=False) == [[0, 1, 2]]
    assert average_link(3, scored, 0.5, unscored_as_zero=False, apart=["r", "s", "r"]) == [
        [0, 1],
        [2],
    ]
    assert connected(4, [(0, 1), (2, 3)]) == [[0, 1], [2, 3]]


def test_reports_far_apart_in_time_never_share_a_group() -> None:
    """An undated report (a wide window) close in words to reports of 2021 and of 2022 may
    join either, not both: once one joins, the other is more than 30 days away."""
    scored = [(0.9, 0, 1), (0.9, 1, 2), (0.9, 0, 2)]
    days = [(100, 110), (100, 900), (800, 800)]  # 1 is undated within a wide window
    assert average_link(3, scored, 0.5, unscored_as_zero=False) == [[0, 1, 2]]
    groups = average_link(3, scored, 0.5, unscored_as_zero=False, days=days, days_apart=30)
    assert groups in ([[0, 1], [2]], [[0], [1, 2]])
    docs = [
        make_document("Blinken's trip to Tokyo and Seoul, talks with Motegi.", id="a",
                      published="2021-03-16"),
        make_document("Blinken's trip to Tokyo and Seoul, talks with Motegi.", id="b"),
        make_document("Blinken's trip to Tokyo and Seoul, talks with Motegi.", id="c",
                      published="2022-08-06"),
    ]  # fmt: skip
    assert not any({"a", "c"} <= set(g) for g in cluster_reports(docs))


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from([f"w{i}" for i in range(12)]),
            st.floats(min_value=0.01, max_value=5.0),
            max_size=6,
        ),
        max_size=25,
    )
)
def test_pairwise_cosines_are_the_cosines_of_every_pair_that_shares_a_word(
    vectors: list[dict[str, float]],
) -> None:
    found = pairwise_cosines(vectors)
    expected = {
        (i, j): score
        for i in range(len(vectors))
        for j in range(i + 1, len(vectors))
        if (score := cosine(vectors[i], vectors[j])) > 0
    }
    assert found.keys() == expected.keys()
    for pair, score in expected.items():
        assert abs(found[pair] - score) < 1e-12
    some = [(j, i) for i, j in list(expected)[::2]] + [(0, 0)]  # any order; a self pair
    chosen = pairwise_cosines(vectors, some)
    assert chosen.keys() == set(list(expected)[::2])
    for pair, score in chosen.items():
        assert abs(score - expected[pair]) < 1e-12


def test_beyond_all_pairs_each_report_keeps_its_nearest_links_only() -> None:
    from storyline.events.stories import _nearest

    cosines = {(0, 1): 0.9, (0, 2): 0.2, (1, 2): 0.3, (2, 3): 0.8}
    assert _nearest(cosines, 1) == {(0, 1): 0.9, (2, 3): 0.8}  # 2's best is 3, 1's is 0
    assert _nearest(cosines, 0) == cosines


def test_a_place_written_only_in_native_script_is_called_by_its_canonical_name() -> None:
    from dataclasses import replace

    from storyline.events.corpus import canonical_names

    names = {"e-tokyo": "Tokyo", "e-motegi": "Toshimitsu Motegi", "e-ichigaya": "Ichigaya"}
    native = replace(
        _event("v1", "meeting", "2021-03-16", "茂木"), place="e-tokyo", place_name="東京"
    )
    native = replace(native, participants=(replace(native.participants[0], entity="e-motegi"),))
    named = canonical_names(native, names)
    assert (named.place_name, named.title) == ("Tokyo", "Meeting: Toshimitsu Motegi in Tokyo")
    # A place written in Latin script keeps the report's name (as MEANTIME and the seeds
    # read it): only a script the reader may not read is replaced.
    english = replace(native, place="e-ichigaya", place_name="the Ministry at Ichigaya")
    assert canonical_names(english, names).place_name == "the Ministry at Ichigaya"
