"""`storyline show` of an old id: the current record, and a line saying why it moved."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.cli.main import main
from tests.export.test_export import build_with_redirects


def test_show_of_an_old_id_shows_the_current_record_and_says_so(tmp_path: Path) -> None:
    db = build_with_redirects(tmp_path)
    result = CliRunner().invoke(main, ["show", "event", "vold2", "--db", str(db)])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)  # standard output stays JSON
    assert shown["id"] == "v1"
    assert shown["redirected_from"] == {"id": "vold2", "reason": "merged or split"}
    assert result.stderr.strip() == "event vold2 is now v1 (merged or split)"


def test_show_of_a_current_id_prints_no_redirect_line(tmp_path: Path) -> None:
    db = build_with_redirects(tmp_path)
    result = CliRunner().invoke(main, ["show", "story", "s1", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "s1" and result.stderr == ""


def test_show_of_an_unknown_id_is_one_error_line(tmp_path: Path) -> None:
    db = build_with_redirects(tmp_path)
    result = CliRunner().invoke(main, ["show", "entity", "eold9", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no entity 'eold9'"
