"""Direct quotations in Japanese, Chinese and Korean reports, and who said them.

These languages mark a quotation with brackets or curly quotes and put the speech verb
after it (Japanese 「…」と述べた, Korean “…”라고 말했다) or, in Chinese, either before
it (说：“…”) or after it (“…”，他表示). A Korean “…”(이)라며 is a quotation whatever
verb ends the sentence, and in all three a name and a colon that open the sentence
(岸田首相：「…」) stand for the cue. A quotation is kept when such a cue follows or
precedes it; its speaker is, in order:

1. the nearest person mention before the quotation in its sentence (before the cue, when
   the cue comes first);
2. a person mention between the quotation and its cue (「…」と首相は述べた);
3. the words before the colon of that form; or the topic or subject before the
   quotation: the words before は/が (ja), 은/는/이/가 (ko), or before the cue 表示/说
   (zh), a pronoun included (他说：“…”) — kept as a speaker span without an entity.

Unbalanced, empty or cue-less quotation marks give no quotation; a quotation inside
another one is part of the outer quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from storyline.nlp.languages import sentence_around
from storyline.quotes.find import STAGE
from storyline.records import Document, Mention, Quote, Span

LANGUAGES: frozenset[str] = frozenset({"ja", "zh", "ko"})

#: Opening mark -> closing mark, per language (straight quotes pair with themselves).
_PAIRS: dict[str, dict[str, str]] = {
    "ja": {"「": "」", "『": "』", "“": "”"},
    "zh": {"“": "”", "「": "」", "『": "』", '"': '"'},
    "ko": {"“": "”", '"': '"', "‘": "’", "「": "」"},
}

#: Chinese speech verbs that cue a quotation, before or after it (认为 "holds that" only
#: after: before a quotation it introduces an opinion, not words said).
_ZH_SAID = "表示|说|指出|强调|称|透露|介绍|呼吁"

#: The cue right after a closing mark: a quotative particle then a speech verb.
_CUE_AFTER: dict[str, re.Pattern[str]] = {
    "ja": re.compile(
        r"\s*(?:と|って)[^。「」『』]{0,30}?"
        r"(述べ|語っ|語り|強調し|話し|明らかにし|指摘し|説明し|主張し|訴え|発表し|言っ|述べる|語る|強調する"
        r"|付け加え|呼びかけ)"
    ),
    "ko": re.compile(
        r"\s*(?:이?라고|고|며|면서)\s*[^.“”\"]{0,30}?"
        r"(말했|밝혔|강조했|전했|설명했|주장했|덧붙였|지적했|촉구했|말한|밝힌|강조한|말하|밝히)"
        # "…"(이)라며 / "…"며 is a quotation whatever verb ends the sentence ("saying …").
        r"|\s*(이?라며|며|면서)(?=\s)"
    ),
    "zh": re.compile(rf"\s*[，,]?\s*[^。“”]{{0,15}}?({_ZH_SAID}|认为)"),
}

#: The Chinese cue right before an opening mark: 表示：“…” / 说，“…”.
_CUE_BEFORE_ZH = re.compile(rf"({_ZH_SAID})\s*[：:，,]?\s*$")

#: A speaker's name and a colon right before a quotation, at the start of its sentence
#: (岸田首相：「…」, 이종섭 장관: “…”): the colon is the cue, the name the speaker.
_NOT_IN_NAME = '。．.！？!?，,、「」“”"：:'
_COLON_FORM = re.compile(rf"\s*([^\s{_NOT_IN_NAME}][^{_NOT_IN_NAME}]{{0,24}}?)\s*([：:])\s*")

#: The topic or subject of the sentence (ja, ko: its first match before the quotation)
#: or the words right before the Chinese cue.
_SUBJECT: dict[str, re.Pattern[str]] = {
    "ja": re.compile(r"([一-龥ァ-ヶー・]{1,15})(?:は|が)"),
    "ko": re.compile(r"([가-힣A-Za-z]{1,10}(?:\s[가-힣]{1,5})?)(?:은|는|이|가)\s"),
    "zh": re.compile(r"(他们|她们|他|她|[一-龥·]{2,15}?)(?:[，,])?\s*$"),
}

#: What may stand between a quotation and its cue, the speaker's words in the group.
_BETWEEN: dict[str, re.Pattern[str]] = {
    "ja": re.compile(r"\s*(?:と|って)[、\s]*([^、。\s]{1,15}?)?(?:は|が)?[、\s]*"),
    "ko": re.compile(
        r"\s*(?:이?라고|고|며|면서)\s*([가-힣A-Za-z]{1,10}(?:\s[가-힣]{1,5}?)?)?(?:은|는|이|가)?\s*"
    ),
    "zh": re.compile(r"\s*[，,]?\s*([一-龥·]{1,15}?)?\s*"),
}

PERSON = "PERSON"


@dataclass(frozen=True, slots=True)
class _Quoted:
    inner: Span  # the words, without the marks
    outer: Span  # with the marks


def find_quotes(doc: Document) -> tuple[Quote, ...]:
    """The direct quotations of a Japanese, Chinese or Korean report, in text order
    (none for another language)."""
    language = doc.language or ""
    if language not in LANGUAGES:
        return ()
    text = doc.text
    sentences = [s.span for s in doc.sentences]
    persons = [m for m in doc.mentions if m.label == PERSON]
    quotes: list[Quote] = []
    for quoted in quoted_spans(text, _PAIRS[language]):
        quote = _attribute(
            text, language, quoted, sentence_around(sentences, quoted.outer, text), persons
        )
        if quote is not None:
            quotes.append(quote)
    return tuple(quotes)


def quoted_spans(text: str, pairs: dict[str, str]) -> Iterator[_Quoted]:
    """Outermost balanced quotations within one line, non-empty; a mark left open at the
    end of its line is dropped."""
    index = 0
    while index < len(text):
        opening = text[index]
        closing = pairs.get(opening)
        if closing is None:
            index += 1
            continue
        end = _closing_index(text, index, opening, closing)
        if end is None:
            index += 1
            continue
        inner = Span(index + 1, end)
        if inner.of(text).strip():
            yield _Quoted(inner, Span(index, end + 1))
        index = end + 1


def _closing_index(text: str, start: int, opening: str, closing: str) -> int | None:
    """Where the mark opened at `start` closes (nested pairs counted), or None when the
    line ends first."""
    depth = 0
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == "\n":
            return None
        if char == closing and (depth == 0 or opening == closing):
            return index
        if char == closing:
            depth -= 1
        elif char == opening:
            depth += 1
    return None


def _attribute(
    text: str, language: str, quoted: _Quoted, sentence: Span, persons: Sequence[Mention]
) -> Quote | None:
    cue = _cue_after(text, language, quoted.outer.end, sentence.end)
    floor = quoted.outer.start
    named: Span | None = None  # the words before a colon that opens the sentence
    if cue is None and language == "zh":
        cue = _cue_before(text, sentence.start, quoted.outer.start)
        if cue is not None:
            floor = cue.start
    if cue is None:
        colon = _COLON_FORM.fullmatch(text, sentence.start, quoted.outer.start)
        if colon is not None:
            cue, named = Span(colon.start(2), colon.end(2)), Span(colon.start(1), colon.end(1))
            floor = cue.start
    if cue is None:
        return None
    speaker = _person_before(persons, sentence.start, floor) or _person_between(
        persons, quoted.outer.end, cue.start
    )
    if speaker is not None:
        return Quote(quoted.inner, "direct", STAGE, speaker.span, speaker.entity, cue)
    if cue.start > quoted.outer.end:  # “…”，他表示 / 「…」と首相は述べた: the words between
        subject = _words_between(text, language, quoted.outer.end, cue.start)
    else:
        subject = named
    subject = subject or _subject(text, language, sentence.start, floor)
    return Quote(quoted.inner, "direct", STAGE, subject, None, cue)


def _cue_after(text: str, language: str, position: int, end: int) -> Span | None:
    match = _CUE_AFTER[language].match(text, position, end)
    if match is None or match.lastindex is None:
        return None
    return Span(match.start(match.lastindex), match.end(match.lastindex))


def _cue_before(text: str, start: int, position: int) -> Span | None:
    match = _CUE_BEFORE_ZH.search(text, start, position)
    return Span(match.start(1), match.end(1)) if match else None


def _person_before(persons: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The last person mention inside [start, end)."""
    inside = [m for m in persons if start <= m.span.start and m.span.end <= end]
    return inside[-1] if inside else None


def _person_between(persons: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The first person mention inside [start, end)."""
    inside = [m for m in persons if start <= m.span.start and m.span.end <= end]
    return inside[0] if inside else None


def _words_between(text: str, language: str, start: int, end: int) -> Span | None:
    """The speaker named between a quotation and its cue: Chinese "，他表示" gives "他",
    Japanese "と首相は述べた" gives "首相"; None when only particles stand there."""
    between = _BETWEEN[language].fullmatch(text, start, end)
    return Span(between.start(1), between.end(1)) if between and between.group(1) else None


def _subject(text: str, language: str, start: int, end: int) -> Span | None:
    """The words marked as topic or subject before the quotation (ja, ko), or right
    before the cue (zh)."""
    match = _SUBJECT[language].search(text, start, end)
    return Span(match.start(1), match.end(1)) if match else None
