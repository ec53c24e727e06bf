"""Titles that stand for a person without a name: "the Japanese defense minister", "China's
top diplomat", "Seoul's foreign minister", "the foreign minister of Japan".

The parse stage makes each such title of one present holder of one country's office a
mention labelled `TITLE` (kind "person"), so that events take it as a participant and
quotes as a speaker like any name; the entity stage then links it to the person the
report names with that title or to the office's holder at the report's date, and drops
it when neither is sure (`entities.office_titles`). A title with no country ("the
minister") is left to within-report reference (`events.reference`,
`entities.coref.title_references`), which finds the person named before with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.nlp.title_words import (
    CONNECTORS,
    NOT_NOW,
    OFFICE_HEADS,
    PLURAL_HEADS,
    expand_abbreviations,
    is_country_word,
    is_possessive_country,
    is_title_head,
    is_title_token,
    title_word,
)
from storyline.records import Mention, Span

TITLE_LABEL = "TITLE"  # label of a mention that is a title standing for a person
_WORD = re.compile(r"[\w.\-’']+")
_OWNER_END = re.compile(r"(?:['’]s?)?\s*")
_CONNECTOR_TAIL = re.compile(r"(?:\s+(?:of|for|the))*\s*$")
_OFFICE_WORDS = OFFICE_HEADS | {"diplomat"}  # "top diplomat": a foreign minister


def title_phrases(text: str) -> list[Span]:
    """Every title that stands alone, with no name after it: "the Japanese defense minister",
    "China's top diplomat", "foreign minister of Japan". The span runs from a possessive
    owner ("China's") or the first title word to the last, without a leading "the"; a run
    of title words followed by a capitalised name is that name's title and not listed."""
    found: list[Span] = []
    run: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        value, end = word.group(), word.end()
        sentence_end = value.endswith(".") and not is_title_token(value)
        if sentence_end:
            value, end = value.rstrip("."), end - (len(value) - len(value.rstrip(".")))
        joined = bool(run) and not text[run[-1][1] : word.start()].strip()
        if run and not joined:
            found += _standing_alone(text, run)
            run = []
        if is_title_token(value) or (is_possessive_country(value) and not run):
            run.append((word.start(), end))
        else:
            found += _standing_alone(text, run, followed_by=value)
            run = []
        if sentence_end and run:
            found += _standing_alone(text, run)
            run = []
    found += _standing_alone(text, run)
    return found


def _standing_alone(text: str, run: list[tuple[int, int]], followed_by: str = "") -> list[Span]:
    """The run as a title phrase when it has a head and no name follows it."""
    while run and title_word(text[run[0][0] : run[0][1]]) in CONNECTORS:
        run = run[1:]
    while run and title_word(text[run[-1][0] : run[-1][1]]) in CONNECTORS:
        run = run[:-1]
    if not any(is_title_head(text[start:end]) for start, end in run):
        return []
    if followed_by[:1].isupper():
        return []  # "the Japanese defense minister Nobuo Kishi": the name's title
    return [Span(run[0][0], run[-1][1])]


def title_mentions(text: str, mentions: Sequence[Mention], stage: str) -> list[Mention]:
    """The titles of `text` that stand for one present holder of one country's office, as
    `TITLE` mentions clear of the report's other `mentions`: the span is the title without
    a country that is a mention of its own ("secretary of state" of "the U.S. secretary
    of state"), and the mention's `title` the whole phrase, the evidence it is read by."""
    found = []
    for phrase in title_phrases(text):
        words = [title_word(w) for w in expand_abbreviations(phrase.of(text)).split()]
        if not _one_present_officer(words) or not _names_a_country(phrase.of(text)):
            continue
        span = clear_of_mentions(text, phrase, mentions)
        if span is not None:
            found.append(
                Mention(span, span.of(text), TITLE_LABEL, "person", stage, title=phrase.of(text))
            )
    return found


def _one_present_officer(words: list[str]) -> bool:
    """An office's head, one holder ("ministers" are several), the present one ("former",
    "then", "incoming" are not)."""
    return (
        any(w in _OFFICE_WORDS for w in words)
        and not any(w in PLURAL_HEADS for w in words)
        and not any(w in NOT_NOW for w in words)
    )


def _names_a_country(phrase: str) -> bool:
    return any(is_country_word(w) or is_possessive_country(w) for w in _WORD.findall(phrase))


def clear_of_mentions(text: str, phrase: Span, mentions: Sequence[Mention]) -> Span | None:
    """The part of a title phrase around its head that no mention of the report covers:
    "secretary of state" of "U.S. secretary of state", "foreign minister" of "foreign
    minister of Japan" when "U.S." and "Japan" are mentions; None when one covers the head."""
    head = next(
        (w for w in _WORD.finditer(text, phrase.start, phrase.end) if is_title_head(w.group())),
        None,
    )
    if head is None:
        return None
    start, end = phrase.start, phrase.end
    for mention in mentions:
        if not (mention.span.start < phrase.end and phrase.start < mention.span.end):
            continue
        if mention.span.start < head.end() and head.start() < mention.span.end:
            return None
        if mention.span.end <= head.start():
            start = max(start, mention.span.end)
        else:
            end = min(end, mention.span.start)
    owner_end = _OWNER_END.match(text, start)  # the "'s" of a possessive owner
    start = owner_end.end() if owner_end else start
    tail = _CONNECTOR_TAIL.search(text, start, end)
    end = tail.start() if tail else end
    return Span(start, end) if start < end else None
