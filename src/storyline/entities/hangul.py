"""Hangul in Latin letters: Revised Romanization and McCune–Reischauer, syllable by syllable.

Names are romanized part by part (family name, given name) without the sound
changes across syllables that running text takes: "김대중" is "Gim Daejung" in
Revised Romanization and "Kim Taechung" in McCune–Reischauer, which voices a
plain consonant between voiced sounds ("Taejung") and marks none of its breves
or apostrophes here (news copy drops them). Characters that are not hangul
syllables are returned as they are, so the caller can tell a name it cannot read.
"""

from __future__ import annotations

__all__ = ["mccune_reischauer", "revised_romanization"]

_FIRST, _LAST = 0xAC00, 0xD7A3
_MEDIALS, _FINALS = 21, 28

# Initials: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_RR_INITIAL = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h")  # fmt: skip
_RR_VOWEL = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
             "wo", "we", "wi", "yu", "eu", "ui", "i")  # fmt: skip
# Finals: none ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
_FINAL = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
          "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")  # fmt: skip

_MR_INITIAL = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch",
               "k", "t", "p", "h")  # fmt: skip
_MR_VOICED = {0: "g", 3: "d", 7: "b", 12: "j"}  # plain stops voiced after a vowel or n, m, ng, l
_MR_VOWEL = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
             "wo", "we", "wi", "yu", "u", "ui", "i")  # fmt: skip
_VOICED_FINALS = frozenset({"", "n", "m", "ng", "l"})
_SH_VOWELS = frozenset({"i", "wi"})  # ㅅ before these is "sh" in McCune–Reischauer


def _jamo(syllable: str) -> tuple[int, int, int] | None:
    """(initial, medial, final) indexes of a hangul syllable, None for another character."""
    code = ord(syllable)
    if not _FIRST <= code <= _LAST:
        return None
    offset = code - _FIRST
    return offset // (_MEDIALS * _FINALS), offset // _FINALS % _MEDIALS, offset % _FINALS


def revised_romanization(part: str) -> str:
    """One name part in Revised Romanization, syllables joined: "대중" -> "daejung"."""
    letters = []
    for char in part:
        jamo = _jamo(char)
        if jamo is None:
            letters.append(char)
            continue
        initial, medial, final = jamo
        letters.append(_RR_INITIAL[initial] + _RR_VOWEL[medial] + _FINAL[final])
    return "".join(letters)


def mccune_reischauer(part: str) -> str:
    """One name part in McCune–Reischauer without breves or apostrophes: "대중" -> "taejung"."""
    letters = []
    previous: str | None = None  # the final of the syllable before, None at the start
    for char in part:
        jamo = _jamo(char)
        if jamo is None:
            letters.append(char)
            previous = None
            continue
        initial, medial, final = jamo
        letters.append(_mr_initial(initial, medial, previous) + _MR_VOWEL[medial] + _FINAL[final])
        previous = _FINAL[final]
    return "".join(letters)


def _mr_initial(initial: int, medial: int, previous: str | None) -> str:
    voiced = previous is not None and previous in _VOICED_FINALS
    if voiced and initial in _MR_VOICED:
        return _MR_VOICED[initial]
    if initial == 5 and previous in {"n", "l"}:  # ㄹ after ㄴ or ㄹ is read "l"
        return "l"
    if initial == 9 and _MR_VOWEL[medial] in _SH_VOWELS:
        return "sh"
    return _MR_INITIAL[initial]
