"""Every error storyline raises or records, in one place.

Each code is stable: it is stored with skipped inputs and shown by
`storyline stats`, so users can filter and count by it. The hierarchy:

    StorylineError
    ├── InputError          a report that cannot be read (stored as a skip, batch goes on)
    ├── PipelineError       stages wired in an impossible order (raised before any text runs)
    ├── StoreError          the database is unusable (wrong schema, locked, corrupt)
    ├── ModelError          the language model cannot be loaded
    └── ExecutorError       the Dask executor cannot be used (not installed, no scheduler)
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Codes for inputs that were skipped or flagged, with a line of help each."""

    EMPTY = "E001"
    BINARY = "E002"
    TOO_LARGE = "E003"
    UNDECODABLE = "E004"
    MALFORMED_HTML = "E005"
    MALFORMED_JSON = "E006"
    NO_TEXT = "E007"
    UNSUPPORTED = "E008"
    UNREADABLE = "E009"
    STAGE_FAILED = "E010"
    TIMEOUT = "E011"
    WORKER_DIED = "E012"
    FETCH_FAILED = "E013"
    MALFORMED_FEED = "E014"

    @property
    def help(self) -> str:
        return _HELP[self]


_HELP: dict[Code, str] = {
    Code.EMPTY: "the input is empty or only white space",
    Code.BINARY: "the input is binary, not text",
    Code.TOO_LARGE: "the input is larger than the max_report_bytes setting",
    Code.UNDECODABLE: "no text encoding decodes the input",
    Code.MALFORMED_HTML: "the HTML could not be parsed",
    Code.MALFORMED_JSON: "a JSON line could not be parsed or has no text/html field",
    Code.NO_TEXT: "no article text was left after extraction and cleaning",
    Code.UNSUPPORTED: "the file type is not one storyline reads",
    Code.UNREADABLE: "the file could not be opened",
    Code.STAGE_FAILED: "a processing stage failed on this report (a bug: the traceback is kept)",
    Code.TIMEOUT: "a processing stage took longer than the max_report_seconds setting",
    Code.WORKER_DIED: "the worker process analysing this report died",
    Code.FETCH_FAILED: "the URL could not be fetched",
    Code.MALFORMED_FEED: "the RSS or Atom feed could not be parsed",
}


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """A single input cannot become a report; recorded, and the batch goes on."""

    def __init__(self, code: Code, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"[{code.value}] {code.help}" + (f": {detail}" if detail else ""))

    @property
    def reason(self) -> str:
        return str(self)


class PipelineError(StorylineError):
    """Stages are wired so that one needs what no earlier stage adds."""


class StoreError(StorylineError):
    """The database cannot be used as it is."""


class ModelError(StorylineError):
    """The spaCy model cannot be found or loaded."""


class ExecutorError(StorylineError):
    """The analysis cannot run where the settings say (dask missing, scheduler unreachable)."""
