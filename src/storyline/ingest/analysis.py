"""The per-report analysis: the stages a report goes through after its duplicate check.

`standard_stages` is what `storyline ingest` runs; it is a module-level function
of the settings alone so that worker processes can build it for themselves.
"""

from __future__ import annotations

from storyline.entities.kb.build import curated_index
from storyline.entities.stage import LinkStage, OfficeTermStage
from storyline.events.extract import EventLinkStage, EventStage
from storyline.nlp.spacy_stage import SpacyStage
from storyline.pipeline import GIVEN, Stage, check_order
from storyline.quotes import QuoteStage
from storyline.settings import Settings
from storyline.store.kb_index import KBIndex, open_index
from storyline.time import DatingStage, TimeStage

#: What every report has when it reaches the analysis (the stages of the ingest's front).
FRONT_ADDS: frozenset[str] = frozenset({"language", "duplicates"})


def load_kb(settings: Settings) -> KBIndex:
    """The knowledge base: a built index file when `kb_path` is set, else the shipped one."""
    return open_index(settings.kb_path) if settings.kb_path else curated_index()


def standard_stages(settings: Settings) -> list[Stage]:
    """The language model (with event extraction on its parse) and every stage after it."""
    from storyline.nlp.model import load_model

    nlp_stage = SpacyStage(
        load_model(settings.spacy_model), batch_size=settings.batch_size, processes=1,
        english_only=settings.english_only, annotators=[EventStage()],
    )  # fmt: skip
    return analysis_stages(nlp_stage, settings)


def analysis_stages(nlp_stage: Stage, settings: Settings) -> list[Stage]:
    """The per-report stages around `nlp_stage`, in order; checked before any text runs."""
    linker = LinkStage(load_kb(settings), settings.entities)
    # Event entities and dates are read once the mentions are linked and times tagged.
    events = [EventLinkStage()] if "events" in nlp_stage.adds else []
    stages: list[Stage] = [
        nlp_stage,
        OfficeTermStage(linker),
        DatingStage(settings=settings.time),
        TimeStage(),
        linker,
        *events,
        QuoteStage(),
    ]
    check_order(stages, GIVEN | FRONT_ADDS)
    return stages
