"""Query values into the readers' filters, one way for the pages and the API.

A form sends an empty field as "", which means "no filter", not "match the
empty string".
"""

from __future__ import annotations

from storyline.store.event_views import EventFilter
from storyline.store.views import SearchFilter, TimelineFilter


def timeline_filter(*, low: bool = False, **values: str | None) -> TimelineFilter:
    """A `TimelineFilter` from query values (start, end, entity, source, kind, type, how,
    status), empty ones dropped; with `low`, events of low salience are listed too."""
    return TimelineFilter(
        salience="any" if low else "normal", **{n: v or None for n, v in values.items()}
    )


def event_filter(*, salience: str = "normal", **values: str | None) -> EventFilter:
    """An `EventFilter` from query values (start, end, entity, source, type, status),
    empty ones dropped; events of low salience are left out unless `salience` says."""
    return EventFilter(salience=salience, **{n: v or None for n, v in values.items()})


def search_filter(*, duplicates: bool = False, **values: str | None) -> SearchFilter:
    """A `SearchFilter` from query values (source, start, end, entity), empty ones dropped."""
    return SearchFilter(duplicates=duplicates, **{n: v or None for n, v in values.items()})
