"""Seeded text mutations for the robustness corpus: the damage real news suffers on its way.

Each mutation is a small function `(text, rng) -> str` that changes the text the way
copying, machine translation, broken feeds or hostile pages do: quote marks, apostrophes,
brackets and commas deleted or doubled, lines split and joined, truncation mid-word,
unicode punctuation, right-to-left and zero-width characters, NUL characters, very long
lines, and for HTML broken tags. `mutate` applies one to three of them, chosen by a seed,
so the same seed always yields the same copy.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

Mutation = Callable[[str, random.Random], str]

QUOTES = "\"'“”‘’«»„"
APOSTROPHES = "'’"
BRACKETS = "()[]{}<>"
# ASCII punctuation and the unicode forms that stand in for it in the wild.
UNICODE_FORMS: dict[str, str] = {
    '"': "“”„«»＂″",
    "'": "‘’‚‹›＇′",
    "-": "‐‑‒–—―−",
    ".": "。．․…",
    ",": "，、‚",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（⁽",
    ")": "）⁾",
    " ": "\u00a0\u2009\u202f\u3000",
}
RTL_CHARS = "\u200f\u202b\u202e\u2067\u061c\u202c\u2069"
RTL_WORDS = ("السلام", "שלום", "مرحبا")
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
_TAG = re.compile(r"<[^<>]{1,200}>")


def _positions(text: str, chars: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch in chars]


def _edit_some(text: str, rng: random.Random, chars: str, edit: Callable[[str], str]) -> str:
    """`edit` applied to a random share (at least one) of the characters of `chars`."""
    found = _positions(text, chars)
    if not found:
        return text
    rate = rng.choice((0.1, 0.5, 1.0))
    chosen = set(rng.sample(found, max(1, round(rate * len(found)))))
    return "".join(edit(ch) if i in chosen else ch for i, ch in enumerate(text))


def _insert_some(text: str, rng: random.Random, pieces: Sequence[str], most: int) -> str:
    """Up to `most` of `pieces` put at random places (at least one)."""
    count = rng.randint(1, most)
    cuts = sorted(rng.randint(0, len(text)) for _ in range(count))
    out, last = [], 0
    for cut in cuts:
        out.append(text[last:cut])
        out.append(rng.choice(pieces))
        last = cut
    out.append(text[last:])
    return "".join(out)


def delete_quotes(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, QUOTES, lambda ch: "")


def double_quotes(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, QUOTES, lambda ch: ch * 2)


def _apostrophe_positions(text: str) -> list[int]:
    """Apostrophes between two letters ("don't", "Japan's"), not quote marks."""
    return [
        i
        for i in _positions(text, APOSTROPHES)
        if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
    ]


def _edit_apostrophes(text: str, rng: random.Random, replacement: Callable[[str], str]) -> str:
    found = _apostrophe_positions(text)
    if not found:
        return text
    chosen = set(rng.sample(found, max(1, len(found) // rng.choice((1, 2, 5)))))
    return "".join(replacement(ch) if i in chosen else ch for i, ch in enumerate(text))


def delete_apostrophes(text: str, rng: random.Random) -> str:
    return _edit_apostrophes(text, rng, lambda ch: "")


def double_apostrophes(text: str, rng: random.Random) -> str:
    return _edit_apostrophes(text, rng, lambda ch: ch * 2)


def delete_brackets(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, BRACKETS, lambda ch: "")


def double_brackets(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, BRACKETS, lambda ch: ch * 2)


def delete_commas(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, ",", lambda ch: "")


def double_commas(text: str, rng: random.Random) -> str:
    return _edit_some(text, rng, ",", lambda ch: ",,")


def split_lines(text: str, rng: random.Random) -> str:
    """Line breaks in the middle of sentences, as a narrow column or a bad feed leaves them."""
    return _edit_some(text, rng, " ", lambda ch: rng.choice(("\n", "\r\n", "\n\n", " \n")))


def join_lines(text: str, rng: random.Random) -> str:
    """Line and paragraph breaks removed, or turned into spaces."""
    glue = rng.choice(("", " "))
    return _edit_some(text, rng, "\n", lambda ch: glue)


def truncate_mid_word(text: str, rng: random.Random) -> str:
    """The text cut inside a word (or anywhere, when it has no word)."""
    inside = [i for i in range(1, len(text)) if text[i - 1].isalnum() and text[i].isalnum()]
    if not inside:
        return text[: rng.randint(0, max(0, len(text) - 1))]
    return text[: rng.choice(inside)]


def unicode_punctuation(text: str, rng: random.Random) -> str:
    """ASCII punctuation and spaces replaced by unicode look-alikes."""
    return _edit_some(text, rng, "".join(UNICODE_FORMS), lambda ch: rng.choice(UNICODE_FORMS[ch]))


def rtl_characters(text: str, rng: random.Random) -> str:
    """Bidirectional controls and right-to-left words at random places."""
    return _insert_some(text, rng, (*RTL_CHARS, *(f" {w} " for w in RTL_WORDS)), 40)


def zero_width(text: str, rng: random.Random) -> str:
    """Zero-width spaces, joiners and byte-order marks at random places, inside words too."""
    return _insert_some(text, rng, ZERO_WIDTH, max(1, len(text) // 20))


def nul_characters(text: str, rng: random.Random) -> str:
    """NUL characters (bytes 0 once encoded), alone or in runs."""
    return _insert_some(text, rng, ("\x00", "\x00" * 8), 30)


def long_lines(text: str, rng: random.Random) -> str:
    """One very long line: every break removed, the text repeated to 10,000-60,000 chars
    (one time in ten 150,000), sometimes as one unbroken word."""
    line = re.sub(r"\s*\n\s*", " ", text) or "x"
    if rng.random() < 0.3:
        line = re.sub(r"\s+", "", line) or "x"
    length = 150_000 if rng.random() < 0.1 else rng.randint(10_000, 60_000)
    repeats = -(-length // len(line))
    return (line + " ") * repeats if rng.random() < 0.5 else line * repeats


def break_tags(text: str, rng: random.Random) -> str:
    """HTML tags broken: a closing `>` dropped, a tag cut in half, a stray `<` or `</div>`."""
    tags = [m.span() for m in _TAG.finditer(text)]
    if not tags:
        return _insert_some(text, rng, ("<", "</div>", "<p", "<!--"), 5)
    chosen = rng.sample(tags, max(1, len(tags) // rng.choice((1, 3, 10))))
    out = list(text)
    for start, end in sorted(chosen, reverse=True):
        choice = rng.randrange(4)
        if choice == 0:
            del out[end - 1]  # the ">"
        elif choice == 1:
            del out[(start + end) // 2 : end]
        elif choice == 2:
            out.insert(start, "<")
        else:
            out.insert(end, rng.choice(("</div>", "</p></p>", "<table><tr><td>", "<!--")))
    return "".join(out)


def truncate_in_tag(text: str, rng: random.Random) -> str:
    """The page cut inside a tag (or mid-word when it has none)."""
    tags = [m.span() for m in _TAG.finditer(text)]
    if not tags:
        return truncate_mid_word(text, rng)
    start, end = rng.choice(tags)
    return text[: rng.randint(start + 1, end - 1)]


TEXT_MUTATIONS: dict[str, Mutation] = {
    "delete_quotes": delete_quotes,
    "double_quotes": double_quotes,
    "delete_apostrophes": delete_apostrophes,
    "double_apostrophes": double_apostrophes,
    "delete_brackets": delete_brackets,
    "double_brackets": double_brackets,
    "delete_commas": delete_commas,
    "double_commas": double_commas,
    "split_lines": split_lines,
    "join_lines": join_lines,
    "truncate_mid_word": truncate_mid_word,
    "unicode_punctuation": unicode_punctuation,
    "rtl_characters": rtl_characters,
    "zero_width": zero_width,
    "nul_characters": nul_characters,
    "long_lines": long_lines,
}
HTML_MUTATIONS: dict[str, Mutation] = {
    **TEXT_MUTATIONS,
    "break_tags": break_tags,
    "truncate_in_tag": truncate_in_tag,
}


def choose_mutations(rng: random.Random, html: bool = False) -> tuple[str, ...]:
    """One to three mutation names (one in two copies gets a single mutation)."""
    names = sorted(HTML_MUTATIONS if html else TEXT_MUTATIONS)
    count = rng.choice((1, 1, 1, 2, 2, 3))
    chosen = rng.sample(names, count)
    # A very long line is made last, so the others do not have to walk 100,000 characters.
    return tuple(sorted(chosen, key=lambda name: name == "long_lines"))


def mutate(text: str, names: Sequence[str], rng: random.Random) -> str:
    """`text` with each named mutation applied in turn."""
    for name in names:
        text = HTML_MUTATIONS[name](text, rng)
    return text
