"""The corpus steps: what runs over the stored reports after each ingest, declared like stages.

A corpus step has a versioned name, what it needs and what it adds, and
`run(store, changed, relinked) -> summary` (`changed`: the ids of the reports this
run stored; a step whose summary has `documents` adds them to what the steps after
it see as changed: reports whose entities it moved, with the mentions it moved and
the entities they named before in `relinked`). `check_steps` refuses an
order in which a step needs what no earlier step (or the stored reports)
provides, before any text runs. The runner owns the transactions: the steps
that write the knowledge base commit together or not at all; a step that
keeps its own index (`own_transaction`) runs after them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from storyline.entities.learning import TermSummary, learn_terms
from storyline.entities.merge import NameMergeSummary, merge_unlinked_names
from storyline.errors import PipelineError
from storyline.events.corpus import merge_corpus_events
from storyline.nlp.embeddings import embed_and_index
from storyline.settings import Settings
from storyline.store.events import undecided_documents
from storyline.store.sqlite import Store

#: What the stored reports give every corpus step.
STORED: frozenset[str] = frozenset(
    {"reports", "sentences", "mentions", "entities", "timexes", "events", "quotes"}
)


class CorpusStep:
    """Base class of a step over the whole stored corpus."""

    name: ClassVar[str]
    needs: ClassVar[frozenset[str]] = frozenset()
    adds: ClassVar[frozenset[str]] = frozenset()
    own_transaction: ClassVar[bool] = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()  # the thresholds of its section

    def run(
        self, store: Store, changed: Sequence[str], relinked: Mapping[str, Any] | None = None
    ) -> Any:
        raise NotImplementedError


class MergeNames(CorpusStep):
    """Names not in the knowledge base merged across reports (entities.merge.v1).

    It recomputes the names that the mentions it has not seen yet can change: those of
    the `changed` reports, and of reports an earlier run that failed left behind. Its
    summary says which reports' mentions it moved.
    """

    name: ClassVar[str] = "entities.merge.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"mentions", "entities"})
    adds: ClassVar[frozenset[str]] = frozenset({"entity_clusters"})

    def run(
        self, store: Store, changed: Sequence[str], relinked: Mapping[str, Any] | None = None
    ) -> NameMergeSummary:
        return merge_unlinked_names(store, self.settings)


class LearnTerms(CorpusStep):
    """Terms in office the reports tell ("sworn in as foreign minister"), stored for
    review, and the titles they let link (entities.terms.v1): see `entities.learning`.
    Its summary says which reports' mentions it moved."""

    name: ClassVar[str] = "entities.terms.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"mentions", "entities", "entity_clusters"})
    adds: ClassVar[frozenset[str]] = frozenset({"term_proposals"})

    def run(
        self, store: Store, changed: Sequence[str], relinked: Mapping[str, Any] | None = None
    ) -> TermSummary:
        from storyline.ingest.analysis import load_kb

        # Reports a run that stopped before its corpus steps committed left behind have no
        # report group yet (the steps commit together): they are read again too.
        left = undecided_documents(store.db)
        return learn_terms(
            store.db,
            sorted({*changed, *(relinked or {}), *left}),
            lambda: load_kb(self.settings),
            self.settings.entities.learned_terms,
        )


class MergeEvents(CorpusStep):
    """Reports grouped by happening, event mentions merged into events, stories."""

    name: ClassVar[str] = "events.merge.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"events", "entity_clusters", "timexes"})
    adds: ClassVar[frozenset[str]] = frozenset({"report_groups", "merged_events", "stories"})

    def run(
        self, store: Store, changed: Sequence[str], relinked: Mapping[str, Any] | None = None
    ) -> Any:
        return merge_corpus_events(store, self.settings, changed, relinked=relinked)


class SentenceVectors(CorpusStep):
    """Vectors of the sentences that have none, and the semantic-search index."""

    name: ClassVar[str] = "nlp.vectors.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"sentences"})
    adds: ClassVar[frozenset[str]] = frozenset({"sentence_vectors"})
    own_transaction: ClassVar[bool] = True

    def run(
        self, store: Store, changed: Sequence[str], relinked: Mapping[str, Any] | None = None
    ) -> int:
        return embed_and_index(store.db)


def standard_steps(settings: Settings | None = None) -> tuple[CorpusStep, ...]:
    """The corpus steps of `storyline ingest`, in order, with these settings."""
    return (
        MergeNames(settings),
        LearnTerms(settings),
        MergeEvents(settings),
        SentenceVectors(settings),
    )


#: The corpus steps of `storyline ingest` with the default settings.
STANDARD_STEPS: tuple[CorpusStep, ...] = standard_steps()


def check_steps(steps: Sequence[CorpusStep], given: frozenset[str] = STORED) -> None:
    """Raise PipelineError unless each step's needs are met by what comes before it."""
    available = set(given)
    for position, step in enumerate(steps):
        missing = step.needs - available
        if missing:
            raise PipelineError(
                f"corpus step {position} ({step.name}) needs {', '.join(sorted(missing))}, "
                "which neither the stored reports nor an earlier step provide"
            )
        available |= step.adds
