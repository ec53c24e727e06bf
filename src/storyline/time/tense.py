"""Which way a time expression looks: the tense of the nearest verb group.

"will be held on the 16th" looks forward, "said on the 10th" looks back. A
part-of-speech tagger would do this better, but the tagger must run at
thousands of sentences a second without a model, so this is a light heuristic
over the words of the sentence:

1. The words are split into *verb groups*: runs of auxiliaries, modals, cue
   verbs ("expected", "scheduled", "plans"), past forms (regular "-ed" and a list
   of irregular ones), "to", "not" and adverbs in "-ly".
2. A group is future if it holds a future cue ("will", "expected", "is to")
   or opens with a modal ("would", "could", "may": "said it would close in
   March" looks forward from the report too), past if it holds "was"/"had"/"has",
   opens with a past form or is a modal perfect ("could have stopped"), present
   if it holds "is"/"says"; a negated "could"/"can" (past ability as often as
   not) and a lone "to" say nothing.
3. The nearest group that says something, looking left within the sentence
   first and then right, gives the tense. Passives and perfects come out right
   because the group is read whole: "will be held" is future, "has been held" past.
4. An expression after "until" ends a state: `tense_until` reads only the verbs
   before it, and a present perfect there ("has postponed the vote until
   Thursday") is a state that still holds, so it looks forward.
5. An expression that is the subject of a reported clause ("said Black Friday would
   be crucial", "said that Monday was the busiest day") takes the tense of that
   clause's verb, just after it, not of the verb of saying before it.
6. `rescheduled_to` tells the new date of a postponement ("postponed to the autumn",
   "was delayed until March", "pushed the vote back to Monday"), which lies ahead.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from storyline.time.lexicon import words

Tense = Literal["past", "present", "future"]

_WINDOW: Final[int] = 14  # words each side; further verbs belong to other clauses
_MAX_CHARS: Final[int] = 260

_FUTURE: Final[frozenset[str]] = frozenset(
    {"will", "shall", "won't", "wont", "gonna", "expected", "expects", "expect", "scheduled",
     "slated", "planned", "plans", "plan", "planning", "intends", "intend", "intended", "due",
     "upcoming", "aims", "aim", "aiming", "poised", "forthcoming", "going", "set", "likely",
     "'ll", "’ll", "hopes", "hope", "hoping", "seeks", "seek", "wants", "want", "pledged",
     "pledges", "vowed", "vows", "promised", "promises", "threatened", "threatens", "agreed"}
)  # fmt: skip
# Cue words that look forward only before "to": "set to", "going to", "agreed to".
_NEEDS_TO: Final[frozenset[str]] = frozenset(
    {"set", "going", "plans", "plan", "wants", "want", "pledged", "pledges", "vowed", "vows",
     "promised", "promises", "threatened", "threatens", "agreed", "seeks", "seek", "hopes", "hope"}
)  # fmt: skip
_MODAL: Final[frozenset[str]] = frozenset(
    {"would", "could", "should", "might", "may", "can", "must", "cannot", "wouldn't",
     "couldn't", "shouldn't", "can't", "'d", "’d"}
)  # fmt: skip
_PAST_AUX: Final[frozenset[str]] = frozenset(
    {"was", "were", "had", "did", "has", "have", "'ve", "’ve", "wasn't", "weren't", "hadn't",
     "didn't", "hasn't", "haven't", "ago"}
)  # fmt: skip
_PRESENT: Final[frozenset[str]] = frozenset(
    {"is", "are", "am", "'s", "’s", "'re", "’re", "does", "do", "says", "say", "isn't",
     "aren't", "doesn't", "don't"}
)  # fmt: skip
_TRANSPARENT: Final[frozenset[str]] = frozenset(
    {"be", "been", "being", "to", "not", "also", "already", "still", "just", "then", "now",
     "only", "again", "never", "jointly", "reportedly", "soon", "later", "first", "n't",
     "remain", "remains", "stay", "stays"}
)  # fmt: skip
_IRREGULAR_PAST: Final[frozenset[str]] = words(
    """said told made took came went gave got began met held led left lost won saw thought
    found kept brought bought sold fell rose grew spoke wrote broke chose drove flew knew sent
    spent built paid stood understood became ran sat struck fought sought taught caught meant
    felt heard hung shot sank threw tore woke wore withdrew undertook overtook forgot arose
    bore bled blew dealt drew drank dug ate fled froze forgave hid laid lit mistook rode rang
    shook shone shrank sang slept spun stole stuck swept swung underwent upheld wept wound
    sprang slid swore taken given done gone seen known shown spoken written chosen begun
    broken driven flown grown risen fallen stolen forgotten"""
)
# Words in -ed that are not past forms, or are adjectives far more often than verbs.
_NOT_PAST: Final[frozenset[str]] = words(
    """need speed seed feed bleed breed proceed exceed succeed indeed hundred embed shed
    armed advanced based limited united related detailed supposed alleged called named
    concerned interested skilled talented aged beloved wicked naked sacred rugged ragged
    crooked dogged kindred"""
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|['’](?:ll|d|ve|s|re)\b")
# A sentence ends at . ! ? before a capital or quote, or at a line break or semicolon.
_BOUNDARY = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])|[;\n]")


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense of the verb group nearest the expression at `text[start:end]`."""
    left = _words_before(text, start)
    right_text = text[end : end + _MAX_CHARS]
    if (stop := _BOUNDARY.search(right_text)) is not None:
        right_text = right_text[: stop.start()]
    right = _verbs_of(_WORD.findall(right_text))[:_WINDOW]
    if _subject_of_reported_clause(text, start, end, right):
        verb = _classify(_groups(right)[0])
        return None if verb is None or verb == "modal" else verb
    for group in reversed(_groups(left)):
        if (found := _classify(group)) is not None:
            return None if found == "modal" else found
    for group in _groups(right):
        if (found := _classify(group)) is not None:
            return None if found == "modal" else found
    return None


def _subject_of_reported_clause(text: str, start: int, end: int, right: list[str]) -> bool:
    """Whether the expression opens a reported clause as its subject: a verb of saying
    or "that" just before it, a finite verb just after it, nothing between them.

    "said Black Friday would be crucial": the clause's verb ("would be") dates it;
    "said Tuesday it would" is not one (a subject comes after the day), nor "the cuts
    announced Tuesday will" (a participle, not a verb of saying, before the day)."""
    before = _LAST_WORD.search(text, max(0, start - 20), start)
    if before is None or before[1].casefold() not in _REPORTING:
        return False
    return _FIRST_WORD.match(text, end) is not None and bool(right) and right[0] in _FINITE


_LAST_WORD: Final = re.compile(r"\b([A-Za-z]+) +$")
_FIRST_WORD: Final = re.compile(r" +[A-Za-z']")
_REPORTING: Final[frozenset[str]] = words(
    """said says say told tells believe believes believed think thinks thought expect
    expects predicted predicts warned warns insisted insists argued argues noted notes
    added adds hoped hopes feared fears that"""
)
# The first word of a finite verb group: an auxiliary, a modal, "will".
_FINITE: Final[frozenset[str]] = words(
    """will would could should might may can must shall won't wouldn't couldn't 'll
    is are was were has have had isn't aren't wasn't weren't hasn't haven't hadn't"""
)


def rescheduled_to(text: str, start: int) -> bool:
    """Whether the expression at `start` is the new date of a postponement: "to",
    "until", "till" or "for" just before it, after a verb of putting off ("postponed",
    "delayed", "deferred", "rescheduled", "adjourned"; "pushed back", "put off", "moved
    back") with no other verb between. A date things are put off to lies after the
    report: "the election has been postponed to the autumn"."""
    before = _words_before(text, start)
    if not before or before[-1] not in ("to", "until", "till", "for"):
        return False
    clause = before[:-1]
    for index in range(len(clause) - 1, max(-1, len(clause) - 6), -1):
        word = clause[index]
        if word.startswith(_PUT_OFF_STEMS):
            return True
        if word in _PUT_OFF_PARTICLES:
            return any(w.startswith(_PUT_OFF_VERBS) for w in clause[max(0, index - 4) : index])
        if _is_member(word):
            return False  # another verb nearer: "postponed the talks that began in May"
    return False


_PUT_OFF_STEMS: Final = ("postpon", "delay", "defer", "reschedul", "adjourn")
_PUT_OFF_VERBS: Final = ("push", "put", "move", "set")
_PUT_OFF_PARTICLES: Final[frozenset[str]] = frozenset({"back", "off"})


def _words_before(text: str, start: int) -> list[str]:
    """The words of the sentence before `start`, casefolded, at most `_WINDOW` of them."""
    left_text = text[max(0, start - _MAX_CHARS) : start]
    boundaries = [m.end() for m in _BOUNDARY.finditer(left_text)]
    if boundaries:
        left_text = left_text[boundaries[-1] :]
    return _verbs_of(_WORD.findall(left_text))[-_WINDOW:]


def _verbs_of(found: list[str]) -> list[str]:
    """The words casefolded, a possessive "'s" ("GM's March meeting") made a non-verb:
    in news "'s" is "is" or "has" after a pronoun, and a possessive after a name."""
    out = [w.casefold() for w in found]
    for index, word in enumerate(out):
        if word in ("'s", "’s") and (index == 0 or out[index - 1] not in _PRONOUNS):
            out[index] = "(of)"
    return out


_PRONOUNS: Final[frozenset[str]] = words(
    "it he she that there here what who where which this everyone nobody let"
)


def tense_until(text: str, start: int, end: int) -> Tense | None:
    """The tense of the state that "until" + the expression at `text[start:end]` ends.

    Only the verbs to its left count (a reporting verb after it says nothing of the
    state); a lone participle just before "until" is the state's complement, not its
    verb ("has kept the markets closed until Friday"); and a present perfect or
    "remains"/"stays" is present, since the state still holds at the report's date
    ("has postponed the vote until Thursday" looks forward).
    """
    left = _words_before(text, start)
    groups = _groups(left)
    last = groups[-1][0] if groups and len(groups[-1]) == 1 else ""
    if len(groups) > 1 and left[-2:] == [last, "until"] and _is_past_form(last):
        groups = groups[:-1]
    for group in reversed(groups):
        if _present_perfect(group):
            return "present"
        if (found := _classify(group)) is not None:
            return None if found == "modal" else found
        if any(w in _STATE for w in group):
            return "present"
    return None


_DETERMINERS: Final[frozenset[str]] = words(
    "the a an its their his her our this that these those some all any each every"
)
_SET_BY: Final[tuple[list[str], ...]] = (["is"], ["are"], ["'s"], ["’s"], ["'re"], ["been"])
_STATE: Final[frozenset[str]] = frozenset({"remain", "remains", "stay", "stays"})


def _present_perfect(group: list[str]) -> bool:
    """ "has continued", "have been suspended": a state that reaches the present."""
    first = next((w for w in group if w not in _TRANSPARENT and not w.endswith("ly")), "")
    if first not in ("has", "have", "'ve", "’ve"):
        return False
    rest = group[group.index(first) + 1 :]
    return any(_is_past_form(w) or w == "been" for w in rest)


def _is_past_form(word: str) -> bool:
    if word in _IRREGULAR_PAST:
        return True
    if len(word) < 5 or word in _NOT_PAST or not word.endswith("ed"):
        return False
    return not word.endswith("eed") or word in ("agreed", "freed", "guaranteed", "decreed")


def _is_member(word: str) -> bool:
    return (
        word in _FUTURE
        or word in _MODAL
        or word in _PAST_AUX
        or word in _PRESENT
        or word in _TRANSPARENT
        or (word.endswith("ly") and len(word) > 4)
        or _is_past_form(word)
    )


def _groups(words: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    for index, word in enumerate(words):
        if word == "to" and words[index + 1 : index + 2] and words[index + 1] in _DETERMINERS:
            word = "(to)"  # "agreed to the concessions": a preposition, not an infinitive
        if _is_member(word):
            current.append(word)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _modal(group: list[str]) -> Tense | Literal["modal"]:
    """A modal group: "could have stopped" looks back, "could resume", "would be held"
    (also in reported speech: "said it would close") and "may cut" look forward;
    a negated "could"/"can" ("could not meet its targets") is as often past ability."""
    rest = group[1:]
    if any(w in ("have", "'ve", "’ve") for w in rest):
        return "past"
    negated = group[0] in _NEGATED_ABILITY or "not" in rest or "n't" in rest
    if negated and group[0] in _NEGATED_ABILITY | {"could", "can"}:
        return "modal"
    return "future"


_NEGATED_ABILITY: Final[frozenset[str]] = frozenset({"couldn't", "can't", "cannot"})


def _classify(words: list[str]) -> Tense | Literal["modal"] | None:
    # "set" the past form, "going" the gerund, "plan" the noun: cues only before "to";
    # and "set" closing a present passive ("the vote is set for Monday").
    group: list[str] = []
    for index, word in enumerate(words):
        before_to = words[index + 1 : index + 2] == ["to"]
        passive_set = (
            word == "set" and index + 1 == len(words) and words[index - 1 : index] in _SET_BY
        )
        if word not in _NEEDS_TO or before_to or passive_set:
            group.append(word)
        elif _is_past_form(word):
            group.append("had")  # "agreed" with no "to" after it: a past form, no cue
    if not group:
        return None
    for index, word in enumerate(group):
        after = group[index + 1] if index + 1 < len(group) else ""
        if word in ("likely", "due") and after not in ("to", ""):
            continue
        if word in _FUTURE or word.endswith(("'ll", "’ll")):
            return "future"
        if word in ("is", "are", "am", "was", "were") and after == "to":
            return "future"  # "is to visit", "was to be held" (future in the past)
    if group[0] == "to" and len(group) > 1:
        return "future"  # "to be held", "to meet": an infinitive looks forward
    first = next((w for w in group if w not in _TRANSPARENT and not w.endswith("ly")), "")
    if first in _MODAL:
        return _modal(group[group.index(first) :])
    if first in _PAST_AUX and first not in ("has", "have", "'ve", "’ve"):
        return "past"
    if first in ("has", "have", "'ve", "’ve"):
        # "has held" is past; "has a June 1 deadline" is a present possession.
        rest = group[group.index(first) + 1 :]
        return "past" if any(_is_past_form(w) or w == "been" for w in rest) else "present"
    if _is_past_form(first):
        return "past"
    if any(w in _PRESENT for w in group):
        return "present"
    return None
