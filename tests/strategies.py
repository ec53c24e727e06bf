"""Hypothesis strategies for text that reads like news and breaks like scraped news.

`hard_text` mixes arbitrary unicode with the pieces that trip text readers: quote
marks of every kind, brackets, apostrophes, commas and lone punctuation, line
breaks, NUL and control characters, zero-width and right-to-left marks, digits,
month and weekday words, titles and speech verbs. `news_text` writes news-shaped
sentences (attributions, quotations) and then breaks them as scraping does: marks
deleted or doubled, lines split or joined, text cut mid-word. `any_text` draws
from both, plain `st.text()` and very long lines. `parses` builds a spaCy `Doc`
with a plausible, sometimes garbled, dependency parse, for the stages that read one.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab


def split_words(text: str) -> list[str]:
    return text.split()


QUOTE_MARKS = ["'", '"', "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "「", "」", "『", "』", "`"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">", "（", "）"]
PUNCTUATION = [*",.;:!?…—–-/|*•▲#@&%", ",,", "..", "...", "?!", " - ", " -- ", "\u00a0"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\t", "\x0b", "\x0c", "\u2028", "\u2029", "\x85"]
CONTROLS = ["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ufffd", "\ufffe", "\udc80"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
             "\u2069", "\u061c", "\u00ad", "\u2060", "\ufeff", "\u0301"]  # fmt: skip
WORDS = split_words(
    """
said told says say added stressed warned according to pointed out saying adding
he she they it we I that who which and but the a of in on at to by for with
Secretary Prime Minister President Foreign Minister Defense Mr. Mrs. Dr. Gen. Sen. U.S. UN
Blinken Antony Kishida Fumio Motegi Xi Jinping Ortega Weiss Austin Tokyo Japan China Seoul
met visit visited talks summit meeting held attended joined gathered together agreed signed
Monday Tuesday Wed. Friday Sunday January Jan. Feb May may June Sept. December
today yesterday tomorrow last next this week month year years ago later earlier ago
1 7 16th 20 31 2021 1999 2099 0 00 6:40 p.m. a.m. 1990s 12/31/2021 2021-03-18 mid- early late
(Reuters) (AP) /AJMEDIA/ TOKYO BEIJING — Loading Share Comment(s) ©
O'Brien don't it's Japan's ministers' d'Estaing
"""
)
_PIECES = [*QUOTE_MARKS, *BRACKETS, *PUNCTUATION, *BREAKS, *CONTROLS, *INVISIBLE, *WORDS]
_SEPARATORS = st.sampled_from(["", " ", " ", " ", "  ", "\n"])


@st.composite
def _joined(draw: st.DrawFn, max_pieces: int) -> str:
    pieces = draw(
        st.lists(
            st.one_of(st.sampled_from(_PIECES), st.sampled_from(WORDS), st.text(max_size=3)),
            max_size=max_pieces,
        )
    )
    return "".join(piece + draw(_SEPARATORS) for piece in pieces)


#: News-like words, marks and invisible characters, joined with or without spaces.
hard_text = _joined(60)
#: A very long line: one run of news-like text repeated, with no line break.
long_lines = st.tuples(_joined(12), st.integers(20, 150)).map(
    lambda pair: (pair[0].replace("\n", " ") + " ") * pair[1]
)


def spans_of(
    draw: Callable[[st.SearchStrategy[int]], int], size: int, count: int
) -> list[tuple[int, int]]:
    """`count` arbitrary (start, end) pairs with 0 <= start <= end <= size."""
    found = []
    for _ in range(count):
        start = draw(st.integers(0, size))
        found.append((start, draw(st.integers(start, size))))
    return found


# --- News-shaped sentences, then broken ------------------------------------------------

CLAUSE_WORDS = split_words(
    """the talks were useful harbour is open storms expected over weekend nothing else
happened today in city ministers agreed to meet again on Monday 16 March 2021 last week two days
later plan was disaster for port we will act they did not it's Japan's allies' So what"""
)
SPEAKERS = ["he", "she", "they", "I", "we", "Blinken", "Ortega", "the agency", "officials",
            "Secretary of State Antony Blinken", "the minister", "a senior official", "Reuters",
            "Prime Minister Kishida", "the Foreign Ministry", "Xi"]  # fmt: skip
CUES = ["said", "says", "told reporters", "told him", "added", "stressed that", "warned",
        "said that", "pointed out", "insisted", "say", "saying", "adding that",
        "noted"]  # fmt: skip
OPENERS = ['"', "“", "‘", "'", "«", "(", "「", "„", ""]
CLOSERS = ['"', "”", "’", "'", "»", ")", "」", "“", ""]
ENDS = [".", ".)", ")", ",", "'", "?'", "?", "!", '."', ".”", "…", "", ";", ":", " —", "?!", ".’"]

_clause = st.lists(st.sampled_from(CLAUSE_WORDS), min_size=1, max_size=8).map(" ".join)
_speaker, _cue = st.sampled_from(SPEAKERS), st.sampled_from(CUES)
_open, _close, _end = st.sampled_from(OPENERS), st.sampled_from(CLOSERS), st.sampled_from(ENDS)


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    c, s, v, e = draw(_clause), draw(_speaker), draw(_cue), draw(_end)
    o, q = draw(_open), draw(_close)
    shapes = [
        f"{c}, {s} {v}{e}",  # "…, the agency said."
        f"{c}, {v} {s}{e}",  # "…, said Blinken."
        f"{s} {v} {c}{e}",  # "Blinken said the talks were useful."
        f"{o}{c}{q}, {s} {v}{e}",  # "“…,” he said."
        f"{o}{c}{e}{q} {s} {v}{draw(_end)}",
        f"According to {s}, {c}{e}",
        f"{c}, according to {s}{e}",
        f"{s} {v}: {o}{c}{e}{q}",
        f"{s} {v} {o}{c}{e}{q} {draw(_clause)}{draw(_end)}",  # "I say 'So what?' to his …"
        f"{o}{c}{q} {c}{e}",
        c + e,
    ]
    return draw(st.sampled_from(shapes))


def _break(text: str, operations: list[tuple[int, int, int]]) -> str:
    """Apply edits to `text`: delete or double a mark, insert a hard piece, split or join
    lines, truncate."""
    for kind, where, which in operations:
        if not text:
            break
        at = where % len(text)
        if kind == 0:  # delete a quote mark, apostrophe, bracket or comma
            marks = [i for i, ch in enumerate(text) if ch in _FRAGILE]
            if marks:
                at = marks[where % len(marks)]
                text = text[:at] + text[at + 1 :]
        elif kind == 1:  # double one
            marks = [i for i, ch in enumerate(text) if ch in _FRAGILE]
            if marks:
                at = marks[where % len(marks)]
                text = text[:at] + text[at] + text[at:]
        elif kind == 2:  # insert a hard piece
            text = text[:at] + _PIECES[which % len(_PIECES)] + text[at:]
        elif kind == 3:  # split a line
            text = text[:at] + ("\n", "\n\n")[which % 2] + text[at:]
        elif kind == 4:  # join lines
            text = text.replace("\n", " " if which % 2 else "", 1)
        else:  # truncate, maybe mid-word
            text = text[:at]
    return text


_FRAGILE = set("\"'“”‘’«»„「」()[],")
_edits = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10**6), st.integers(0, 10**3)))
_sentences = st.lists(
    st.tuples(_sentence(), st.sampled_from([" ", " ", "\n", "\n\n", ""])), min_size=1, max_size=6
).map(lambda pairs: "".join(s + gap for s, gap in pairs))
#: News-shaped sentences (attributions, quotations, datelines of speech), then broken.
news_text = st.builds(_break, _sentences, _edits)


def broken(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """`texts` broken as scraping breaks news (see `_break`)."""
    return st.builds(_break, texts, _edits)


#: Arbitrary unicode, news-like pieces, news-shaped sentences and (rarely) a very long line.
any_text = st.one_of(st.text(max_size=300), hard_text, news_text, news_text, long_lines)


# --- Hand-built parses ------------------------------------------------------------------

#: word, lemma, coarse POS, fine tag: what a parser would most likely give each word.
LEXICON: list[tuple[str, str, str, str]] = [
    ("met", "meet", "VERB", "VBD"), ("meet", "meet", "VERB", "VB"),
    ("meeting", "meeting", "NOUN", "NN"), ("talks", "talk", "NOUN", "NNS"),
    ("held", "hold", "VERB", "VBD"), ("visit", "visit", "NOUN", "NN"),
    ("visited", "visit", "VERB", "VBD"), ("summit", "summit", "NOUN", "NN"),
    ("attended", "attend", "VERB", "VBD"), ("joined", "join", "VERB", "VBD"),
    ("gathered", "gather", "VERB", "VBD"), ("together", "together", "ADV", "RB"),
    ("brought", "bring", "VERB", "VBD"), ("took", "take", "VERB", "VBD"),
    ("part", "part", "NOUN", "NN"), ("signed", "sign", "VERB", "VBD"),
    ("agreement", "agreement", "NOUN", "NN"), ("condemned", "condemn", "VERB", "VBD"),
    ("launched", "launch", "VERB", "VBD"), ("missile", "missile", "NOUN", "NN"),
    ("fired", "fire", "VERB", "VBD"), ("hosted", "host", "VERB", "VBD"),
    ("appointed", "appoint", "VERB", "VBN"), ("resigned", "resign", "VERB", "VBD"),
    ("sanctions", "sanction", "NOUN", "NNS"), ("call", "call", "NOUN", "NN"),
    ("phone", "phone", "NOUN", "NN"), ("virtual", "virtual", "ADJ", "JJ"),
    ("said", "say", "VERB", "VBD"), ("told", "tell", "VERB", "VBD"),
    ("stressed", "stress", "VERB", "VBD"), ("insisted", "insist", "VERB", "VBD"),
    ("will", "will", "AUX", "MD"), ("was", "be", "AUX", "VBD"), ("not", "not", "PART", "RB"),
    ("did", "do", "AUX", "VBD"), ("plans", "plan", "VERB", "VBZ"), ("to", "to", "PART", "TO"),
    ("with", "with", "ADP", "IN"), ("in", "in", "ADP", "IN"), ("on", "on", "ADP", "IN"),
    ("at", "at", "ADP", "IN"), ("of", "of", "ADP", "IN"), ("by", "by", "ADP", "IN"),
    ("and", "and", "CCONJ", "CC"), ("but", "but", "CCONJ", "CC"), ("the", "the", "DET", "DT"),
    ("a", "a", "DET", "DT"), ("who", "who", "PRON", "WP"), ("which", "which", "PRON", "WDT"),
    ("that", "that", "SCONJ", "IN"), ("he", "he", "PRON", "PRP"), ("they", "they", "PRON", "PRP"),
    ("Blinken", "Blinken", "PROPN", "NNP"), ("Motegi", "Motegi", "PROPN", "NNP"),
    ("Antony", "Antony", "PROPN", "NNP"), ("Secretary", "Secretary", "PROPN", "NNP"),
    ("Minister", "Minister", "PROPN", "NNP"), ("ministers", "minister", "NOUN", "NNS"),
    ("Tokyo", "Tokyo", "PROPN", "NNP"), ("Japan", "Japan", "PROPN", "NNP"),
    ("China", "China", "PROPN", "NNP"), ("Monday", "Monday", "PROPN", "NNP"),
    ("March", "March", "PROPN", "NNP"), ("16", "16", "NUM", "CD"), ("2021", "2021", "NUM", "CD"),
    ("2", "2", "NUM", "CD"), ("+", "+", "CCONJ", "CC"), ("2+2", "2+2", "NUM", "CD"),
    ("'s", "'s", "PART", "POS"), (".", ".", "PUNCT", "."), (",", ",", "PUNCT", ","),
    ('"', '"', "PUNCT", "``"), ("“", "“", "PUNCT", "``"), ("”", "”", "PUNCT", "''"),
    ("'", "'", "PUNCT", "''"), ("(", "(", "PUNCT", "-LRB-"), (")", ")", "PUNCT", "-RRB-"),
    ("—", "—", "PUNCT", ":"), ("\n\n", "\n\n", "SPACE", "_SP"), ("\u200b", "\u200b", "X", "XX"),
    ("\x00", "\x00", "X", "XX"), ("«", "«", "PUNCT", "``"), ("」", "」", "PUNCT", "''"),
]  # fmt: skip
DEPS = split_words(
    """nsubj nsubjpass dobj pobj prep ccomp xcomp advcl relcl acl compound amod det poss conj
cc punct mark prt aux auxpass neg appos npadvmod attr acomp agent dative pcomp advmod nummod
case dep"""
)
_SPACE_AFTER = st.sampled_from([True, True, True, False])
POS = split_words("VERB NOUN PROPN ADP DET PRON AUX PUNCT ADJ ADV CCONJ SCONJ PART NUM SPACE X")


_LEFT = st.sampled_from([True, False, False])
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}


def _usual_deps(child: str, head: str) -> list[str]:
    """The relations a parser would likely give a word of part `child` under `head`."""
    if head == "ADP":
        return ["pobj", "pcomp"]
    if child in _NOMINAL:
        if head in {"VERB", "AUX"}:
            return ["nsubj", "nsubj", "dobj", "nsubjpass", "npadvmod", "attr", "dative"]
        return ["compound", "poss", "appos", "conj", "nummod", "pobj"]
    by_part = {
        "ADP": ["prep", "prep", "agent", "prt"],
        "VERB": ["ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp"],
        "AUX": ["aux", "auxpass"],
        "DET": ["det"],
        "ADJ": ["amod", "acomp"],
        "ADV": ["advmod"],
        "PART": ["neg", "aux", "case", "prt"],
        "CCONJ": ["cc"],
        "SCONJ": ["mark"],
    }
    return by_part.get(child, ["punct", "dep"])


def _projective(draw: st.DrawFn, heads: list[int], start: int, end: int, head: int) -> None:
    """Attach the tokens of [start, end) under `head` as a projective tree."""
    if start >= end:
        return
    root = draw(st.integers(start, end - 1))
    heads[root] = head
    _projective(draw, heads, start, root, root)
    _projective(draw, heads, root + 1, end, root)


_BY_POS: dict[str, list[tuple[str, str, str, str]]] = {}
for _entry in LEXICON:
    _BY_POS.setdefault(_entry[2], []).append(_entry)
_TRIGGERS = [e for e in LEXICON if e[2] == "VERB"]
_NAMES = st.sampled_from(_BY_POS["PROPN"] + _BY_POS["PRON"])


def _clause_parse(
    draw: st.DrawFn,
) -> tuple[list[tuple[str, str, str, str]], list[int], list[str]]:
    """ "Blinken met Motegi in Tokyo on Monday .": a subject, a verb, an object and
    prepositional phrases, with the parse a parser would give (heads relative to 0)."""
    entries = [draw(_NAMES), draw(st.sampled_from(_TRIGGERS)), draw(_NAMES)]
    heads, deps = [1, 1, 1], ["nsubj", "ROOT", "dobj"]
    for _ in range(draw(st.integers(0, 2))):
        preposition = len(entries)
        entries += [draw(st.sampled_from(_BY_POS["ADP"])), draw(_NAMES)]
        heads += [1, preposition]
        deps += ["prep", "pobj"]
    entries.append(draw(st.sampled_from(_BY_POS["PUNCT"])))
    heads.append(1)
    deps.append("punct")
    return entries, heads, deps


def _words_with_a_tree(
    draw: st.DrawFn, max_words: int
) -> tuple[list[tuple[str, str, str, str]], list[int], list[str] | None]:
    """Random words under one projective tree: flat off a verb, or nested at random."""
    entries = draw(st.lists(st.sampled_from(LEXICON), min_size=1, max_size=max_words))
    size = len(entries)
    heads = list(range(size))
    verbs = [i for i in range(size) if entries[i][2] == "VERB"]
    if draw(st.booleans()) and verbs:  # flat: words hang off the verb or the word before
        root = draw(st.sampled_from(verbs))
        for i in range(size):
            left = i - 1 not in (-1, root) and draw(_LEFT)
            heads[i] = i if i == root else i - 1 if left else root
    else:
        root = draw(st.integers(0, size - 1))
        _projective(draw, heads, 0, root, root)
        _projective(draw, heads, root + 1, size, root)
    return entries, heads, None


@st.composite
def parses(draw: st.DrawFn, max_words: int = 12) -> Doc:
    """A spaCy `Doc` of news-like sentences with a plausible, sometimes garbled, parse:
    one projective tree per sentence (a clause with the usual relations, or random words
    under a random tree), mostly the usual part of speech of each word."""
    entries: list[tuple[str, str, str, str]] = []
    heads: list[int] = []
    deps: list[str | None] = []
    for _ in range(draw(st.integers(1, 4))):
        relations: list[str] | None
        if draw(st.booleans()):
            words, tree, relations = _clause_parse(draw)
        else:
            words, tree, relations = _words_with_a_tree(draw, max_words)
        heads += [len(entries) + head for head in tree]
        deps += relations or [None] * len(words)
        entries += words
    size = len(entries)
    garbled = draw(st.booleans())
    pos = [draw(st.sampled_from(POS)) if garbled and draw(st.booleans()) else e[2] for e in entries]
    for i in range(size):
        if heads[i] == i:
            deps[i] = "ROOT"
        elif deps[i] is None or (garbled and draw(st.booleans())):
            deps[i] = draw(st.sampled_from(DEPS if garbled else _usual_deps(pos[i], pos[heads[i]])))
    return Doc(
        Vocab(),
        words=[e[0] for e in entries],
        spaces=draw(st.lists(_SPACE_AFTER, min_size=size, max_size=size)),
        lemmas=[e[1] for e in entries],
        pos=pos,
        tags=[e[3] for e in entries],
        deps=[d or "dep" for d in deps],
        heads=heads,
    )
