"""Read-only views with the merged events and stories, for the web pages and the HTTP API.

`EventViews` is `Views` with events: the timeline gets items of kind "event"
(`timeline.EventTimelineViews`), and there are event and story pages, the
events an entity takes part in and the events a report tells (`events_view`,
`stories`). A database without the event tables (an older schema) or without
events shows reports only. The names they define are importable from here.
"""

from __future__ import annotations

from storyline.store.event_rows import EventSummary
from storyline.store.events_view import (
    EVENT_STATUSES,
    MAX_EVIDENCE,
    ConflictRow,
    EntityEvent,
    EventDetail,
    EventListViews,
    EventParticipantRow,
    EvidenceRow,
    marked_segments,
)
from storyline.store.filters import EventFilter
from storyline.store.stories import StoryDetail, StorySummary
from storyline.store.timeline import EventTimelineViews
from storyline.store.views import Views

__all__ = [
    "EVENT_STATUSES",
    "MAX_EVIDENCE",
    "ConflictRow",
    "EntityEvent",
    "EventDetail",
    "EventFilter",
    "EventParticipantRow",
    "EventSummary",
    "EventViews",
    "EvidenceRow",
    "StoryDetail",
    "StorySummary",
    "marked_segments",
]


class EventViews(EventTimelineViews, EventListViews, Views):
    """`Views` with the knowledge base's events and stories."""
