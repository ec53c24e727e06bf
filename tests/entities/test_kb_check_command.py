"""`storyline kb check` on the fixture KB and on a file with errors."""

from click.testing import CliRunner

from storyline.cli.kb_commands import kb
from tests.entities.conftest import DATA


def test_kb_check_command() -> None:
    runner = CliRunner()
    ok = runner.invoke(kb, ["check", "--data", str(DATA / "kb")])
    assert ok.exit_code == 0 and "24 records in 2 file(s): 0 error(s)" in ok.output
    bad = runner.invoke(kb, ["check", str(DATA / "kb_bad" / "people" / "bad.jsonl")])
    assert bad.exit_code == 1 and "overlaps" in bad.output
