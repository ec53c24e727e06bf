"""Hand-built reports with event mentions, for the merge and story tests."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.records import (
    Document,
    EventMention,
    Mention,
    Participant,
    Sentence,
    Span,
)
from tests.conftest import make_document

Who = tuple[str, str, str]  # (name as written, role, entity id)


def span_of(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words))


def event_in(
    text: str,
    trigger: str,
    type_: str = "meeting",
    *,
    status: str = "happened",
    date: str | None = None,
    place: tuple[str, str] | None = None,
    who: Sequence[Who] = (),
) -> EventMention:
    """An event mention of `text`, found by its words (the first sentence holding them)."""
    anchor = span_of(text, trigger)
    sentence_start = text.rfind(". ", 0, anchor.start)
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = text.find(".", anchor.end)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    sentence = Span(sentence_start, sentence_end)
    place_span = span_of(text, place[0], sentence_start) if place else None
    return EventMention(
        trigger=anchor,
        sentence=sentence,
        type=type_,
        status=status,
        stage="test",
        date=date,
        place=place_span,
        place_entity=place[1] if place else None,
        participants=tuple(
            Participant(role, span_of(text, name, sentence_start), entity)
            for name, role, entity in who
        ),
    )


def report(
    id: str,
    text: str,
    events: Sequence[EventMention],
    *,
    published: str | None = None,
    duplicate_of: str | None = None,
    source: str = "test",
) -> Document:
    """A report as the per-report stages leave it: sentences, linked mentions, events."""
    mentions = tuple(
        Mention(p.span, p.span.of(text), "PERSON", "person", "test", entity=p.entity)
        for e in events
        for p in e.participants
    ) + tuple(
        Mention(e.place, e.place.of(text), "GPE", "place", "test", entity=e.place_entity)
        for e in events
        if e.place is not None
    )
    return make_document(
        text,
        id=id,
        published=published,
        duplicate_of=duplicate_of,
        source=source,
        sentences=tuple(Sentence(e.sentence, "test") for e in events),
        mentions=tuple({m.span: m for m in mentions}.values()),
        events=tuple(events),
    )
