"""The Chinese analyser: sentences and names of a Chinese report, on jieba.

jieba's part-of-speech tagger marks people (nr, and nrfg/nrt for names it knows),
places (ns) and organisations (nt); those words are the names, with their character
offsets. Two things help it:

- the curated KB's hanzi names of people and organisations are added to jieba's
  dictionary at build time, so "布林肯" is one person and not "布" + "林肯";
- countries and capitals, and the titles written next to names, are added too, so a
  title never sticks to a name ("德国" + "总理", not "德国总理");
- a person name jieba still splits in two adjacent nr words, or around the middle dot
  of a foreign name ("让·平"), is joined back.

Three kinds of word jieba tags as names are read otherwise:

- a compound of one-character country forms ("中美", "美日", "中日韩", and the "中美" of
  the dictionary word "中美关系") is the countries it joins ("中美会谈": talks of China
  and the US), one name per character, which the linker reads as its country — never
  one place called "中美";
- words for countries in general ("两国", "各国") are not names;
- a transliterated "person" glued right after a place ("阿拉斯加州" + "安克雷奇") is the
  smaller place inside it, as Chinese writes addresses from large to small; every other
  occurrence of that word in the report is then the place too (one sense per report:
  the headline's "在安克雷奇举行").

Other proper nouns (nz: brands, titles of works) are not names of the three kinds and
are left out. Sentences end at 。！？ (with any closing quote after it) and at line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import jieba
import jieba.posseg

from storyline.nlp.languages import LanguageAnalysis, stripped_span
from storyline.nlp.native_names import CHINESE_COUNTRY_CHARACTERS, kb_names
from storyline.records import Span


def _words(text: str) -> tuple[str, ...]:
    """The white-space separated words of `text` (word lists below read as prose)."""
    return tuple(text.split())


#: jieba tag -> name label.
LABEL_BY_TAG: dict[str, str] = {
    "nr": "PERSON",
    "nrfg": "PERSON",
    "nrt": "PERSON",
    "ns": "GPE",
    "nt": "ORG",
}

#: jieba tag given to a KB name of each label when it is added to the dictionary.
_TAG_BY_LABEL: dict[str, str] = {"PERSON": "nr", "ORG": "nt"}

#: A sentence: up to a terminal mark and the closing quotes right after it, or a line.
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』\"']*|\n|$)")

#: Countries and places the KB has no record of, as Chinese news writes them (tagged ns).
PLACES: tuple[str, ...] = tuple(
    _words(
        """
        中国 美国 日本 韩国 朝鲜 俄罗斯 英国 法国 德国 意大利 加拿大 澳大利亚 印度 巴西 墨西哥
        伊朗 伊拉克 以色列 乌克兰 土耳其 沙特阿拉伯 埃及 叙利亚 巴基斯坦 阿富汗 越南 泰国 菲律宾
        印度尼西亚 南非 欧洲 亚洲 非洲 北京 上海 天津 重庆 香港 澳门 台湾 东京 首尔 平壤 莫斯科
        华盛顿 伦敦 巴黎 柏林 基辅 纽约 日内瓦 布鲁塞尔
        """
    )
)

#: Titles written right before or after a name ("德国总理", "王储穆罕默德"), added as
#: common nouns so that jieba never glues them to the name.
TITLES: tuple[str, ...] = tuple(
    _words(
        """
        总理 总统 首相 主席 总书记 国务卿 外长 部长 副部长 发言人 秘书长 总干事 王储 国王 大使
        议长 省长 市长 书记 委员长 董事长 总裁 教授 记者 将军 司令
        """
    )
)

#: One-character forms of countries that Chinese news joins into compounds ("中美关系",
#: "美日同盟", "中日韩峰会"); the linker reads each as its country.
COUNTRY_CHARACTERS: frozenset[str] = frozenset(CHINESE_COUNTRY_CHARACTERS)

#: Relations of countries that jieba's dictionary may hold in one word with the
#: countries ("中美关系", "中俄关系": tagged an organisation).
RELATIONS: tuple[str, ...] = ("关系", "同盟", "贸易", "峰会", "对话", "会谈", "合作", "交流")

#: "国" or "方" after a numeral or a determiner: "the two countries", "each country",
#: "our country" — countries in general, no name.
_GENERIC_COUNTRY = re.compile(r"[两三四五六七八九十几多各诸本我他该外大小邻盟友全双][国方]")

#: Frequency given to added names: high enough that jieba keeps them whole.
_ADDED_FREQUENCY = 100_000


class ChineseAnalyser:
    """Sentences and names of Chinese text (see the module docstring)."""

    language = "zh"

    def __init__(self, tagger: jieba.posseg.POSTokenizer, people: frozenset[str]) -> None:
        self.tagger = tagger
        self.people = people  # the KB's hanzi names of people: never read as places

    def analyse(self, text: str) -> LanguageAnalysis:
        sentences = tuple(split_sentences(text))
        names: list[tuple[Span, str]] = []
        for sentence in sentences:
            names.extend(self._names(text, sentence))
        return LanguageAnalysis(sentences, tuple(_places_in_places(text, names, self.people)))

    def _names(self, text: str, sentence: Span) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        words = self._words(sentence.of(text), sentence.start)
        index = 0
        while index < len(words):
            compound = _country_compound(words, index)
            if compound:
                found.extend(_country_characters(words[index : index + compound]))
                index += compound
                continue
            word = words[index]
            index += 1
            label = LABEL_BY_TAG.get(word.tag)
            if label is None or _GENERIC_COUNTRY.fullmatch(word.text):
                continue
            if found and _joins(text, found[-1], word.span, label):
                found[-1] = (Span(found[-1][0].start, word.span.end), label)
            else:
                found.append((word.span, label))
        return found

    def _words(self, sentence: str, offset: int) -> list[_Word]:
        """jieba's tagged words of `sentence`, which starts at `offset` in the text; a
        word jieba's dictionary holds whole, countries and what is between them
        ("中美关系", tagged an organisation), is cut into the two."""
        words: list[_Word] = []
        for pair in self.tagger.cut(sentence):
            span = Span(offset, offset + len(pair.word))
            words.extend(_between_countries(_Word(pair.word, pair.flag, span)))
            offset = span.end
        return words


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    tag: str
    span: Span


def _between_countries(word: _Word) -> tuple[_Word, ...]:
    """`word`, or its countries (an abbreviation, "中美") and their relation ("关系") when
    jieba's dictionary holds the two as one word ("中美关系")."""
    for relation in RELATIONS:
        countries = word.text.removesuffix(relation)
        if countries != word.text and len(countries) >= 2 and _all_countries(countries):
            cut = word.span.start + len(countries)
            return (
                _Word(countries, "j", Span(word.span.start, cut)),
                _Word(relation, "n", Span(cut, word.span.end)),
            )
    return (word,)


def _all_countries(word: str) -> bool:
    return all(character in COUNTRY_CHARACTERS for character in word)


def _country_compound(words: Sequence[_Word], index: int) -> int:
    """How many words from `index` make a compound of country characters ("中美"; jieba's
    "中" + "美"; "中日韩"), 0 when they make none: touching words of country characters
    only, one of them tagged a name or an abbreviation (j) — so the "中" of "会谈中"
    ("in the talks") is no China."""
    end = index
    while end < len(words) and _all_countries(words[end].text):
        end += 1
    tagged = any(w.tag in LABEL_BY_TAG or w.tag == "j" for w in words[index:end])
    return end - index if tagged else 0


def _country_characters(words: Sequence[_Word]) -> Iterator[tuple[Span, str]]:
    """Each character of a compound of country characters, as the country it stands for."""
    for word in words:
        for offset in range(len(word.text)):
            yield Span(word.span.start + offset, word.span.start + offset + 1), "GPE"


def _places_in_places(
    text: str, names: list[tuple[Span, str]], people: frozenset[str]
) -> list[tuple[Span, str]]:
    """`names` with each person name written right after a place of two characters or
    more ("阿拉斯加州安克雷奇") read as a place, here and wherever else the report writes
    it; a name the KB knows as a person stays one."""
    places = {
        span.of(text)
        for (before, before_label), (span, label) in zip(names, names[1:], strict=False)
        if label == "PERSON"
        and before_label == "GPE"
        and before.end == span.start
        and len(before) >= 2  # "埃" + "尔多": one character tagged a place cuts a name
        and span.of(text) not in people
    }
    return [
        (span, "GPE" if label == "PERSON" and span.of(text) in places else label)
        for span, label in names
    ]


def _joins(text: str, previous: tuple[Span, str], span: Span, label: str) -> bool:
    """True when `span`, a person word, continues the person name just before it: the two
    touch ("布" + "林肯") or stand either side of a middle dot ("让" · "平")."""
    before, previous_label = previous
    if label != "PERSON" or previous_label != "PERSON":
        return False
    between = text[before.end : span.start]
    return between in {"", "·", "•"}


def split_sentences(text: str) -> Iterator[Span]:
    """Non-blank sentences of `text`, without surrounding white space."""
    for match in _SENTENCE.finditer(text):
        span = stripped_span(text, match.start(), match.end())
        if span is not None:
            yield span


def make_analyser() -> ChineseAnalyser:
    """The Chinese analyser: a private jieba dictionary that knows the KB's hanzi names
    (loading it takes about a second)."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    known = kb_names("hanzi")
    for name, label in known.items():
        tokenizer.add_word(name, _ADDED_FREQUENCY, _TAG_BY_LABEL[label])
    for place in PLACES:
        tokenizer.add_word(place, _ADDED_FREQUENCY, "ns")
    for title in TITLES:
        tokenizer.add_word(title, _ADDED_FREQUENCY, "n")
    people = frozenset(name for name, label in known.items() if label == "PERSON")
    return ChineseAnalyser(jieba.posseg.POSTokenizer(tokenizer), people)
