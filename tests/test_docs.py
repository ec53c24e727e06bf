from storyline.cli.main import main
from tests.conftest import REPO


def test_every_cli_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`storyline {name}" in readme, f"storyline {name} is not in the README"
