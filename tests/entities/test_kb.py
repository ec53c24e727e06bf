"""The knowledge base: dates, the curated format and its validator, the index on disk."""

import sqlite3
from pathlib import Path

import pytest

from storyline.entities.kb.curated import (
    KBDataError,
    check_files,
    data_files,
    load_files,
    record_key,
)
from storyline.entities.kb.index import KBIndexError, build_index, open_index
from storyline.entities.kb.model import KBEntity, Role, Window, ceil, floor, parse_iso, shift_day
from tests.entities.conftest import DATA, FIXTURE_KB


def test_partial_dates_widen_to_the_whole_period() -> None:
    assert floor("2021") == "2021-01-01" and ceil("2021") == "2021-12-31"
    assert ceil("2024-02") == "2024-02-29" and ceil("2023-02") == "2023-02-28"
    assert parse_iso("2021-02-30") is None and parse_iso("21-01-01") is None
    assert Role("PM", "head_of_government", "JPN", "2020-09-16", "2021-10-04").held_during(
        Window.of("2021")
    )
    assert not Role("PM", "head_of_government", "JPN", "2010-06-08", "2011-09-02").held_during(
        Window.of("2021-03-16")
    )
    assert Role("President", "head_of_state", "CHN", "2013-03-14", None).held_during(
        Window.of("2030")
    )


def test_days_stay_inside_the_calendar() -> None:
    # Issue 10: a report dated 9999 widened past 9999-12-31 and the linker raised.
    assert parse_iso("0000") is None and Window.of("0000") == Window()
    assert shift_day("9999-12-30", 30) == "9999-12-31"
    assert shift_day("0001-01-02", -30) == "0001-01-01"
    assert shift_day("2021-03-16", -1) == "2021-03-15"


def test_fixture_data_is_valid() -> None:
    report = check_files(data_files(FIXTURE_KB))
    assert report.ok, report.errors
    assert report.records == 24


def test_check_finds_every_kind_of_error() -> None:
    report = check_files(data_files(DATA / "kb_bad"))
    text = "\n".join(report.errors)
    assert "Second Holder's term as head_of_government of JPN from 2021-03-01 overlaps" in text
    assert "wikidata:Q1 is already defined" in text
    assert "'2021-13-01' is not an ISO date" in text
    assert "start 2022-05-01 is after end 2021-01-01" in text
    assert "office_key 'chancellor' is not one of" in text
    assert "not JSON" in text
    assert "type 'place' is not one of person, organization" in text
    assert "country 'Japan' is not an ISO alpha-3 code" in text
    assert "missing field(s): roles" in text
    assert "Next President" not in text  # a shared handover day is not an overlap
    assert any("Partial Next" in w for w in report.warnings)  # "2020" may or may not overlap
    assert not any("Partial Next" in e for e in report.errors)


def test_loading_invalid_data_raises_with_the_line() -> None:
    with pytest.raises(KBDataError, match=r"bad.jsonl:4: .*not an ISO date"):
        list(load_files([DATA / "kb_bad" / "people" / "bad.jsonl"]))


def test_record_keys_use_wikidata_ids_else_name_and_country() -> None:
    assert record_key({"id": "Q42", "name": "X", "type": "person"}) == "wikidata:Q42"
    assert record_key({"id": None, "name": "Wang Yi", "type": "person", "country": "CHN"}) == (
        "kb:person:wang-yi:chn"
    )


def test_index_round_trip_on_disk(tmp_path: Path) -> None:
    entities = list(load_files(data_files(FIXTURE_KB)))
    report = build_index(entities, tmp_path / "kb.sqlite")
    assert report.entities == len(entities) and report.merged == 0
    with open_index(tmp_path / "kb.sqlite") as index:
        assert index.size == len(entities)
        (ident,) = index.ids_by_name("antony blinken")
        blinken = index.entity(ident)
        assert blinken.name == "Antony Blinken" and "布林肯" in blinken.aliases
        assert blinken.roles[0].office_key == "foreign_minister"
        assert index.ids_by_name("布林肯") == [ident]
        holders = index.holders(("head_of_government",), "JPN", Window.of("2021-03-16"))
        assert [index.entity(i).name for i in holders] == ["Yoshihide Suga"]
        assert index.key_df("t:blinken") == 1
        with pytest.raises(sqlite3.OperationalError):  # opened read-only
            index.db.execute("DELETE FROM entities")


def test_entities_of_one_key_are_merged_and_the_first_terms_kept(tmp_path: Path) -> None:
    first = KBEntity(
        "wikidata:Q1",
        "Yoshihide Suga",
        "person",
        "Q1",
        "JPN",
        (),
        (Role("Prime Minister", "head_of_government", "JPN", "2020-09-16", "2021-10-04"),),
    )
    second = KBEntity(
        "wikidata:Q1",
        "Suga Yoshihide",
        "person",
        "Q1",
        "JPN",
        ("菅義偉",),
        (Role("Prime Minister", "head_of_government", "JPN", "2020-09", None),),
    )
    report = build_index([first, second], tmp_path / "kb.sqlite")
    assert report.entities == 1 and report.merged == 1
    with open_index(tmp_path / "kb.sqlite") as index:
        (ident,) = index.ids_by_name("菅義偉")
        assert index.ids_by_name("yoshihide suga") == [ident]
        assert index.entity(ident).roles == first.roles


def test_open_index_refuses_what_is_not_an_index(tmp_path: Path) -> None:
    with pytest.raises(KBIndexError, match="no knowledge base"):
        open_index(tmp_path / "missing.sqlite")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE meta (name TEXT, value TEXT)").connection.commit()
    with pytest.raises(KBIndexError, match="format"):
        open_index(other)
