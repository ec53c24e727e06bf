"""`storyline time`: the tagger's expressions as text and as JSON."""

from __future__ import annotations

from click.testing import CliRunner

from storyline.cli.time_commands import time_command


def test_time_command_prints_span_type_and_value() -> None:
    result = CliRunner().invoke(
        time_command, ["The talks will be held on the 16th.", "--dct", "2021-03-14"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "26-34\tDATE\t2021-03-16\t'the 16th'\n"


def test_time_command_json() -> None:
    result = CliRunner().invoke(time_command, ["early April", "--json"])
    assert result.exit_code == 0, result.output
    assert '"value": "XXXX-04"' in result.output and '"mod": "START"' in result.output
