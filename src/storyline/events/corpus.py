"""The corpus step that merges every report's event mentions into events and stories.

Run after each ingest: reports are grouped by the real happening they tell
(`cluster_reports`), event mentions are merged across reports within blocks
(`merge_reports`, never all pairs), and related events form stories. The
result replaces the stored events; ids are stable hashes, so they survive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from storyline.events.facts import event_title
from storyline.events.merge import merge_reports
from storyline.events.model import Event
from storyline.events.stories import build_stories, cluster_reports
from storyline.settings import Settings
from storyline.store.events import documents_for_merge, entity_names, replace_events
from storyline.store.sqlite import Store


@dataclass(frozen=True, slots=True)
class MergeSummary:
    event_mentions: int
    events: int
    stories: int
    comparisons: int


def merge_corpus_events(store: Store, settings: Settings | None = None) -> MergeSummary:
    """Re-make the merged events and stories from every stored report (in a transaction)."""
    settings = settings or Settings()
    docs = list(documents_for_merge(store.db))
    groups = {
        doc: f"g{n}"
        for n, group in enumerate(cluster_reports(docs, settings.stories))
        for doc in group
    }
    result = merge_reports(docs, settings.events, groups)
    names = entity_names(store.db)
    events = tuple(canonical_names(event, names) for event in result.events)
    stories = build_stories(events, settings.stories)
    replace_events(store.db, events, stories)
    return MergeSummary(
        sum(len(doc.events) for doc in docs), len(events), len(stories), result.comparisons
    )


def canonical_names(event: Event, names: Mapping[str, str]) -> Event:
    """The event with linked participants called by their canonical names, not as written."""
    participants = tuple(
        replace(p, name=names[p.entity]) if p.entity and p.entity in names else p
        for p in event.participants
    )
    if participants == event.participants:
        return event
    return replace(
        event,
        participants=participants,
        title=event_title(event.type, participants, event.place_name, event.attributes),
    )
