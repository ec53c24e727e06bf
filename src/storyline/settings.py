"""One typed settings object.

Every setting has a name, a default and a line of help. A user TOML file
(`storyline.toml`, or `--config FILE`) overrides them key by key; unknown keys
are an error so that typos do not pass silently. `storyline settings` prints
them all with their help.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from storyline.errors import StorylineError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    max_report_bytes: int = _setting(
        5_000_000, "inputs larger than this many bytes are skipped (code E003)"
    )
    max_html_depth: int = _setting(
        250,
        "HTML nested deeper than this is rejected as malformed (HTML bombs; the parser"
        " drops deeper nodes)",
    )
    min_text_chars: int = _setting(
        40, "a report with less clean text than this is skipped (code E007)"
    )
    near_duplicate_threshold: float = _setting(
        0.6,
        "estimated Jaccard similarity of word 5-shingles from which a report is a near-duplicate",
    )
    minhash_permutations: int = _setting(128, "MinHash permutations per report")
    minhash_bands: int = _setting(32, "LSH bands (permutations / bands rows each)")
    repeated_line_min_reports: int = _setting(
        3, "a short line seen in this many reports of one source is boilerplate"
    )
    kb_path: str = _setting(
        "", "a knowledge-base index built by `storyline kb build` (empty: the shipped curated one)"
    )
    spacy_model: str = _setting(
        "en_core_web_md", "spaCy pipeline to load (a package name or a path)"
    )
    batch_size: int = _setting(64, "reports per spaCy batch and per database transaction")
    processes: int = _setting(
        2,
        "worker processes that analyse reports, each with its own model (0 = in this process,"
        " without protection from a report that hangs or kills it)",
    )
    max_report_seconds: float = _setting(
        60.0,
        "a stage that runs longer than this on one report skips the report (code E011);"
        " 0 = no limit",
    )
    max_text_chars: int = _setting(
        1_000_000,
        "a report whose clean text is longer than this many characters is skipped (code E003)",
    )
    english_only: bool = _setting(
        True, "run the English model only on reports detected as English; flag the rest"
    )
    ingest_wait_seconds: float = _setting(
        0.0,
        "how long an ingest waits for another ingest into the same database to finish"
        " before giving up (0 = as long as it takes)",
    )

    def override(self, values: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(self)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise StorylineError(f"unknown setting(s): {', '.join(unknown)}")
        checked = {}
        for name, value in values.items():
            expected = type(getattr(self, name))
            if expected is float and isinstance(value, int):
                value = float(value)
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise StorylineError(f"setting {name} must be {expected.__name__}, got {value!r}")
            checked[name] = value
        return replace(self, **checked)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        """Defaults, overridden by `path` (or ./storyline.toml when it exists)."""
        candidate = Path(path) if path else Path("storyline.toml")
        if path is None and not candidate.exists():
            return cls()
        try:
            values = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StorylineError(f"cannot read settings file {candidate}: {exc}") from exc
        return cls().override(values.get("storyline", values))

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        defaults = cls()
        return [(f.name, getattr(defaults, f.name), f.metadata["help"]) for f in fields(cls)]
