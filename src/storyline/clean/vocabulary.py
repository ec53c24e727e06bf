"""The words, marks, patterns and lengths by which the debris cleaner reads a line.

Nothing here decides anything: `paragraphs` and `line_features` use these to
describe a line, and `line_rules` to weigh it. Kept apart so the vocabulary of
page furniture (navigation words, photo credits, bylines, date stamps) can be
read and tuned in one place.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from storyline.clean.dateline import MONTH_PATTERN

#: A line ending a sentence with this many words is prose (see `line_rules.PROSE_RULES`).
PROSE_WORDS = 25
#: A headline has at most this many words.
TITLE_MAX_WORDS = 25
#: Captions are at most this long; longer paragraphs are not checked for credits.
CAPTION_MAX_WORDS = 60
#: Photo credits and caption dates are looked for in this many last characters.
CREDIT_TAIL = 120
#: A line's closing punctuation lies within this many last characters.
END_TAIL = 12


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Line ends ----------------------------------------------------------------------

# A sentence ends with . ! ? or … (then closing quotes or brackets), or with a
# closing quote; `PERIOD_END` is the full-stop kind only.
# With the full stops and closing brackets of Chinese and Japanese (。！？ 」).
SENTENCE_END = re.compile(r"(?:[.!?…。．！？][\"'”’»)\]」』）]*|[”\"»」』])$")
PERIOD_END = re.compile(r"[.…。．][\"'”’»)\]」』）]*$")
#: Han and kana characters: Chinese and Japanese are written without spaces.
UNSPACED_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
QUOTE_END = re.compile(r"[”\"»][)\]]?$")
QUOTE_MARKS = '“”"«»'

# --- Marks and words ---------------------------------------------------------------

PHOTO_MARKS = "▲▼△▽"  # Korean and Japanese papers open photo captions with these
LINK_MARKS = "☞▶►▷→⇒➤➡›"  # "see also" links and "watch" buttons
NOTE_MARKS = "※"  # editor's notes: translation, reproduction prohibited
MARKER = re.compile(r"^(?:[▲▼△▽☞▶►▷→⇒➤➡›•·●○■□◆◇◎★☆▪▫◦‣⁃※]+|[*>\-–—»]+(?=\s))\s*")
ALNUM = re.compile(r"[^\W_]")
SEPARATORS = _wordset("| > » › / · • :: → ‹ «")
OPENERS = "\"'“‘«([{—–-"
MINOR_WORDS = _wordset(
    "a an the and or nor but of in on at to for by with from as into onto over per via vs "
    "vs. versus & 's"
)
ABBREVIATIONS = _wordset(
    "mr mrs ms dr jr sr st mt ft gen lt col maj capt cmdr adm sgt gov sen rep amb prof rev hon "
    "pres no nos vol fig pp approx est dept inc ltd co corp bros vs etc jan feb mar apr jun jul "
    "aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd rd"
)
# "said. He", "conference. announced": a full stop inside the line, after a word
# that is not an abbreviation or an initial ("U.S. Secretary", "Jan. 8").
INNER_BREAK = re.compile(r"(?<=\w)[.!?][\"'”’)\]]*\s+(?=\S)")
WORD_BEFORE = re.compile(r"[\w'’\-]+$")

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
NAV_TERMS = MappingProxyType(
    {term.encode(): strength for strength, terms in _NAV_VOCABULARY for term in terms.split("|")}
)
NAV_PHRASE_STARTS = frozenset(term.split()[0] for term in NAV_TERMS if b" " in term)
NAV_FIRST_WORDS = frozenset(t for t in NAV_TERMS if b" " not in t) | NAV_PHRASE_STARTS
NAV_LONGEST = max(len(term.split()) for term in NAV_TERMS)
NAV_SPLIT = bytes.maketrans(b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", b" " * 32)
COPYRIGHT_SIGNS = "©ⓒ"

# --- Photo credits, captions and page labels -----------------------------------------

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
CREDIT_PHOTO = re.compile(rf"[(\[【](?=[^()\[\]]*\b{_PHOTO_WORDS}\b)[^()\[\]]{{1,80}}[)\]】]\W*$")
# "(Yonhap)", "(AP, March 16, 2021)", "(March 16, 2021)" closing a line
CREDIT_BARE = re.compile(rf"\((?:{_AGENCIES}\b[^()]{{0,40}}|{_DATE_TEXT})\)[\s\]]*$")
# "... in Tokyo. Photo: Kyodo", "REUTERS/Kim Kyung-Hoon": a label or an agency, a
# separator, then a short credit with no sentence in it.
CREDIT_LABEL = re.compile(rf"(?i:photo|image|credit|picture)s?|{_AGENCIES}")
CREDIT_SEPARATORS = ":=/|"
# "Photo: Kyodo", "[Photo] ...", "(Photo=Yonhap) ...", "Pictured: ..."
CAPTION_OPENING = re.compile(
    r"^\W*(?i:photo(?:graph)?s?|image|picture|pictured|caption|credit|file photo|photo credit"
    r"|courtesy)\s*(?:[:=|/\]]|by\b)"
)
# "(L)", "(2nd R)", "(from left)", "Blinken, left, and": who is where in the picture.
# Each pattern opens with a literal, which the regex engine finds fast.
POSITION_BRACKETED = re.compile(
    r"\((?:\d(?:st|nd|rd|th) )?(?:from )?(?:L|R|C|left|right|center|centre|front|back|top)\)"
)
POSITION_WORDS = re.compile(r"(?:from|,) (?:second )?(?:left|right|center|centre)\b")
# "Copyright 2021 The Associated Press", "© Kyodo", "... All rights reserved."
COPYRIGHT_OPENING = re.compile(r"^\W*(?:(?i:copyright)\s*(?:[©ⓒ]|\([cC]\)|\d{4})|[©ⓒ])")
# "[Seoul Economic Daily]", "<Exclusive>", "【Photo】": a label in brackets
BRACKETED = re.compile(r"^[\[<【〈《][^\[\]<>【】〈〉《》]*[\]>】〉》]$")
PAGE_LABEL = re.compile(
    r"^\W*(?i:tags?|topics?|categor(?:y|ies)|keywords?|related|sources?|filed under|posted in"
    r"|see also|more on|read also|also read|share|follow|reading time|font size|text size)\s*:"
)
DATE_END = re.compile(rf"\b{_DATE_TEXT}\W*$")
BYLINE = re.compile(
    r"^(?i:by|written by|reported by|posted by|edited by|story by|reporters?|editor|author)"
    r"\s*:?\s+[A-Z]"
)
STAMP_TOKEN = re.compile(
    rf"^(?:\d[\d:./\-]*|{MONTH_PATTERN}|(?i:mon|tue|tues|wed|thu|thurs|fri|sat|sun)(?i:day)?"
    r"|(?i:am|pm|a\.m\.|p\.m\.|gmt|utc|jst|kst|est|edt|et|bst|cet|cst|pst|pdt|hkt|sgt|ist"
    r"|updated|published|posted|modified|last|date|time|on|at))$"
)
