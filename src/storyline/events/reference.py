"""Who a pronoun, a title or a counted group stands for, among the names a report used before.

An event's subject or object is often no name: "he", "they", "the secretary",
"the two ministers", "Suu Kyi" after "Aung San Suu Kyi". `References` finds
the named mentions such a word stands for, from the parse alone, and only
when the text leaves one reading (a wrong participant is worse than none):

* "he", "she", "him", "her", "his": the person subject of a clause above the
  pronoun in its own sentence ("Jobs said he …"), else the person subject of
  the sentence before ("Blinken spoke. He said …");
* "they", "them", "their": the names of the coordinated subject ("X and Y")
  of a clause above it, or of the sentence before;
* a definite title noun, "the secretary", "the prime minister": the last
  person named before with that title ("Prime Minister Suga");
* a counted people noun, "the two ministers", "both countries", "the four
  leaders": the last group of exactly that many persons (or, for countries,
  countries) named together ("X and Y", "X, Y and Z");
* a one- or two-word person name that is part of a longer person name the
  report uses ("Suu Kyi", "Aung" after "Aung San Suu Kyi"): that full name,
  when only one fits.

A resolved word gives the mention of its antecedent (its span and, once
linked, its entity), so an event's participant is always a name of the report.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from storyline.entities.surface import country_of
from storyline.events.ontology import PERSON_NOUNS
from storyline.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_SINGULAR: Final = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_PLURAL: Final = frozenset({"they", "them", "their", "themselves"})
_NEUTER: Final = frozenset({"it", "its", "itself"})
_BODIES: Final = frozenset({"ORG", "GPE"})
_NUMBERS: Final = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: Nouns for people, that a count ("the two ministers") or a title ("the secretary") heads.
PEOPLE_NOUNS: Final = PERSON_NOUNS | frozenset(
    """
    leader counterpart representative delegate envoy diplomat lawmaker premier chancellor
    spokesman spokeswoman spokesperson man woman
    """.split()  # noqa: SIM905
)
#: Nouns for countries or parties: "the two countries", "both sides".
COUNTRY_NOUNS: Final = frozenset({"country", "nation", "government", "side", "ally", "state"})
_TITLE_PARTS: Final = frozenset({"prime", "foreign", "defense", "defence", "vice", "state"})
_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
_RELATIVE: Final = frozenset({"who", "which", "that"})
_PERSON: Final = "PERSON"


class Names(Protocol):
    """What `References` needs of the report's mentions: the one at a token."""

    def of_token(self, token: Token) -> Mention | None: ...


class References:
    """The named antecedents of pronouns, titles and counted groups in one parsed report."""

    def __init__(self, spacy_doc: Doc, names: Names, mentions: Sequence[Mention]) -> None:
        self._doc = spacy_doc
        self._names = names
        people = sorted((m for m in mentions if m.label == _PERSON), key=lambda m: m.span)
        self._people = people
        self._starts = [m.span.start for m in people]
        self._full = _full_names(spacy_doc, mentions)
        self._groups: list[tuple[int, tuple[Mention, ...]]] | None = None
        self._members: dict[str, tuple[Mention, ...]] | None = None
        self._cache: dict[int, tuple[Mention, ...]] = {}

    def full_name(self, mention: Mention) -> Mention:
        """The longer name a short person name is part of ("Suu Kyi" -> "Aung San Suu Kyi")."""
        return self._full.get(mention.span.start, mention)

    def named(self, mention: Mention) -> tuple[Mention, ...]:
        """The names a name stands for: a group's members when the report lists them
        ("the Quad" after "Japan, Australia and India, a grouping called the Quad"), else
        the name (its full form)."""
        return self.members_of(mention.text) or (self.full_name(mention),)

    def members_of(self, name: str) -> tuple[Mention, ...]:
        """The members the report gives the group called `name`; () when it gives none."""
        if self._members is None:
            self._members = self._group_members()
        return self._members.get(name.lower().removeprefix("the "), ())

    def of(self, token: Token) -> tuple[Mention, ...]:
        """The names `token` stands for; () when it is no reference or its antecedent is unsure."""
        if token.i not in self._cache:
            self._cache[token.i] = ()  # a cycle through subjects resolves to nothing
            self._cache[token.i] = self._resolve(token)
        return self._cache[token.i]

    def _resolve(self, token: Token) -> tuple[Mention, ...]:
        word = token.lower_
        if token.pos_ == "PRON":
            if word in _SINGULAR:
                return self._subject_before(token, plural=False)
            if word in _PLURAL:
                return self._subject_before(token, plural=True)
            if word in _NEUTER:
                return self._subject_before(token, plural=False, labels=_BODIES, across=False)
            return ()
        if token.pos_ not in {"NOUN", "PROPN"} or self._names.of_token(token) is not None:
            return ()
        lemma = token.lemma_.lower()
        if lemma in PEOPLE_NOUNS and token.tag_ == "NNS":
            for child in token.children:  # "the Quad leaders", "the G7 foreign ministers"
                if child.dep_ in {"compound", "nmod"} and (found := self.members_of(child.text)):
                    return found
        if _names_inside(token, self._names):
            return ()
        count = _count_of(token)
        if count is not None and (lemma in PEOPLE_NOUNS or lemma in COUNTRY_NOUNS):
            return self._group_before(token, count, countries=lemma in COUNTRY_NOUNS)
        if count is None and lemma in PERSON_NOUNS and _definite_singular(token):
            return self._titled_before(token)
        return ()

    # --- pronouns ---------------------------------------------------------------------------

    def _subject_before(
        self,
        pronoun: Token,
        *,
        plural: bool,
        labels: frozenset[str] = frozenset({_PERSON}),
        across: bool = True,
    ) -> tuple[Mention, ...]:
        """The names of the subject of a clause above `pronoun`, else (when `across`) of the
        sentence before; a single subject's name must have one of `labels`."""
        node = pronoun
        while node.head.i != node.i:
            node = node.head
            for subject in (c for c in node.children if c.dep_ in _SUBJECTS):
                if subject.i < pronoun.i and not subject.is_ancestor(pronoun):
                    if subject.lower_ in _RELATIVE and node.dep_ == "relcl":
                        subject = node.head  # "Blinken, who is making his first trip"
                    return self._names_of_subject(subject, plural, labels)
        sentence = pronoun.sent
        if sentence.start == 0 or not across:
            return ()
        previous = self._doc[sentence.start - 1].sent
        main = _main_subject(previous)
        return self._names_of_subject(main, plural, labels) if main is not None else ()

    def _names_of_subject(
        self, subject: Token, plural: bool, labels: frozenset[str]
    ) -> tuple[Mention, ...]:
        if subject.pos_ == "PRON":
            found = self.of(subject)
            if (len(found) > 1) != plural or any(m.label not in labels for m in found):
                return ()
            return found
        if plural:  # "X and Y", "Secretary of State X and Defense Secretary Y"
            listed = [self._names.of_token(t) for t in (subject, *subject.conjuncts)]
            if all(m is not None and m.label in _GROUP_LABELS for m in listed):
                people = [m for m in listed if m is not None]
            else:  # persons only: a title's "of State" or "US" names no one
                people = [
                    m
                    for t in _phrase(subject)
                    if (m := self._names.of_token(t)) is not None and m.label == _PERSON
                ]
            group = _distinct(self.full_name(m) for m in people)
            return group if len(group) >= 2 else ()
        if subject.conjuncts:
            return ()
        mention = self._names.of_token(subject)
        if mention is None or mention.label not in labels:
            return ()
        return (self.full_name(mention),)

    # --- titles and counted groups ----------------------------------------------------------

    def _titled_before(self, noun: Token) -> tuple[Mention, ...]:
        """The last person named before `noun` with the title it spells ("the secretary")."""
        words = {t.lower_ for t in noun.lefts if t.dep_ in {"compound", "amod"}} | {noun.lower_}
        position = bisect.bisect_left(self._starts, noun.idx)
        for mention in reversed(self._people[:position]):
            title = set((mention.title or "").lower().split())
            if words <= title:
                return (self.full_name(mention),)
        return ()

    def _group_before(self, noun: Token, count: int, *, countries: bool) -> tuple[Mention, ...]:
        """The last `count` persons (or countries) named together before `noun`."""
        for start, group in reversed(self._named_groups()):
            if start >= noun.idx:
                continue
            kind = [m for m in group if (_is_country(m) if countries else m.label == _PERSON)]
            if len(kind) != count:
                continue
            if countries and self._other_country_between(kind, start, noun):
                return ()  # "officials of the two countries" after talk of a third
            return tuple(kind)
        return ()

    def _other_country_between(self, group: Sequence[Mention], start: int, noun: Token) -> bool:
        """Whether a country outside `group` is named after the group's sentence and
        before `noun` (the two countries a report talks of may have changed)."""
        after = self._doc.char_span(start, start + 1, alignment_mode="expand")
        if after is None:
            return False
        begin = after.sent.end_char
        names = {m.text.lower() for m in group}
        for token in self._doc[after.sent.end : noun.i]:
            mention = self._names.of_token(token)
            if (
                mention is not None
                and mention.span.start >= begin
                and _is_country(mention)
                and mention.text.lower() not in names
            ):
                return True
        return False

    def _named_groups(self) -> list[tuple[int, tuple[Mention, ...]]]:
        """The names of each noun phrase naming two or more ("X and Y", "Secretary of State X
        and Defense Secretary Y", "the ministers of X and Y"), by where the phrase starts;
        the clauses inside a phrase ("X, who …") are not part of it."""
        if self._groups is None:
            self._groups = []
            for token in self._doc:
                if token.dep_ not in _ARGUMENT_DEPS or token.pos_ not in {"NOUN", "PROPN"}:
                    continue
                found = [self._names.of_token(t) for t in _phrase(token)]
                names = _distinct(self.full_name(m) for m in found if m is not None)
                if len(names) >= 2:
                    self._groups.append((token.left_edge.idx, names))
            self._groups.sort(key=lambda g: g[0])
        return self._groups

    def _group_members(self) -> dict[str, tuple[Mention, ...]]:
        """Each group name the report defines by a list of names: "X, Y and Z, a grouping
        called the Quad", "the G7 - X, Y, Z and W -", "X, Y and Z (the Quad)"."""
        out: dict[str, tuple[Mention, ...]] = {}
        for token in self._doc:
            group = self._names.of_token(token)
            if group is None or group.label not in _BODIES:
                continue
            anchor = _listed_with(token)
            if anchor is None:
                continue
            while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
                anchor = anchor.head
            members = self._listed(anchor)
            if len(members) >= 2 and group not in members:
                out.setdefault(group.text.lower().removeprefix("the "), members)
        return out

    def _listed(self, anchor: Token) -> tuple[Mention, ...]:
        """The names of a list ("X, Y and Z") or of a people noun's "of" list."""
        heads = [anchor]
        if self._names.of_token(anchor) is None:
            heads = [p for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        found = [self._names.of_token(t) for h in heads for t in (h, *h.conjuncts)]
        if not found or any(m is None or m.label not in _GROUP_LABELS for m in found):
            return ()
        return tuple(dict.fromkeys(self.full_name(m) for m in found if m is not None))


_NAMING_VERBS: Final = frozenset({"call", "name", "know", "dub"})


def _listed_with(token: Token) -> Token | None:
    """The phrase a group name is said to be: the list it is in apposition with, or what
    "a grouping called <name>" stands beside."""
    if token.dep_ in {"oprd", "attr", "dobj", "pobj"} and token.head.i != token.i:
        verb = token.head.head if token.dep_ == "pobj" else token.head
        if verb.lemma_.lower() in _NAMING_VERBS and verb.dep_ == "acl":
            return _beside(verb.head)
        return None
    if token.dep_ == "appos":
        return token.head
    lists = [c for c in token.children if c.dep_ == "appos"]
    return lists[0] if len(lists) == 1 else None


_GROUP_LABELS: Final = frozenset({"PERSON", "GPE", "ORG", "NORP"})
_ARGUMENT_DEPS: Final = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})
_CLAUSE_DEPS: Final = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


def _distinct(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """The mentions in order, one per name ("U.S." twice is one country)."""
    out: dict[str, Mention] = {}
    for mention in mentions:
        out.setdefault(mention.text.lower(), mention)
    return tuple(out.values())


def _phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase `head` heads, without the clauses hanging off it."""
    out: list[Token] = []
    stack = [head]
    while stack:
        node = stack.pop()
        out.append(node)
        stack += [c for c in node.children if c.dep_ not in _CLAUSE_DEPS]
    return out


def _beside(noun: Token) -> Token | None:
    """What a noun phrase set off by a comma restates: the phrase it is in apposition to,
    or the one just before it that the parse gave the same head ("met X, a grouping …")."""
    if noun.dep_ == "appos":
        return noun.head
    before = noun.doc[noun.left_edge.i - 1] if noun.left_edge.i > 0 else None
    if before is None or before.text != ",":
        return None
    siblings = [c for c in noun.head.children if c.i < noun.i and c.pos_ in {"NOUN", "PROPN"}]
    return siblings[-1] if siblings and siblings[-1].dep_ == noun.dep_ else None


def _is_country(mention: Mention) -> bool:
    return mention.kind == "country" or (
        mention.label == "GPE" and country_of(mention.text) is not None
    )


def _main_subject(sentence: Span) -> Token | None:
    root = sentence.root
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    return subjects[0] if len(subjects) == 1 else None


def _names_inside(token: Token, names: Names) -> bool:
    """Whether the noun phrase of `token` holds a name ("the ministers of Japan")."""
    return any(names.of_token(t) is not None for t in token.subtree if t.i != token.i)


def _count_of(noun: Token) -> int | None:
    """2 for "the two ministers", "both ministers", "the ministers of both"; else None."""
    if noun.tag_ not in {"NNS", "NNPS"}:
        return None
    for child in noun.children:
        if child.dep_ in {"nummod", "det", "predet", "amod"} and child.lower_ in _NUMBERS:
            return _NUMBERS[child.lower_]
        if child.dep_ == "nummod" and child.like_num and child.text.isdigit():
            return int(child.text)
    return None


def _definite_singular(noun: Token) -> bool:
    """ "the secretary", "the prime minister": singular, with "the" and nothing else before."""
    if noun.tag_ not in {"NN", "NNP"}:
        return False
    lefts = list(noun.lefts)
    if not lefts or lefts[0].lower_ != "the":
        return False
    return all(t.dep_ == "compound" or t.lower_ in _TITLE_PARTS for t in lefts[1:])


def _full_names(doc: Doc, mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Each short name's person, by the short one's start: the one person of the report whose
    full name holds it ("Suu Kyi", "Aung" in "Aung San Suu Kyi"). A full name is a person
    mention, or a run of proper nouns the parse compounds together that ends in a person
    mention's words ("Aung San Suu Kyi" where the model saw only "Suu Kyi" as a person). A
    short name is a person's, or a one-word place that is no country (the model's "Aung" or
    "Austin" as a place); a company's name is never taken for its founder's."""
    people = [m for m in mentions if m.label == _PERSON]
    by_words: dict[tuple[str, ...], Mention] = {}
    longer: dict[tuple[str, ...], Mention] = {}
    for mention in people:
        by_words.setdefault(tuple(mention.text.split()), mention)
        longer.setdefault(tuple(mention.text.split()), mention)
    for run in _proper_runs(doc):
        for cut in range(1, len(run) - 1 + 1):
            person = by_words.get(run[cut:])
            if person is not None:
                longer.setdefault(run, person)
                break
    out: dict[int, Mention] = {}
    for mention in mentions:
        words = tuple(mention.text.split())
        if len(words) > 2 or mention.label not in {_PERSON, "GPE"}:
            continue
        if mention.label == "GPE" and (len(words) > 1 or _is_country(mention)):
            continue
        fits = {
            longer[t].span
            for t in longer
            if len(t) > len(words) and _holds(t, words) and longer[t].text != mention.text
        }
        if len(fits) == 1:
            out[mention.span.start] = next(longer[t] for t in longer if longer[t].span in fits)
    return out


def _proper_runs(doc: Doc) -> list[tuple[str, ...]]:
    """The words of each run of two or more proper nouns compounded into the last one."""
    out: list[tuple[str, ...]] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        first = token.i
        while first > 0:
            before = doc[first - 1]
            if before.pos_ != "PROPN" or before.dep_ != "compound":
                break
            if not first - 1 < before.head.i <= token.i:
                break
            first -= 1
        if first < token.i:
            out.append(tuple(t.text for t in doc[first : token.i + 1]))
    return out


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))
