"""When a term was last confirmed: the optional `confirmed` role field, and
`storyline kb check --stale DATE`, which lists the open terms nobody confirmed since."""

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from storyline.cli.kb_commands import kb
from storyline.entities.kb.curated import check_files, load_files, stale_terms


def _person(
    name: str, office: str = "Minister of Defence", key: str = "defence_minister", **dates: Any
) -> dict[str, Any]:
    """A person of country NOR with one term; `dates` are its start, end, confirmed."""
    role = {"office": office, "office_key": key, "country": "NOR", **dates}
    return {
        "id": None,
        "name": name,
        "type": "person",
        "country": "NOR",
        "aliases": [],
        "roles": [role],
    }


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _terms_file(tmp_path: Path) -> Path:
    """A closed term, an open one confirmed lately, one confirmed long ago, one never."""
    return _write(
        tmp_path / "terms.jsonl",
        [
            _person("Closed Holder", start="2010-01-01", end="2015-01-01"),
            _person("Long Ago", start="2015-01-02", end="2018-01-01", confirmed="2016-05-01"),
            _person("Recent Holder", start="2018-01-02", end=None, confirmed="2025-11-30"),
            _person(
                "Old Confirmation",
                "Prime Minister",
                "head_of_government",
                start="2020-01-01",
                end=None,
                confirmed="2024-06-01",
            ),
            _person(
                "Never Checked", "Foreign Minister", "foreign_minister", start="2021-03", end=None
            ),
        ],
    )


def test_stale_terms_are_open_and_unconfirmed_since_the_day(tmp_path: Path) -> None:
    path = _terms_file(tmp_path)
    assert check_files([path]).ok
    stale = stale_terms([path], "2025-01-01")
    assert [(t.person, t.confirmed) for t in stale] == [
        ("Old Confirmation", "2024-06-01"),
        ("Never Checked", None),
    ]
    # a partial date means its first day: confirmed on 2025-11-30 is since "2025-11"
    assert [t.person for t in stale_terms([path], "2025-11")] == [
        "Old Confirmation",
        "Never Checked",
    ]
    assert [t.person for t in stale_terms([path], "2025-12-01")] == [
        "Recent Holder",
        "Old Confirmation",
        "Never Checked",
    ]


def test_files_without_confirmed_still_load(tmp_path: Path) -> None:
    path = _write(tmp_path / "old.jsonl", [_person("Old Style", start="2020-01-01", end=None)])
    assert check_files([path]).ok
    (entity,) = load_files([path])
    assert entity.roles[0].end is None


def test_confirmed_must_be_a_day_within_the_term(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.jsonl",
        [
            _person("Month Only", start="2020-01-01", end=None, confirmed="2025-11"),
            _person("Too Early", start="2021-01-01", end=None, confirmed="2020-12-31"),
            _person("Typo Field", start="2022-01-01", end=None, confirmd="2025-01-01"),
        ],
    )
    errors = "\n".join(check_files([path]).errors)
    assert "confirmed '2025-11' is not an ISO day" in errors
    assert "confirmed 2020-12-31 is before start 2021-01-01" in errors
    assert "unknown role field(s): confirmd" in errors


def test_kb_check_stale_prints_a_table_and_a_count(tmp_path: Path) -> None:
    path = _terms_file(tmp_path)
    result = CliRunner().invoke(kb, ["check", str(path), "--stale", "2025-01-01"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["person", "office", "key", "country", "start", "confirmed"]
    never = next(line for line in lines if line.startswith("Never Checked"))
    assert never.split()[-3:] == ["NOR", "2021-03", "never"]
    assert any(line.startswith("Old Confirmation") and "2024-06-01" in line for line in lines)
    assert "Recent Holder" not in result.output and "Closed Holder" not in result.output
    assert "2 open-ended term(s) not confirmed since 2025-01-01" in result.output


def test_kb_check_stale_as_json(tmp_path: Path) -> None:
    path = _terms_file(tmp_path)
    result = CliRunner().invoke(kb, ["check", str(path), "--stale", "2025-01-01", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["errors"] == [] and found["stale_since"] == "2025-01-01"
    assert [t["person"] for t in found["stale"]] == ["Old Confirmation", "Never Checked"]
    assert found["stale"][1] == {
        "person": "Never Checked",
        "office": "Foreign Minister",
        "office_key": "foreign_minister",
        "country": "NOR",
        "start": "2021-03",
        "confirmed": None,
        "where": "terms.jsonl:5",
    }


def test_kb_check_stale_refuses_a_bad_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(kb, ["check", str(_terms_file(tmp_path)), "--stale", "2025-13"])
    assert result.exit_code == 2 and "not an ISO date" in result.output
