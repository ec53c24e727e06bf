"""A report of unknown date that the corpus dates to one day reads its dates against it.

The corpus dates a report to one day when the report tells, on its own day ("today
(16th)", "this morning"), an event another report dates (`corpus.date_by_corpus`, the
"on" relation of `dating_evidence`). Its time expressions were read without a date at
ingest, so "the 18th" and "next month" stayed open; read against that day they give the
dates a report that printed it would have had: "the 18th" of a report of 16 March 2021
is 18 March 2021, "next month" April 2021. As at extraction, an event told as done on a
day after the report's is one to come ("On the 18th they have the 2+2", in the present of a
translated schedule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from storyline.events.arguments import calendar_value
from storyline.events.facts import own_day
from storyline.events.keys import after_the_day
from storyline.records import Document, EventMention, TimeExpression
from storyline.time.tagger import TimeStage


def read_on_its_day(doc: Document) -> Document:
    """`doc` with each undated event that has a date phrase dated by that phrase read
    against the one day the report's dating window allows; unchanged when the report
    has a full date of its own (its phrases were read against it) or no single day."""
    day = own_day(doc)
    if day is None or day == doc.published:
        return doc
    if not any(e.date is None and e.date_source is not None for e in doc.events):
        return doc
    timexes = TimeStage()(replace(doc, published=day)).timexes
    return replace(doc, events=tuple(_dated(event, timexes, day) for event in doc.events))


def _dated(event: EventMention, timexes: Sequence[TimeExpression], day: str) -> EventMention:
    source = event.date_source
    if event.date is not None or source is None:
        return event
    for timex in timexes:
        if timex.span.overlaps(source):
            value = calendar_value(timex)
            if value is None:
                continue
            status = event.status
            if status == "happened" and after_the_day(value, day):
                status = "planned"
            return replace(event, date=value, status=status)
    return event
