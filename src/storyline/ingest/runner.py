"""Ingest: inputs -> clean reports -> analysis -> store, streaming, isolated and resumable.

Inputs are read in chunks of `_CHUNK` (by position in the input, so a re-run
reads the same chunks). Each chunk is extracted (HTML), its short lines are
counted per source (to find boilerplate repeated across one site's reports),
and each report is cleaned, its language identified and its duplicates found
here, in input order. The analysis (language model, dates, times, entities,
events, quotes) runs in worker processes (`ingest/workers.py`), or in this
process when `processes` is 0; each report's failure is its own (skipped with
its code and traceback) and the batch goes on.

Reports are written in input order, `batch_size` to a transaction. What a
report derives (its line counts, its fingerprint) is written with it, in the
same transaction, so a run killed at any moment and run again stores exactly
what one uninterrupted run stores. The corpus steps (names merged across
reports, events merged, stories, sentence vectors) run after the last report;
until they succeed the database says they are pending, and the next run does
them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import Any, BinaryIO

from storyline.clean.dateline import parse_dateline
from storyline.clean.debris import CleanedText, clean_text, line_key
from storyline.clean.dedup import DuplicateStage
from storyline.clean.html import extract_html
from storyline.errors import Code, InputError
from storyline.ingest.analysis import analysis_stages
from storyline.ingest.corpus_steps import (
    CorpusStep,
    MergeEvents,
    MergeNames,
    SentenceVectors,
    check_steps,
    standard_steps,
)
from storyline.ingest.dask_pool import DaskPool
from storyline.ingest.fingerprints import RunFingerprints
from storyline.ingest.isolation import Outcome, ReportTimeout, analyse, failure, time_limit
from storyline.ingest.sources import iter_inputs
from storyline.ingest.workers import StagesFactory, WorkerPool
from storyline.nlp.language import LanguageStage
from storyline.pipeline import Stage, check_order
from storyline.records import Document, RawReport, Skipped
from storyline.settings import Settings
from storyline.store.events import count_events
from storyline.store.sqlite import Store

_CHUNK = 256
# Lines longer than this are content, not boilerplate, even when repeated.
_MAX_BOILERPLATE_WORDS = 14
# Reports a worker is given at once (small: finer balance, earlier progress).
_WORKER_BATCH = 16


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    stored: int = 0
    duplicates: int = 0
    not_english: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: list[Skipped] = field(default_factory=list)
    merged_mentions: int = 0  # mentions of unlinked names pointed at a cross-report cluster
    embedded_sentences: int = 0  # sentence vectors added to the semantic-search index
    events: int = 0  # events in the knowledge base after merging across reports
    corpus_failures: list[str] = field(default_factory=list)  # corpus steps that failed

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


@dataclass(frozen=True, slots=True)
class _Prepared:
    raw: RawReport
    text: str
    title: str | None
    published: str | None
    source: str


def document_id(key: str) -> str:
    return "d" + key[:15]


def ingest(
    paths: Sequence[str],
    store: Store,
    analysis: Stage | StagesFactory | Sequence[Stage],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    inputs: Iterable[RawReport | Skipped] | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every report under `paths` (or of `inputs`) into `store`; safe to re-run.

    `analysis` is the language-model stage, run in this process with the stages
    that follow it; or the analysis stages themselves, built, run in this process;
    or a function of the settings that builds them (`analysis.standard_stages`), run
    in `settings.processes` worker processes (in this process when it is 0).
    """
    report = IngestReport()
    steps = standard_steps(settings)
    check_steps(steps)  # the steps that run after the last report, checked before the first
    run = _Run(store, settings, report)
    if inputs is None:
        inputs = iter_inputs(paths, settings, stdin=stdin)
    with _analyser(analysis, settings) as analyser, store.transaction():
        documents = run.documents(inputs)
        size = _batch_size(analyser, settings)
        outcomes = analyser.analyse(_batches(run.numbered(documents), size))
        for outcome in _in_order(outcomes):
            if run.finish(outcome):
                if progress:
                    progress(1)
                if report.stored % settings.batch_size == 0:
                    store.checkpoint()
    _corpus_steps(store, report, run.written, steps)
    return report


# -- the analysis, here or in workers ---------------------------------------------


class _InProcess:
    """The analysis stages run in this process (soft time limits only)."""

    def __init__(self, stages: Sequence[Stage], settings: Settings, *, close: bool = True) -> None:
        self.stages = stages
        self.budget = settings.max_report_seconds
        self.close = close

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.close:
            for stage in self.stages:
                stage.close()

    def analyse(
        self, batches: Iterable[list[tuple[int, Document]]]
    ) -> Iterator[tuple[int, Outcome]]:
        for batch in batches:
            yield from analyse(self.stages, batch, self.budget)


def _analyser(
    analysis: Stage | StagesFactory | Sequence[Stage], settings: Settings
) -> AbstractContextManager[_InProcess | WorkerPool | DaskPool]:
    if isinstance(analysis, Stage):
        return _InProcess(analysis_stages(analysis, settings), settings)
    if isinstance(analysis, Sequence):
        return _InProcess(analysis, settings, close=False)  # the caller's, kept for reuse
    if settings.executor == "dask":
        return DaskPool(analysis, settings)  # imports dask only when entered
    if settings.processes <= 0:
        return _InProcess(analysis(settings), settings)
    return WorkerPool(analysis, settings, settings.processes)


def _batch_size(analyser: _InProcess | WorkerPool | DaskPool, settings: Settings) -> int:
    """Reports per batch: the transaction's size here, a small one for workers."""
    if isinstance(analyser, _InProcess):
        return settings.batch_size
    return min(settings.batch_size, _WORKER_BATCH)


def _batches(
    numbered: Iterable[tuple[int, Document]], size: int
) -> Iterator[list[tuple[int, Document]]]:
    stream = iter(numbered)
    while batch := list(islice(stream, size)):
        yield batch


def _in_order(outcomes: Iterable[tuple[int, Outcome]]) -> Iterator[Outcome]:
    """The outcomes by report number, whatever order they arrive in."""
    waiting: dict[int, Outcome] = {}
    expected = 0
    for number, outcome in outcomes:
        waiting[number] = outcome
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    for number in sorted(waiting):  # never left over when every report has an outcome
        yield waiting[number]


# -- one run ----------------------------------------------------------------------


class _Run:
    """What one ingest run holds between reading a report and writing it."""

    def __init__(self, store: Store, settings: Settings, report: IngestReport) -> None:
        self.store = store
        self.settings = settings
        self.report = report
        self.fingerprints = RunFingerprints(store)
        self.front: list[Stage] = [
            LanguageStage(),
            DuplicateStage(
                self.fingerprints,
                settings.near_duplicate_threshold,
                settings.minhash_permutations,
                settings.minhash_bands,
            ),
        ]
        check_order(self.front)
        # Short lines of this run's reports not written yet, per (source, line key): with
        # the stored counts, what every report of the chunks read so far contains.
        self.unwritten_lines: Counter[tuple[str, str]] = Counter()
        self.lines_of: dict[str, tuple[str, frozenset[str]]] = {}
        self.failed: set[str] = set()  # ids of this run's reports skipped after their dedup
        self.written: list[str] = []  # ids of this run's reports stored

    # reading ---------------------------------------------------------------------

    def documents(self, inputs: Iterable[RawReport | Skipped]) -> Iterator[Document]:
        seen_this_run: set[str] = set()
        stream = iter(inputs)
        while chunk := list(islice(stream, _CHUNK)):
            raws: list[RawReport] = []
            for item in chunk:
                if isinstance(item, Skipped):
                    self.skip(item)
                elif item.key in seen_this_run:
                    self.report.unchanged += 1
                else:
                    seen_this_run.add(item.key)
                    raws.append(item)
            known = self.store.known_keys([raw.key for raw in raws])
            self.report.unchanged += len(known)
            prepared = [p for raw in raws if raw.key not in known if (p := self.prepare(raw))]
            for page in prepared:
                keys = frozenset(_short_line_keys(page.text))
                self.lines_of[page.raw.key] = (page.source, keys)
                self.unwritten_lines.update((page.source, key) for key in keys)
            for page in prepared:
                doc = self.clean(page)
                if isinstance(doc, Skipped):
                    self.skip(doc)
                else:
                    yield doc

    def prepare(self, raw: RawReport) -> _Prepared | None:
        """Text, title and metadata of one input; HTML is extracted here."""
        if raw.html is None:
            return _Prepared(raw, raw.text or "", raw.title, raw.published, raw.source)
        try:
            with time_limit(self.settings.max_report_seconds):
                page = extract_html(raw.html, url=raw.url, settings=self.settings)
        except InputError as error:
            self.skip(Skipped(raw.key, raw.origin, error.code.value, error.reason))
            return None
        except (Exception, ReportTimeout) as exc:  # one page's failure is that page's
            self.skip(failure(_placeholder(raw), "clean.html.v1", exc))
            return None
        source = raw.source
        if page.site and raw.url is None and "#L" not in raw.origin:
            # A stand-alone HTML file: the page's own site name beats its folder's name.
            source = page.site.lower()
        return _Prepared(
            raw, page.text, raw.title or page.title, raw.published or page.published, source
        )

    def clean(self, item: _Prepared) -> Document | Skipped:
        try:
            with time_limit(self.settings.max_report_seconds):
                return _clean(item, self.is_boilerplate, self.settings)
        except (Exception, ReportTimeout) as exc:  # one report's failure is that report's
            return failure(_placeholder(item.raw), "clean.debris.v1", exc)

    def is_boilerplate(self, source: str, line: str) -> bool:
        key = line_key(line)
        seen = self.store.line_reports(source, key) + self.unwritten_lines[(source, key)]
        return seen >= self.settings.repeated_line_min_reports

    def numbered(self, documents: Iterable[Document]) -> Iterator[tuple[int, Document]]:
        """Each report through the front stages, numbered for the analysis."""
        number = 0
        for doc in documents:
            budget = self.settings.max_report_seconds
            _, outcome = next(analyse(self.front, [(number, doc)], budget))
            if isinstance(outcome, Skipped):
                self.skip(outcome)
                self.failed.add(doc.id)
                continue
            yield number, outcome
            number += 1

    # writing ---------------------------------------------------------------------

    def finish(self, outcome: Outcome) -> bool:
        """Write one analysed report, or record why it was skipped; True when written."""
        if isinstance(outcome, Document) and outcome.duplicate_of in self.failed:
            outcome = Skipped(
                outcome.key,
                outcome.origin,
                Code.STAGE_FAILED.value,
                f"[{Code.STAGE_FAILED.value}] the report it copies ({outcome.duplicate_of})"
                " failed; both are tried again by the next run",
                stage="clean.dedup.v1",
            )
        if isinstance(outcome, Skipped):
            self.skip(outcome)
            self.failed.add(document_id(outcome.key))
            return False
        self.write(outcome)
        return True

    def write(self, doc: Document) -> None:
        store, report = self.store, self.report
        held = self.fingerprints.held(doc.id)
        if held is not None:
            store.add_fingerprint(*held)
        source_keys = self.lines_of.pop(doc.key, None)
        if source_keys is not None:
            source, keys = source_keys
            store.count_lines(source, keys)
            self.unwritten_lines.subtract((source, key) for key in keys)
        store.write_document(doc)
        store.mark_corpus_pending()
        self.fingerprints.release(doc.id)
        self.written.append(doc.id)
        report.stored += 1
        report.duplicates += doc.is_duplicate
        report.not_english += doc.language != "en"

    def skip(self, skipped: Skipped) -> None:
        self.store.record_skip(skipped)
        self.report.skipped[skipped.code] += 1
        if len(self.report.skipped_examples) < 20:
            self.report.skipped_examples.append(skipped)


def _placeholder(raw: RawReport) -> Document:
    """A bare document standing for `raw` in a failure record."""
    return Document(
        id=document_id(raw.key), key=raw.key, origin=raw.origin, source=raw.source, text=""
    )


# -- the corpus steps -------------------------------------------------------------


def _corpus_steps(
    store: Store, report: IngestReport, changed: Sequence[str], steps: Sequence[CorpusStep]
) -> None:
    """The corpus steps, when reports were written since they last ran to the end.

    The steps that write the knowledge base commit together or not at all; a failure
    leaves every stored report as it is, says so, and leaves them pending for the next
    run. Steps with an index of their own (vectors) run after, each in its own
    transaction.
    """
    shared = [step for step in steps if not step.own_transaction]
    if report.stored or store.corpus_pending():
        try:
            relinked: dict[str, Any] = {}
            with store.transaction():
                for step in shared:
                    summary = step.run(store, changed, relinked)
                    _record(report, step, summary)
                    more = getattr(summary, "documents", None)
                    if more:
                        changed = sorted({*changed, *more})
                        for doc_id, moved in getattr(summary, "relinked", {}).items():
                            relinked[doc_id] = (*relinked.get(doc_id, ()), *moved)
                store.clear_corpus_pending()
        except Exception as exc:  # noqa: BLE001 - the reports are safe; say so, carry on
            report.corpus_failures.append(f"{step.name}: {type(exc).__name__}: {exc}")
    if not report.events:
        report.events = count_events(store.db)
    for step in steps:
        if not step.own_transaction:
            continue
        try:
            _record(report, step, step.run(store, changed))
        except Exception as exc:  # noqa: BLE001
            if store.db.in_transaction:
                store.db.execute("ROLLBACK")
            report.corpus_failures.append(f"{step.name}: {type(exc).__name__}: {exc}")


def _record(report: IngestReport, step: CorpusStep, summary: Any) -> None:
    """What the run tells of each step."""
    if isinstance(step, MergeNames):
        report.merged_mentions = summary.moved
    elif isinstance(step, MergeEvents):
        report.events = summary.events
    elif isinstance(step, SentenceVectors):
        report.embedded_sentences = summary


# -- cleaning one report ----------------------------------------------------------


def _short_line_keys(text: str) -> list[str]:
    return [
        line_key(line)
        for line in text.splitlines()
        if line.strip() and len(line.split()) <= _MAX_BOILERPLATE_WORDS
    ]


def _clean(
    item: _Prepared, is_boilerplate: Callable[[str, str], bool], settings: Settings
) -> Document | Skipped:
    cleaned = clean_text(
        item.text,
        title=item.title,
        is_boilerplate=lambda line: is_boilerplate(item.source, line),
        # Text out of trafilatura loses only lines shown to be debris, never by their shape.
        from_html=item.raw.html is not None,
    )
    if len(cleaned.text) < settings.min_text_chars:
        return _skipped(item, Code.NO_TEXT, f"{len(cleaned.text)} characters left")
    if len(cleaned.text) > settings.max_text_chars:
        return _skipped(
            item, Code.TOO_LARGE, f"{len(cleaned.text)} characters of clean text (max_text_chars)"
        )
    published, how = _published(item.published, cleaned)
    return Document(
        id=document_id(item.raw.key),
        key=item.raw.key,
        origin=item.raw.origin,
        source=item.source,
        text=cleaned.text,
        title=cleaned.title or item.title,
        url=item.raw.url,
        published=published,
        published_how=how,
        dateline=cleaned.dateline,
        removed=cleaned.removed,
        flags=item.raw.read_flags
        + (() if published or not item.published else ("published-unparsed",)),
        stages=("ingest.read.v1", "clean.debris.v1"),
    )


def _skipped(item: _Prepared, code: Code, detail: str) -> Skipped:
    return Skipped(item.raw.key, item.raw.origin, code.value, InputError(code, detail).reason)


def _published(metadata: str | None, cleaned: CleanedText) -> tuple[str | None, str | None]:
    """The report's date from metadata, else from a dateline that states a full date."""
    if metadata:
        parsed = parse_iso_date(metadata)
        if parsed:
            return parsed.isoformat(), "metadata"
    if cleaned.dateline:
        dateline = parse_dateline(cleaned.dateline)
        if dateline and dateline.year and dateline.month and dateline.day:
            try:
                return date(dateline.year, dateline.month, dateline.day).isoformat(), "dateline"
            except ValueError:
                return None, None
    return None, None


def parse_iso_date(value: str) -> date | None:
    """A date from ISO 8601 metadata ("2021-03-16", "2021-03-16T09:00:00+09:00")."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
