"""Ingest: inputs -> clean reports -> pipeline -> store, streaming and resumable.

Inputs are read in chunks. Each chunk is extracted (HTML), its lines are counted
per source (to find boilerplate repeated across one site's reports), cleaned,
and turned into `Document`s that flow lazily through the pipeline stages and
into the store, which commits every `batch_size` reports. Memory stays
bounded by the chunk and batch sizes, whatever the size of the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO

from storyline.clean.dateline import parse_dateline
from storyline.clean.debris import CleanedText, clean_text, line_key
from storyline.clean.dedup import DuplicateStage
from storyline.clean.html import extract_html
from storyline.entities.kb.build import curated_index
from storyline.entities.merge import merge_unlinked_names
from storyline.entities.stage import LinkStage
from storyline.errors import Code, InputError
from storyline.events.corpus import merge_corpus_events
from storyline.events.extract import EventLinkStage, EventStage
from storyline.ingest.sources import iter_inputs
from storyline.nlp.embeddings import embed_and_index
from storyline.nlp.language import LanguageStage
from storyline.nlp.spacy_stage import SpacyStage
from storyline.pipeline import Pipeline, Stage
from storyline.quotes import QuoteStage
from storyline.records import Document, RawReport, Skipped
from storyline.settings import Settings
from storyline.store.events import count_events
from storyline.store.kb_index import KBIndex, open_index
from storyline.store.sqlite import Store
from storyline.time import DateConstraint, DatingStage, TimeStage

if TYPE_CHECKING:
    from spacy.language import Language

_CHUNK = 256
# Lines longer than this are content, not boilerplate, even when repeated.
_MAX_BOILERPLATE_WORDS = 14


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


def load_kb(settings: Settings) -> KBIndex:
    """The knowledge base: a built index file when `kb_path` is set, else the shipped one."""
    return open_index(settings.kb_path) if settings.kb_path else curated_index()


def make_nlp_stage(nlp: Language, settings: Settings) -> SpacyStage:
    """The language-model stage, with the steps that read its parse (events)."""
    return SpacyStage(
        nlp, batch_size=settings.batch_size, processes=settings.processes,
        english_only=settings.english_only, annotators=[EventStage()],
    )  # fmt: skip


def build_pipeline(store: Store, settings: Settings, nlp_stage: Stage) -> Pipeline:
    """The per-report stages, in order; checked before any text runs."""
    linker = LinkStage(load_kb(settings))
    # Event entities and dates are read once the mentions are linked and times tagged.
    events = [EventLinkStage()] if "events" in nlp_stage.adds else []
    return Pipeline(
        [
            LanguageStage(),
            DuplicateStage(
                store,
                settings.near_duplicate_threshold,
                settings.minhash_permutations,
                settings.minhash_bands,
            ),
            nlp_stage,
            DatingStage(constraints=lambda doc: _office_constraints(linker, doc)),
            TimeStage(),
            linker,
            *events,
            QuoteStage(),
        ]
    )


def _office_constraints(linker: LinkStage, doc: Document) -> list[DateConstraint]:
    """The terms of office of the people a report names with their title bound its date."""
    return [
        DateConstraint(
            date.fromisoformat(term.start) if term.start else None,
            date.fromisoformat(term.end) if term.end else None,
            1.0,
            term.reason,
            tuple((date.fromisoformat(a), date.fromisoformat(b)) for a, b in term.gaps),
        )
        for term in linker.office_terms(doc)
    ]


def ingest(
    paths: Sequence[str],
    store: Store,
    nlp_stage: Stage,
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest every report under `paths` into `store`; safe to re-run."""
    report = IngestReport()
    pipeline = build_pipeline(store, settings, nlp_stage)
    with store.transaction():
        documents = _documents(iter_inputs(paths, settings, stdin=stdin), store, settings, report)
        for written, doc in enumerate(pipeline.pipe(documents), start=1):
            store.write_document(doc)
            report.stored += 1
            report.duplicates += doc.is_duplicate
            report.not_english += doc.language != "en"
            if progress:
                progress(1)
            if written % settings.batch_size == 0:
                store.checkpoint()
        report.merged_mentions = merge_unlinked_names(store)
        # Nothing new: the stored events stand as they are.
        report.events = (
            merge_corpus_events(store).events if report.stored else count_events(store.db)
        )
    pipeline.close()
    # Its own transaction: the vectors of what the loop above committed.
    report.embedded_sentences = embed_and_index(store.db)
    return report


def _documents(
    inputs: Iterable[RawReport | Skipped], store: Store, settings: Settings, report: IngestReport
) -> Iterator[Document]:
    seen_this_run: set[str] = set()
    stream = iter(inputs)
    while chunk := list(islice(stream, _CHUNK)):
        raws: list[RawReport] = []
        for item in chunk:
            if isinstance(item, Skipped):
                _skip(store, report, item)
            elif item.key in seen_this_run:
                report.unchanged += 1
            else:
                seen_this_run.add(item.key)
                raws.append(item)
        known = store.known_keys([raw.key for raw in raws])
        report.unchanged += len(known)
        prepared = [
            p
            for raw in raws
            if raw.key not in known
            if (p := _prepare(raw, store, settings, report))
        ]
        for page in prepared:
            store.count_lines(page.source, _short_line_keys(page.text))
        for page in prepared:
            doc = _clean(page, store, settings)
            if isinstance(doc, Skipped):
                _skip(store, report, doc)
            else:
                yield doc


def _skip(store: Store, report: IngestReport, skipped: Skipped) -> None:
    store.record_skip(skipped)
    report.skipped[skipped.code] += 1
    if len(report.skipped_examples) < 20:
        report.skipped_examples.append(skipped)


def _prepare(
    raw: RawReport, store: Store, settings: Settings, report: IngestReport
) -> _Prepared | None:
    """Text, title and metadata of one input; HTML is extracted here."""
    if raw.html is None:
        return _Prepared(raw, raw.text or "", raw.title, raw.published, raw.source)
    try:
        page = extract_html(raw.html, url=raw.url, settings=settings)
    except InputError as error:
        _skip(store, report, Skipped(raw.key, raw.origin, error.code.value, error.reason))
        return None
    source = raw.source
    if page.site and raw.url is None and "#L" not in raw.origin:
        # A stand-alone HTML file: the page's own site name beats its folder's name.
        source = page.site.lower()
    return _Prepared(
        raw, page.text, raw.title or page.title, raw.published or page.published, source
    )


def _short_line_keys(text: str) -> list[str]:
    return [
        line_key(line)
        for line in text.splitlines()
        if line.strip() and len(line.split()) <= _MAX_BOILERPLATE_WORDS
    ]


def _clean(item: _Prepared, store: Store, settings: Settings) -> Document | Skipped:
    def is_boilerplate(line: str) -> bool:
        return store.line_reports(item.source, line_key(line)) >= settings.repeated_line_min_reports

    cleaned = clean_text(item.text, title=item.title, is_boilerplate=is_boilerplate)
    if len(cleaned.text) < settings.min_text_chars:
        return Skipped(
            item.raw.key,
            item.raw.origin,
            Code.NO_TEXT.value,
            InputError(Code.NO_TEXT, f"{len(cleaned.text)} characters left").reason,
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
        flags=() if published or not item.published else ("published-unparsed",),
        stages=("ingest.read.v1", "clean.debris.v1"),
    )


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
