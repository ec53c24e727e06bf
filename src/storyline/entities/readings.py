"""Readings of East Asian names: what a translator may write for a name in its own script.

Machine-translated news reads a name through whatever language it passed: a
Japanese name read in Chinese ("Lin Fangzheng" for 林芳正, Hayashi Yoshimasa), a
Chinese name read in Japanese ("Shu Kinpei" for 習近平, Xi Jinping), a Korean name
romanized by another system. This module derives those readings from a
person's native-script names, never from a list of people:

- Japanese names: Hepburn (with macrons), Kunrei-shiki and passport Hepburn of
  the kana (or of the kanji, when their reading agrees with the person's Latin
  name), and the pinyin of the kanji;
- Chinese names: pinyin, and the Japanese on-reading of the (traditional) hanzi;
- Korean names: Revised Romanization and McCune–Reischauer of the hangul, and
  the pinyin and Japanese reading of the hanja.

Each reading keeps its family and given name apart, so that it can be matched
in either order. `reading_key` folds what translators vary on (spaces, hyphens,
case, tone marks, macrons, long vowels written "ou", "oo", "oh" or doubled), so
that one key stands for "An Tian Wen Xiong", "Antian Wenxiong" and
"Wenxiong Antian" alike. A person has at most `MAX_READINGS` readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pykakasi
from pykakasi.kanji import Kanwa
from pypinyin import lazy_pinyin

from storyline.entities.hangul import mccune_reischauer, revised_romanization
from storyline.entities.names import fold, parse_name
from storyline.records import KBEntity

__all__ = [
    "MAX_READINGS",
    "NativeName",
    "Reading",
    "native_names",
    "person_readings",
    "reading_key",
    "reading_keys",
]

MAX_READINGS = 12
MIN_KEY = 4  # readings shorter than this in letters are too ambiguous to look up

JAPANESE = frozenset({"JPN"})
CHINESE = frozenset({"CHN", "TWN", "HKG", "MAC", "SGP"})
KOREAN = frozenset({"KOR", "PRK"})

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_NATIVE = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+$")
_SEPARATORS = re.compile(r"[\s・·･]+")
_ASCII_WORD = re.compile(r"^[a-z']+$")
_PINYIN = re.compile(r"^[a-zü]+$")
_SYSTEMS = ("hepburn", "kunrei", "passport")  # pykakasi's romanizations
# The shape of a Sino-Japanese (on) reading: one mora, and at most one of these after it.
_ON_SHAPE = re.compile(r"^[\u3041-\u3096][ゃゅょ]?[うついきくちん]?$")

# Two-character family names: general facts of the scripts, not of any one person.
_COMPOUND_FAMILY = frozenset({
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "皇甫", "东方", "東方", "令狐",
    "司徒", "夏侯", "尉迟", "尉遲", "长孙", "長孫", "南宫", "南宮", "鲜于", "鮮于", "独孤",
    "獨孤", "西门", "西門", "남궁", "황보", "제갈", "선우", "독고", "사공", "서문",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class NativeName:
    """A person's name in its own script, split into family and given name ("" if unknown)."""

    family: str
    given: str
    script: str  # "han", "kana" or "hangul"

    @property
    def text(self) -> str:
        return self.family + self.given


@dataclass(frozen=True, slots=True)
class Reading:
    """One way a translator may write a native name in Latin letters."""

    family: str  # "Lin"
    given: str  # "Fangzheng" ("" for a name not split)
    source: str  # "林芳正"
    kind: str  # "Chinese reading of the Japanese name"

    @property
    def text(self) -> str:
        """Family name first, as the reading is written in the name's own order."""
        return f"{self.family} {self.given}".strip()

    @property
    def keys(self) -> frozenset[str]:
        """The reading's key in both name orders."""
        return frozenset(
            {reading_key(self.family + self.given), reading_key(self.given + self.family)}
        )


def reading_key(text: str) -> str:
    """Letters only, with long vowels and their spellings folded: "Shū Kinpei", "Shuu
    Kinpei" and "Shu-Kinpei" are all "shukinpei"; "Ōno" and "Ohno" are both "ono"."""
    value = re.sub(r"[^a-z]", "", fold(text))
    value = re.sub(r"oh(?![aeiou])", "o", value)
    value = value.replace("ou", "o")
    return re.sub(r"([aeiou])\1+", r"\1", value)


def reading_keys(entity: KBEntity) -> frozenset[str]:
    """The keys of the person's readings that are long enough to look up."""
    return frozenset(k for r in person_readings(entity) for k in r.keys if len(k) >= MIN_KEY)


def person_readings(entity: KBEntity) -> tuple[Reading, ...]:
    """The readings of a person's native-script names (none for other entities)."""
    if entity.type != "person":
        return ()
    return _readings(entity.names, entity.country)


@lru_cache(maxsize=50_000)
def _readings(names: tuple[str, ...], country: str | None) -> tuple[Reading, ...]:
    language = _language(country)
    natives = native_names(names, country)
    if not natives:
        return ()
    latin = _latin_keys(names)
    found: list[Reading] = []
    for native in natives:
        found += _readings_of(native, language, latin)
    unique: dict[frozenset[str], Reading] = {}
    for reading in found:
        unique.setdefault(reading.keys, reading)
    return tuple(unique.values())[:MAX_READINGS]


def _readings_of(native: NativeName, language: str, latin: frozenset[str]) -> list[Reading]:
    """The readings of one native name, by the language the person's name is of."""
    if native.script == "hangul":
        return _korean_readings(native) if language in {"ko", "other"} else []
    if native.script == "kana":
        whose = "the Japanese name" if language == "ja" else "the transliterated name"
        return _japanese_readings(native, whose, False) if language in {"ja", "other"} else []
    if language == "other":
        return _pinyin_readings(native, "the transliterated name")
    readings = []
    if language == "ja":
        japanese = _japanese_readings(native, "the Japanese name", on_reading=False)
        if japanese and (not latin or japanese[0].keys & latin):  # kanji read as the name is
            readings += japanese
    else:
        whose = "the Korean name" if language == "ko" else "the Chinese name"
        readings += _foreign_japanese_readings(native, whose)
    whose = {"ja": "the Japanese name", "ko": "the Korean name"}.get(language, "the Chinese name")
    return readings + _pinyin_readings(native, whose)


def native_names(names: tuple[str, ...], country: str | None) -> tuple[NativeName, ...]:
    """The person's names written only in native script, split into family and given
    name; a name that holds another of them ("明仁天皇" holds "明仁") is a title form."""
    written = [n for n in (_SEPARATORS.sub(" ", n).strip() for n in names) if n]
    compact = [n.replace(" ", "") for n in written]
    native = [
        (text, bare)
        for text, bare in zip(written, compact, strict=True)
        if _NATIVE.match(bare) and 2 <= len(bare) <= 6
    ]
    bare_names = {bare for _, bare in native}
    found = []
    for text, bare in native:
        if any(other != bare and other in bare for other in bare_names):
            continue
        found.append(_split(text, bare, country, names))
    return tuple(dict.fromkeys(found))


def _split(text: str, bare: str, country: str | None, names: tuple[str, ...]) -> NativeName:
    script = "hangul" if _HANGUL.search(bare) else "han" if _HAN.search(bare) else "kana"
    if " " in text:
        family, given = text.split(" ", 1)
        return NativeName(family, given.replace(" ", ""), script)
    if script == "kana" or (script == "han" and country in JAPANESE):
        cut = _japanese_family_length(bare, names) if script == "han" else 0
        return NativeName(bare[:cut], bare[cut:], script)
    if _language(country) == "other":  # a transliteration: no family name to cut off
        return NativeName("", bare, script)
    cut = 2 if bare[:2] in _COMPOUND_FAMILY and len(bare) > 2 else 1
    return NativeName(bare[:cut], bare[cut:], script)


def _japanese_family_length(kanji: str, names: tuple[str, ...]) -> int:
    """Where a Japanese name in kanji splits: where the reading of the part before is
    one word of the person's Latin name and the part after is another; else where
    the converter's first word ends; 0 (not split) when neither tells."""
    words = {reading_key(w) for n in names for w in parse_name(n, False).tokens}
    for cut in range(1, len(kanji)):
        family, given = _kana_reading(kanji[:cut]), _kana_reading(kanji[cut:])
        if family and given and {reading_key(family), reading_key(given)} <= words:
            return cut
    segments = _kakasi().convert(kanji)
    return len(segments[0]["orig"]) if len(segments) > 1 else 0


def _language(country: str | None) -> str:
    """The language a person's name is of, by the person's country; "other" outside
    East Asia, where a name in these scripts transliterates a foreign name (トランプ,
    拜登) and is read only as the language of its script reads it ("Toranpu", "Baideng")."""
    if country in JAPANESE:
        return "ja"
    if country in KOREAN:
        return "ko"
    if country in CHINESE:
        return "zh"
    return "other"


def _latin_keys(names: tuple[str, ...]) -> frozenset[str]:
    """Keys of the person's names in Latin letters, in both orders."""
    keys = set()
    for name in names:
        tokens = parse_name(name, False).tokens
        if tokens and not _NATIVE.match("".join(tokens)):
            keys.add(reading_key("".join(tokens)))
            keys.add(reading_key("".join(tokens[-1:] + tokens[:-1])))
    return frozenset(keys)


def _japanese_readings(
    native: NativeName, whose: str, on_reading: bool, systems: tuple[str, ...] = _SYSTEMS
) -> list[Reading]:
    """Hepburn with macrons, Kunrei-shiki and passport Hepburn, read by pykakasi; a
    Chinese or Korean name is read as Japanese reads those when `on_reading`: each
    character that is not part of a word in pykakasi's dictionary by its
    Sino-Japanese (on) reading."""
    source = native.text
    if on_reading:
        kana = _on_kana(native.family), _on_kana(native.given)
        if kana[0] is None or kana[1] is None:
            return []
        native = NativeName(kana[0], kana[1], native.script)
    family, given = _romaji(native.family), _romaji(native.given)
    if family is None or given is None or not (family or given):
        return []
    kind = f"Japanese reading of {whose}"
    readings = []
    for system in systems:
        first, second = family[system], given[system]
        if system == "hepburn":
            first, second = _macrons(first), _macrons(second)
        readings.append(Reading(first.capitalize(), second.capitalize(), source, kind))
    return readings


def _foreign_japanese_readings(native: NativeName, whose: str) -> list[Reading]:
    """A Chinese or Korean name in Japanese: by its on readings, and in Hepburn as a
    converter reads its characters as Japanese words (林 "Hayashi", 馬 "Uma"), which
    machine translation of Japanese text also writes."""
    readings = _japanese_readings(native, whose, on_reading=True)
    as_words = _japanese_readings(native, f"{whose}, as Japanese words", False, ("hepburn",))
    return readings + as_words


def _pinyin_readings(native: NativeName, whose: str) -> list[Reading]:
    """The pinyin of a name in han characters, syllables joined per name part."""
    if native.script != "han":
        return []
    family, given = ("".join(lazy_pinyin(p, v_to_u=True)) for p in (native.family, native.given))
    if not _PINYIN.match(family + given):  # a character pypinyin does not know is kept as is
        return []
    family, given = family.capitalize(), given.capitalize()
    return [Reading(family, given, native.text, f"Chinese reading of {whose}")]


def _korean_readings(native: NativeName) -> list[Reading]:
    kind = "romanized Korean name"
    return [
        Reading(
            romanize(native.family).capitalize(),
            romanize(native.given).capitalize(),
            native.text,
            f"{kind} ({system})",
        )
        for system, romanize in (
            ("Revised Romanization", revised_romanization),
            ("McCune–Reischauer", mccune_reischauer),
        )
    ]


def _romaji(part: str) -> dict[str, str] | None:
    """Hepburn, Kunrei-shiki and passport readings of a part, None if pykakasi cannot read it."""
    if not part:
        return {"hepburn": "", "kunrei": "", "passport": ""}
    segments = _kakasi().convert(part)
    found = {s: "".join(seg[s] for seg in segments) for s in ("hepburn", "kunrei", "passport")}
    if not all(_ASCII_WORD.match(v) for v in found.values()):
        return None
    return found


def _on_kana(part: str) -> str | None:
    """A part in kana as Japanese reads a Chinese name: a word pykakasi knows by its
    reading when that is made of the characters' on readings (近平 "きんぺい"), else
    each character by its first reading of the shape of an on reading (李 "り", not
    "すもも"; 明博 "めいはく", not the given name "あきひろ"), else (a character of no
    on reading in the dictionary) the word as pykakasi reads it. None if a character
    has no reading at all (a simplified form Japanese does not use)."""
    kana = []
    for segment in _kakasi().convert(part):
        text, word = segment["orig"], segment["hira"]
        if not _HAN.search(text) or _is_on_reading(text, word):
            kana.append(word)
            continue
        ons = [next((r for r in _char_readings(c) if _ON_SHAPE.match(r)), None) for c in text]
        if all(ons):
            kana += [on for on in ons if on]
        elif word and not _HAN.search(word):
            kana.append(word)
        else:
            return None
    return "".join(kana)


def _is_on_reading(text: str, kana: str) -> bool:
    """Whether `kana` splits into an on-shaped reading of each character of `text`."""
    if not text:
        return not kana
    return any(
        _ON_SHAPE.match(r) and kana.startswith(r) and _is_on_reading(text[1:], kana[len(r) :])
        for r in _char_readings(text[0])
    )


def _char_readings(char: str) -> list[str]:
    """Every reading pykakasi's dictionary has for one character, most usual first.

    pykakasi's converter gives one reading per word; its dictionary (`Kanwa`, which
    the converter reads too) lists all of them."""
    return [reading for reading, _ in (Kanwa().load(char) or {}).get(char, [])]


def _kana_reading(part: str) -> str | None:
    found = _romaji(part)
    return found["hepburn"] if found else None


def _macrons(romaji: str) -> str:
    """Long vowels written with macrons: "shuu" -> "shū", "keizou" -> "keizō"."""
    return romaji.replace("ou", "ō").replace("oo", "ō").replace("uu", "ū")


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    """The kana/kanji reader, made once: its dictionaries take a moment to open."""
    return pykakasi.kakasi()
