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
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from storyline.pipeline import Stage
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
    """Both systems over the pages, per half (one half only if `half` is given).

    Storyline's text is what `storyline ingest` stores for each page: the pages are
    ingested into a scratch database (reading, cleaning and storing as a user's ingest
    does; no language model, which does not change the text) and read back.
    """
    settings = settings or Settings()
    figures = {name: HalfFigures(name) for name in HALVES if half is None or name == half}
    pages = list(load_pages(data_dir, half=half, limit=limit))
    stored = ingested_extractions(pages, settings)
    for page in pages:
        theirs = trafilatura_extraction(page)
        figures[half_of(page.key)].add(page, stored[page.key], theirs)
    return figures


def no_analysis(settings: Settings) -> list[Stage]:
    """No stage after cleaning and duplicates: the stored text is all that is measured."""
    return []


def ingested_extractions(pages: Iterable[WebPage], settings: Settings) -> dict[str, Extraction]:
    """Each page's stored text (with the lines moved to its title and dateline), or its
    skip code, after `ingest` of all the pages as files of one folder, read back as the
    export reads them."""
    from storyline.ingest.runner import ingest
    from storyline.store.queries import Reader
    from storyline.store.sqlite import Store

    pages = list(pages)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pages"
        folder.mkdir()
        for page in pages:
            (folder / f"{page.key}.html").write_bytes(page.data)
        db = Path(scratch) / "kb.db"
        with Store(db) as store:
            ingest([str(folder)], store, no_analysis, settings.override({"processes": 0}))
        with Reader(db) as reader:
            moved: dict[str, list[str]] = {}
            for line in reader.removed_lines():
                if line["kind"] in _MOVED_KINDS:
                    moved.setdefault(line["document_id"], []).append(line["text"])
            found = {
                Path(doc["origin"]).stem: Extraction(
                    "\n\n".join([*moved.get(doc["id"], []), doc["text"]])
                )
                for doc in reader.documents()
            }
            for row in reader.skipped():
                found.setdefault(Path(row["origin"]).stem, Extraction("", row["code"]))
    # Byte-identical pages are one input to ingest (stored once): each gets that one's text.
    first: dict[bytes, str] = {}
    for page in pages:
        first.setdefault(page.data, page.key)
    return {
        page.key: found.get(page.key) or found.get(first[page.data]) or Extraction("", "missing")
        for page in pages
    }


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
