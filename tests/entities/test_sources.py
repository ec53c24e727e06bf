"""Wikidata dumps and JRC-Names files, through `storyline kb build`, into an index."""

import bz2
import gzip
import shutil
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.kb_commands import kb
from storyline.entities.kb.jrc import read_jrc
from storyline.entities.kb.model import Role, Window
from storyline.entities.kb.wikidata import read_wikidata, wikidata_date
from storyline.entities.linker import Context, Linker
from storyline.entities.titles import parse_title
from storyline.store.kb_index import open_index
from tests.entities.conftest import DATA

SAMPLE = DATA / "wikidata_sample.json"


def _build(*args: str) -> None:
    result = CliRunner().invoke(kb, ["build", *args])
    assert result.exit_code == 0, result.output


def test_wikidata_dates_keep_their_precision() -> None:
    assert wikidata_date({"time": "+2021-01-26T00:00:00Z", "precision": 11}) == "2021-01-26"
    assert wikidata_date({"time": "+2011-09-00T00:00:00Z", "precision": 10}) == "2011-09"
    assert wikidata_date({"time": "+1999-00-00T00:00:00Z", "precision": 9}) == "1999"
    assert wikidata_date({"time": "+1900-00-00T00:00:00Z", "precision": 7}) is None
    assert wikidata_date({"time": "-0044-03-15T00:00:00Z", "precision": 11}) is None


def test_wikidata_sample_round_trips_through_kb_build(tmp_path: Path) -> None:
    out = tmp_path / "kb.sqlite"
    _build("--wikidata", str(SAMPLE), "--no-curated", "--out", str(out))
    with open_index(out) as index:
        assert index.size == 7  # positions and the painting are not people, organisations or places
        blinken = index.entity(index.ids_by_name("antony blinken")[0])
        assert blinken.key == "wikidata:Q900010" and blinken.country == "USA"
        assert {"ブリンケン", "블링컨", "布林肯", "Tony Blinken"} <= set(blinken.aliases)
        assert blinken.roles == (
            Role(
                "United States Secretary of State",
                "foreign_minister",
                "USA",
                "2021-01-26",
                "2025-01-20",
            ),
        )
        suga = index.entity(index.ids_by_name("菅義偉")[0])
        assert [(r.office_key, r.start) for r in suga.roles] == [
            ("other", "2012-12-26"),
            ("head_of_government", "2020-09-16"),
        ]  # the deprecated term is left out
        kan = index.entity(index.ids_by_name("naoto kan")[0])
        assert kan.roles[0].end == "2011-09"
        japan = index.entity(index.ids_by_name("nippon")[0])
        assert (japan.key, japan.type, japan.wikidata) == ("country:JPN", "country", "Q17")
        nato = index.entity(index.ids_by_name("nato")[0])
        assert nato.type == "organization"
        assert index.entity(index.ids_by_name("tokyo")[0]).country == "JPN"
        linker = Linker(index)
        decision = linker.link(
            "Kan", "person", parse_title("Prime Minister"), Context(Window.of("2021-03-16"))
        )
        assert decision.entity is not None and decision.entity.name == "Yoshihide Suga"


def test_compressed_dumps_give_the_same_entities(tmp_path: Path) -> None:
    plain = list(read_wikidata(SAMPLE))
    gz, bz = tmp_path / "dump.json.gz", tmp_path / "dump.json.bz2"
    with SAMPLE.open("rb") as source, gzip.open(gz, "wb") as target:
        shutil.copyfileobj(source, target)
    bz.write_bytes(bz2.compress(SAMPLE.read_bytes()))
    assert list(read_wikidata(gz)) == plain == list(read_wikidata(bz))


def test_jrc_names_variants_become_aliases(tmp_path: Path) -> None:
    entities = list(read_jrc(DATA / "jrc_sample.tsv"))
    assert [(e.key, e.name, e.type) for e in entities] == [
        ("jrc:1", "Antony Blinken", "person"),
        ("jrc:2", "North Atlantic Treaty Organization", "organization"),
        ("jrc:4", "Yoshihide Suga", "person"),
    ]
    assert entities[0].aliases == ("토니 블링컨", "Tony Blinken")
    out = tmp_path / "jrc.sqlite"
    _build("--jrc", str(DATA / "jrc_sample.tsv"), "--no-curated", "--out", str(out))
    with open_index(out) as index:
        assert index.size == 3 and index.ids_by_name("otan")


def test_kb_build_needs_a_source() -> None:
    result = CliRunner().invoke(kb, ["build", "--no-curated", "--out", "x.sqlite"])
    assert result.exit_code == 2 and "nothing to build" in result.output
