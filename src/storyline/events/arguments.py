"""Who, where, when and how of one event trigger, read from the parse.

Participants come from the trigger's (or its governing verb's) dependents:
the subject is the agent (or what the light verb makes it: "host", "attend"),
the object takes the role the event type gives objects (a meeting's
counterpart, an attack's target, a visit's host), "with" gives a counterpart,
"against" a target, "between" participants, a possessive ("Suga's visit") the
agent. A dependent that is not itself a name ("the foreign ministers of Japan
and the United States") is searched for names in its noun phrase.

Everything is mapped back to the report's own entity mentions by character
offsets, so a participant is a `Mention` span and its linked entity id.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Final

from storyline.entities.surface import country_of
from storyline.events.ontology import FORMAT_WORDS, EventType
from storyline.nlp.title_phrases import TITLE_LABEL
from storyline.records import Mention, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storyline.events.reference import References

#: Labels of mentions that can take part in an event; a title standing for a person ("the
#: Japanese defense minister", `nlp.title_phrases`) is one.
PARTICIPANT_LABELS: Final = frozenset({"PERSON", "ORG", "GPE", "NORP", TITLE_LABEL})
PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
_PREP_ROLES: Final = {"with": "counterpart", "against": "target", "between": "participant",
                      "among": "participant", "by": "agent"}  # fmt: skip
_PLACE_PREPS: Final = frozenset({"in", "at", "inside", "near"})
_VISIT_PREPS: Final = frozenset({"to", "in", "at"})
_NP_DEPS: Final = frozenset({"prep", "pobj", "compound", "nmod", "poss", "appos", "conj", "amod"})
_PRONOUNS: Final = frozenset({"PRON"})
_CALENDAR: Final = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_VAGUE_MODS: Final = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
                                "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"})  # fmt: skip


class MentionIndex:
    """The report's entity mentions, found by character offset; with `references`, also
    the names a pronoun, title or counted group stands for (`events.reference`)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.span.start, -m.span.end))
        self._starts = [m.span.start for m in self._mentions]
        self.references: References | None = None

    def referents(self, token: Token) -> tuple[Mention, ...]:
        """The names an unnamed `token` stands for ("he", "the two ministers"); () if unsure."""
        return self.references.of(token) if self.references is not None else ()

    def named(self, mention: Mention) -> tuple[Mention, ...]:
        """The mention (a short person name's full name; a group's listed members)."""
        return self.references.named(mention) if self.references is not None else (mention,)

    def at(self, start: int, end: int) -> Mention | None:
        """The mention that covers the characters `[start, end)`."""
        position = bisect.bisect_right(self._starts, start)
        for mention in reversed(self._mentions[max(0, position - 4) : position]):
            if mention.span.start <= start and end <= mention.span.end:
                return mention
        return None

    def of_token(self, token: Token) -> Mention | None:
        return self.at(token.idx, token.idx + len(token.text))


def is_country(mention: Mention) -> bool:
    return mention.kind == "country" or (
        mention.label == "GPE" and country_of(mention.text) is not None
    )


def participants(
    trigger: Token,
    chain: Sequence[Token],
    etype: EventType,
    mentions: MentionIndex,
    light_role: str | None,
    light: Token | None = None,
) -> list[tuple[str, Mention]]:
    """(role, mention) pairs, in reading order of discovery, without repeats."""
    found: list[tuple[str, Mention]] = []
    predicate = chain[0] if chain else trigger
    is_verb = trigger.pos_ in {"VERB", "AUX"}
    subject_role = light_role or "agent"
    if is_verb or light_role is not None:
        if is_verb and (is_passive(trigger) or _befalls(trigger, etype)):
            subject_role = etype.object_role  # "Suu Kyi was detained": the one detained
        for subject in subjects_of(predicate if not is_verb else trigger):
            found += [(subject_role, m) for m in names_of(subject, mentions)]
        for child in (trigger if is_verb else predicate).children:
            if child.dep_ == "nsubjpass" and is_verb or child.dep_ == "dobj" and is_verb:
                found += [(etype.object_role, m) for m in names_of(child, mentions)]
            elif child.dep_ == "dative" and is_verb:
                for target in (child, *child.children):
                    found += [("counterpart", m) for m in names_of(target, mentions)]
            elif child.dep_ == "agent":
                found += [("agent", m) for pobj in child.children for m in names_of(pobj, mentions)]
    if not is_verb:
        for child in trigger.children:
            if child.dep_ == "poss":
                found += [("agent", m) for m in names_of(child, mentions)]
            elif child.dep_ in {"compound", "nmod", "amod"}:
                found += [("participant", m) for m in _compound_names(child, mentions)]
            elif child.dep_ == "prep" and child.lower_ == "of":
                role = "participant" if etype.object_role == "counterpart" else etype.object_role
                found += [(role, m) for pobj in child.children for m in names_of(pobj, mentions)]
    for head in (trigger, light) if light is not None else (trigger,):
        for child in head.children:
            by_prep = _PREP_ROLES.get(child.lower_) if child.dep_ == "prep" else None
            if by_prep is not None and not (by_prep == "agent" and head.i != trigger.i):
                found += [(by_prep, m) for pobj in child.children for m in names_of(pobj, mentions)]
    return unique_participants(found)


#: Event types whose verb, with no object, tells what befell its subject ("X died").
_BEFALLING: Final = frozenset({"death", "accident", "disaster"})


def _befalls(verb: Token, etype: EventType) -> bool:
    """ "Jobs died", "the jet crashed": the subject is the one it happened to."""
    return etype.name in _BEFALLING and not any(c.dep_ == "dobj" for c in verb.children)


def is_passive(verb: Token) -> bool:
    """Whether the subject `subjects_of(verb)` finds is what the verb is done to: its own
    passive subject, or that of a verb it is coordinated with ("was arrested and charged")."""
    node = verb
    for _ in range(3):
        deps = {c.dep_ for c in node.children}
        if deps & {"nsubj", "csubj"}:
            return False
        if "nsubjpass" in deps:
            return True
        if node.dep_ != "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def subjects_of(predicate: Token) -> Iterator[Token]:
    """The subjects of `predicate`, found up through control and coordination
    ("are expected to discuss", "met and were joined"); a relative pronoun
    stands for the noun its clause hangs off."""
    node: Token | None = predicate
    for _ in range(3):
        if node is None:
            return
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
        if subjects:
            for subject in subjects:
                if subject.lower_ in {"who", "which", "that"} and node.dep_ == "relcl":
                    yield node.head
                else:
                    yield subject
            return
        if node.dep_ in {"xcomp", "conj", "advcl", "acl"} and node.head.i != node.i:
            if node.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in node.head.children):
                return  # "expected sales to exceed", "asked them to plan": not the subject's deed
            if node.dep_ == "acl":
                yield node.head  # "Blinken, visiting Japan, ..."
                return
            node = node.head
        else:
            return


def names_of(
    token: Token, mentions: MentionIndex, depth: int = 0, *, alone: bool = False
) -> list[Mention]:
    """The name mentions that `token` (and its conjuncts, unless `alone`) stand for."""
    out: list[Mention] = []
    for node in (token,) if alone else (token, *token.conjuncts):
        if node.pos_ in _PRONOUNS:
            if depth == 0:  # "its prices", "his post" inside a phrase: a thing's owner
                out += mentions.referents(node)
            continue
        mention = mentions.of_token(node)
        if mention is not None and mention.label in PARTICIPANT_LABELS:
            out += mentions.named(mention)
        elif mention is None:
            referred = mentions.referents(node)
            if referred:
                out += referred
            elif depth < 2:
                out += _inside(node, mentions, depth)
    return out


def _inside(node: Token, mentions: MentionIndex, depth: int) -> list[Mention]:
    """Names inside a noun phrase for people or parties: 'the ministers of Japan and the US'
    (not a thing's: 'the UK's FTSE index fell' is no deed of the UK)."""
    out: list[Mention] = []
    for child in node.children:
        if child.dep_ not in _NP_DEPS or child.dep_ == "conj":
            continue
        if child.dep_ == "prep":
            if child.lower_ == "of":
                for pobj in child.children:
                    out += names_of(pobj, mentions, depth + 1)
            continue
        out += names_of(child, mentions, depth + 1)
    return out


def _compound_names(child: Token, mentions: MentionIndex) -> list[Mention]:
    """'Japan-US talks', 'Biden–Kishida summit' (not 'Tokyo talks': that is a place)."""
    mention = mentions.of_token(child)
    if mention is None or mention.label not in PARTICIPANT_LABELS:
        return []
    hyphenated = any(t.text in {"-", "–", "—"} for t in child.subtree) or "-" in child.text
    if mention.label == "GPE" and not hyphenated and not is_country(mention):
        return []
    return [m for m in names_of(child, mentions) if m.label in PARTICIPANT_LABELS]


def unique_participants(found: Iterable[tuple[str, Mention]]) -> list[tuple[str, Mention]]:
    """The pairs in order, each mention once: the first role found for it wins."""
    seen: set[Span] = set()
    out: list[tuple[str, Mention]] = []
    for role, mention in found:
        if mention.span not in seen:
            seen.add(mention.span)
            out.append((role, mention))
    return out


def place_of(
    trigger: Token, chain: Sequence[Token], etype: EventType, mentions: MentionIndex
) -> Mention | None:
    """The place the event happens at: 'in Tokyo', 'at the White House', 'visit Japan'."""
    preps = _VISIT_PREPS if etype.name in {"visit", "military_posture"} else _PLACE_PREPS
    heads = [trigger, *chain]
    heads += [
        c
        for h in heads
        if h.pos_ != "VERB"
        for c in h.children
        if c.dep_ in {"acl", "relcl"} and not _another_occasion(c)
    ]
    for head in heads:
        for child in head.children:
            if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
                for pobj in child.children:
                    mention = _place_mention(pobj, mentions)
                    if mention is not None:
                        return mention
            if etype.name == "visit" and child.dep_ == "dobj" and head.pos_ in {"VERB"}:
                mention = _place_mention(child, mentions)
                if mention is not None:
                    return mention
    for child in trigger.children:
        if child.dep_ in {"compound", "nmod"}:
            mention = mentions.of_token(child)
            if mention is not None and mention.label in PLACE_LABELS:
                hyphen = any(t.text in {"-", "–"} for t in child.subtree)
                if not hyphen and not is_country(mention):
                    return mention
    return _where_clause_place(trigger, chain, mentions)


def _where_clause_place(
    trigger: Token, chain: Sequence[Token], mentions: MentionIndex
) -> Mention | None:
    """The place a relative clause opened by "where" tells of: "departs for Anchorage,
    where he meets the Chinese delegation" (the clause hangs on the place it is in)."""
    for head in (trigger, *chain):
        if head.dep_ == "relcl" and any(
            c.dep_ == "advmod" and c.lower_ == "where" for c in head.children
        ):
            return _place_mention(head.head, mentions)
    return None


_EARLIER_OCCASION: Final = frozenset({"last", "previously", "earlier", "once", "formerly"})


def _another_occasion(clause: Token) -> bool:
    """Whether a clause on the event noun tells of an earlier occasion of its kind
    ("the talks, which were last held in Tokyo in March"): its place is not the event's."""
    return any(c.dep_ == "advmod" and c.lower_ in _EARLIER_OCCASION for c in clause.children)


def _place_mention(token: Token, mentions: MentionIndex) -> Mention | None:
    mention = mentions.of_token(token)
    if mention is not None and mention.label in PLACE_LABELS:
        return mention
    if mention is None and token.pos_ in {"NOUN", "PROPN"}:
        for child in token.children:  # "in the capital, Tokyo", "at the White House in DC"
            if child.dep_ in {"appos", "compound"}:
                inner = mentions.of_token(child)
                if inner is not None and inner.label in PLACE_LABELS:
                    return inner
    return None


def calendar_value(timex: TimeExpression) -> str | None:
    """The timex's value as YYYY-MM-DD, YYYY-MM or YYYY, when it names a calendar date."""
    if timex.type not in {"DATE", "TIME"} or (timex.mod or "") in _VAGUE_MODS:
        return None
    match = _CALENDAR.match(timex.value)
    if match is None:
        return None
    year, month, day = match.groups()
    return "-".join(part for part in (year, month, day) if part)


def date_of(
    trigger: Token,
    chain: Sequence[Token],
    sentence: Span,
    timexes: Sequence[TimeExpression],
    taken: frozenset[Span] = frozenset(),
    text: str | None = None,
) -> tuple[str | None, Span | None]:
    """(value, span) of the event's own date: a timex the trigger governs, else the
    sentence's own date when that is unambiguous. `text` is the parse's text, when the
    caller has it as a string (a spaCy Doc joins its tokens anew on each `.text`).

    Never a point of reference ("the first since April 2019", "ahead of the
    summit in May"): a phrase after since, before, after, until, by, from or
    ahead of/prior to dates something else. Without a timex the trigger (or its
    verb) governs, the one calendar timex left of the sentence dates the event
    only when it hangs off a verb that dominates the trigger, in a clause that
    holds it ("in which Tokyo pays … from April", "who took office in January"
    do not date the meeting), and is not `taken` by another trigger.
    """
    own = [t for t in timexes if sentence.start <= t.span.start and t.span.end <= sentence.end]
    doc = trigger.doc
    if text is None:
        text = doc.text if own else ""
    dated = [
        (t, v)
        for t in own
        if (v := calendar_value(t)) is not None and not is_reference_point(text, t.span)
    ]
    if not dated:
        return None, None
    # The nearest governor first: in "Kishida became leader in October and Hayashi took
    # up his post in November", the November the trigger governs, not the October of the
    # clause it is joined to.
    for level in range(len(chain) + 1):
        heads = date_heads(trigger, chain[:level])
        for timex, value in dated:
            if governed_by(doc, timex.span, heads):
                return value, timex.span
    free = [
        (t, v)
        for t, v in dated
        if t.span not in taken
        and _modifies_a_governing_verb(doc, t.span, trigger)
        and (_clause_contains(doc, t.span, trigger) or trigger.is_ancestor(_root(doc, t.span)))
    ]
    if len({v for _, v in free}) != 1:
        return None, None  # none, or ambiguous
    timex, value = min(free, key=lambda tv: _distance(tv[0].span, trigger.idx))
    return value, timex.span


_REFERENCE_WORDS: Final = frozenset(
    {"since", "before", "after", "until", "till", "by", "from", "following", "ahead", "prior"}
)
_REFERENCE_PAIRS: Final = frozenset({"ahead of", "prior to", "in advance of", "run-up to"})
_WORD: Final = re.compile(r"[A-Za-z][A-Za-z-]*")


#: "Since" or "after" written after a time phrase in Japanese, Chinese and Korean.
_FOLLOWED_BY_SINCE = re.compile(r"\s?(?:以来|以降|以後|以后|之后|이후|이래|부터)")


def is_reference_point(text: str, span: Span) -> bool:
    """Whether the time phrase at `span` is a point of reference, not an event's time:
    it follows since, before, after, until, by, from, ahead of or prior to
    (possibly with "just", "shortly", "the week" between them), or, in Japanese,
    Chinese and Korean, is followed by since or after ("2019年4月以来", "2016년 이후")."""
    if _FOLLOWED_BY_SINCE.match(text, span.end):
        return True
    words = [w.lower() for w in _WORD.findall(text[max(0, span.start - 40) : span.start])][-4:]
    if words and words[-1] in _REFERENCE_WORDS:
        return True
    if len(words) >= 2 and " ".join(words[-2:]) in _REFERENCE_PAIRS:
        return True
    return len(words) >= 3 and " ".join(words[-3:]) in _REFERENCE_PAIRS


def _modifies_a_governing_verb(doc: Doc, span: Span, trigger: Token) -> bool:
    """Whether the phrase hangs off the trigger, a verb that governs it, or a verb of a
    complement clause under it (not of a relative or adverbial clause)."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None:
        return False
    node = phrase.root.head
    if node.dep_ == "prep" or node.pos_ == "ADP":
        node = node.head
    if node.i == trigger.i:
        return True
    if node.pos_ not in {"VERB", "AUX"}:
        return False  # it dates a thing, not a happening ("the first since …")
    if node.is_ancestor(trigger):
        return True
    while node.i != trigger.i:  # a verb the trigger reports on: "fired what … was … on Wednesday"
        if node.dep_ not in {"ccomp", "xcomp", "conj"} and node.pos_ not in {"VERB", "AUX"}:
            return False
        if node.dep_ in _CLAUSES - {"ccomp"} or node.head.i == node.i:
            return False
        node = node.head
    return True


_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})


def _root(doc: Doc, span: Span) -> Token:
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    return phrase.root if phrase is not None else doc[0]


def _clause_contains(doc: Doc, span: Span, trigger: Token) -> bool:
    """Whether the clause the phrase at `span` belongs to also holds `trigger`."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None:
        return False
    clause = phrase.root
    while clause.dep_ not in _CLAUSES and clause.head.i != clause.i:
        clause = clause.head
    return clause.left_edge.i <= trigger.i <= clause.right_edge.i and (
        clause.i == trigger.i or clause.is_ancestor(trigger)
    )


def date_heads(trigger: Token, chain: Sequence[Token]) -> set[int]:
    """Tokens whose time phrases date the event: the trigger, its governors and their
    participial modifiers ("the summit, scheduled for Tuesday")."""
    heads = {trigger.i, *(t.i for t in chain)}
    return heads | {c.i for h in (trigger, *chain) for c in h.children if c.dep_ == "acl"}


def governed_by(doc: Doc, span: Span, heads: set[int]) -> bool:
    """Whether the phrase at `span` hangs (via at most one preposition) off one of `heads`."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None:
        return False
    root = phrase.root
    node = root.head
    if node.dep_ == "prep" or node.pos_ == "ADP":
        node = node.head
    return node.i in heads or (root.dep_ in {"npadvmod", "tmod"} and root.head.i in heads)


def _distance(span: Span, offset: int) -> int:
    return min(abs(span.start - offset), abs(span.end - offset))


def meeting_format(trigger: Token, chain: Sequence[Token]) -> str | None:
    """'virtual', 'phone' or 'in_person' when the report says how the meeting was held."""
    words = [trigger, *trigger.children]
    for head in (trigger, *chain):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"by", "via", "over", "in"}:
                words += list(child.children)
            if child.dep_ == "advmod":
                words += list(child.subtree)
    for word in words:
        found = FORMAT_WORDS.get(word.lower_)
        if found is None or (word.lower_ == "call" and word.pos_ != "NOUN"):
            continue  # "so-called" is no phone call
        if word.lower_ in {"person", "face"} and word.dep_ != "pobj":
            continue  # only "in person", "face to face"
        return found
    return None
