"""Finding event triggers in a parse.

A trigger is a lexicon lemma with its part of speech (`ontology.TRIGGERS`),
checked against its context ("launch" next to "missile"), a particle verb
("step down"), a compound that changes a noun's type ("press conference"), or
a spelling of "2+2" (joined to the meeting noun after it). A noun under a
light verb ("hold talks") keeps the verb as its governor; a verb trigger
absorbs a noun trigger of its own type that is its object ("met for talks").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from storyline.events.arguments import MentionIndex
from storyline.events.ontology import (
    ABSORBS,
    COMPOUND_TYPES,
    LIGHT_VERBS,
    PERSON_NOUNS,
    PHRASAL,
    TWO_PLUS_TWO,
    triggers_for,
)
from storyline.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in the parse, with the light verb that governs it, if any."""

    head: Token
    start: int
    end: int
    type: str
    light: Token | None = None
    light_role: str | None = None
    kind: str | None = None
    absorbed: tuple[Token, ...] = ()


def find_triggers(spacy_doc: Doc, mentions: MentionIndex) -> list[TriggerMatch]:
    patterns = _two_plus_two(spacy_doc)
    nouns: dict[int, TriggerMatch] = {}
    verbs: dict[int, TriggerMatch] = {}
    for token in spacy_doc:
        if _in_name(token, mentions):
            continue
        type_ = _type_of(token, mentions)
        if type_ is None:
            continue
        target = verbs if token.pos_ in {"VERB", "AUX"} else nouns
        target[token.i] = TriggerMatch(token, token.idx, _end(token), type_)
    for index, noun in list(nouns.items()):
        token = noun.head
        governor = token.head.head if token.dep_ == "pobj" else token.head
        if token.dep_ in {"dobj", "nsubjpass", "pobj"}:
            owner = verbs.get(governor.i)
            if owner is not None and _absorbs(owner.type, noun.type):
                del nouns[index]  # "sign an agreement", "met for talks": one event
                verbs[governor.i] = replace(owner, absorbed=(*owner.absorbed, token))
                continue
        light = _light_verb(token)
        if light is not None:
            verbs.pop(light.i, None)
            nouns[index] = replace(noun, light=light, light_role=LIGHT_VERBS[light.lemma_.lower()])
    found = sorted([*nouns.values(), *verbs.values()], key=lambda t: t.start)
    return _attach_patterns(found, patterns)


def _absorbs(verb_type: str, noun_type: str) -> bool:
    return verb_type == noun_type or noun_type in ABSORBS.get(verb_type, frozenset())


def _light_verb(noun: Token) -> Token | None:
    """The light verb a noun trigger is the object of: 'held talks', 'pay a visit'."""
    node = noun
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "held talks and a press conference"
    if node.dep_ in {"dobj", "nsubjpass", "attr"} and node.head.lemma_.lower() in LIGHT_VERBS:
        return node.head
    return None


def _in_name(token: Token, mentions: MentionIndex) -> bool:
    mention = mentions.of_token(token)
    return mention is not None and mention.label in {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _type_of(token: Token, mentions: MentionIndex) -> str | None:
    pos = "VERB" if token.pos_ in {"VERB"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else ""
    if not pos:
        return None
    lemma = token.lemma_.lower()
    if pos == "VERB":
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle is not None and (lemma, particle) in PHRASAL:
            return PHRASAL[(lemma, particle)]
        objects = [c.lower_ for c in token.children if c.dep_ == "dobj"]
        if lemma == "open" and "fire" in objects:
            return "attack"
    if pos == "NOUN":
        for child in token.children:
            override = COMPOUND_TYPES.get((child.lemma_.lower(), lemma))
            if override is not None and child.dep_ in {"compound", "amod", "nmod"}:
                return override
    context: set[str] | None = None  # read only for a sense that needs it (most words have none)
    for candidate in dict.fromkeys((lemma, token.lower_)):
        for sense in triggers_for(candidate):
            if sense.pos != pos:
                continue
            if sense.with_words:
                context = _context_lemmas(token) if context is None else context
                if not sense.with_words & context:
                    continue
            if sense.person_object and not _person_object(token, mentions):
                continue
            if sense.type == "agreement" and pos == "NOUN" and not _concluded(token):
                continue
            return sense.type
    return None


_DEEP_OBJECT = frozenset({"fire", "launch", "test", "test-fire"})


def _context_lemmas(token: Token) -> set[str]:
    words: set[str] = set()
    for child in token.children:
        words.add(child.lemma_.lower())
        words.add(child.lower_)
        if child.dep_ in {"dobj", "xcomp", "nsubjpass", "attr", "pobj", "prep", "conj"}:
            words.update(c.lemma_.lower() for c in child.children)
        if child.dep_ in {"dobj", "ccomp"} and token.lemma_.lower() in _DEEP_OBJECT:
            # "fired what it claims was a new hypersonic missile"
            words.update(t.lemma_.lower() for t in list(child.subtree)[:12])
    if token.dep_ in {"compound", "amod", "nmod", "dobj", "nsubjpass", "pobj"}:
        words.add(token.head.lemma_.lower())
    return words


#: Verbs that make an agreement noun an event: "reached a deal", "the treaty was ratified".
_CONCLUDING = frozenset(
    """
    reach conclude strike seal finalize finalise announce launch agree approve ratify negotiate
    broker clinch hammer adopt unveil renew extend
    """.split()  # noqa: SIM905
)


def _concluded(noun: Token) -> bool:
    """Whether an agreement noun names the act of agreeing rather than a standing document."""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass", "nsubj"} and head.lemma_.lower() in _CONCLUDING:
        return True
    return any(
        c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in _CONCLUDING for c in noun.children
    )


def _person_object(token: Token, mentions: MentionIndex) -> bool:
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            mention = mentions.of_token(child)
            if (mention is not None and mention.label == "PERSON") or (
                child.lemma_.lower() in PERSON_NOUNS
            ):
                return True
    return False


def _two_plus_two(spacy_doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [first, last] that spell "2+2" in any of its ways."""
    lowered = [t.lower_ for t in spacy_doc]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(lowered):
        for pattern in _SPELLINGS_BY_FIRST.get(lowered[i], ()):
            if tuple(lowered[i : i + len(pattern)]) == pattern:
                found.append((i, i + len(pattern) - 1))
                i += len(pattern) - 1
                break
        i += 1
    return found


def _by_first_word(patterns: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """The spellings of "2+2" by their first token, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for pattern in sorted(patterns, key=len, reverse=True):
        out.setdefault(pattern[0], []).append(pattern)
    return out


def _attach_patterns(
    found: list[TriggerMatch], patterns: list[tuple[int, int]]
) -> list[TriggerMatch]:
    """Join a "2+2" to the meeting noun after it, or make it a meeting trigger of its own."""
    if not patterns:
        return found
    out = list(found)
    by_head = {t.head.i: n for n, t in enumerate(out)}
    for first, last in patterns:
        doc = out[0].head.doc if out else None
        if doc is None:
            break
        window = range(last + 1, min(last + 5, len(doc)))
        ahead = [i for i in window if i in by_head and out[by_head[i]].type == "meeting"]
        between = doc[last + 1 : ahead[0]] if ahead else ()
        if ahead and all(t.text in _QUOTES or t.pos_ in {"ADJ", "NOUN"} for t in between):
            n = by_head[ahead[0]]
            out[n] = replace(out[n], start=doc[first].idx, kind="2+2")
            continue
        span = doc[first : last + 1]
        noun = _noun_named(span.root, last)
        if noun is not None:  # "the 2+2 session": the noun it qualifies is the meeting
            out.append(TriggerMatch(noun, doc[first].idx, _end(noun), "meeting", kind="2+2"))
            continue
        out.append(TriggerMatch(span.root, doc[first].idx, _end(doc[last]), "meeting", kind="2+2"))
    return sorted(out, key=lambda t: t.start)


_QUALIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "quantmod"})


def _noun_named(root: Token, last: int) -> Token | None:
    """The noun right after a "2+2" that it qualifies ("session", "dialogue"), if any."""
    head = root.head
    if root.dep_ not in _QUALIFIER_DEPS or head.pos_ != "NOUN" or not 0 < head.i - last <= 3:
        return None
    between = head.doc[last + 1 : head.i]
    return head if all(t.text in _QUOTES or t.pos_ in {"ADJ", "NOUN"} for t in between) else None


def forced_triggers(spacy_doc: Doc, spans: Sequence[Span]) -> list[TriggerMatch]:
    out: list[TriggerMatch] = []
    for span in spans:
        tokens = spacy_doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or not len(tokens):
            continue
        head = tokens.root
        light = _light_verb(head) if head.pos_ not in {"VERB", "AUX"} else None
        role = LIGHT_VERBS[light.lemma_.lower()] if light is not None else None
        type_ = _loose_type(head)
        out.append(TriggerMatch(head, span.start, span.end, type_, light, role))
    return out


def _loose_type(token: Token) -> str:
    for candidate in (token.lemma_.lower(), token.lower_):
        senses = triggers_for(candidate)
        if senses:
            return senses[-1].type  # the unconditional sense when there is one
    return "other"


def _end(token: Token) -> int:
    return token.idx + len(token.text)


_SPELLINGS_BY_FIRST: Final = _by_first_word(TWO_PLUS_TWO)
