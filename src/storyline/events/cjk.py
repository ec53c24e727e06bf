"""Event mentions of reports in Japanese, Chinese and Korean, read without a parse.

The analysers of these languages (`nlp.languages`) give sentences and names, not a
dependency parse, so events are read by a lexicon and sentence co-occurrence:

* a trigger is a word of the lexicon (`events.cjk_lexicon`: the nouns and verb stems
  news in each language uses for the ontology's types: 会談 / 会谈 / 회담 for a meeting,
  発射 / 发射 / 발사 for a launch, ...), the longest one where words overlap (表敬訪問
  over 訪問); one event per type and sentence, at its first trigger. A longer word
  that holds a trigger but names no event (国会議員) is skipped, and a few words need
  a companion in their sentence (Korean 쏘다 "shoot" needs a missile);
* its participants are the people, organisations and places-or-countries named in the
  same sentence, except a country that only qualifies a person (中国の秦剛外相); a
  missile launch has one agent, the last country or organisation before its trigger.
  The link stage later gives them their entities and, through `settle_places`, keeps a
  place that is no country as the event's place instead;
* a meeting whose sentence spells the "2+2" format (2+2, 2プラス2, ２＋２) has that kind;
* its status comes from cue words in its scope (`cjk_status`): a negation or a calling
  off makes it denied, a possibility hypothetical, a plan (予定, 将, 예정) planned;
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
from storyline.events.cjk_lexicon import DENIED, HYPOTHETICAL, LEXICON, NEEDS, NOT_TRIGGERS, PLANNED
from storyline.records import Document, EventMention, Mention, Participant, Sentence, Span

STAGE = "events.cjk.v3"  # v2: status cues in scope, ORG participants, more words;
# v3: "after"/"since" events are points of reference; a type told again points back

#: "After" or "since" right after an event word: the event is the time of another one
#: (就任後初めての外国訪問 "the first trip abroad since taking office", 拜登就职后 "after
#: Biden took office", 취임 후), a point of reference, not a happening the report tells.
_AFTER = re.compile(r"\s?(?:後|以後|以降|以来|后|以后|之后|후|이후|이래)")
#: Labels of the names that take part in an event of their sentence.
_PARTICIPANT_LABELS = frozenset({"PERSON", "GPE", "ORG"})
#: The "2+2" format, spelled with digits and a plus sign or its Japanese reading.
_TWO_PLUS_TWO = re.compile(r"2\s*(?:\+|プラス)\s*2")
#: Marks that end a clause (the Chinese 、 only lists words, so it ends none there).
_CLAUSE_END: Mapping[str, re.Pattern[str]] = {
    "ja": re.compile(r"[、，,；;：:]"),
    "ko": re.compile(r"[，,；;：:]"),
    "zh": re.compile(r"[，,；;：:]"),
}
#: What stands between a country or organisation and the person it qualifies ("中国の秦剛",
#: "美国总统拜登", "왕이 중국 외교부장"): it is the person's, not a party of its own.
_AFFILIATION_GAP: Mapping[str, re.Pattern[str]] = {
    "ja": re.compile(r"の?[一-龥ァ-ヶー]{0,6}"),
    "zh": re.compile(r"的?[^和与同对在及向跟，,、。\s]{0,6}"),
    "ko": re.compile(r"\s?"),
}
#: Languages that write a person before the country qualifying them (왕이 중국 외교부장).
_PERSON_FIRST = frozenset({"ko"})
#: Types with one agent and no other party in CJK news: the agent is the last country or
#: organisation named before the trigger (`settle_places` chooses once names are linked).
_ONE_AGENT = frozenset({"missile_launch"})


@cache
def _trigger_pattern(language: str) -> re.Pattern[str]:
    """One alternation of the language's trigger words and of the longer words that
    contain one but name no event, longest first."""
    words = sorted((*LEXICON[language], *NOT_TRIGGERS[language]), key=len, reverse=True)
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
    return tuple(_told_again(events, doc))


def _told_again(events: list[EventMention], doc: Document) -> list[EventMention]:
    """`events` with a later mention of a type the report told before marked as pointing
    back to it ("definite", as "the talks" in English), when the people it names do not
    set it apart: the earlier mentions of that type name no person, or share one with it.
    These languages mark no definite noun phrase, and a report that opens with "Japan
    and the US held the 2+2 in Tokyo on the 16th" and goes on "the four ministers held
    talks" tells one meeting."""
    people = {m.span for m in doc.mentions if m.label == "PERSON"}

    def named(event: EventMention) -> set[str]:
        return {p.span.of(doc.text) for p in event.participants if p.span in people}

    out: list[EventMention] = []
    for event in events:
        earlier = [named(e) for e in out if e.type == event.type]
        with_people = [n for n in earlier if n]
        own = named(event)
        if earlier and own and (not with_people or any(n & own for n in with_people)):
            event = replace(event, attributes=(*event.attributes, ("reference", "definite")))
        out.append(event)
    return out


def _sentence_events(doc: Document, language: str, sentence: Sentence) -> list[EventMention]:
    span = sentence.span
    text = doc.text[span.start : span.end]
    inside = [
        m
        for m in doc.mentions
        if span.start <= m.span.start and m.span.end <= span.end and m.label in _PARTICIPANT_LABELS
    ]
    names = [m for m in inside if not _misread_event_word(m, language)]
    parties = _parties(doc.text, language, names)
    two_plus_two = _TWO_PLUS_TWO.search(unicodedata.normalize("NFKC", text)) is not None
    seen: set[str] = set()
    events = []
    for match in _trigger_pattern(language).finditer(text):
        etype = LEXICON[language].get(match.group())
        if (
            etype is None
            or etype in seen
            or _inside_name(span.start + match.start(), names)
            or not _needed_words_present(match.group(), text)
            or _AFTER.match(text, match.end())
        ):
            continue
        seen.add(etype)
        trigger = Span(span.start + match.start(), span.start + match.end())
        attributes = (("kind", "2+2"),) if etype == "meeting" and two_plus_two else ()
        events.append(
            EventMention(
                trigger=trigger,
                sentence=span,
                type=etype,
                status=cjk_status(language, text, match.start()),
                stage=STAGE,
                participants=_participants(etype, trigger, parties),
                attributes=attributes,
            )
        )
    return events


def _misread_event_word(mention: Mention, language: str) -> bool:
    """A "name" that ends with a trigger word is an event the tagger read as a name
    (jieba's person 宣誓就职 "sworn in", GiNZA's organisation 外相会談 "foreign
    ministers' talks"): neither a party nor a block on the word."""
    return any(mention.text.endswith(word) for word in LEXICON[language])


def _needed_words_present(word: str, text: str) -> bool:
    return word not in NEEDS or any(needed in text for needed in NEEDS[word])


def cjk_status(language: str, sentence: str, trigger_at: int) -> str:
    """The status of the event whose trigger starts at `trigger_at` in `sentence`, from
    the cue words of its scope. Denial wins, then possibility, then a plan
    (docs/events.md).

    The scope is the trigger's clause: in Chinese all of it, since negation and
    modality come before the verb (没有出席…峰会, 可能…进行核试验); in Japanese and
    Korean what follows the trigger in it, and the sentence's last clause, where the
    verb that governs a topic stands (外相会談は、…見送られた). Other clauses are left
    out: a condition inside what was agreed (共同発表で、…整合しない場合には、…一致した)
    says nothing of the statement, and talks that ended (会谈结束后，双方没有发表声明)
    are not denied by the statement that was not made.
    """
    clause_ends = [m.start() for m in _CLAUSE_END[language].finditer(sentence)]
    start = max((end + 1 for end in clause_ends if end < trigger_at), default=0)
    end = min((end for end in clause_ends if end >= trigger_at), default=len(sentence))
    scope = sentence[start:end] if language == "zh" else sentence[trigger_at:end]
    if language != "zh" and clause_ends:
        scope += sentence[max(clause_ends[-1] + 1, end) :]
    for status, cues in (("denied", DENIED), ("hypothetical", HYPOTHETICAL), ("planned", PLANNED)):
        if any(cue in scope for cue in cues[language]):
            return status
    return "happened"


def _parties(text: str, language: str, names: list[Mention]) -> list[Mention]:
    """The names of a sentence that can take part: all but a country or organisation
    that only says whose a person is (right before or after the person and their title:
    中国の秦剛外相, 美国国防部长奥斯汀, 박진 외교부 장관)."""
    persons = [m for m in names if m.label == "PERSON"]
    return [
        m
        for m in names
        if m.label == "PERSON" or not any(_qualifies(text, language, m, p) for p in persons)
    ]


def _qualifies(text: str, language: str, owner: Mention, person: Mention) -> bool:
    """Whether `owner` only says whose `person` is: the gap between them is a title."""
    gap = _AFFILIATION_GAP[language]
    if owner.span.end <= person.span.start:
        return gap.fullmatch(text, owner.span.end, person.span.start) is not None
    return (
        language in _PERSON_FIRST
        and gap.fullmatch(text, person.span.end, owner.span.start) is not None
    )


def _participants(etype: str, trigger: Span, names: list[Mention]) -> tuple[Participant, ...]:
    """Who takes part: every name of the sentence, except for a one-agent type, whose
    candidates are the places and organisations named before its trigger."""
    if etype in _ONE_AGENT:
        before = [m for m in names if m.label != "PERSON" and m.span.end <= trigger.start]
        if before:
            return tuple(Participant("agent", m.span) for m in before)
    return tuple(Participant("participant", m.span) for m in names)


def _inside_name(offset: int, names: list[Mention]) -> bool:
    return any(m.span.start <= offset < m.span.end for m in names)


def settle_places(event: EventMention, by_span: Mapping[Span, Mention]) -> EventMention:
    """A CJK event once its names are linked: a participant that is a place but no
    country (a city, a region) is not one who takes part (people and organisations do);
    the first becomes the event's place when it has none, the others are dropped. A
    one-agent event keeps the last of its candidate agents."""
    if event.stage != STAGE:
        return event
    kept: list[Participant] = []
    place, place_entity = event.place, event.place_entity
    for participant in event.participants:
        mention = by_span.get(participant.span)
        if mention is None or mention.label in ("PERSON", "ORG") or is_country(mention):
            kept.append(participant)
        elif place is None:
            place, place_entity = participant.span, mention.entity
    if event.type in _ONE_AGENT and any(p.role == "agent" for p in kept):
        kept = kept[-1:]  # the launcher: the last country or organisation before it
    return replace(event, participants=tuple(kept), place=place, place_entity=place_entity)
