"""What the debris rules read about a paragraph: its features and its position.

`describe` turns one paragraph into a `Line` (words, marker, punctuation,
capitals, navigation words); the walk over a report adds a `Context` (after a
caption, inside a quotation, at the end of the body, under a list header).
The rules that weigh these live in `line_rules`. `is_notice` tells a line that
is a notice about the page rather than part of it (reprint terms, cookies, a
paywall, "enable JavaScript"); the HTML extractor uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.clean.paragraphs import ends_sentence
from storyline.clean.vocabulary import (
    ABBREVIATIONS,
    ALNUM,
    COPYRIGHT_SIGNS,
    END_TAIL,
    INNER_BREAK,
    MARKER,
    MINOR_WORDS,
    NAV_FIRST_WORDS,
    NAV_LONGEST,
    NAV_PHRASE_STARTS,
    NAV_SPLIT,
    NAV_TERMS,
    OPENERS,
    PERIOD_END,
    PROSE_WORDS,
    SEPARATORS,
    TITLE_MAX_WORDS,
    UNSPACED_CHAR,
    WORD_BEFORE,
)

#: A notice is short: a paragraph longer than this is prose that mentions such things.
NOTICE_MAX_WORDS = 60
# What a page says about itself instead of an article: reprint and copyright terms,
# cookie banners, paywalls and subscription prompts, script and ad-blocker warnings.
# Phrases, not single words, so prose that mentions cookies or subscribers stays.
_NOTICE = re.compile(
    r"for (?:your )?personal,? non-?commercial use|presentation-ready copies"
    r"|(?:order|buy|purchase) (?:a )?reprints?|reprints? (?:and|&) permissions"
    r"|may not be (?:re)?published,? broadcast|all rights reserved|alle rechte vorbehalten"
    r"|tous droits réservés|todos los derechos reservados"
    r"|(?:we|(?:this|our) (?:web ?)?site|(?:this|our) website) uses? cookies"
    r"|(?:accept|allow|reject) (?:all )?cookies|cookie (?:policy|settings|preferences|consent)"
    r"|(?:enable|activate|turn on) (?:your )?javascript|javascript (?:is )?(?:disabled|required)"
    r"|javascript (?:must|needs to) be (?:enabled|turned on)"
    r"|(?:disable|turn off) (?:your )?ad ?blocker"
    r"|(?:subscribe|log in|login|sign in|register) (?:now |today )?to"
    r" (?:continue|read|keep reading)"
    r"|to continue reading|(?:already|become) a (?:subscriber|member)\b|subscribers? only"
    r"|(?:subscription|registration) (?:is )?required|reached (?:your|the) (?:free )?article limit"
    r"|(?:free )?articles? remaining|your browser (?:does not|doesn't) support",
    re.IGNORECASE,
)


def is_notice(text: str) -> bool:
    """Whether a paragraph is a notice about the page (reprints, cookies, paywall ...)."""
    return _NOTICE.search(text) is not None and len(text.split()) <= NOTICE_MAX_WORDS


@dataclass(frozen=True, slots=True)
class Line:
    """The features of one paragraph that the rules read."""

    text: str
    marker: str | None  # a leading symbol such as ▲ or •
    tokens: tuple[str, ...]  # after the marker
    words: int  # tokens with a letter or digit
    prose: bool  # a long finished sentence: only `line_rules.PROSE_RULES` apply
    separators: int  # tokens such as "|" or ">" between words
    ends_sentence: bool
    ends_with_period: bool
    inner_break: bool  # a sentence ends inside the line ("conference. announced")
    capitalised: float | None  # share of capitalised content words; None if < 2 or long
    nav_words: int  # words covered by navigation terms
    nav_terms: int
    nav_strong: int
    photo_terms: int


@dataclass(frozen=True, slots=True)
class Context:
    """Where a paragraph stands in its report, as far as the walk has seen."""

    after_caption: bool  # the paragraph above was removed as a caption or picture furniture
    in_quotation: bool
    last_long: bool  # no paragraph below has 8 words or more: the end of the body
    in_link_list: bool  # below a "Related articles" header, with only debris between


def describe(text: str) -> Line:
    """The features of one paragraph (white space already collapsed)."""
    marker_match = MARKER.match(text)
    marker = marker_match.group(0).strip() if marker_match else None
    body = text[marker_match.end() :] if marker_match else text
    tokens = tuple(piece for token in body.split() for piece in _word_pieces(token))
    symbols = [t for t in tokens if not t[0].isalnum() and not ALNUM.search(t)]
    words = len(tokens) - len(symbols)
    finished = ends_sentence(text)
    prose = _is_prose(words, finished, marker)
    nav_words, nav_terms, nav_strong, photo_terms = (0,) * 4 if prose else _navigation_terms(body)
    return Line(
        text=text,
        marker=marker,
        tokens=tokens,
        words=words,
        prose=prose,
        separators=sum(symbol in SEPARATORS for symbol in symbols),
        ends_sentence=finished,
        ends_with_period=bool(PERIOD_END.search(text[-END_TAIL:])),
        inner_break=not finished and _has_inner_break(body),
        capitalised=_capitalised_share(tokens) if len(tokens) <= TITLE_MAX_WORDS else None,
        nav_words=nav_words,
        nav_terms=nav_terms,
        nav_strong=nav_strong,
        photo_terms=photo_terms,
    )


def _word_pieces(token: str) -> list[str]:
    """A space-separated token, cut into word-sized pieces where it is Chinese or Japanese
    (written without spaces): two characters a piece, about a word there, so that a
    sentence of them is not taken for a single word."""
    if len(UNSPACED_CHAR.findall(token)) < 3:
        return [token]
    return [token[i : i + 2] for i in range(0, len(token), 2)]


def _is_prose(words: int, ends_sentence: bool, marker: str | None) -> bool:
    return words >= PROSE_WORDS and ends_sentence and marker is None


def _navigation_terms(text: str) -> tuple[int, int, int, int]:
    """Words covered by navigation terms, and counts of terms, strong and photo terms."""
    tokens = text.lower().encode("ascii", "replace").translate(NAV_SPLIT).split()
    words = terms = strong = sum(sign in text for sign in COPYRIGHT_SIGNS)
    photo = 0
    covered = 0  # tokens before this index belong to a phrase already counted
    for at in [at for at, token in enumerate(tokens) if token in NAV_FIRST_WORDS]:
        if at < covered:
            continue
        size, strength = 1, NAV_TERMS.get(tokens[at])
        if tokens[at] in NAV_PHRASE_STARTS:
            # The longest phrase wins: "related articles" before "related".
            for length in range(min(NAV_LONGEST, len(tokens) - at), 1, -1):
                phrase = NAV_TERMS.get(b" ".join(tokens[at : at + length]))
                if phrase is not None:
                    size, strength = length, phrase
                    break
        if strength is not None:
            words += size
            terms += 1
            strong += strength.startswith("strong")
            photo += strength.endswith("photo")
            covered = at + size
    return words, terms, strong, photo


def _has_inner_break(text: str) -> bool:
    for match in INNER_BREAK.finditer(text):
        word = WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word is None:
            continue
        found = word.group(0)
        if len(found) < 2 or found.casefold() in ABBREVIATIONS:
            continue
        if found.isupper() and len(found) <= 3:
            continue  # "UN." in "the U.N. said" style initialisms
        return True
    return False


def _capitalised_share(tokens: Sequence[str]) -> float | None:
    """Share of content words that start with a capital; minor words and numbers don't count."""
    content = capitalised = 0
    for token in tokens:
        word = token.lstrip(OPENERS)
        if not word:
            continue
        if word[0].isupper():
            content += 1
            capitalised += 1
        elif word[0].islower() and word.rstrip(",.;:!?").casefold() not in MINOR_WORDS:
            content += 1
    return capitalised / content if content >= 2 else None
