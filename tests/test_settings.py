import pytest

from storyline.errors import StorylineError
from storyline.settings import Settings


def test_defaults_have_help() -> None:
    described = Settings.describe()
    assert described and all(setting.help for setting in described)
    assert all(help_text for _name, help_text in Settings.sections())


def test_every_section_is_listed() -> None:
    sections = {setting.section for setting in Settings.describe()}
    assert sections == {name for name, _help in Settings.sections()}
    assert sections == {"ingest", "time", "entities", "events", "stories", "web"}


def test_a_file_overrides_key_by_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "storyline.toml"
    path.write_text("[storyline]\nbatch_size = 8\n", encoding="utf-8")
    settings = Settings.load(path)
    assert settings.batch_size == 8
    assert settings.max_report_bytes == Settings().max_report_bytes


def test_top_level_keys_stay_valid(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "storyline.toml"
    path.write_text("batch_size = 2\n", encoding="utf-8")
    assert Settings.load(path).batch_size == 2
    assert Settings().override({"processes": 0}).processes == 0
    assert Settings().override({"ingest": {"processes": 0}}).processes == 0


def test_a_file_with_sections_overrides_key_by_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "storyline.toml"
    path.write_text(
        "batch_size = 8\n\n[events]\nmerge_threshold = 0.5\nundated_days_ahead = 90\n\n"
        "[stories]\ntrip_days = 5\n",
        encoding="utf-8",
    )
    settings = Settings.load(path)
    defaults = Settings()
    assert settings.batch_size == 8
    assert settings.events.merge_threshold == 0.5
    assert settings.events.undated_days_ahead == 90
    assert settings.events.date_window_days == defaults.events.date_window_days
    assert settings.stories.trip_days == 5
    assert settings.entities == defaults.entities


def test_a_file_of_every_default_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    section = None
    for setting in Settings.describe():
        if setting.section != section:
            section = setting.section
            lines.append(f"[{section}]")
        value = setting.default
        text = repr(value).lower() if isinstance(value, bool) else repr(value)
        lines.append(f"{setting.name} = {text}")
    path = tmp_path / "storyline.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert Settings.load(path) == Settings()


@pytest.mark.parametrize(
    "values",
    [
        {"no_such_setting": 1},
        {"batch_size": "eight"},
        {"english_only": 1},
        {"no_such_section": {"threshold": 1}},
        {"events": {"no_such_setting": 1}},
        {"events": {"merge_threshold": "high"}},
        {"events": 0.5},
        {"stories": {"trip_days": 7.5}},
        {"ingest": {"batch_size": 2}, "batch_size": 3},
    ],
)
def test_bad_settings_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(StorylineError):
        Settings().override(values)


def test_an_unknown_key_names_its_section(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "storyline.toml"
    path.write_text("[events]\nthreshhold = 0.5\n", encoding="utf-8")
    with pytest.raises(StorylineError, match=r"unknown setting\(s\) in \[events\]: threshhold"):
        Settings.load(path)


def test_an_int_is_taken_for_a_float() -> None:
    assert Settings().override({"events": {"merge_threshold": 1}}).events.merge_threshold == 1.0
