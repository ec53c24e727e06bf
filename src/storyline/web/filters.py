"""Query values into the readers' filters, one way for the pages and the API.

A form sends an empty field as "", which means "no filter", not "match the
empty string".
"""

from __future__ import annotations

from storyline.store.event_views import EventFilter
from storyline.store.views import SearchFilter, TimelineFilter


def timeline_filter(**values: str | None) -> TimelineFilter:
    """A `TimelineFilter` from query values (start, end, entity, source, kind, type, how,
    status), empty ones dropped."""
    return TimelineFilter(**{name: value or None for name, value in values.items()})


def event_filter(*, low_salience: bool = False, **values: str | None) -> EventFilter:
    """An `EventFilter` from query values (start, end, entity, source, type, status),
    empty ones dropped."""
    return EventFilter(low_salience=low_salience, **{n: v or None for n, v in values.items()})


def search_filter(*, duplicates: bool = False, **values: str | None) -> SearchFilter:
    """A `SearchFilter` from query values (source, start, end, entity), empty ones dropped."""
    return SearchFilter(duplicates=duplicates, **{n: v or None for n, v in values.items()})
