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

from storyline.nlp.title_words import (
    CONNECTORS,
    is_country_word,
    is_possessive_country,
    is_title_head,
    is_title_token,
    is_title_word,
    strip_possessive,
    title_word,
)

# KIND_BY_LABEL (model labels kept as entity mentions, and the export type they map to)
# is part of the record layer, re-exported here.
from storyline.records import KIND_BY_LABEL as KIND_BY_LABEL
from storyline.records import Mention, Span

_WORD = re.compile(r"[\w.\-’']+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = re.compile(r"^[\s\"“”‘’'«»(\[{,;:.\-–—]+|[\s\"“”‘’'«»)\]},;:\-–—]+$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_LEADING_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Trimmed:
    span: Span
    title: str | None


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
        if all(is_title_word(word) for word in surface.split()):
            return None  # "State Councilor" alone names nobody
        start, title = split_title(text, start, end)
        surface = text[start:end]

    if end <= start or not _LEADING_LETTER.search(surface):
        return None
    return Trimmed(Span(start, end), title)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_MAX_TITLE_WORDS = 8  # "Secretary of State for Foreign and Commonwealth Affairs"


def _title_words_before(text: str, start: int) -> list[re.Match[str]]:
    """The run of title words just before `start`, separated by spaces only, in order; a
    possessive country ("China's", "South Korea's") is the first of them when present."""
    words = list(_WORD.finditer(text, max(0, start - 120), start))
    taken: list[re.Match[str]] = []
    owner = False  # a possessive country was taken: only its other words may come before
    for word in reversed(words[-_MAX_TITLE_WORDS:]):
        if text[word.end() : (taken[-1].start() if taken else start)].strip():
            break  # punctuation between words ends the title
        value = word.group()
        if owner:
            if not is_country_word(value):
                break
        elif is_possessive_country(value):
            if not taken:
                break  # "China's Wang Yi": a possessive before the name is no title
            owner = True
        elif not is_title_token(value):
            break
        taken.append(word)
    taken.reverse()
    return taken


def _countries_in_place(words: list[str]) -> int:
    """How many of `words` form a title, when a country word must either follow a
    connector ("Prime Minister of Japan") or qualify a title word after it ("U.S.
    Secretary", "South Korean President"); a country word that does neither starts the
    name ("Foreign Minister Israel Katz")."""
    country = [is_country_word(w) for w in words]
    after_of = [False] * len(words)
    for i in range(1, len(words)):
        previous = title_word(words[i - 1]) in CONNECTORS or (country[i - 1] and after_of[i - 1])
        after_of[i] = country[i] and previous
    before_title = [False] * len(words)
    for i in range(len(words) - 2, -1, -1):
        qualifies = not country[i + 1] or before_title[i + 1]
        before_title[i] = country[i] and qualifies
    for i, is_country in enumerate(country):
        if is_country and not (after_of[i] or before_title[i]):
            return i
    return len(words)


def split_title(text: str, start: int, end: int) -> tuple[int, str | None]:
    """Where the name starts in the span `start`..`end`, and the title glued to it.

    The title is the run of title words just before the span together with the title
    words the span begins with, so that a model's span that starts inside a title
    ("State Pompeio" of "Secretary of State Pompeio") gives the whole title and the
    bare name. Abbreviations ("PM", "Sec.") and countries ("Japanese", "China's") are
    title words; the title needs a head ("Minister", "Secretary", "PM").
    """
    inside = list(_WORD.finditer(text, start, end))
    lead = 0
    while lead < len(inside) - 1 and is_title_token(inside[lead].group()):
        lead += 1
    before = _title_words_before(text, start)
    words = before + inside[:lead]
    kept = _countries_in_place([w.group() for w in words])
    if kept < len(before):
        words, lead = words[:kept], 0
    else:
        lead = kept - len(before)
        words = words[:kept]
    while words and title_word(words[0].group()) in CONNECTORS:
        words.pop(0)
    while words and title_word(words[-1].group()) in CONNECTORS:
        words.pop()
    if not any(is_title_head(w.group()) for w in words):
        return start, None
    name_start = inside[lead].start() if lead else start
    return name_start, text[words[0].start() : words[-1].end()]


def preceding_title(text: str, start: int) -> str | None:
    """The title phrase just before a name: "Foreign Minister" in "Foreign Minister Motegi"."""
    return split_title(text, start, start)[1]


def _inside_title(text: str, span: Span) -> bool:
    """Whether a span the model took for a body is a word of a title ("Defense" of "Secretary
    of Defense Austin", "Sec" of "Sec. Blinken", "Cabinet" of "Chief Cabinet Secretary"):
    title words only, no country, heading a title or continuing one that a head began, or a
    single word before a head."""
    words = [w.group() for w in _WORD.finditer(text, span.start, span.end)]
    if not words or not all(is_title_token(w) and not is_country_word(w) for w in words):
        return False
    if any(is_title_head(w) for w in words):
        return True
    if any(is_title_head(w.group()) for w in _title_words_before(text, span.start)):
        return True
    following = _NEXT_WORD.match(text, span.end)
    return len(words) == 1 and following is not None and is_title_head(following.group(1))


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
    before_span = _title_words_before(text, span.start)
    if label not in {"GPE", "LOC", "ORG", "NORP", "FAC"} or not before_span:
        return None  # the title must begin before the span: "the Prime Minister's Office"
    if title_word(before_span[-1].group()) in {"the", "and"}:
        return None  # "head of the State Property Agency": a body, not a name
    name_start, title = split_title(text, span.start, span.end)
    if title is None or any(is_title_head(w) for w in _WORD.findall(text, span.start, name_start)):
        return None  # "chief of General Motors": a head inside the span starts a body's name
    before = list(_WORD.finditer(text, max(0, name_start - 40), name_start))
    if not before or title_word(before[-1].group()) in CONNECTORS | {"to"}:
        return None  # "Prime Minister of Japan": the place of the office
    first = _WORD.match(text, name_start)
    if first is None or is_title_word(strip_possessive(first.group())):
        return None  # "Japanese Prime Minister's Office": no name after the title
    end = span.end
    for _ in range(4):
        match = _CAPITALISED_WORD.match(text, end)
        if match is None or match.group(1) in _NOT_NAME_WORDS or is_title_word(match.group(1)):
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
    if label != "PERSON" and _inside_title(text, trimmed.span):
        return None  # "State" of "State Councilor": a word of a title, not a name
    return Mention(
        span=trimmed.span, text=surface, label=label, kind=kind, stage=stage, title=trimmed.title
    )
