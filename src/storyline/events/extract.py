"""Event mentions from one parsed report.

`extract_events(spacy_doc, doc)` finds triggers (lexicon lemmas, "2+2"
spellings, particle verbs, nouns under light verbs), then for each reads its
type, status, date, place, participants and format from the parse, mapped
back to the report's own sentences, entity mentions and time expressions.
Meetings also take the people the report names around them (`attendance`):
"the talks, which involve X", "At the meeting, X said", "X will attend." after
the meeting's sentence.

Two ways to run it (see `docs/events.md`):

* inside the spaCy stage's annotate step, which already holds the parse:
  `EventStage().annotate(doc, spacy_doc)`; then `EventLinkStage` after entity
  linking and time tagging fills in entity ids, hosts and dates by offsets;
* as its own stage with a model, `EventStage(nlp)`, which parses again.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from storyline.errors import PipelineError
from storyline.events.arguments import (
    MentionIndex,
    calendar_value,
    date_heads,
    date_of,
    governed_by,
    is_country,
    is_reference_point,
    meeting_format,
    participants,
    place_of,
    unique_participants,
)
from storyline.events.attendance import attendees, join_attendance
from storyline.events.cjk import extract_cjk_events, settle_places
from storyline.events.keys import DAY, REPORT_DAY, TOLD_ON_REPORT_DAY, after_the_day
from storyline.events.ontology import event_type
from storyline.events.reference import References
from storyline.events.status import governors, status_of
from storyline.events.triggers import TriggerMatch, find_triggers, forced_triggers
from storyline.nlp.spacy_stage import is_parse_of, parse_alongside
from storyline.pipeline import Stage
from storyline.records import (
    Document,
    EventMention,
    Mention,
    Participant,
    Span,
    TimeExpression,
)
from storyline.time.values import DAY_ONLY, is_report_day

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

STAGE = "events.extract.v1"
UNDATED = ("date", "none")  # read and dropped by `link_events`
LINK_STAGE = "events.link.v1"


def extract_events(
    spacy_doc: Doc, doc: Document, *, triggers: Sequence[Span] | None = None
) -> tuple[EventMention, ...]:
    """The event mentions of `doc`, whose text `spacy_doc` is the parse of.

    `triggers` forces the trigger spans (an evaluation with gold mentions);
    their type comes from the lexicon, else "other".
    """
    if not is_parse_of(spacy_doc, doc.text):
        raise PipelineError(f"the parse given for {doc.id} is not of the report's text")
    mentions = MentionIndex(doc.mentions)
    mentions.references = References(spacy_doc, mentions, doc.mentions)
    if triggers is not None:
        found = forced_triggers(spacy_doc, triggers)
    else:
        found = find_triggers(spacy_doc, mentions)
    timexes = doc.timexes or _model_dates(spacy_doc)
    chains = [[*governors(t.head, t.light), *t.absorbed] for t in found]
    taken = _governed_timexes(found, chains, timexes)
    sentences = _SentenceIndex(doc, spacy_doc)
    events = []
    for number, (trigger, chain) in enumerate(zip(found, chains, strict=True)):
        others = frozenset(s for i, spans in enumerate(taken) if i != number for s in spans)
        events.append(_event(trigger, chain, doc, mentions, timexes, sentences, others))
    return join_attendance(events, spacy_doc, sentences.spans, mentions)


def _event(
    trigger: TriggerMatch,
    chain: list[Token],
    doc: Document,
    mentions: MentionIndex,
    timexes: Sequence[TimeExpression],
    sentences: _SentenceIndex,
    taken: frozenset[Span],
) -> EventMention:
    etype = event_type(trigger.type)
    head = trigger.head
    sentence = sentences.containing(trigger.start, head)
    value, source = date_of(head, chain, sentence, timexes, taken, doc.text)
    if not doc.timexes:
        value = None  # dates from the model's DATE entities only point at the phrase
    status = status_of(head, chain[: len(chain) - len(trigger.absorbed)], trigger.absorbed)
    if status == "happened" and value and doc.published and after_the_day(value, doc.published):
        status = "planned"
    place = place_of(head, chain, etype, mentions)
    found = participants(head, chain, etype, mentions, trigger.light_role, trigger.light)
    if trigger.type == "meeting":
        found = unique_participants([*found, *attendees(head, mentions)])
    if place is not None:
        found = [(r, m) for r, m in found if m.span != place.span]
        if etype.hostable and etype.object_role == "host" and is_country(place):
            found.append(("host", place))  # a visit to a country: the country hosts
    attributes: list[tuple[str, str]] = []
    if trigger.type == "meeting":
        form = meeting_format(head, chain)
        if form is not None:
            attributes.append(("format", form))
    if trigger.kind is not None:
        attributes.append(("kind", trigger.kind))
    reference = reference_of(head)
    if reference is not None:
        attributes.append(("reference", reference))
    if source is None and any(sentence.start <= t.span.start < sentence.end for t in timexes):
        attributes.append(UNDATED)  # the parse saw its sentence's dates: none is the event's
    return EventMention(
        trigger=Span(trigger.start, trigger.end),
        sentence=sentence,
        type=trigger.type,
        status=status,
        stage=STAGE,
        date=value,
        date_source=source,
        place=place.span if place is not None else None,
        place_entity=place.entity if place is not None else None,
        participants=tuple(Participant(r, m.span, m.entity) for r, m in found),
        attributes=tuple(attributes),
    )


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "another"})


def reference_of(head: Token) -> str | None:
    """ "definite" for a noun trigger that points back ("the talks", "their meeting"),
    "indefinite" for one that introduces an event ("a meeting"), "attributive" for a
    participle that describes a noun ("the newly appointed ambassador": that one's
    appointment, not one told before), else None."""
    if head.dep_ == "amod" and head.tag_ == "VBN":
        return "attributive"
    if head.pos_ in {"VERB", "AUX"}:
        return None
    for child in head.children:
        if child.dep_ == "poss" and child.pos_ == "PRON":
            return "definite"
        if child.dep_ == "det":
            word = child.lower_
            if word in _DEFINITE:
                return "definite"
            if word in _INDEFINITE:
                return "indefinite"
    return None


def _governed_timexes(
    found: Sequence[TriggerMatch], chains: Sequence[list[Token]], timexes: Sequence[TimeExpression]
) -> list[set[Span]]:
    out: list[set[Span]] = []
    for trigger, chain in zip(found, chains, strict=True):
        heads = date_heads(trigger.head, chain)
        sent = trigger.head.sent
        near = [t for t in timexes if sent.start_char <= t.span.start < sent.end_char]
        out.append({t.span for t in near if governed_by(trigger.head.doc, t.span, heads)})
    return out


def _model_dates(spacy_doc: Doc) -> tuple[TimeExpression, ...]:
    """The model's DATE entities as stand-ins, to find which phrase dates an event.

    Their values are unknown ("XXXX"), so they only set `date_source`; the link
    stage reads the value from the real time expression at that place.
    """
    return tuple(
        TimeExpression(Span(e.start_char, e.end_char), e.text, "DATE", "0000", STAGE)
        for e in spacy_doc.ents
        if e.label_ == "DATE"
    )


class _SentenceIndex:
    def __init__(self, doc: Document, spacy_doc: Doc) -> None:
        self._spans = [s.span for s in doc.sentences]
        self._starts = [s.start for s in self._spans]
        self._parse = spacy_doc

    @property
    def spans(self) -> list[Span]:
        """The report's sentences; the parse's when the report has none of its own."""
        if self._spans or not self._parse.has_annotation("DEP"):
            return list(self._spans)
        return [Span(s.start_char, s.end_char) for s in self._parse.sents]

    def containing(self, offset: int, token: Token) -> Span:
        position = bisect.bisect_right(self._starts, offset) - 1
        if position >= 0 and offset < self._spans[position].end:
            return self._spans[position]
        sent = token.sent
        text = sent.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return Span(sent.start_char + left, sent.start_char + max(right, left))


def _end(token: Token) -> int:
    return token.idx + len(token.text)


class EventStage(Stage):
    """Adds each analysed report's event mentions.

    `annotate(doc, spacy_doc)` is the step to call where a parse is at hand
    (the spaCy stage); `__call__` and `pipe` parse again with `nlp`.
    """

    name: ClassVar[str] = STAGE
    needs: ClassVar[frozenset[str]] = frozenset({"sentences", "mentions", "timexes"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    @staticmethod
    def wants(doc: Document) -> bool:
        return not doc.is_duplicate and bool(doc.sentences)

    def annotate(self, doc: Document, spacy_doc: Doc) -> Document:
        if not self.wants(doc):
            return doc
        return doc.evolve(self.name, events=extract_events(spacy_doc, doc))

    def annotate_original(self, doc: Document) -> Document:
        """Events of a report analysed in its own language (Japanese, Chinese, Korean):
        no parse, a lexicon and sentence co-occurrence (`events.cjk`)."""
        if not self.wants(doc):
            return doc
        return doc.evolve(self.name, events=extract_cjk_events(doc))

    def __call__(self, doc: Document) -> Document:
        if not self.wants(doc):
            return doc
        return self.annotate(doc, self._model()(doc.text))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc, spacy_doc in parse_alongside(self._model(), docs, self.wants, self.batch_size):
            yield doc if spacy_doc is None else self.annotate(doc, spacy_doc)

    def _model(self) -> Language:
        if self.nlp is None:
            raise PipelineError(
                f"{self.name} needs a spaCy model to run on its own; "
                "give it one, or call annotate() from the spaCy stage"
            )
        return self.nlp


def link_events(doc: Document) -> Document:
    """`doc` with its events' entity ids, hosts and dates read from its final annotations.

    For extraction that ran before entity linking or time tagging: participants
    and places take the entity of the mention at their span; a host that is not
    a country is dropped; an undated event takes the value of the time
    expression at its `date_source`; when extraction saw no dates in its
    sentence (a parse without DATE entities), of the one calendar date of its
    sentence that is no point of reference ("since April 2019") and dates no
    other event; with two or more, the event stays undated.
    """
    by_span: dict[Span, Mention] = {m.span: m for m in doc.mentions}
    people = frozenset(e.id for e in doc.entities if e.kind == "person")
    sources = [e.date_source for e in doc.events if e.date_source is not None]
    events = tuple(
        _relink(
            event,
            by_span,
            doc.timexes,
            doc.text,
            frozenset(s for s in sources if s != event.date_source),
            people,
        )
        for event in doc.events
    )
    return doc.evolve(LINK_STAGE, events=events)


def _relink(
    event: EventMention,
    by_span: dict[Span, Mention],
    timexes: Sequence[TimeExpression],
    text: str,
    taken: frozenset[Span],
    people: frozenset[str] = frozenset(),
) -> EventMention:
    kept: list[Participant] = []
    for participant in event.participants:
        mention = by_span.get(participant.span)
        if participant.role == "host" and mention is not None and not is_country(mention):
            continue
        entity = mention.entity if mention is not None else participant.entity
        kept.append(replace(participant, entity=entity))
    event = settle_places(replace(event, participants=tuple(kept)), by_span)
    kept = list(event.participants)
    place = by_span.get(event.place) if event.place is not None else None
    if place is not None and place.entity in people:
        # The report's own links show the "place" to be a person ("took Blinken to
        # Cambodia" tagged as a place): no place is better than a person as one.
        event = replace(event, place=None, place_entity=None)
        place = None
    date, source = event.date, event.date_source
    checked = UNDATED in event.attributes
    if date is None and not checked:
        # Without a date, the phrase that dates the event stays its source: a report the
        # corpus dates later reads it against that day (`report_day`).
        date, found = _date_by_offsets(event, timexes, text, taken)
        source = found or source
    attributes = tuple(
        a for a in event.attributes if a != UNDATED and a[0] not in (DAY, REPORT_DAY)
    )
    if date is None and (day := _day_of_month(event.date_source, timexes)) is not None:
        attributes += ((DAY, day),)
    if date is None and _on_report_day(event.date_source, timexes):
        attributes += (TOLD_ON_REPORT_DAY,)
    return replace(
        event,
        participants=tuple(kept),
        place_entity=place.entity if place is not None else event.place_entity,
        date=date,
        date_source=source,
        attributes=attributes,
    )


def _day_of_month(source: Span | None, timexes: Sequence[TimeExpression]) -> str | None:
    if source is None:
        return None
    for timex in timexes:
        if timex.span.overlaps(source):
            match = DAY_ONLY.match(timex.value)
            if match is not None and timex.type in ("DATE", "TIME"):
                return match[1]
    return None


def _on_report_day(source: Span | None, timexes: Sequence[TimeExpression]) -> bool:
    """Whether the event is dated by the report's own day, which the report does not give
    ("today (16th)", "this morning" in a report of unknown date)."""
    if source is None:
        return False
    return any(
        timex.span.overlaps(source) and is_report_day(timex.type, timex.value, timex.anchor)
        for timex in timexes
    )


def _date_by_offsets(
    event: EventMention, timexes: Sequence[TimeExpression], text: str, taken: frozenset[Span]
) -> tuple[str | None, Span | None]:
    sentence = event.sentence
    dated = [
        (t, v)
        for t in timexes
        if sentence.start <= t.span.start
        and t.span.end <= sentence.end
        and (v := calendar_value(t)) is not None
    ]
    if event.date_source is not None:
        for timex, value in dated:
            if timex.span.overlaps(event.date_source):
                return value, timex.span
    free = [
        (t, v)
        for t, v in dated
        if not any(t.span.overlaps(s) for s in taken) and not is_reference_point(text, t.span)
    ]
    if len({v for _, v in free}) != 1:
        return None, None  # none, or ambiguous: another clause's date is no date of the event
    return free[0][1], free[0][0].span


class EventLinkStage(Stage):
    """Re-reads entity ids, hosts and dates of events extracted inside the spaCy stage."""

    name: ClassVar[str] = LINK_STAGE
    needs: ClassVar[frozenset[str]] = frozenset({"events", "entities", "timexes"})
    adds: ClassVar[frozenset[str]] = frozenset({"event_links"})

    def __call__(self, doc: Document) -> Document:
        return link_events(doc) if doc.events else doc
