"""Names of the curated knowledge base written in Japanese, Chinese or Korean script.

The curated files list, among a person's or organisation's aliases, the kana, kanji,
hangul and hanzi forms the press of those languages use ("ブリンケン", "윤석열",
"联合国"). The analysers read them as evidence: a word the KB knows as a person is
labelled PERSON without further guessing, and jieba learns them as whole words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from storyline.records import Span

#: The curated KB files (read as data: `storyline.entities` imports `storyline.nlp`, so
#: importing the KB's reader from here would make the two packages import each other).
KB_DATA = Path(__file__).resolve().parents[1] / "entities" / "kb" / "data"

#: One-character forms of countries that Chinese news joins into compounds ("中美会谈",
#: China-US talks; "美日同盟", "中日韩"): the Chinese analyser splits such a compound into
#: its countries, and the linker reads each character as its country (ISO alpha-3).
CHINESE_COUNTRY_CHARACTERS: dict[str, str] = {
    "中": "CHN", "美": "USA", "日": "JPN", "韩": "KOR", "朝": "PRK", "俄": "RUS", "英": "GBR",
    "法": "FRA", "德": "DEU", "澳": "AUS", "印": "IND", "加": "CAN", "意": "ITA", "菲": "PHL",
    "越": "VNM",
}  # fmt: skip

#: One-character forms of countries that Japanese news joins into compounds ("日米同盟",
#: the Japan-US alliance; "米中", "日米韓", "日豪"): the Japanese analyser splits such a
#: compound into its countries. 中米 and the like are regions (Central America), not
#: compounds: `JAPANESE_REGION_WORDS`.
JAPANESE_COUNTRY_CHARACTERS: dict[str, str] = {
    "日": "JPN", "米": "USA", "中": "CHN", "韓": "KOR", "朝": "PRK", "露": "RUS", "英": "GBR",
    "仏": "FRA", "独": "DEU", "豪": "AUS", "印": "IND", "加": "CAN", "伊": "ITA", "比": "PHL",
    "台": "TWN",
}  # fmt: skip
JAPANESE_REGION_WORDS: frozenset[str] = frozenset({"中米", "中東", "中南米", "北米", "南米"})

#: One-syllable forms of countries that Korean news joins into compounds ("한미 동맹",
#: the South Korea-US alliance; "남북", "북미", "미중", "한·미·일"): the Korean analyser
#: splits such a compound into its countries, read as those countries like the above.
KOREAN_COUNTRY_SYLLABLES: dict[str, str] = {
    "한": "KOR", "남": "KOR", "북": "PRK", "미": "USA", "중": "CHN", "일": "JPN", "러": "RUS",
}  # fmt: skip

#: Everyday Korean names of countries that ISO 3166's translations lack (they give
#: "대한민국" and "조선민주주의인민공화국", the press writes "한국" and "북한").
KOREAN_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "KOR": ("한국", "남한"),
    "PRK": ("북한",),
    "RUS": ("러시아",),
    "TWN": ("대만",),
}


def country_compound(text: str, word: Span, table: Mapping[str, str]) -> list[Span]:
    """The countries a compound of one-character country forms (`table`) joins, one span
    per character, a middle dot between them allowed ("日米", "한·미·일"); none unless
    every character is a country's and the word names two countries or more, each once
    ("남한" is two forms of South Korea: no compound)."""
    spans = [
        Span(word.start + i, word.start + i + 1) for i, c in enumerate(word.of(text)) if c != "·"
    ]
    codes = [table.get(span.of(text)) for span in spans]
    if len(spans) < 2 or None in codes or len(set(codes)) < len(codes):
        return []
    return spans


def short_country_names() -> dict[str, tuple[str, ...]]:
    """alpha_3 -> the short forms above (read by the linker's country names)."""
    names = {code: list(forms) for code, forms in KOREAN_COUNTRY_NAMES.items()}
    for table in (
        CHINESE_COUNTRY_CHARACTERS,
        JAPANESE_COUNTRY_CHARACTERS,
        KOREAN_COUNTRY_SYLLABLES,
    ):
        for character, code in table.items():
            names.setdefault(code, []).append(character)
    return {code: tuple(forms) for code, forms in names.items()}


#: KB entity type -> the name label an analyser gives it.
_LABEL_BY_TYPE: dict[str, str] = {"person": "PERSON", "organization": "ORG"}


def is_hangul(word: str) -> bool:
    """True when every letter of `word` is a hangul syllable (spaces allowed)."""
    letters = word.replace(" ", "")
    return bool(letters) and all("\uac00" <= c <= "\ud7a3" for c in letters)


def is_hanzi(word: str) -> bool:
    """True when every letter of `word` is a CJK ideograph (a middle dot, as in foreign
    names, allowed)."""
    letters = word.replace("·", "")
    return bool(letters) and all("\u4e00" <= c <= "\u9fff" for c in letters)


def is_japanese(word: str) -> bool:
    """True when every letter of `word` is kana or a kanji (the middle dot and the
    prolonged sound mark of katakana names allowed): "ブリンケン", "茂木敏充"."""
    letters = word.replace("・", "")
    return bool(letters) and all(
        "\u3041" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in letters
    )


_SCRIPTS = {"hangul": is_hangul, "hanzi": is_hanzi, "japanese": is_japanese}


@cache
def kb_names(script: str) -> dict[str, str]:
    """name -> label for every KB name or alias in `script` ("hangul", "hanzi" or
    "japanese": kana and kanji).

    Japanese aliases share hanzi with Chinese ("国連" is Japanese, "联合国" Chinese); a
    few Japanese kanji forms are therefore also read as Chinese names, which does no
    harm: they are real names of the same entity.
    """
    test = _SCRIPTS[script]
    names: dict[str, str] = {}
    for record in _kb_records():
        label = _LABEL_BY_TYPE.get(str(record.get("type")))
        aliases = record.get("aliases")
        if label is None or not isinstance(aliases, list):
            continue
        for name in (record.get("name"), *aliases):
            if isinstance(name, str) and test(name) and len(name.replace(" ", "")) >= 2:
                names.setdefault(name, label)
    return names


def _kb_records() -> Iterator[dict[str, Any]]:
    """The records of the curated people and organisation files (`storyline kb check`
    validates them; a line that is not a JSON object is skipped here)."""
    for path in sorted(KB_DATA.glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict):
                    yield record
