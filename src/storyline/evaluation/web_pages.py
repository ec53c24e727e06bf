"""Web pages: storyline's clean text beside trafilatura alone, on pages with known checks.

The data set (`../shared/data/web_pages_dev/`, from trafilatura's own evaluation) holds
web pages with, per page, snippets its article must contain (`with`) and snippets of
boilerplate it must not contain (`without`). Each page goes through what ingest stores
(`extract_html`, then `clean_text` as for HTML, then the `min_text_chars` check) and
through `trafilatura.extract(html, include_comments=False)` with its default options.
Lines a source repeats across its reports (the `is_boilerplate` callback) are not
simulated: every page is its own source here. A report keeps the lines the cleaner
moved out of the text into its title and dateline fields, so storyline's text is
scored with those lines put back in front of it (they are not lost).

Three figures per system:
- snippet counts scored as trafilatura's evaluation scores them: a `with` snippet found
  is a true positive, missing a false negative; a `without` snippet found is a false
  positive, absent a true negative (white space is collapsed in text and snippets alike);
- shingle recall: the share of the word 4-grams of trafilatura's text that storyline's
  text keeps, per page, and its mean over the pages trafilatura extracts text from;
- pages skipped (no text, or an error code).

Pages fall into a tuning half and a held-out half by a hash of their key, so a change
tuned on one half can be checked on the other.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from storyline.clean.debris import CleanedText, clean_text
from storyline.clean.html import extract_html
from storyline.errors import Code, InputError
from storyline.ingest.decode import decode
from storyline.settings import Settings

DEFAULT_DATA = Path("..") / "shared" / "data" / "web_pages_dev"
HALVES = ("tuning", "held-out")
SYSTEMS = ("storyline", "trafilatura")
#: Words per shingle when comparing two texts of one page.
SHINGLE_WORDS = 4

_WORD = re.compile(r"\w+")
#: Removed lines that a report keeps in a field of its own.
_MOVED_KINDS = frozenset({"title", "dateline"})


@dataclass(frozen=True, slots=True)
class WebPage:
    """One page of the data set and its checks."""

    key: str
    url: str | None
    data: bytes  # the page as served
    must_have: tuple[str, ...]  # the `with` snippets
    must_not_have: tuple[str, ...]  # the `without` snippets


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """Snippet checks counted as trafilatura's evaluation counts them."""

    true_positives: int = 0
    false_negatives: int = 0
    false_positives: int = 0
    true_negatives: int = 0

    def __add__(self, other: SnippetCounts) -> SnippetCounts:
        return SnippetCounts(
            self.true_positives + other.true_positives,
            self.false_negatives + other.false_negatives,
            self.false_positives + other.false_positives,
            self.true_negatives + other.true_negatives,
        )

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        right = self.true_positives + self.true_negatives
        total = right + self.false_negatives + self.false_positives
        return right / total if total else 0.0


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one system made of one page: its text, or why it skipped the page."""

    text: str
    skipped: str | None = None  # an error code (E007 ...) or "none" for no text


@dataclass
class SystemFigures:
    """One system's figures over a set of pages."""

    snippets: SnippetCounts = SnippetCounts()
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, page: WebPage, extraction: Extraction) -> None:
        self.snippets += score_snippets(extraction.text, page.must_have, page.must_not_have)
        if extraction.skipped is not None:
            self.skipped[extraction.skipped] += 1


@dataclass
class HalfFigures:
    """Both systems side by side over one half of the pages."""

    name: str
    pages: int = 0
    storyline: SystemFigures = field(default_factory=SystemFigures)
    trafilatura: SystemFigures = field(default_factory=SystemFigures)
    kept: list[float] = field(default_factory=list)  # shingle recall per page with text
    lossy: list[tuple[str, float]] = field(default_factory=list)  # (key, recall) below 1

    @property
    def mean_kept(self) -> float:
        return sum(self.kept) / len(self.kept) if self.kept else 1.0

    def add(self, page: WebPage, ours: Extraction, theirs: Extraction) -> None:
        self.pages += 1
        self.storyline.add(page, ours)
        self.trafilatura.add(page, theirs)
        recall = shingle_recall(ours.text, theirs.text)
        if recall is not None:
            self.kept.append(recall)
            if recall < 1.0:
                self.lossy.append((page.key, recall))


# --- Scoring ---------------------------------------------------------------------------


def score_snippets(
    text: str, must_have: Iterable[str], must_not_have: Iterable[str]
) -> SnippetCounts:
    """Count the snippet checks of one page against a system's text."""
    folded = _collapse(text)
    found = [_collapse(snippet) in folded for snippet in must_have]
    leaked = [_collapse(snippet) in folded for snippet in must_not_have]
    return SnippetCounts(
        true_positives=sum(found),
        false_negatives=len(found) - sum(found),
        false_positives=sum(leaked),
        true_negatives=len(leaked) - sum(leaked),
    )


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The word n-grams of a text, case folded; a text shorter than n is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def shingle_recall(ours: str, reference: str) -> float | None:
    """The share of the reference's shingles found in ours; None if the reference is empty."""
    wanted = shingles(reference)
    if not wanted:
        return None
    return len(wanted & shingles(ours)) / len(wanted)


def _collapse(text: str) -> str:
    return " ".join(text.split())


# --- The two systems -------------------------------------------------------------------


def storyline_extraction(page: WebPage, settings: Settings) -> Extraction:
    """The clean text ingest would store for the page, or the code it would skip it with."""
    try:
        html = decode(page.data, settings).text
        extracted = extract_html(html, url=page.url, settings=settings)
    except InputError as error:
        return Extraction("", error.code.value)
    cleaned = clean_text(extracted.text, title=extracted.title, from_html=True)
    if len(cleaned.text) < settings.min_text_chars:
        return Extraction("", Code.NO_TEXT.value)
    return Extraction(stored_text(cleaned))


def stored_text(cleaned: CleanedText) -> str:
    """The clean text, after the lines moved into the report's title and dateline."""
    moved = [line.text for line in cleaned.removed if line.kind in _MOVED_KINDS]
    return "\n\n".join([*moved, cleaned.text])


def trafilatura_extraction(page: WebPage) -> Extraction:
    """trafilatura alone (decoding the bytes itself), default options, no comments."""
    try:
        text = trafilatura.extract(page.data, url=page.url, include_comments=False)
    except Exception as error:  # noqa: BLE001 - any failure is a skipped page
        return Extraction("", type(error).__name__)
    return Extraction(text, None) if text and text.strip() else Extraction("", "none")


# --- The data set ----------------------------------------------------------------------


def half_of(key: str) -> str:
    """The half a page belongs to, fixed by a hash of its key."""
    return HALVES[hashlib.sha256(key.encode("utf-8")).digest()[0] & 1]


def load_pages(
    data_dir: Path, *, half: str | None = None, limit: int | None = None
) -> Iterator[WebPage]:
    """The pages of the data set in key order, of one half if given, at most `limit`."""
    files: dict[str, str] = json.loads((data_dir / "files.json").read_text("utf-8"))
    checks: dict[str, dict[str, object]] = json.loads(
        (data_dir / "evaldata.json").read_text("utf-8")
    )
    by_file = {str(entry["file"]): (url, entry) for url, entry in checks.items()}
    chosen = sorted(key for key in files.values() if half is None or half_of(key) == half)
    file_of = {key: name for name, key in files.items()}
    for count, key in enumerate(chosen):
        if limit is not None and count >= limit:
            return
        url, entry = by_file.get(file_of[key], (None, {}))
        yield WebPage(
            key=key,
            url=url,
            data=gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes()),
            must_have=_snippets(entry.get("with")),
            must_not_have=_snippets(entry.get("without")),
        )


def _snippets(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(snippet for snippet in value if isinstance(snippet, str))


def is_data_dir(data_dir: Path) -> bool:
    return (data_dir / "files.json").is_file() and (data_dir / "evaldata.json").is_file()


def evaluate_web_pages(
    data_dir: Path,
    settings: Settings | None = None,
    *,
    half: str | None = None,
    limit: int | None = None,
) -> dict[str, HalfFigures]:
    """Both systems over the pages, per half (one half only if `half` is given)."""
    settings = settings or Settings()
    figures = {name: HalfFigures(name) for name in HALVES if half is None or name == half}
    for page in load_pages(data_dir, half=half, limit=limit):
        ours = storyline_extraction(page, settings)
        theirs = trafilatura_extraction(page)
        figures[half_of(page.key)].add(page, ours, theirs)
    return figures


def figures_as_dict(figures: dict[str, HalfFigures]) -> dict[str, object]:
    """The figures as plain data, for JSON."""
    return {name: _half_as_dict(half) for name, half in figures.items()}


def _half_as_dict(half: HalfFigures) -> dict[str, object]:
    systems: dict[str, object] = {}
    for name in SYSTEMS:
        system: SystemFigures = getattr(half, name)
        counts = system.snippets
        systems[name] = {
            "precision": round(counts.precision, 4),
            "recall": round(counts.recall, 4),
            "f1": round(counts.f1, 4),
            "accuracy": round(counts.accuracy, 4),
            "snippets": {
                "true_positives": counts.true_positives,
                "false_negatives": counts.false_negatives,
                "false_positives": counts.false_positives,
                "true_negatives": counts.true_negatives,
            },
            "skipped": sum(system.skipped.values()),
            "skipped_by_code": dict(sorted(system.skipped.items())),
        }
    return {
        "pages": half.pages,
        **systems,
        "kept_of_trafilatura": {
            "mean_shingle_recall": round(half.mean_kept, 4),
            "pages_with_trafilatura_text": len(half.kept),
            "pages_below_1": len(half.lossy),
            "lowest": [
                [key, round(value, 4)] for key, value in sorted(half.lossy, key=_second)[:5]
            ],
        },
    }


def _second(item: tuple[str, float]) -> float:
    return item[1]
