"""Clean-up of named-entity mentions found by the language model.

Models mark "Secretary of State Blinken", "China's", "the State Department",
"U.S.-Japan" in ways that do not name one entity cleanly. These pure functions
trim a raw span to the name itself, keep a preceding title separately (the
entity stage uses it to resolve office holders), and map model labels to the
export's entity types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# KIND_BY_LABEL (model labels kept as entity mentions, and the export type they map to)
# is part of the record layer, re-exported here.
from storyline.records import KIND_BY_LABEL as KIND_BY_LABEL
from storyline.records import Mention, Span

# Words that head a title ("Foreign Minister", "Secretary of State") or modify one.
_TITLE_HEADS = {
    "president",
    "vice",
    "prime",
    "premier",
    "minister",
    "ministers",
    "secretary",
    "secretaries",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "crown",
    "prince",
    "princess",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "commander",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "chief",
    "councillor",
    "councilor",
    "leader",
    "speaker",
    "justice",
    "judge",
    "pope",
    "sheikh",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "lord",
    "deputy",
    "undersecretary",
    "under-secretary",
    "assistant",
    "head",
    "official",
    "officer",
}
_TITLE_MODIFIERS = {
    "of",
    "for",
    "and",
    "the",
    "state",
    "defense",
    "defence",
    "foreign",
    "affairs",
    "national",
    "security",
    "interior",
    "finance",
    "trade",
    "home",
    "economy",
    "justice",
    "white",
    "house",
    "chief",
    "staff",
    "former",
    "acting",
    "interim",
    "senior",
    "top",
    "new",
    "then",
    "us",
    "u.s.",
    "japanese",
    "american",
    "chinese",
    "korean",
    "british",
    "french",
    "russian",
    "executive",
    "general",
    "joint",
    "chiefs",
    "cabinet",
    "first",
    "second",
    "army",
    "navy",
    "air",
    "force",
    "military",
    "intelligence",
    "council",
    "committee",
    "party",
}
_WORD = re.compile(r"[\w.\-’']+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = re.compile(r"^[\s\"“”‘’'«»(\[{,;:.\-–—]+|[\s\"“”‘’'«»)\]},;:\-–—]+$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_LEADING_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Trimmed:
    span: Span
    title: str | None


def _is_title_word(word: str) -> bool:
    lowered = word.lower().rstrip(".")
    return lowered in _TITLE_HEADS or lowered in _TITLE_MODIFIERS


def _has_title_head(words: list[str]) -> bool:
    return any(w.lower().rstrip(".") in _TITLE_HEADS for w in words)


def trim_mention(text: str, span: Span, label: str) -> Trimmed | None:
    """Trim `span` of `text` to the bare name; None when nothing name-like is left."""
    start, end = span.start, span.end
    surface = text[start:end]

    # Punctuation and quotes at either edge.
    while True:
        match = _EDGE_JUNK.search(surface)
        if not match or not match.group():
            break
        if match.start() == 0:
            start += match.end()
        else:
            end -= len(match.group())
        surface = text[start:end]
    # Possessive "China's" / "Japan’s" / "allies'".
    match = _POSSESSIVE.search(surface)
    if match:
        end -= len(match.group())
        surface = text[start:end]
    # A leading article.
    match = _LEADING_THE.match(surface)
    if match:
        start += match.end()
        surface = text[start:end]

    title: str | None = None
    if label == "PERSON":
        if all(_is_title_word(word) for word in surface.split()):
            return None  # "State Councilor" alone names nobody
        start, title = _strip_leading_title(text, start, end)
        surface = text[start:end]
        if title is None:
            title = preceding_title(text, start)

    if end <= start or not _LEADING_LETTER.search(surface):
        return None
    return Trimmed(Span(start, end), title)


def _strip_leading_title(text: str, start: int, end: int) -> tuple[int, str | None]:
    """Move `start` past title words inside the span ("Secretary Blinken" -> "Blinken")."""
    words = list(_WORD.finditer(text, start, end))
    cut = 0
    while cut < len(words) - 1 and _is_title_word(words[cut].group()):
        cut += 1
    if cut == 0 or not _has_title_head([w.group() for w in words[:cut]]):
        return start, None
    title = text[start : words[cut - 1].end()]
    return words[cut].start(), title


def preceding_title(text: str, start: int, max_words: int = 6) -> str | None:
    """The title phrase just before a name: "Foreign Minister" in "Foreign Minister Motegi"."""
    window_start = max(0, start - 80)
    words = list(_WORD.finditer(text, window_start, start))
    taken: list[re.Match[str]] = []
    for word in reversed(words[-max_words:]):
        gap = text[word.end() : (taken[-1].start() if taken else start)]
        if gap.strip():  # punctuation between words ends the title
            break
        if not _is_title_word(word.group()):
            break
        taken.append(word)
    while taken and taken[-1].group().lower() in {"of", "for", "and", "the"}:
        taken.pop()  # a title does not start with a connector
    if not taken or not _has_title_head([w.group() for w in taken]):
        return None
    taken.reverse()
    return text[taken[0].start() : taken[-1].end()]


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def _before_a_title(text: str, end: int) -> bool:
    """Whether the word after `end` is a title head ("Councilor", "Secretary")."""
    match = _NEXT_WORD.match(text, end)
    return match is not None and match.group(1).lower() in _TITLE_HEADS


_CAPITALISED_WORD = re.compile(r"[ \t]+([A-Z][a-z]*(?:-[A-Z][a-z]*)?)\b")
_NOT_NAME_WORDS = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
     "January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December", "I", "The", "And", "Of"}
)  # fmt: skip


def titled_person(text: str, span: Span, label: str) -> tuple[Span, str] | None:
    """A name the model took for a place or a body although a person's title comes just
    before it ("State Councillor Aung San Suu Kyi", the model reading "Aung" as a place):
    the span widened over the capitalised words that follow it, as a person."""
    if label not in {"GPE", "LOC", "ORG", "NORP", "FAC"}:
        return None
    before = list(_WORD.finditer(text, max(0, span.start - 40), span.start))
    if not before or before[-1].group().lower() in {"of", "for", "and", "the", "to"}:
        return None  # "Prime Minister of Japan": the place of the office
    if preceding_title(text, span.start) is None:
        return None
    end = span.end
    for _ in range(4):
        match = _CAPITALISED_WORD.match(text, end)
        if match is None or match.group(1) in _NOT_NAME_WORDS or _is_title_word(match.group(1)):
            break
        end = match.end()
    return Span(span.start, end), "PERSON"


def make_mention(text: str, span: Span, label: str, stage: str) -> Mention | None:
    """A cleaned `Mention`, or None for labels we do not keep or spans with no name left."""
    if (person := titled_person(text, span, label)) is not None:
        span, label = person
    kind = KIND_BY_LABEL.get(label)
    if kind is None:
        return None
    trimmed = trim_mention(text, span, label)
    if trimmed is None:
        return None
    surface = trimmed.span.of(text)
    if label == "PERSON" and not any(ch.isupper() for ch in surface):
        return None  # lower-case "person" names are almost always model errors
    if label == "ORG" and surface.lower() in _TITLE_MODIFIERS and _before_a_title(text, span.end):
        return None  # "State" of "State Councilor": a word of a title, not a name
    return Mention(
        span=trimmed.span, text=surface, label=label, kind=kind, stage=stage, title=trimmed.title
    )
