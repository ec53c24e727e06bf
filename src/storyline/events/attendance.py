"""Who is at a meeting when the report names them around it, not in its own phrase.

News text often names the people at a meeting outside the meeting noun's
subject, object or "with" phrase:

* a clause on the meeting noun: "the talks, which also involve X and Y",
  "the summit, attended by X";
* the meeting as the setting of a clause: "At the meeting, X said …",
  "In the talks, X and Y are expected to discuss …";
* the meeting as what an attendance verb aims at: "were joined by X for the
  talks", "X is taking part in the meeting";
* an attendance verb with no object, right after the meeting was named: "The
  talks will be held on Tuesday. X and Y will attend." This one crosses
  sentences, so it runs over a report's extracted mentions (`join_attendance`).

All of them give the role "participant". Only names count, and a clause's
subject only when it stands for people ("the ministers of Japan"), so that "In
the talks, China's conduct is expected to top the agenda" adds nobody.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from storyline.events.arguments import (
    PARTICIPANT_LABELS,
    PLACE_LABELS,
    MentionIndex,
    names_of,
    subjects_of,
    unique_participants,
)
from storyline.events.ontology import FORMAT_WORDS, PERSON_NOUNS, triggers_for
from storyline.records import EventMention, Mention, Participant, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ROLE: Final = "participant"
#: Verbs whose subject takes part in what they aim at ("take" only with "part").
_ATTEND: Final = frozenset({"attend", "join", "participate", "take"})
#: Verbs of a clause on a meeting noun that list who is there.
_GATHER: Final = frozenset({"involve", "include", "feature", "gather", "bring", "attend", "join"})
#: Prepositions that make a meeting the setting of a clause, or what attending aims at.
_SETTING_PREPS: Final = frozenset({"in", "at", "during"})
_AIM_PREPS: Final = frozenset({"for", "in", "at"})
#: Nouns for a part of a meeting: "at the outset of the talks", "on the sidelines of".
_PARTS: Final = frozenset(
    """
    outset start beginning opening end close conclusion sideline sidelines margin margins course
    """.split()  # noqa: SIM905
)
#: Nouns that stand for people or parties, so that names inside them are those present.
_PEOPLE_NOUNS: Final = PERSON_NOUNS | frozenset(
    """
    leader counterpart representative delegate delegation envoy diplomat lawmaker premier
    chancellor spokesman spokeswoman spokesperson side government country nation ally partner
    party member
    """.split()  # noqa: SIM905
)
#: Event types whose doers are not at a meeting for doing them there ("fired during the talks").
_DEEDS: Final = frozenset(
    {"attack", "missile_launch", "military_posture", "military_exercise", "accident",
     "disaster", "death", "arrest", "legal_action", "coup", "protest", "election"}
)  # fmt: skip
_RELATIVE: Final = frozenset({"who", "which", "that", "whom"})
_ROSTER_DEPS: Final = frozenset({"appos", "nmod", "compound", "conj"})


def attendees(trigger: Token, mentions: MentionIndex) -> list[tuple[str, Mention]]:
    """(role, mention) pairs for the meeting noun `trigger`, from the constructions
    around it (a clause on it, a clause it is the setting of, an attendance verb
    that aims at it)."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return []  # a meeting verb has its own subject and object
    found = [
        *_from_clauses(trigger, mentions),
        *_from_setting(trigger, mentions),
        *_from_aim(trigger, mentions),
    ]
    return unique_participants((ROLE, m) for m in found)


def _from_clauses(trigger: Token, mentions: MentionIndex) -> list[Mention]:
    """'the talks, which also involve X', 'the summit, attended by X', 'talks bringing
    together X and Y', 'the meeting, which X joined'."""
    out: list[Mention] = []
    for clause in _clauses_on(trigger):
        if not _gathers(clause):
            continue
        for child in clause.children:
            if child.lower_ in _RELATIVE:
                continue
            if child.dep_ == "dobj" and _stands_for_people(child, mentions):
                out += roster(child, mentions)
            elif child.dep_ == "prep" and child.lower_ == "with" and _gathers_together(clause):
                out += [m for pobj in child.children for m in roster(pobj, mentions)]
            elif child.lower_ == "together":  # "brought X together with Y", "with" under it
                out += [
                    m
                    for prep in child.children
                    if prep.dep_ == "prep" and prep.lower_ == "with"
                    for pobj in prep.children
                    for m in roster(pobj, mentions)
                ]
            elif child.dep_ in {"nsubj", "agent"} and _attends(clause):
                heads = list(child.children) if child.dep_ == "agent" else [child]
                out += [m for head in heads for m in roster(head, mentions)]
    return out


def _clauses_on(trigger: Token) -> Iterator[Token]:
    """The clauses on the meeting noun `trigger`: its own relative and participle
    clauses, and a relative clause the parse hung on a date or an ordinal right after
    it, with no verb between ("the 2+2 session in the capital, the first since April
    2019, which brought X together with Y"): those bring nobody together, the meeting
    does."""
    yield from (c for c in trigger.children if c.dep_ in {"relcl", "acl"})
    for token in trigger.doc[trigger.i + 1 : trigger.sent.end]:
        if token.pos_ in {"VERB", "AUX"} and token.dep_ != "relcl":
            return
        if token.dep_ == "relcl" and _names_no_one(token.head):
            if token.head.i > trigger.i and token.head not in trigger.subtree:
                yield token
            return


def _names_no_one(token: Token) -> bool:
    """A date or an ordinal ("April 2019", "the first since …"): nothing a clause could
    say brings people together."""
    return token.ent_type_ in {"DATE", "TIME", "ORDINAL"} or token.lower_ in _ORDINALS


#: Words that say which of a series a meeting is ("the first since 2019").
_ORDINALS: Final = frozenset({"first", "second", "third", "last", "latest", "next"})


def _gathers_together(verb: Token) -> bool:
    """ "brought X together with Y" (or "together" read under its "with"): the "with"
    names people brought too."""
    return any(
        c.lower_ == "together"
        or (
            c.dep_ == "prep"
            and c.lower_ == "with"
            and any(g.lower_ == "together" for g in c.children)
        )
        for c in verb.children
    )


def _gathers(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "bring":  # only "bring together"
        return _gathers_together(verb)
    return lemma in _GATHER and not _negated(verb)


def _from_setting(trigger: Token, mentions: MentionIndex) -> list[Mention]:
    """The people subject of a clause the meeting is the setting of."""
    verb = _setting_verb(trigger)
    if verb is None or _does_a_deed(verb) or _negated(verb):
        return []
    out: list[Mention] = []
    for subject in subjects_of(verb):
        passive = subject.dep_ == "nsubjpass"
        if passive and not any(c.dep_ == "xcomp" for c in subject.head.children):
            continue  # "X was criticized at the meeting" does not put X there
        if _stands_for_people(subject, mentions):
            out += roster(subject, mentions)
    return out


def _setting_verb(trigger: Token) -> Token | None:
    """The verb whose clause happens in/at/during the meeting (or a part of it)."""
    prep = trigger.head if trigger.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep":
        return None
    if prep.lower_ == "of" and prep.head.lemma_.lower() in _PARTS:
        part = prep.head
        prep = part.head if part.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep" or prep.lower_ not in _SETTING_PREPS | {"on"}:
            return None
    elif prep.lower_ not in _SETTING_PREPS:
        return None
    verb = prep.head
    return verb if verb.pos_ in {"VERB", "AUX"} else None


def _from_aim(trigger: Token, mentions: MentionIndex) -> list[Mention]:
    """'X joined them for the talks', 'were joined by X for talks', 'X takes part in the
    meeting': those who do the attending (the parse may hang the phrase on a name)."""
    prep = trigger.head if trigger.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.lower_ not in _AIM_PREPS:
        return []
    verb = _verb_above(prep.head)
    if verb is None or not _attends(verb):
        return []
    return attending(verb, mentions)


def _verb_above(token: Token) -> Token | None:
    """`token` when it is a verb, else the verb a noun phrase it sits in belongs to."""
    node = token
    for _ in range(5):
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.dep_ not in {"conj", "pobj", "agent", "prep", "appos", "compound", "dobj"}:
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def attending(verb: Token, mentions: MentionIndex) -> list[Mention]:
    """The names of those an attendance verb says attend: its subjects, its object
    ("joined Motegi") and its passive agent ("joined by Austin")."""
    out: list[Mention] = []
    for subject in subjects_of(verb):
        if subject.dep_ != "nsubjpass":
            out += roster(subject, mentions)
    for child in verb.children:
        if child.dep_ == "dobj":
            out += roster(child, mentions)
        elif child.dep_ == "agent":
            out += [m for pobj in child.children for m in roster(pobj, mentions)]
    return out


def _attends(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma not in _ATTEND or _negated(verb):
        return False
    return lemma != "take" or any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _does_a_deed(verb: Token) -> bool:
    return any(sense.type in _DEEDS for sense in triggers_for(verb.lemma_.lower()))


def _stands_for_people(token: Token, mentions: MentionIndex) -> bool:
    mention = mentions.of_token(token)
    if mention is not None:
        return mention.label in PARTICIPANT_LABELS
    return token.lemma_.lower() in _PEOPLE_NOUNS


def roster(token: Token, mentions: MentionIndex) -> list[Mention]:
    """The names `token` (and its conjuncts) stand for, with the people a misread
    list hides under them.

    The parser often reads a list of titled names as one name with others
    hanging off it: "Foreign Minister A, Defense Minister B" as B in apposition
    to A, "counterparts Secretary of State C and Defense Secretary D" as C a
    modifier of D's title, "Ambassador to Japan E" as E the object of "to".
    People found that way (PERSON names only, never a title's organization)
    join the list. When a title or people noun turns out to hold people, its
    own country words ("U.S. Ambassador …", "their U.S. counterparts …") only
    say where those people come from, and are left out.
    """
    out: list[Mention] = []
    for node in (token, *token.conjuncts):
        hidden = list(_hidden_people(node, mentions))
        if hidden and mentions.of_token(node) is None:
            out += hidden
        else:
            out += [*names_of(node, mentions, alone=True), *hidden]
    return list(dict.fromkeys(out))


def _hidden_people(node: Token, mentions: MentionIndex, depth: int = 0) -> Iterator[Mention]:
    if depth >= 3:
        return
    for child in node.children:
        if child.dep_ in _ROSTER_DEPS:
            steps = [child]
        elif child.dep_ == "prep" and child.lower_ in {"to", "of"} and _is_title(node):
            steps = [c for c in child.children if c.dep_ == "pobj"]
        else:
            continue
        for step in steps:
            mention = mentions.of_token(step)
            if mention is not None and mention.label == "PERSON":
                yield mention
            yield from _hidden_people(step, mentions, depth + 1)


def _is_title(token: Token) -> bool:
    return token.lemma_.lower() in PERSON_NOUNS


# --- across sentences -----------------------------------------------------------------------


def join_attendance(
    events: Sequence[EventMention],
    spacy_doc: Doc,
    sentences: Sequence[Span],
    mentions: MentionIndex,
) -> tuple[EventMention, ...]:
    """`events` with the people of each objectless attendance verb ("X and Y will
    attend.") added to the nearest meeting mention before it, in its own sentence
    or the two before; none is made up when there is no such meeting."""
    out = list(events)
    if not any(e.type == "meeting" for e in out):
        return tuple(out)
    starts = [s.start for s in sentences]
    for verb in spacy_doc:
        if not _bare_attendance(verb, mentions):
            continue
        people = attending(verb, mentions)
        target = _meeting_before(out, verb.idx, starts) if people else None
        if target is not None:
            out[target] = _with_participants(out[target], people)
    return tuple(out)


def _bare_attendance(verb: Token, mentions: MentionIndex) -> bool:
    """'will attend', 'joined later', 'will take part', 'will join virtually': an
    attendance verb that names nothing it attends. Not in a relative clause:
    "X, who joined in 2019," is about X, not about a meeting."""
    if verb.pos_ != "VERB" or not _attends(verb) or verb.dep_ == "relcl":
        return False
    for child in verb.children:
        if child.dep_ in {"dobj", "ccomp", "attr"} and child.lower_ != "part":
            return False
    for prep in verb.subtree:
        if prep.dep_ != "prep" or not any(_names_a_thing(p, mentions) for p in prep.children):
            continue
        if prep.head.i == verb.i or prep.head.lower_ == "part":
            return False  # "attend in the capacity of", "take part in the talks"
        above = _verb_above(prep.head) if prep.lower_ in _AIM_PREPS else None
        if above is not None and above.i == verb.i:
            return False  # the parse hung "for the talks" on a name: "joined by X for talks"
    return True


def _names_a_thing(pobj: Token, mentions: MentionIndex) -> bool:
    """Whether a preposition's object is what is attended ("in the talks"), not a
    manner, place or time ("in person", "in Tokyo", "on Tuesday", "in 2019")."""
    if pobj.dep_ != "pobj" or pobj.lower_ in FORMAT_WORDS or pobj.ent_type_ in {"DATE", "TIME"}:
        return False
    mention = mentions.of_token(pobj)
    if mention is not None and mention.label in PLACE_LABELS:
        return False
    return pobj.pos_ in {"NOUN", "PROPN"}


def _meeting_before(events: Sequence[EventMention], offset: int, starts: list[int]) -> int | None:
    here = bisect.bisect_right(starts, offset) - 1
    best: int | None = None
    for number, event in enumerate(events):
        if event.type != "meeting" or event.trigger.end > offset:
            continue
        back = here - (bisect.bisect_right(starts, event.sentence.start) - 1)
        if 0 <= back <= 2 and (best is None or event.trigger.start > events[best].trigger.start):
            best = number
    return best


def _with_participants(event: EventMention, people: Sequence[Mention]) -> EventMention:
    known = {p.span for p in event.participants}
    added = tuple(
        Participant(ROLE, m.span, m.entity)
        for m in dict.fromkeys(people)
        if m.span not in known and m.label in PARTICIPANT_LABELS
    )
    return replace(event, participants=event.participants + added) if added else event
