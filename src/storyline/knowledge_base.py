"""The front door: one knowledge base to ingest reports into and to read from.

    from storyline import KnowledgeBase

    with KnowledgeBase.open("alliance.db") as kb:
        kb.ingest(["reports/"])
        for event in kb.timeline(entity="Antony Blinken"):
            print(event["date"], event["title"], event["sources"])

The command line and the web server call this and only render what it
returns. Reading opens the database read-only (any number of readers beside
the one writer); `ingest` takes the writer's lock for its run, waiting for
another writer as the settings allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TextIO

from storyline.errors import StoreError
from storyline.ingest.runner import IngestReport
from storyline.ingest.workers import StagesFactory
from storyline.nlp.embeddings import MODEL_NAME as SEMANTIC_MODEL
from storyline.pipeline import Stage
from storyline.records import RawReport, Skipped
from storyline.settings import Settings
from storyline.store.event_views import EventViews
from storyline.store.queries import Hit, Reader
from storyline.store.views import SearchFilter, SearchResult

if TYPE_CHECKING:
    from storyline.briefing import Briefing

Kind = Literal["event", "entity", "story"]


class KnowledgeBase:
    """A storyline database: `ingest` writes to it; every other method reads."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self._reader: Reader | None = None

    @classmethod
    def open(
        cls, path: str | Path, settings: Settings | None = None, *, create: bool = False
    ) -> KnowledgeBase:
        """The knowledge base in `path`; created (empty, migrated) when `create` is set."""
        kb = cls(Path(path), settings or Settings())
        if create and not kb.path.exists():
            from storyline.store.sqlite import Store

            with Store(kb.path, wait_seconds=kb.settings.ingest_wait_seconds):
                pass
        return kb

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def reader(self) -> Reader:
        """The read-only connection (opened on first use; StoreError if there is no database)."""
        if self._reader is None:
            self._reader = Reader(self.path)
        return self._reader

    # -- writing -------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[str] = (),
        *,
        records: Iterable[RawReport | Skipped] | None = None,
        stdin: BinaryIO | None = None,
        analysis: Stage | StagesFactory | Sequence[Stage] | None = None,
        in_process: bool = False,
        progress: Callable[[int], None] | None = None,
        on_wait: Callable[[int | None], None] | None = None,
    ) -> IngestReport:
        """Read `paths` (files, folders, "-" for `stdin`) or `records` into the knowledge base.

        Safe to re-run and to resume after a crash. `analysis` is what runs after the
        duplicate check: by default the standard stages (the language model, dates,
        times, entities, events, quotes) in `settings.processes` worker processes, or,
        with `in_process` (a server thread), in this process, built once per process.
        """
        from storyline.ingest.analysis import standard_stages
        from storyline.ingest.runner import ingest
        from storyline.store.sqlite import Store

        if records is None and not paths:
            raise StoreError("nothing to ingest: give paths or records")
        if analysis is None and in_process:
            analysis = _built_stages(self.settings)
        self.close()  # a reader opened before the run would not see the new schema
        with Store(
            self.path, wait_seconds=self.settings.ingest_wait_seconds, on_wait=on_wait
        ) as store:
            return ingest(
                paths,
                store,
                analysis if analysis is not None else standard_stages,
                self.settings,
                stdin=stdin,
                inputs=records,
                progress=progress,
            )

    def watch(
        self, folders: Sequence[str | Path], *, feeds: Sequence[str] = (), **options: Any
    ) -> Iterator[Any]:
        """Ingest `folders` and `feeds`, then poll them, pass after pass, ingesting only what
        is new or changed (`ingest/watch.py`: `interval`, `passes`, `stop`, ...). On this
        machine the analysis stages are built once for every pass (the model loads once;
        each pass's workers are forked from them)."""
        from storyline.ingest.watch import watch

        if options.get("analysis") is None and self.settings.executor == "local":
            options["analysis"] = _built_stages(self.settings)
        return watch(self, folders, feeds=feeds, **options)

    # -- reading -------------------------------------------------------------------

    def stats(self, *, tracebacks: bool = False, top: int = 8) -> dict[str, Any]:
        """Counts of everything, the most named people, countries and places, and every
        input skipped (and why); with `tracebacks`, the traceback of each stage failure."""
        figures = self.reader.stats(tracebacks=tracebacks)
        figures["top"] = {
            kind: self.reader.top_entities(kind, top) for kind in ("person", "country", "place")
        }
        return figures

    def term_proposals(self) -> list[dict[str, Any]]:
        """The terms in office the reports teach (`entities.learning`), one per person and
        office: the first day told, how sure (the best shape; more reports, surer), the
        reports and sentences that tell it, and how many titles it links. For review: they
        are kept apart from the curated knowledge base."""
        from storyline.store.terms import learned_links, stored_proposals

        grouped: dict[tuple[str, str, str], list[Any]] = {}
        for proposal in stored_proposals(self.reader.db):
            who = proposal.entity or proposal.person
            key = (who, " ".join(proposal.office_keys), proposal.country)
            grouped.setdefault(key, []).append(proposal)
        links = learned_links(self.reader.db)
        out = []
        for (_, keys, country), found in sorted(
            grouped.items(), key=lambda item: (item[0][2], min(p.start for p in item[1]))
        ):
            doubt = 1.0
            for proposal in found:
                doubt *= 1 - proposal.confidence
            first = min(found, key=lambda p: (p.start, -p.confidence, p.document))
            out.append(
                {
                    "person": first.person,
                    "entity": first.entity,
                    "office": first.office,
                    "office_keys": keys.split(),
                    "country": country,
                    "start": first.start,
                    "confidence": round(1 - doubt, 3),
                    "reports": sorted({p.document for p in found}),
                    "evidence": [
                        {
                            "document": p.document,
                            "shape": p.shape,
                            "start": p.start,
                            "confidence": p.confidence,
                            "sentence": p.evidence,
                        }
                        for p in sorted(found, key=lambda p: (p.start, p.document))
                    ],  # fmt: skip
                    "linked_titles": links.get(first.entity or "", 0),
                }
            )
        return out

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[Hit]:
        """Sentences matching every word of `query` (full text), best first."""
        return self.reader.search(query, limit=limit, offset=offset)

    def timeline(
        self,
        *,
        entity: str | None = None,
        start: str | None = None,
        end: str | None = None,
        type: str | None = None,
        limit: int = 200,
        low_salience: bool = False,
        undated: bool = False,
    ) -> list[dict[str, Any]]:
        """Events oldest first, with their sources and conflicts (see `storyline timeline`)."""
        return self.reader.timeline(
            entity=entity,
            start=start,
            end=end,
            type=type,
            limit=limit,
            low_salience=low_salience,
            undated=undated,
        )

    def briefing(
        self,
        *,
        entity: str | None = None,
        story: str | None = None,
        start: str | None = None,
        end: str | None = None,
        type: str | None = None,
        dates: int = 10,
        sentences: int = 2,
    ) -> Briefing:
        """The `dates` days that matter most in the selection, `sentences` sentences each
        (see `storyline timeline --summary` and `docs/briefing.md`); `.as_json()` gives the
        `storyline-timeline/1` shape, `briefing.as_markdown` the Markdown to share."""
        from storyline.briefing import summarise

        return summarise(
            self.reader, entity=entity, story=story, start=start, end=end, type=type,
            dates=dates, sentences=sentences,
        )  # fmt: skip

    def show(self, kind: Kind, ident: str) -> dict[str, Any] | None:
        """One event (with its evidence sentences), entity (with its events) or story.

        An id that stopped naming anything (two events merged, one split, a name renamed)
        shows the record it now leads to, with `redirected_from`: {"id", "reason"}.
        """
        found = self._find(kind, ident)
        if found is not None and found["id"] == ident:
            return found
        moved = self.reader.redirect(kind, ident)
        current = self._find(kind, moved.new_id) if moved is not None else None
        if moved is None or current is None:
            return found  # an entity found by its name, or nothing
        current["redirected_from"] = {"id": ident, "reason": moved.reason}
        return current

    def _find(self, kind: Kind, ident: str) -> dict[str, Any] | None:
        reader = self.reader
        if kind == "event":
            found = reader.event(ident)
            if found is not None:
                texts = reader.texts(found["documents"])
                for evidence in found["evidence"]:
                    text = texts.get(evidence["document"], "")
                    evidence["text"] = text[evidence["start"] : evidence["end"]]
            return found
        if kind == "story":
            return next(reader.stories(only=ident), None)
        matches = reader.find_entities(ident)
        entity = next(reader.entities(only=matches[0]["id"]), None) if matches else None
        if entity is not None:
            entity["events"] = [
                {"id": e["id"], "date": e["date"], "title": e["title"]}
                for e in reader.timeline(entity=entity["id"], limit=1000)
            ]
        return entity

    def export(
        self,
        out: TextIO,
        *,
        format: Literal["json", "csv"] = "json",
        table: str = "documents",
    ) -> None:
        """The knowledge base as JSON (docs/export.md) or one CSV table, written to `out`."""
        from storyline.export.writers import CSV_TABLES, write_csv, write_json

        if format == "json":
            write_json(self.reader, out)
            return
        if table not in CSV_TABLES:
            raise ValueError(f"no CSV table {table!r}; choose from {', '.join(CSV_TABLES)}")
        write_csv(self.reader, table, out)

    def export_folder(self, folder: Path) -> list[Path]:
        """Every CSV table as a file in `folder`; the paths written."""
        from storyline.export.writers import write_csv_folder

        return write_csv_folder(self.reader, folder)

    def documents(self) -> Iterator[dict[str, Any]]:
        """Every stored report, in the order it was stored."""
        return self.reader.documents()


def find_sentences(
    views: EventViews, query: str, mode: str, where: SearchFilter, offset: int, limit: int
) -> SearchResult:
    """Full-text or semantic search over pooled read-only views (the web's): a semantic
    query is embedded with the model of the stored vectors, and finds nothing without them."""
    from storyline.nlp.embeddings import embed, search_semantic

    if mode == "semantic":
        if views.vector_model() != SEMANTIC_MODEL:
            return SearchResult([], 0, False, offset, limit)
        return search_semantic(views, embed([query])[0], where, offset, limit)
    return views.search_text(query, where, offset, limit)


@lru_cache(maxsize=2)
def _built_stages(settings: Settings) -> tuple[Stage, ...]:
    """The standard analysis stages, built once per process and settings (the model loads once)."""
    from storyline.ingest.analysis import standard_stages

    return tuple(standard_stages(settings))


__all__ = ["SEMANTIC_MODEL", "Hit", "IngestReport", "KnowledgeBase", "find_sentences"]
