import pytest

from storyline.errors import StorylineError
from storyline.settings import Settings


def test_defaults_have_help() -> None:
    described = Settings.describe()
    assert described and all(help_text for _name, _default, help_text in described)


def test_a_file_overrides_key_by_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "storyline.toml"
    path.write_text("[storyline]\nbatch_size = 8\n", encoding="utf-8")
    settings = Settings.load(path)
    assert settings.batch_size == 8
    assert settings.max_report_bytes == Settings().max_report_bytes


@pytest.mark.parametrize(
    "values", [{"no_such_setting": 1}, {"batch_size": "eight"}, {"english_only": 1}]
)
def test_bad_settings_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(StorylineError):
        Settings().override(values)
