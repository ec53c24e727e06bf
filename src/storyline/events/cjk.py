"""Event mentions of reports in Japanese, Chinese and Korean, read without a parse.

The analysers of these languages (`nlp.languages`) give sentences and names, not a
dependency parse, so events are read by a lexicon and sentence co-occurrence:

* a trigger is a word of the lexicon below (the nouns and verb stems news in each
  language uses for the ontology's types: 会談 / 会谈 / 회담 for a meeting, 発射 /
  发射 / 발사 for a launch, ...), the longest one where words overlap (表敬訪問 over
  訪問); one event per type and sentence, at its first trigger;
* its participants are the people and places-or-countries named in the same sentence
  (the link stage later gives them their entities and, through `settle_places`, keeps
  a place that is no country as the event's place instead);
* a meeting whose sentence spells the "2+2" format (2+2, 2プラス2, ２＋２) has that kind;
* a sentence that says the event is still to come (予定, 将, 예정, ...) makes it planned;
* its date is read after time tagging by `events.extract.link_events`: the one
  calendar date of its sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from storyline.events.arguments import is_country
from storyline.records import Document, EventMention, Mention, Participant, Sentence, Span

STAGE = "events.cjk.v1"

#: language -> trigger word -> event type (`events.ontology`).
LEXICON: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "会談": "meeting", "首脳会談": "meeting", "協議": "meeting", "会合": "meeting",
        "会議": "meeting", "対話": "meeting",
        "訪問": "visit", "表敬訪問": "visit", "来日": "visit", "訪日": "visit", "訪米": "visit",
        "訪中": "visit", "訪韓": "visit",
        "会見": "statement", "声明": "statement", "談話": "statement", "共同発表": "statement",
        "合意": "agreement", "署名": "signing", "調印": "signing",
        "発射": "missile_launch", "就任": "appointment", "辞任": "leaving_office",
        "制裁": "sanction", "演習": "military_exercise", "非難": "condemnation",
    },
    "zh": {
        "会谈": "meeting", "会晤": "meeting", "会见": "meeting", "磋商": "meeting",
        "战略对话": "meeting", "峰会": "meeting",
        "访问": "visit", "到访": "visit", "访华": "visit", "访美": "visit",
        "声明": "statement", "讲话": "statement", "记者会": "statement",
        "达成协议": "agreement", "签署": "signing", "签订": "signing",
        "发射": "missile_launch", "就职": "appointment", "就任": "appointment",
        "辞职": "leaving_office", "制裁": "sanction", "演习": "military_exercise",
        "谴责": "condemnation",
    },
    "ko": {
        "회담": "meeting", "회의": "meeting", "회동": "meeting", "정상회담": "meeting",
        "방문": "visit", "방한": "visit", "방미": "visit", "방일": "visit", "예방": "visit",
        "성명": "statement", "기자회견": "statement", "담화": "statement",
        "합의": "agreement", "서명": "signing", "체결": "signing",
        "발사": "missile_launch", "취임": "appointment", "사임": "leaving_office",
        "제재": "sanction", "훈련": "military_exercise", "규탄": "condemnation",
    },
}  # fmt: skip

#: language -> words that put the event of their sentence in the future.
PLANNED: Mapping[str, tuple[str, ...]] = {
    "ja": ("予定", "見通し", "方針", "調整している"),
    "zh": ("将于", "将在", "计划", "拟于", "即将"),
    "ko": ("예정", "계획", "할 방침"),
}

#: The "2+2" format, spelled with digits and a plus sign or its Japanese reading.
_TWO_PLUS_TWO = re.compile(r"2\s*(?:\+|プラス)\s*2")
#: Labels of the names that take part in an event of their sentence.
_PARTICIPANT_LABELS = frozenset({"PERSON", "GPE"})


@cache
def _trigger_pattern(language: str) -> re.Pattern[str]:
    """One alternation of the language's trigger words, longest first."""
    words = sorted(LEXICON[language], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def has_lexicon(language: str | None) -> bool:
    return language in LEXICON


def extract_cjk_events(doc: Document) -> tuple[EventMention, ...]:
    """The event mentions of `doc`, a report in Japanese, Chinese or Korean with its
    sentences and name mentions; none for another language."""
    if not has_lexicon(doc.language) or doc.language is None:
        return ()
    events = []
    for sentence in doc.sentences:
        events += _sentence_events(doc, doc.language, sentence)
    return tuple(events)


def _sentence_events(doc: Document, language: str, sentence: Sentence) -> list[EventMention]:
    span = sentence.span
    text = doc.text[span.start : span.end]
    names = [
        m
        for m in doc.mentions
        if span.start <= m.span.start and m.span.end <= span.end and m.label in _PARTICIPANT_LABELS
    ]
    planned = any(word in text for word in PLANNED[language])
    two_plus_two = _TWO_PLUS_TWO.search(unicodedata.normalize("NFKC", text)) is not None
    seen: set[str] = set()
    events = []
    for match in _trigger_pattern(language).finditer(text):
        etype = LEXICON[language][match.group()]
        if etype in seen or _inside_name(span.start + match.start(), names):
            continue
        seen.add(etype)
        attributes = (("kind", "2+2"),) if etype == "meeting" and two_plus_two else ()
        events.append(
            EventMention(
                trigger=Span(span.start + match.start(), span.start + match.end()),
                sentence=span,
                type=etype,
                status="planned" if planned else "happened",
                stage=STAGE,
                participants=tuple(Participant("participant", m.span) for m in names),
                attributes=attributes,
            )
        )
    return events


def _inside_name(offset: int, names: list[Mention]) -> bool:
    return any(m.span.start <= offset < m.span.end for m in names)


def settle_places(event: EventMention, by_span: Mapping[Span, Mention]) -> EventMention:
    """A CJK event once its names are linked: a participant that is a place but no
    country (a city, a region) is not one who takes part; the first becomes the event's
    place when it has none, the others are dropped."""
    if event.stage != STAGE:
        return event
    kept: list[Participant] = []
    place, place_entity = event.place, event.place_entity
    for participant in event.participants:
        mention = by_span.get(participant.span)
        if mention is None or mention.label == "PERSON" or is_country(mention):
            kept.append(participant)
        elif place is None:
            place, place_entity = participant.span, mention.entity
    return replace(event, participants=tuple(kept), place=place, place_entity=place_entity)
