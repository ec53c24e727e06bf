"""Words and short phrases around a speech verb: the pieces a speaker is read from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.quotes import lexicon as lx
from storyline.records import Mention, Span


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def words_before(text: str, end: int, floor: int) -> list[Word]:
    """The run of words ending at `end` with only spaces between them (left to right)."""
    words = [Word(m.start(), m.end(), m.group()) for m in lx.WORD.finditer(text, floor, end)]
    run: list[Word] = []
    limit = end
    for word in reversed(words):
        if text[word.end : limit].strip():
            break
        run.append(word)
        limit = word.start
    run.reverse()
    return run


def words_after(text: str, start: int, ceiling: int) -> list[Word]:
    """The run of words starting at `start` with only spaces between them."""
    run: list[Word] = []
    position = start
    for match in lx.WORD.finditer(text, start, ceiling):
        if text[position : match.start()].strip():
            break
        run.append(Word(match.start(), match.end(), match.group()))
        position = match.end()
    return run


def skip_space_back(text: str, end: int, floor: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def is_adverb(word: Word) -> bool:
    return word.text.islower() and len(word.text) > 4 and word.text.endswith("ly")


def head(word: str) -> bool:
    return word in lx.TITLE_HEADS or word in lx.SOURCE_NOUNS or word in lx.PLURAL_SOURCES


def title_like(word: Word) -> bool:
    lowered = lx.normalise_title_word(word.text)
    return (
        lowered in lx.TITLE_HEADS
        or lowered in lx.TITLE_QUALIFIERS
        or lowered in lx.DETERMINERS
        or lowered in ("of", "and", "committee", "us", "u.s", "uk")
        or word.text[0].isupper()
    )


def attached(words: Sequence[Word], mention: Mention) -> bool:
    """Whether `mention` ends the phrase of a head before it: "a source in Seoul"."""
    before = [w for w in words if w.end <= mention.span.start]
    if before and before[-1].lower in lx.DETERMINERS:
        before = before[:-1]
    return (
        len(before) >= 2
        and before[-1].lower in lx.SPEAKER_PREPOSITIONS
        and head(before[-2].lower)
        and before[-2].lower not in lx.ORG_HEADS
    )


def plural_subject(text: str, start: int, end: int) -> Span | None:
    """The plural head early in a sentence: "The top officials of …" -> "officials"."""
    for index, match in enumerate(lx.WORD.finditer(text, start, end)):
        if index >= lx.CLAUSE_VERB_REACH or lx.FINITE_VERB.fullmatch(match.group()):
            break
        if match.group().lower() in lx.PLURAL_SOURCES:
            return Span(match.start(), match.end())
    return None


def is_person_source(phrase: str) -> bool:
    words = [w.lower() for w in lx.WORD.findall(phrase)]
    return bool(words) and words[0] in lx.DETERMINERS and any(w in lx.PERSON_SOURCES for w in words)


def attachable(words: Sequence[Word]) -> bool:
    """Words that can follow a speaker's preposition: "(for) the utility"."""
    return all(w.lower not in lx.NOT_SPEAKER or w.lower == "the" for w in words)


def head_index(words: Sequence[Word]) -> int | None:
    """The head noun of a speaker phrase read forwards: the last of a run of heads."""
    for index, word in enumerate(words[:7]):
        if word.lower in lx.SPEAKER_PREPOSITIONS:
            return None
        if head(word.lower) and not followed_by_name(words, index):
            while index + 1 < len(words) and head(words[index + 1].lower):
                index += 1
            return index
    return None


def followed_by_name(words: Sequence[Word], index: int) -> bool:
    """ "Senator Lund": a title head followed by a capitalised word is not the head."""
    return index + 1 < len(words) and words[index + 1].text[0].isupper()


def prepositional_tail(words: Sequence[Word], head: int) -> int:
    """The end of "official" or of "official at the embassy" (a short attached phrase)."""
    end = words[head].end
    if head + 2 < len(words) and words[head + 1].lower in lx.SPEAKER_PREPOSITIONS:
        tail = words[head + 2 : head + 5]
        taken = 0
        for word in tail:
            if word.lower in lx.NOT_SPEAKER and word.lower != "the":
                break
            taken += 1
            if word.lower not in lx.DETERMINERS:
                end = word.end
                break
        if taken == 0:
            return words[head].end
    return end
