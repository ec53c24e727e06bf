"""Drop page debris from a report's plain text, keeping its body, title and dateline.

Scraped and machine-translated reports carry the page around the article:
"Loading", "Search", "Comment(s) Write comment", photo captions, sub-heads,
copyright lines. Nothing here lists such lines. Each paragraph is described by
a few line features (`_describe`); each rule in `_RULES` turns one feature into
evidence for (positive weight) or against (negative weight) debris, with a
note; a paragraph whose evidence sums to `_DROP_AT` or more is removed. The
strongest positive evidence names what the line is (debris, caption or
sub-head) and the notes form the reason, so every decision reads back:
"no sentence punctuation, 6 words: short, 100% capitalised (score 2.50): sub-head".

Position adds what one line cannot tell: above the first body paragraph a
headline-like line is the title and a dateline line is the dateline; the first
body paragraph may open with a dateline, which is split off; a short line just
after a photo caption belongs to the caption; lines inside a quotation that
closes further down are body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from types import MappingProxyType

from storyline.clean.dateline import (
    MONTH_PATTERN,
    Dateline,
    find_dateline,
    split_leading_dateline,
)
from storyline.records import RemovedLine

STAGE = "clean.debris.v1"

#: A paragraph whose summed evidence reaches this is removed. One weak signal (no
#: final full stop, a short line, capitals) never reaches it alone.
_DROP_AT = 1.5
#: A line the source repeats in many reports stays when it is a sentence this long.
_BOILERPLATE_PROSE_WORDS = 12
#: A line ending a sentence with this many words is prose (see `_PROSE_RULES`).
_PROSE_WORDS = 25
#: A headline has at most this many words.
_TITLE_MAX_WORDS = 25
#: Captions are at most this long; longer paragraphs are not checked for credits.
_CAPTION_MAX_WORDS = 60
#: Photo credits and caption dates are looked for in this many last characters.
_CREDIT_TAIL = 120
#: A line's closing punctuation lies within this many last characters.
_END_TAIL = 12
#: How many paragraphs below an open quotation may close.
_QUOTE_REACH = 4

_KIND_LABEL = MappingProxyType(
    {"debris": "page debris", "caption": "photo caption", "heading": "sub-head"}
)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """A report's body with its debris removed, and what was removed."""

    text: str  # kept paragraphs joined by "\n\n", white space collapsed
    title: str | None  # the known title, or a headline found at the top
    dateline: str | None  # the dateline as it appeared, e.g. "Tokyo, 7 January, /AJMEDIA/"
    removed: tuple[RemovedLine, ...]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Text into paragraphs -------------------------------------------------------------

_INVISIBLE = MappingProxyType(
    dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’»)\]]*|[”\"»])$")
_PERIOD_END = re.compile(r"[.…][\"'”’»)\]]*$")
_QUOTE_END = re.compile(r"[”\"»][)\]]?$")
_QUOTE_MARKS = '“”"«»'


def line_key(line: str) -> str:
    """The key under which a line is counted across the reports of one source.

    Case, white space, invisible characters and digits are folded, so "Comments (3)"
    and "comments (12)" are one line.
    """
    collapsed = " ".join(line.translate(_INVISIBLE).split())
    return _DIGITS.sub("0", collapsed.casefold())


def _ends_sentence(text: str) -> bool:
    if _SENTENCE_END.search(text[-_END_TAIL:]):
        return True
    # ’ closes a quotation only when one was opened; otherwise it is "ministers’".
    return text.endswith("’") and "‘" in text


def _paragraphs(raw: str) -> list[str]:
    """Blocks between blank lines, split into lines, with broken lines re-joined."""
    if any(chr(code) in raw for code in _INVISIBLE):  # translate is slow on non-ASCII
        raw = raw.translate(_INVISIBLE)
    paragraphs: list[str] = []
    block: list[str] = []
    for raw_line in raw.splitlines():
        line = " ".join(raw_line.split())
        if line:
            block.append(line)
        elif block:
            paragraphs.extend(_unwrap(block))
            block = []
    if block:
        paragraphs.extend(_unwrap(block))
    return paragraphs


def _unwrap(block: list[str]) -> list[str]:
    """Join lines that continue the line above; otherwise each line is a paragraph."""
    width = max(map(len, block[:-1])) if _hard_wrapped(block) else 0
    joined = [block[0]]
    for above, line in zip(block, block[1:], strict=False):
        if _continues(above, line, width):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _hard_wrapped(block: list[str]) -> bool:
    """Lines cut at a fixed width: 3+ lines of near-equal width, mostly cut mid-sentence,
    many going on in lower case (a list of headlines has none that do)."""
    if len(block) < 3:
        return False
    widths = [len(line) for line in block[:-1]]
    widest = max(widths)
    cut = sum(not _ends_sentence(line) for line in block[:-1])
    lower = sum(line[0].islower() for line in block[1:])
    return (
        40 <= widest <= 100
        and min(widths) >= 0.7 * widest
        and 2 * cut >= len(widths)
        and 3 * lower >= len(block) - 1
    )


def _continues(above: str, line: str, width: int) -> bool:
    """Whether `line` goes on with the sentence of `above`; `width` is a wrap width or 0."""
    if _ends_sentence(above) or above.endswith(":"):
        return False
    # A wrap breaks a line where the next word would not have fitted on it (give or
    # take a tenth for hand-wrapped text); a list of lines of similar width breaks anywhere.
    if width and len(above) + 1 + len(line.split(" ", 1)[0]) > 0.9 * width:
        return True
    # A lower-case line after an unfinished one is the rest of its sentence.
    return line[0].islower() and len(above.split()) >= 3 and len(line.split()) >= 2


def _quotation_spans(paragraphs: Sequence[str]) -> list[bool]:
    """Paragraphs of a quotation left open at the end of one paragraph and closed,
    at the end of a sentence, by the first quote mark of a paragraph below."""
    inside = [False] * len(paragraphs)
    start = 0
    while start < len(paragraphs):
        if _quote_mark(paragraphs[start], last=True) == "open":
            for end in range(start + 1, min(start + 1 + _QUOTE_REACH, len(paragraphs))):
                text = paragraphs[end]
                mark = _quote_mark(text, last=False)
                if mark == "close" and _ends_sentence(text):
                    inside[start : end + 1] = [True] * (end + 1 - start)
                    start = end
                    break
                if mark is not None:
                    break  # another quotation starts: the open one did not close here
        start += 1
    return inside


def _quote_mark(text: str, *, last: bool) -> str | None:
    """The last (or first) double quote mark in `text`: "open", "close" or None."""
    found = [(text.rfind(m) if last else text.find(m), m) for m in _QUOTE_MARKS if m in text]
    if not found:
        return None
    at, mark = max(found) if last else min(found)
    if mark in "“«":
        return "open"
    if mark in "”»":
        return "close"
    # A straight quote opens where a word starts right after it.
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = (before.isspace() or before in "([—–-") and not after.isspace()
    return "open" if opens else "close"


# --- Line features --------------------------------------------------------------------

_PHOTO_MARKS = "▲▼△▽"  # Korean and Japanese papers open photo captions with these
_LINK_MARKS = "☞▶►▷→⇒➤➡›"  # "see also" links and "watch" buttons
_NOTE_MARKS = "※"  # editor's notes: translation, reproduction prohibited
_MARKER = re.compile(r"^(?:[▲▼△▽☞▶►▷→⇒➤➡›•·●○■□◆◇◎★☆▪▫◦‣⁃※]+|[*>\-–—»]+(?=\s))\s*")
_ALNUM = re.compile(r"[^\W_]")
_SEPARATORS = _wordset("| > » › / · • :: → ‹ «")
_OPENERS = "\"'“‘«([{—–-"
_MINOR_WORDS = _wordset(
    "a an the and or nor but of in on at to for by with from as into onto over per via vs "
    "vs. versus & 's"
)
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr jr sr st mt ft gen lt col maj capt cmdr adm sgt gov sen rep amb prof rev hon "
    "pres no nos vol fig pp approx est dept inc ltd co corp bros vs etc jan feb mar apr jun jul "
    "aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd rd"
)
# "said. He", "conference. announced": a full stop inside the line, after a word
# that is not an abbreviation or an initial ("U.S. Secretary", "Jan. 8").
_INNER_BREAK = re.compile(r"(?<=\w)[.!?][\"'”’)\]]*\s+(?=\S)")
_WORD_BEFORE = re.compile(r"[\w'’\-]+$")

# Navigation and page-furniture vocabulary. Strong terms almost never occur in news
# prose; weak ones do ("share concerns", "a photo") and count only by their share of
# a line. Photo terms mark picture furniture, after which a short line is a caption.
# Words are split at punctuation, so "comment(s)" is "comment s" and "e-mail" "e mail".
_NAV_VOCABULARY = (
    (
        "strong",
        "log in|login|log out|logout|logged in|sign in|signin|sign up|signup|sign out"
        "|trackback|trackbacks|pingback|pingbacks|permalink|subscribe|unsubscribe|subscriber"
        "|subscribers|newsletter|newsletters|advertisement|advertisements|advertise with us"
        "|sponsored content|cookie|cookies|copyright|all rights reserved|read more"
        "|read the full story|read the full article|most read|most viewed|most popular"
        "|most shared|most emailed|more stories|related article|related articles"
        "|related stories|related news|related posts|related links|related coverage"
        "|related content|related topics|next article|next story|next post|next page"
        "|previous article|previous story|previous post|previous page|comment s|comments s"
        "|write comment|write a comment|post comment|post a comment|leave a comment"
        "|add comment|add a comment|view comments|show comments|hide comments|load comments"
        "|see comments|view all comments|see all comments|recent comments|no comments"
        "|comments closed|comments are closed|loading|skip to content|skip to main content"
        "|back to top|click here|follow us|privacy policy|terms of use|terms of service"
        "|terms and conditions|contact us|about us|rss|username|password|share this"
        "|share on|share via|bookmark|javascript|font size|text size",
    ),
    (
        "strong photo",
        "enlarge|enlarge image|enlarge photo|click to enlarge|zoom|zoom in|slideshow"
        "|slide show|photo gallery|view gallery",
    ),
    (
        "photo",
        "image|images|photo|photos|photograph|photographs|picture|pictures|video|videos"
        "|gallery|caption|captions",
    ),
    (
        "weak",
        "share|print|email|e mail|search|menu|home|category|categories|tag|tags|related"
        "|topic|topics|next|previous|prev|article|articles|stories|comment|comments|popular"
        "|trending|latest|recommended|watch|listen|download|app|more|view|reply|replies|feed"
        "|register|scroll|tweet|facebook|twitter|whatsapp|linkedin|pinterest|reddit"
        "|instagram|youtube|telegram|kakaotalk",
    ),
)
# The vocabulary is ASCII: a line is matched as ASCII bytes, fast to split, where
# every other character becomes "?", a separator like punctuation.
_NAV_TERMS = MappingProxyType(
    {term.encode(): strength for strength, terms in _NAV_VOCABULARY for term in terms.split("|")}
)
_NAV_PHRASE_STARTS = frozenset(term.split()[0] for term in _NAV_TERMS if b" " in term)
_NAV_FIRST_WORDS = frozenset(t for t in _NAV_TERMS if b" " not in t) | _NAV_PHRASE_STARTS
_NAV_LONGEST = max(len(term.split()) for term in _NAV_TERMS)
_NAV_SPLIT = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)
_COPYRIGHT_SIGNS = "©ⓒ"

_AGENCIES = (
    r"(?i:reuters|ap|afp|yonhap|kyodo|jiji|xinhua|epa|getty(?: images)?|bloomberg|nhk|upi|dpa"
    r"|ansa|tass|ria|sputnik|kcna|newsis|news1|anadolu|ians|pti|ani|bernama|antara|efe|cna"
    r"|ajmedia)"
)
_DATE_TEXT = (
    rf"(?:{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{MONTH_PATTERN}(?:,?\s+\d{{4}})?|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})"
)
_PHOTO_WORDS = (
    r"(?i:photos?|file|pool|getty|courtesy|images?|screenshot|screen capture|handout|capture"
    r"|graphic|illustration|provided|supplied)"
)
# "(Reuters file photo, Jan. 8, 2021)", "(Photo=Yonhap)", "[Yonhap Photo]"
_CREDIT_PHOTO = re.compile(rf"[(\[【](?=[^()\[\]]*\b{_PHOTO_WORDS}\b)[^()\[\]]{{1,80}}[)\]】]\W*$")
# "(Yonhap)", "(AP, March 16, 2021)", "(March 16, 2021)" closing a line
_CREDIT_BARE = re.compile(rf"\((?:{_AGENCIES}\b[^()]{{0,40}}|{_DATE_TEXT})\)[\s\]]*$")
# "... in Tokyo. Photo: Kyodo", "REUTERS/Kim Kyung-Hoon": a label or an agency, a
# separator, then a short credit with no sentence in it.
_CREDIT_LABEL = re.compile(rf"(?i:photo|image|credit|picture)s?|{_AGENCIES}")
_CREDIT_SEPARATORS = ":=/|"
# "Photo: Kyodo", "[Photo] ...", "(Photo=Yonhap) ...", "Pictured: ..."
_CAPTION_OPENING = re.compile(
    r"^\W*(?i:photo(?:graph)?s?|image|picture|pictured|caption|credit|file photo|photo credit"
    r"|courtesy)\s*(?:[:=|/\]]|by\b)"
)
# "(L)", "(2nd R)", "(from left)", "Blinken, left, and": who is where in the picture.
# Each pattern opens with a literal, which the regex engine finds fast.
_POSITION_BRACKETED = re.compile(
    r"\((?:\d(?:st|nd|rd|th) )?(?:from )?(?:L|R|C|left|right|center|centre|front|back|top)\)"
)
_POSITION_WORDS = re.compile(r"(?:from|,) (?:second )?(?:left|right|center|centre)\b")
# "Copyright 2021 The Associated Press", "© Kyodo", "... All rights reserved."
_COPYRIGHT_OPENING = re.compile(r"^\W*(?:(?i:copyright)\s*(?:[©ⓒ]|\([cC]\)|\d{4})|[©ⓒ])")
# "[Seoul Economic Daily]", "<Exclusive>", "【Photo】": a label in brackets
_BRACKETED = re.compile(r"^[\[<【〈《][^\[\]<>【】〈〉《》]*[\]>】〉》]$")
_PAGE_LABEL = re.compile(
    r"^\W*(?i:tags?|topics?|categor(?:y|ies)|keywords?|related|sources?|filed under|posted in"
    r"|see also|more on|read also|also read|share|follow|reading time|font size|text size)\s*:"
)
_DATE_END = re.compile(rf"\b{_DATE_TEXT}\W*$")
_BYLINE = re.compile(
    r"^(?i:by|written by|reported by|posted by|edited by|story by|reporters?|editor|author)"
    r"\s*:?\s+[A-Z]"
)
_STAMP_TOKEN = re.compile(
    rf"^(?:\d[\d:./\-]*|{MONTH_PATTERN}|(?i:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?i:day)?"
    r"|(?i:am|pm|a\.m\.|p\.m\.|gmt|utc|jst|kst|est|edt|et|bst|cet|cst|pst|pdt|hkt|sgt|ist"
    r"|updated|published|posted|modified|last|date|time|on|at))$"
)


@dataclass(frozen=True, slots=True)
class _Line:
    """The features of one paragraph that the rules read."""

    text: str
    marker: str | None  # a leading symbol such as ▲ or •
    tokens: tuple[str, ...]  # after the marker
    words: int  # tokens with a letter or digit
    prose: bool  # a long finished sentence: only `_PROSE_RULES` apply
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
class _Context:
    after_caption: bool  # the paragraph above was removed as a caption or picture furniture
    in_quotation: bool
    last_long: bool  # no paragraph below has 8 words or more: the end of the body
    in_link_list: bool  # below a "Related articles" header, with only debris between


@dataclass(frozen=True, slots=True)
class _Evidence:
    weight: float  # > 0 for debris, < 0 for body
    note: str
    kind: str | None = None  # what the line is when this is its strongest evidence


def _describe(text: str) -> _Line:
    marker_match = _MARKER.match(text)
    marker = marker_match.group(0).strip() if marker_match else None
    body = text[marker_match.end() :] if marker_match else text
    tokens = tuple(body.split())
    symbols = [t for t in tokens if not t[0].isalnum() and not _ALNUM.search(t)]
    words = len(tokens) - len(symbols)
    ends_sentence = _ends_sentence(text)
    prose = _is_prose(words, ends_sentence, marker)
    nav_words, nav_terms, nav_strong, photo_terms = (0,) * 4 if prose else _navigation_terms(body)
    return _Line(
        text=text,
        marker=marker,
        tokens=tokens,
        words=words,
        prose=prose,
        separators=sum(symbol in _SEPARATORS for symbol in symbols),
        ends_sentence=ends_sentence,
        ends_with_period=bool(_PERIOD_END.search(text[-_END_TAIL:])),
        inner_break=not ends_sentence and _has_inner_break(body),
        capitalised=_capitalised_share(tokens) if len(tokens) <= _TITLE_MAX_WORDS else None,
        nav_words=nav_words,
        nav_terms=nav_terms,
        nav_strong=nav_strong,
        photo_terms=photo_terms,
    )


def _is_prose(words: int, ends_sentence: bool, marker: str | None) -> bool:
    return words >= _PROSE_WORDS and ends_sentence and marker is None


def _navigation_terms(text: str) -> tuple[int, int, int, int]:
    """Words covered by navigation terms, and counts of terms, strong and photo terms."""
    tokens = text.lower().encode("ascii", "replace").translate(_NAV_SPLIT).split()
    words = terms = strong = sum(sign in text for sign in _COPYRIGHT_SIGNS)
    photo = 0
    covered = 0  # tokens before this index belong to a phrase already counted
    for at in [at for at, token in enumerate(tokens) if token in _NAV_FIRST_WORDS]:
        if at < covered:
            continue
        size, strength = 1, _NAV_TERMS.get(tokens[at])
        if tokens[at] in _NAV_PHRASE_STARTS:
            # The longest phrase wins: "related articles" before "related".
            for length in range(min(_NAV_LONGEST, len(tokens) - at), 1, -1):
                phrase = _NAV_TERMS.get(b" ".join(tokens[at : at + length]))
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
    for match in _INNER_BREAK.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word is None:
            continue
        found = word.group(0)
        if len(found) < 2 or found.casefold() in _ABBREVIATIONS:
            continue
        if found.isupper() and len(found) <= 3:
            continue  # "UN." in "the U.N. said" style initialisms
        return True
    return False


def _capitalised_share(tokens: Sequence[str]) -> float | None:
    """Share of content words that start with a capital; minor words and numbers don't count."""
    content = capitalised = 0
    for token in tokens:
        word = token.lstrip(_OPENERS)
        if not word:
            continue
        if word[0].isupper():
            content += 1
            capitalised += 1
        elif word[0].islower() and word.rstrip(",.;:!?").casefold() not in _MINOR_WORDS:
            content += 1
    return capitalised / content if content >= 2 else None


def _closing_credit(text: str) -> bool:
    """ "... Photo: Kyodo", "REUTERS/Kim Kyung-Hoon", "AFP via Getty Images" at the end."""
    end = text.rstrip(" )]")
    if end.endswith("Getty Images"):
        return True
    at = max(end.rfind(separator) for separator in _CREDIT_SEPARATORS)
    credit = end[at + 1 :]
    if at <= 0 or len(credit) > 60 or any(mark in credit for mark in ".!?"):
        return False
    label = _WORD_BEFORE.search(end, max(0, at - 20), len(end[:at].rstrip()))
    return label is not None and _CREDIT_LABEL.fullmatch(label.group(0)) is not None


# --- Rules: one feature each, its weight and why --------------------------------------


def _symbols_only(line: _Line, context: _Context) -> _Evidence | None:
    # ":", "|", "***", a lone bullet: nothing to read.
    return _Evidence(10.0, "only symbols or punctuation", "debris") if line.words == 0 else None


def _single_word(line: _Line, context: _Context) -> _Evidence | None:
    # "Loading", "Search", "Advertisement": buttons and labels. A sentence of one word
    # ("Why?") is saved by its punctuation.
    return _Evidence(2.0, "a single word", "debris") if line.words == 1 else None


def _punctuation(line: _Line, context: _Context) -> _Evidence | None:
    # Body sentences end with . ! ? or a closing quote; labels and sub-heads do not.
    # A sentence break inside an unfinished line marks garbled prose, not a label.
    if line.words == 0:
        return None
    if line.ends_sentence:
        return _Evidence(-2.0, "ends with sentence punctuation")
    if line.inner_break:
        return _Evidence(-1.5, "a sentence ends inside it")
    if line.text[-1] == ":":
        return _Evidence(-0.5, "ends with ':', introducing what follows")
    if line.text[-1] in ",;":
        return _Evidence(0.0, f"ends with '{line.text[-1]}', unfinished")
    return _Evidence(1.0, "no sentence punctuation", "heading")


def _length(line: _Line, context: _Context) -> _Evidence | None:
    # Labels, sub-heads and captions are short; prose is long. A long unpunctuated
    # line is garbled translation, still body.
    words = line.words
    if words < 2:
        return None
    if words <= 4:
        return _Evidence(1.0, f"{words} words: very short", "heading")
    if words <= 8:
        return _Evidence(0.5, f"{words} words: short", "heading")
    if words <= 15:
        return _Evidence(0.0, f"{words} words")
    if words < 25:
        return _Evidence(-0.5, f"{words} words: sentence length")
    return _Evidence(-1.5, f"{words} words: prose length")


def _capitalisation(line: _Line, context: _Context) -> _Evidence | None:
    # Headlines, sub-heads and captions are in Title Case or are lists of names.
    share = line.capitalised
    if share is None or share < 0.5:
        return None
    return _Evidence(1.0 if share >= 0.75 else 0.5, f"{share:.0%} capitalised", "heading")


def _quotation(line: _Line, context: _Context) -> _Evidence | None:
    # Quoted speech is body even when it is short or broken over lines.
    if context.in_quotation:
        return _Evidence(-2.5, "inside a quotation that closes below")
    if _QUOTE_END.search(line.text[-_END_TAIL:]):
        return _Evidence(-0.5, "ends a quotation")
    return None


def _navigation(line: _Line, context: _Context) -> _Evidence | None:
    # Page furniture is made of navigation words: weigh their share of the line, plus
    # a bonus for each of up to two terms that prose hardly uses ("trackback", "sign
    # in"), smaller when the line ends like a sentence, as "Sign in to comment." does.
    if not line.nav_terms:
        return None
    share = min(1.0, line.nav_words / max(1, line.words))
    weight = 4.0 * share + (0.75 if line.ends_sentence else 1.5) * min(2, line.nav_strong)
    if weight < 0.25:
        return None
    note = f"navigation words ({line.nav_words} of {line.words})"
    return _Evidence(min(weight, 6.0), note, "debris")


def _marker(line: _Line, context: _Context) -> _Evidence | None:
    # ▲ opens a photo caption; arrows open links; ※ opens an editor's note; a bullet
    # says little alone (bulleted prose stays when it reads like a sentence).
    if not line.marker:
        return None
    mark = line.marker[0]
    if mark in _PHOTO_MARKS:
        return _Evidence(4.0, f"starts with {mark}: caption mark", "caption")
    if mark in _NOTE_MARKS:
        return _Evidence(2.5, f"starts with {mark}: editor's note", "debris")
    if mark in _LINK_MARKS:
        return _Evidence(1.5, f"starts with {mark}: link arrow", "debris")
    return _Evidence(0.5, f"starts with {mark}", "debris")


def _credit(line: _Line, context: _Context) -> _Evidence | None:
    # Captions carry a photo credit: "(Reuters file photo, Jan. 8, 2021)", "Photo: Kyodo".
    if line.words > _CAPTION_MAX_WORDS:
        return None
    tail = line.text[-_CREDIT_TAIL:]
    if _CREDIT_PHOTO.search(tail) or _closing_credit(tail):
        # Outweighs a long caption's length and full stops: prose never ends so.
        return _Evidence(5.0, "ends with a photo credit", "caption")
    if _CAPTION_OPENING.match(line.text):
        return _Evidence(3.0, "opens with a photo label", "caption")
    bare = _CREDIT_BARE.search(tail)
    if bare is None:
        return None
    if not _ends_sentence(tail[: bare.start()].rstrip() or "."):
        return _Evidence(3.0, "ends with an agency or date in brackets", "caption")
    # After a sentence, "(Yonhap)" closing the body's last paragraph credits the
    # report; with more body below it credits a picture.
    if context.last_long:
        return _Evidence(0.0, "ends the body with an agency credit")
    return _Evidence(3.0, "a sentence credited to an agency, with body below", "caption")


def _picture_position(line: _Line, context: _Context) -> _Evidence | None:
    # "(L)", "(2nd from R)", "Blinken, left, and": captions say who stands where.
    if line.words > _CAPTION_MAX_WORDS:
        return None
    text = line.text
    if _POSITION_BRACKETED.search(text) or (
        ("left" in text or "right" in text or "cent" in text) and _POSITION_WORDS.search(text)
    ):
        return _Evidence(2.0, "says who is where in a picture", "caption")
    return None


def _after_caption(line: _Line, context: _Context) -> _Evidence | None:
    # A short unfinished line under a caption or an "Enlarge image" button is the caption.
    if context.after_caption and line.words <= 15 and not line.ends_sentence:
        return _Evidence(2.0, "follows a photo caption", "caption")
    return None


def _ends_with_date(line: _Line, context: _Context) -> _Evidence | None:
    # "... 2+2 Talks in Tokyo on March 16, 2021": captions end with when the photo was taken.
    if line.ends_sentence or line.words > _TITLE_MAX_WORDS:
        return None
    if _DATE_END.search(line.text[-_CREDIT_TAIL:]):
        return _Evidence(0.75, "ends with a date", "caption")
    return None


def _copyright(line: _Line, context: _Context) -> _Evidence | None:
    # A copyright notice reads like prose ("This material may not be published.")
    # but opens with the sign or states the reserved rights.
    text = line.text
    if line.words > 40:
        return None
    if _COPYRIGHT_OPENING.match(text) or "rights reserved" in text.lower():
        return _Evidence(3.0, "a copyright notice", "debris")
    return None


def _bracketed(line: _Line, context: _Context) -> _Evidence | None:
    # "[Seoul Economic Daily]", "<Exclusive>": section and site labels in brackets.
    if line.words <= 12 and _BRACKETED.match(line.text):
        return _Evidence(2.0, "a label in brackets", "debris")
    return None


def _listed(line: _Line, context: _Context) -> _Evidence | None:
    # Under "Related articles" or "Most read" come headlines of other reports, which
    # may end in a quote or a question mark; a body paragraph is longer or ends in a
    # full stop.
    if context.in_link_list and line.words <= 20 and not line.ends_with_period:
        return _Evidence(2.0, "listed under a navigation header", "debris")
    return None


def _label(line: _Line, context: _Context) -> _Evidence | None:
    # "Tags: Japan, US", "Related: ...", "Source: Kyodo": a page label before a colon.
    if line.words <= 20 and _PAGE_LABEL.match(line.text):
        return _Evidence(2.0, "a page label", "debris")
    return None


def _byline(line: _Line, context: _Context) -> _Evidence | None:
    # "By Kim Tong-hyung, AP": a short list of names after "By", not a sentence.
    if (
        line.words <= 10
        and not line.ends_with_period
        and (line.capitalised or 0.0) >= 0.6
        and _BYLINE.match(line.text)
    ):
        return _Evidence(3.0, "a byline", "debris")
    return None


def _date_stamp(line: _Line, context: _Context) -> _Evidence | None:
    # "Updated: March 16, 2021 10:32 JST": made of dates and times only.
    if line.words > 12 or line.ends_with_period:
        return None
    stripped = [token.strip("|,():[]") for token in line.tokens]
    dated = [token for token in stripped if token and _STAMP_TOKEN.match(token)]
    if 4 * len(dated) >= 3 * max(1, line.words) and any(t[0].isdigit() for t in dated):
        return _Evidence(3.0, "a date/time stamp", "debris")
    return None


def _separators(line: _Line, context: _Context) -> _Evidence | None:
    # "Home > World > Asia", "News | Politics | Sport": menus and breadcrumbs.
    if line.separators >= 2:
        return _Evidence(2.0, f"{line.separators} menu separators", "debris")
    if line.separators == 1 and line.words <= 4 and not line.ends_sentence:
        return _Evidence(1.0, "a menu separator", "debris")
    return None


_Rule = Callable[[_Line, _Context], _Evidence | None]
_RULES: tuple[_Rule, ...] = (
    _symbols_only,
    _single_word,
    _punctuation,
    _length,
    _capitalisation,
    _quotation,
    _navigation,
    _marker,
    _credit,
    _picture_position,
    _after_caption,
    _ends_with_date,
    _label,
    _copyright,
    _bracketed,
    _listed,
    _byline,
    _date_stamp,
    _separators,
)


#: A long finished sentence starts at -3.5 (punctuation, length); of the other rules
#: only a photo credit, a picture position or a copyright notice can overturn that,
#: so only these run on it (the others are capped far below, or need short lines).
_PROSE_RULES: tuple[_Rule, ...] = (
    _punctuation,
    _length,
    _quotation,
    _credit,
    _picture_position,
    _copyright,
)


def _judge(line: _Line, context: _Context) -> tuple[float, list[_Evidence]]:
    """The summed weight of the evidence about `line`, and the evidence."""
    rules = _PROSE_RULES if line.prose else _RULES
    found = [evidence for rule in rules if (evidence := rule(line, context)) is not None]
    return sum(evidence.weight for evidence in found), found


def _kind(evidence: Sequence[_Evidence]) -> str:
    """What a removed line is: the kind named by its strongest positive evidence."""
    named = [e for e in evidence if e.kind is not None and e.weight > 0]
    # On a tie, specific evidence (a credit, navigation words) beats the generic
    # evidence of a short unpunctuated line.
    best = max(named, key=lambda e: (e.weight, e.kind != "heading"), default=None)
    return best.kind if best is not None and best.kind is not None else "debris"


def _explain(evidence: Sequence[_Evidence], score: float) -> str:
    return f"{', '.join(e.note for e in evidence)} (score {score:.2f})"


# --- The walk over a report -----------------------------------------------------------


def clean_text(
    raw: str,
    *,
    title: str | None = None,
    is_boilerplate: Callable[[str], bool] | None = None,
) -> CleanedText:
    """Split `raw` into body paragraphs and removed lines.

    `title` is a title known from metadata: a line above the body near-equal to it
    is removed as the title, no other title is guessed, and it is returned as the
    title. `is_boilerplate(line)` receives a white-space-collapsed line and says
    whether the source repeats it across many reports (callers usually look up
    `line_key(line)` in their counts); such lines are removed unless they are
    sentences of `_BOILERPLATE_PROSE_WORDS` words or more.
    """
    paragraphs = _paragraphs(raw)
    in_quotation = _quotation_spans(paragraphs)
    last_long = max((i for i, p in enumerate(paragraphs) if p.count(" ") >= 7), default=-1)
    walk = _Walk(title, is_boilerplate)
    for index, (paragraph, quoted) in enumerate(zip(paragraphs, in_quotation, strict=True)):
        context = _Context(walk.after_caption, quoted, index >= last_long, walk.in_link_list)
        walk.add(paragraph, context)
    return walk.result()


class _Walk:
    """One report's walk: what was kept and removed so far."""

    def __init__(self, title: str | None, is_boilerplate: Callable[[str], bool] | None) -> None:
        known = " ".join(title.split()) if title else ""
        self.known_title = known or None  # a blank title from metadata is no title
        self.title = self.known_title
        self.title_seen = False
        self.dateline: str | None = None
        self.is_boilerplate = is_boilerplate
        self.kept: list[str] = []
        self.removed: list[RemovedLine] = []
        self.after_caption = False
        self.in_link_list = False

    def add(self, text: str, context: _Context) -> None:
        at_top = not self.kept
        if at_top and self._top_line(text):
            self.after_caption = False
            return
        line = _describe(text)
        score, evidence = _judge(line, context)
        kind = _kind(evidence) if score >= _DROP_AT else None
        repeated = self._repeated(text, line)
        self.after_caption = kind == "caption" or (kind == "debris" and line.photo_terms > 0)
        # Menus above the body precede the headline, not a list of other reports.
        listed = self.in_link_list and kind is not None
        self.in_link_list = not at_top and (listed or _is_list_header(line, kind))
        if repeated:
            # What the source's other reports show outranks what the line looks like.
            looks = f"; {_explain(evidence, score)}: {_KIND_LABEL[kind]}" if kind else ""
            reason = f"the source repeats it in many reports, {line.words} words{looks}"
            self._drop(text, "boilerplate", reason)
        elif at_top and self._is_headline(line, kind):
            self.title = text
            self._drop(text, "title", f"{_explain(evidence, score)}, above the body: headline")
        elif kind is not None:
            self._drop(text, kind, f"{_explain(evidence, score)}: {_KIND_LABEL[kind]}")
        else:
            self.kept.append(self._split_dateline(text) if at_top else text)

    def _top_line(self, text: str) -> bool:
        """Remove a line above the body that is the known title or a dateline."""
        known = self.known_title
        if known is not None and not self.title_seen and _same_title(text, known):
            self.title_seen = True
            self._drop(text, "title", "matches the title from the report's metadata")
            return True
        if self.dateline is None and (found := find_dateline(text)) is not None:
            self.dateline = found.raw
            self._drop(text, "dateline", f"a dateline above the body ({_dateline_parts(found)})")
            return True
        return False

    def _is_headline(self, line: _Line, kind: str | None) -> bool:
        """Short and unfinished like a headline, with no title known yet."""
        return (
            self.title is None
            and kind in (None, "heading")
            and 2 <= line.words <= _TITLE_MAX_WORDS
            and not line.ends_with_period
            and not line.inner_break
        )

    def _repeated(self, text: str, line: _Line) -> bool:
        if self.is_boilerplate is None:
            return False
        if line.ends_sentence and line.words >= _BOILERPLATE_PROSE_WORDS:
            return False  # a real sentence, even if the source repeats it
        return self.is_boilerplate(text)

    def _split_dateline(self, text: str) -> str:
        if self.dateline is not None:
            return text
        found, rest = split_leading_dateline(text)
        if found is None:
            return text
        self.dateline = found.raw
        self._drop(found.raw, "dateline", f"opens the first paragraph ({_dateline_parts(found)})")
        return rest

    def _drop(self, text: str, kind: str, reason: str) -> None:
        self.removed.append(RemovedLine(text=text, kind=kind, reason=reason, stage=STAGE))

    def result(self) -> CleanedText:
        removed_as = {line.text: line.kind for line in self.removed}
        kept: list[str] = []
        for paragraph in self.kept:
            # Within one report a line is content or debris, not both: a body line that
            # repeats a removed one (a headline repeated under the photo) goes too.
            kind = removed_as.get(paragraph)
            if kind is None:
                kept.append(paragraph)
            else:
                self._drop(paragraph, kind, f"repeats a line removed as {kind}")
        return CleanedText("\n\n".join(kept), self.title, self.dateline, tuple(self.removed))


def _is_list_header(line: _Line, kind: str | None) -> bool:
    """ "Most Read", "Related articles": a short line of navigation words, not photos."""
    return (
        kind == "debris"
        and line.words <= 4
        and 2 * line.nav_words >= line.words
        and not line.photo_terms
        and not line.ends_sentence
    )


def _dateline_parts(found: Dateline) -> str:
    parts = (
        ("place", found.place),
        ("day", found.day),
        ("month", found.month),
        ("year", found.year),
        ("agency", found.agency),
    )
    return ", ".join(f"{name} {value}" for name, value in parts if value is not None)


_TITLE_WORD = re.compile(r"\w+")


def _title_key(text: str) -> str:
    return " ".join(_TITLE_WORD.findall(text.casefold()))


def _same_title(line: str, title: str) -> bool:
    """Whether a line is the known title, allowing case, punctuation and a site name."""
    a, b = _title_key(line), _title_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < 0.5 * len(long):
        return False
    if long.startswith(short) or long.endswith(short):
        return True  # "Headline | Site name" against "Headline"
    return len(short) >= 0.8 * len(long) and SequenceMatcher(None, a, b).ratio() >= 0.9
