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

Other proper nouns (nz: brands, titles of works) are not names of the three kinds and
are left out. Sentences end at 。！？ (with any closing quote after it) and at line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jieba
import jieba.posseg

from storyline.nlp.languages import LanguageAnalysis, stripped_span
from storyline.nlp.native_names import kb_names
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

#: Frequency given to added names: high enough that jieba keeps them whole.
_ADDED_FREQUENCY = 100_000


class ChineseAnalyser:
    """Sentences and names of Chinese text (see the module docstring)."""

    language = "zh"

    def __init__(self, tagger: jieba.posseg.POSTokenizer) -> None:
        self.tagger = tagger

    def analyse(self, text: str) -> LanguageAnalysis:
        sentences = tuple(split_sentences(text))
        names: list[tuple[Span, str]] = []
        for sentence in sentences:
            names.extend(self._names(text, sentence))
        return LanguageAnalysis(sentences, tuple(names))

    def _names(self, text: str, sentence: Span) -> list[tuple[Span, str]]:
        found: list[tuple[Span, str]] = []
        position = sentence.start
        for pair in self.tagger.cut(sentence.of(text)):
            word, tag = pair.word, pair.flag
            span = Span(position, position + len(word))
            position = span.end
            label = LABEL_BY_TAG.get(tag)
            if label is None:
                continue
            if found and _joins(text, found[-1], span, label):
                found[-1] = (Span(found[-1][0].start, span.end), label)
            else:
                found.append((span, label))
        return found


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
    for name, label in kb_names("hanzi").items():
        tokenizer.add_word(name, _ADDED_FREQUENCY, _TAG_BY_LABEL[label])
    for place in PLACES:
        tokenizer.add_word(place, _ADDED_FREQUENCY, "ns")
    for title in TITLES:
        tokenizer.add_word(title, _ADDED_FREQUENCY, "n")
    return ChineseAnalyser(jieba.posseg.POSTokenizer(tokenizer))
