"""Whether an event happened, is planned, hypothetical or denied, from the parse.

The status is read off the trigger and the predicates that govern it: a noun
trigger's verb ("the talks will be held"), then up through control and
coordination ("is scheduled to meet", "will meet and sign"). Cues, strongest
first: negation or a denying verb → denied; a conditional, a modal or a
disposition ("a willingness to engage in dialogue") → hypothetical; a habit, a
state or a manner rather than a happening ("behavior that threatens", "forces
stationed in Japan", "in consultation with Japan") → generic; future
auxiliaries, plan/expect/schedule verbs and "planned", "upcoming" modifiers →
planned; otherwise happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from spacy.tokens import Token

_FUTURE_AUX: Final = frozenset({"will", "shall", "'ll", "wo", "going"})
_MODAL_AUX: Final = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
_PLAN_WORDS: Final = frozenset(
    """
    plan expect schedule slate set intend aim prepare hope want wish seek propose consider
    decide arrange due likely poised ready agree promise vow pledge postpone delay reschedule
    upcoming forthcoming planned scheduled expected proposed next future slated
    """.split()  # noqa: SIM905
)
_HYPOTHETICAL_WORDS: Final = frozenset(
    """
    possible potential possibility prospect hypothetical threat risk able unlikely contingency
    """.split()  # noqa: SIM905
)
#: Nouns and adjectives of a disposition: what they take is wished, not done or planned.
_DISPOSITION_WORDS: Final = frozenset(
    """
    willingness willing readiness eagerness eager desire openness open reluctance reluctant
    determination determined commitment committed appetite
    """.split()  # noqa: SIM905
)
#: Verbs whose participle, describing a noun, tells where it is rather than a happening.
_STATES: Final = frozenset({"station", "base", "locate", "garrison", "post", "position", "deploy"})
_DENY_WORDS: Final = frozenset(
    """
    deny cancel scrap abandon call-off cancelled canceled scrapped denied
    """.split()  # noqa: SIM905
)
_SPEECH_VERBS: Final = frozenset(
    """
    say state tell announce add note explain report claim insist indicate
    """.split()  # noqa: SIM905
)
_OWN_TIME_MARKS: Final = frozenset({"since", "because", "although", "though", "while"})
_IF_MARKS: Final = frozenset({"if", "unless", "whether"})
_UPCOMING_PREPS: Final = frozenset({"ahead", "before", "prior"})
#: Dependencies that climb from a noun trigger to the verb that governs it.
_NOUN_TO_VERB: Final = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
#: Dependencies that climb from a predicate to one that governs its status.
_CLIMB: Final = frozenset({"xcomp", "conj", "acomp"})


def governors(trigger: Token, light_verb: Token | None = None) -> list[Token]:
    """The predicates above `trigger` whose status, subject, place and date it inherits."""
    chain: list[Token] = []
    node = light_verb if light_verb is not None else _noun_governor(trigger)
    steps = 0
    while node is not None and steps < 4 and node not in chain and node.i != trigger.i:
        chain.append(node)
        if node.dep_ in _CLIMB and node.head.i != node.i:
            node = node.head
            steps += 1
        else:
            break
    if trigger.pos_ in {"VERB", "AUX"}:
        node = trigger
        while node.dep_ in _CLIMB and node.head.i != node.i and len(chain) < 4:
            node = node.head
            if node not in chain:
                chain.append(node)
    return chain


def _noun_governor(trigger: Token) -> Token | None:
    if trigger.pos_ in {"VERB", "AUX"}:
        return None
    if trigger.dep_ in _NOUN_TO_VERB and trigger.head.pos_ in {"VERB", "AUX"}:
        return trigger.head
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        governor = trigger.head.head
        preposition = trigger.head.lower_
        if governor.pos_ in {"VERB", "AUX"} and preposition in {"for", "in", "at", "during"}:
            return governor
        if governor.pos_ in {"NOUN", "PROPN"} and preposition == "for":
            return governor  # "a visit to Washington for talks with Biden"
    return None


def status_of(trigger: Token, chain: list[Token], extra: tuple[Token, ...] = ()) -> str:
    """'happened', 'planned', 'hypothetical' or 'denied' for the event named by `trigger`.

    `extra` are further words that name the same event (a noun trigger that a
    verb trigger absorbed: "meet for talks slated for Tuesday").
    """
    nodes = [trigger, *chain, *extra]
    if any(_denies(node, node.i == trigger.i) for node in nodes):
        return "denied"
    nodes += _enclosing(chain[-1] if chain else trigger)
    if _hypothetical(trigger, nodes) or _disposition(chain[-1] if chain else trigger):
        return "hypothetical"
    if _generic(trigger, chain):
        return "generic"
    if _planned(trigger, nodes):
        return "planned"
    return "happened"


def _disposition(top: Token) -> bool:
    """'a willingness to engage in dialogue', 'ready and willing to talk'."""
    for _ in range(3):
        if top.dep_ in {"acl", "xcomp"} and top.head.lemma_.lower() in _DISPOSITION_WORDS:
            return _infinitive(top)
        if top.dep_ not in _CLIMB or top.head.i == top.i:
            return False
        top = top.head
    return False


def _generic(trigger: Token, chain: list[Token]) -> bool:
    """A habit, a state or a manner, not one happening: a present-tense relative clause
    ("behavior that threatens"), a participle that describes its noun with no time of
    its own ("forces stationed in Japan"), a noun of manner ("in consultation with")."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else (chain[0] if chain else None)
    if verb is not None and verb.dep_ == "relcl" and verb.tag_ in {"VBZ", "VBP"}:
        return not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.lemma_.lower() in _STATES:
        return not any(t.ent_type_ in {"DATE", "TIME"} for t in trigger.subtree)
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" and trigger.pos_ == "NOUN":
        bare = not any(c.dep_ in {"det", "poss", "nummod", "amod"} for c in trigger.children)
        with_someone = any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children)
        return bare and with_someone and trigger.head.head.lemma_.lower() != "be"
    return False


def _enclosing(top: Token) -> list[Token]:
    """Predicates of the clause that an adverbial clause hangs off ("when they meet"),
    or the plan noun an infinitive completes ("plans to deploy")."""
    out: list[Token] = []
    for _ in range(2):
        if _finite_past(top):
            return out  # "after the approach was criticized": its own tense
        if top.dep_ == "advcl" and not any(c.lower_ in _OWN_TIME_MARKS for c in top.children):
            top = top.head
        elif top.dep_ == "pcomp" and top.head.dep_ == "prep":
            top = top.head.head  # "after visiting Japan, they will travel"
        elif top.dep_ == "acl" and top.head.lemma_.lower() in _PLAN_WORDS:
            return [*out, top.head]
        else:
            return out
        out.append(top)
        while top.dep_ in _CLIMB and top.head.i != top.i and len(out) < 6:
            top = top.head
            out.append(top)
    return out


def _finite_past(verb: Token) -> bool:
    return verb.tag_ == "VBD" or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP"} and c.lower_ != "will"
        for c in verb.children
    )


def _denies(node: Token, is_trigger: bool) -> bool:
    for child in node.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ in {"amod", "acl"} and child.lemma_.lower() in _DENY_WORDS:
            return True
    if is_trigger:
        head = node.head
        return head.i != node.i and head.lemma_.lower() in _DENY_WORDS
    return node.lemma_.lower() in _DENY_WORDS or _phrasal(node) == "call-off"


def _phrasal(node: Token) -> str:
    particles = [c.lower_ for c in node.children if c.dep_ == "prt"]
    return f"{node.lemma_.lower()}-{particles[0]}" if particles else node.lemma_.lower()


def _hypothetical(trigger: Token, nodes: list[Token]) -> bool:
    for node in nodes:
        for child in node.children:
            modal = child.dep_ in {"aux", "auxpass"} and child.lower_ in _MODAL_AUX
            if modal and not _future_in_past(node):
                return True
            if child.dep_ == "mark" and child.lower_ in _IF_MARKS:
                return True
            if child.dep_ == "amod" and child.lemma_.lower() in _HYPOTHETICAL_WORDS:
                return True
        if node.i != trigger.i and node.pos_ == "ADJ" and node.lemma_.lower() in {"possible"}:
            return True
        if node.dep_ == "advcl" and any(c.lower_ in _IF_MARKS for c in node.children):
            return True
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ == "of":
        owner = head.head
        if owner.lemma_.lower() in _HYPOTHETICAL_WORDS or owner.lower_ == "event":
            return True
    return False


def _future_in_past(node: Token) -> bool:
    """'He said he would visit': a modal in reported speech is a planned, not a hypothetical."""
    would = any(c.lower_ in {"would", "'d"} for c in node.children if c.dep_ == "aux")
    return would and node.dep_ == "ccomp" and node.head.lemma_.lower() in _SPEECH_VERBS


def _planned(trigger: Token, nodes: list[Token]) -> bool:
    for node in nodes:
        for child in node.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in _FUTURE_AUX:
                return True
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in {"would", "'d"}:
                return True  # only reached for reported speech (see `_hypothetical`)
            if child.dep_ in {"amod", "acl", "advmod"} and child.lemma_.lower() in _PLAN_WORDS:
                return True
            if child.dep_ == "acl" and _infinitive(child):
                return True
        if node.i != trigger.i and node.lemma_.lower() in _PLAN_WORDS:
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in {"be", "go"} and _infinitive(node):
            return True  # "is to visit", "is going to visit"
    return _upcoming(trigger)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _upcoming(trigger: Token) -> bool:
    """'ahead of the summit', 'prior to the talks'."""
    if trigger.dep_ != "pobj":
        return False
    prep = trigger.head
    if prep.lower_ == "of" and prep.head.lower_ in _UPCOMING_PREPS:
        return True
    return prep.lower_ in {"to", "before"} and prep.head.lower_ in _UPCOMING_PREPS | {"before"}
