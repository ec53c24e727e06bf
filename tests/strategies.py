"""Hypothesis strategies for text that reads like news and breaks like scraped news.

`hard_text` mixes arbitrary unicode with the pieces that trip text readers: quote
marks of every kind, brackets, apostrophes, commas and lone punctuation, line
breaks, NUL and control characters, zero-width and right-to-left marks, digits,
month and weekday words, titles and speech verbs. `any_text` adds plain
`st.text()` and very long lines.
"""

from __future__ import annotations

from hypothesis import strategies as st

QUOTE_MARKS = ["'", '"', "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "「", "」", "『", "』", "`"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">", "（", "）"]
PUNCTUATION = [*",.;:!?…—–-/|*•▲#@&%", ",,", "..", "...", "?!", " - ", " -- ", "\u00a0"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\t", "\x0b", "\x0c", "\u2028", "\u2029", "\x85"]
CONTROLS = ["\x00", "\x01", "\x1b", "\x7f", "\x9f", "\ufffd", "\ufffe"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
             "\u2069", "\u061c", "\u00ad", "\u2060", "\ufeff", "\u0301"]  # fmt: skip
WORDS = """
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
""".split()
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
#: Arbitrary unicode, news-like text and (rarely) a very long line.
any_text = st.one_of(st.text(max_size=300), hard_text, hard_text, long_lines)


def spans_of(draw: st.DrawFn, size: int, count: int) -> list[tuple[int, int]]:
    """`count` arbitrary (start, end) pairs with 0 <= start <= end <= size."""
    found = []
    for _ in range(count):
        start = draw(st.integers(0, size))
        found.append((start, draw(st.integers(start, size))))
    return found
