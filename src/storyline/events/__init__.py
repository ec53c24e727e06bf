"""Events and stories: extraction per report, merging across reports, stories.

Public API:

* `extract_events(spacy_doc, doc)`, `EventStage`, `link_events`, `EventLinkStage` — per report;
* `merge_events(docs)`, `merge_reports(docs, settings, groups)`, `MergeSettings` — across reports;
* `build_stories(events)`, `cluster_reports(docs)`, `StorySettings` — stories;
* `Event`, `EventParticipant`, `Conflict`, `Evidence`, `Story` — the merged records.

See docs/events.md.
"""

from storyline.events.extract import EventLinkStage, EventStage, extract_events, link_events
from storyline.events.merge import (
    MergeResult,
    MergeSettings,
    merge_events,
    merge_reports,
)
from storyline.events.model import Conflict, Event, EventParticipant, Evidence, Story
from storyline.events.stories import StorySettings, build_stories, cluster_reports

__all__ = [
    "Conflict",
    "Event",
    "EventLinkStage",
    "EventParticipant",
    "EventStage",
    "Evidence",
    "MergeResult",
    "MergeSettings",
    "Story",
    "StorySettings",
    "build_stories",
    "cluster_reports",
    "extract_events",
    "link_events",
    "merge_events",
    "merge_reports",
]
