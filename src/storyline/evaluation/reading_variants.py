"""A reading-variant set: East Asian names as other tools and conventions read them.

For every person of Japan, China, Taiwan and both Koreas in a knowledge base,
variants are made from the person's native-script names with tools and
conventions the index's own reading code (`entities.readings`) does not use, so
that the set can fail where that code reads a name another way:

- `ja:pinyin-syllables` the kanji of a Japanese name in pinyin, one syllable a word
  ("An Tian Wen Xiong" for 岸田文雄);
- `ja:kunrei-cutlet`   the kana in Kunrei-shiki by cutlet ("Kisida Humio");
- `ja:hepburn-plain`   the kana in Hepburn by cutlet, long vowels unmarked, given
  name first ("Taro Kono");
- `zh:japanese-cutlet` a Chinese name in the Japanese reading cutlet gives, long
  vowels unmarked ("Shu Kinpei");
- `zh:pinyin-hyphen`   a Chinese name in pinyin, the given name's syllables
  hyphenated ("Cai Ying-wen");
- `ko:rr-hyphen`       a Korean name in Revised Romanization by korean-romanizer,
  syllable by syllable ("Gim Dae-jung");
- `ko:pinyin-syllables`, `ko:japanese-cutlet` the hanja of a Korean name;
- `*:wade-giles`       Japanese and Korean han names in Wade–Giles ("An T'ien Wen Hsiung"),
  a convention the index does not read: the set's hard case.

Negatives (`negative:` patterns) read a name nobody in the base has: one
person's family name with the next person's given name, in the same pattern;
they must stay unlinked. Each person falls into the `tune` or `heldout` half by
a hash of its key. The set is written once (`write_reading_variants`, with
cutlet and korean-romanizer, test extras) and read by `evaluate_reading_variants`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.entities.kb.model import KBEntity, Window
from storyline.entities.linker import Context, Linker
from storyline.entities.names import fold
from storyline.store.kb_index import KBIndex

__all__ = [
    "EAST_ASIA",
    "ReadingFigures",
    "evaluate_reading_variants",
    "split_of",
    "write_reading_variants",
]

EAST_ASIA = frozenset({"JPN", "CHN", "TWN", "KOR", "PRK"})
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,4}$")
_KANA = re.compile(r"^[\u3040-\u309f]+ [\u3040-\u309f]+$")
_HANGUL = re.compile(r"^[\uac00-\ud7af]{2,4}$")


def split_of(key: str) -> str:
    """The half a person falls in, "tune" or "heldout", by a hash of its key."""
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "heldout"


@dataclass(frozen=True, slots=True)
class _Native:
    """One person's native names as the set reads them: (family, given) pairs."""

    entity: KBEntity
    han: tuple[str, str] | None
    kana: tuple[str, str] | None
    hangul: tuple[str, str] | None
    other_han: tuple[tuple[str, str], ...] = ()  # the other han forms (traditional, simplified)


def _natives(entity: KBEntity) -> _Native:
    """The first han, kana (written with a space) and hangul name of a person. Chinese
    and Korean family names are taken as one character, which all in the curated base
    are; Japanese kanji are cut in half, which only negatives read (the positives read
    them syllable by syllable)."""
    hans = [n for n in entity.aliases if _HAN.match(n)]
    kana = next((n for n in entity.aliases if _KANA.match(n)), None)
    hangul = next((n for n in entity.aliases if _HANGUL.match(n)), None)
    cut = len(hans[0]) // 2 if hans and entity.country == "JPN" else 1
    cuts = tuple(p for p in (_cut(h, cut) for h in hans[1:]) if p)
    return _Native(
        entity, _cut(hans[0] if hans else None, cut), _parts(kana), _cut(hangul, 1), cuts
    )


def _cut(name: str | None, at: int) -> tuple[str, str] | None:
    return (name[:at], name[at:]) if name else None


def _parts(name: str | None) -> tuple[str, str] | None:
    if name is None:
        return None
    family, given = name.split(" ", 1)
    return family, given


def _variants(native: _Native) -> Iterator[tuple[str, str]]:
    """(pattern, text) of one person's native names."""
    country = native.entity.country
    if country == "JPN":
        if native.han:
            yield "ja:pinyin-syllables", _pinyin_syllables(native.han)
            yield "ja:wade-giles", _wade_giles(native.han)
        if native.kana:
            yield "ja:kunrei-cutlet", _cutlet(native.kana, "kunrei")
            family, given = (_plain(_cutlet_part(p, "hepburn")) for p in native.kana)
            yield "ja:hepburn-plain", f"{given} {family}"
    elif country in {"CHN", "TWN"} and native.han:
        yield from _japanese(native, "zh:japanese-cutlet")
        yield "zh:pinyin-hyphen", _pinyin_hyphen(native.han)
    elif country in {"KOR", "PRK"}:
        if native.hangul:
            yield "ko:rr-hyphen", _rr_hyphen(native.hangul)
        if native.han:
            yield "ko:pinyin-syllables", _pinyin_syllables(native.han)
            yield from _japanese(native, "ko:japanese-cutlet")
            yield "ko:wade-giles", _wade_giles(native.han)


def _japanese(native: _Native, pattern: str) -> Iterator[tuple[str, str]]:
    """The Japanese reading of the first han form cutlet reads whole (the traditional
    one, when the simplified one has characters Japanese does not use)."""
    for parts in (native.han, *native.other_han):
        text = _plain(_cutlet(parts, "hepburn")) if parts else "?"
        if "?" not in text:
            yield pattern, text
            return


def _pinyin_syllables(parts: tuple[str, str]) -> str:
    from pypinyin import lazy_pinyin

    return " ".join(s.capitalize() for s in lazy_pinyin("".join(parts)))


def _pinyin_hyphen(parts: tuple[str, str]) -> str:
    from pypinyin import lazy_pinyin

    family, given = (lazy_pinyin(p) for p in parts)
    return f"{''.join(family).capitalize()} {'-'.join(given).capitalize()}"


def _wade_giles(parts: tuple[str, str]) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(s.capitalize() for s in lazy_pinyin("".join(parts), style=Style.WADEGILES))


def _cutlet(parts: tuple[str, str], system: str) -> str:
    return " ".join(_cutlet_part(p, system) for p in parts if p)


def _cutlet_part(part: str, system: str) -> str:
    """One name part by cutlet, its words joined ("ki n pe i" -> "Kinpei")."""
    import cutlet

    reader = cutlet.Cutlet(system)
    reader.use_foreign_spelling = False
    return reader.romaji(part).replace(" ", "").capitalize()


def _plain(romaji: str) -> str:
    """Long vowels unmarked, as news copy often writes them: "Shuu" -> "Shu"."""
    return re.sub(r"ou|uu|oo", lambda m: m.group()[0], romaji)


def _rr_hyphen(parts: tuple[str, str]) -> str:
    from korean_romanizer.romanizer import Romanizer

    family = Romanizer(parts[0]).romanize().capitalize()
    given = "-".join(Romanizer(s).romanize() for s in parts[1]).capitalize()
    return f"{family} {given}"


def _report_date(entity: KBEntity) -> str | None:
    """A day the person held an office: the first term's start, if any."""
    starts = sorted(r.start for r in entity.roles if r.start)
    return starts[0] if starts else None


def _negative(native: _Native, other: _Native) -> _Native:
    """`native`'s family name with `other`'s given name, in each script both have."""

    def mix(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
        if a is None or b is None or not a[0]:
            return None
        return a[0], b[1]

    return _Native(
        native.entity,
        mix(native.han, other.han),
        mix(native.kana, other.kana),
        mix(native.hangul, other.hangul),
    )


def make_reading_variants(entities: Iterable[KBEntity]) -> list[dict[str, Any]]:
    """The set's items for the East Asian people among `entities`, in key order."""
    people = sorted(
        (e for e in entities if e.type == "person" and e.country in EAST_ASIA),
        key=lambda e: e.key,
    )
    known = {name.replace(" ", "") for e in people for name in e.names}
    latin = {_compact(order) for e in people for n in e.names for order in _orders(n)}
    natives = [_natives(e) for e in people]
    items = []
    for native in natives:
        for pattern, text in _variants(native):
            items.append(_item(native.entity, pattern, text, native.entity.key))
    for native in natives:
        same = [n for n in natives if n.entity.country == native.entity.country]
        other = same[(same.index(native) + 1) % len(same)]
        mixed = _negative(native, other)
        names = [p for p in (mixed.han, mixed.kana, mixed.hangul) if p]
        if other is native or any("".join(p) in known for p in names):
            continue  # a mixed name that is a real person's is no negative
        for pattern, text in _variants(mixed):
            if _compact(text) not in latin:  # nor one that reads as a real person's name
                items.append(_item(native.entity, f"negative:{pattern}", text, None))
    return items


def _compact(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name))


def _orders(name: str) -> tuple[str, str]:
    """A name as written and with its last word first."""
    words = name.split()
    return name, " ".join(words[-1:] + words[:-1])


def _item(entity: KBEntity, pattern: str, text: str, expected: str | None) -> dict[str, Any]:
    return {
        "variant": text,
        "expected": expected,
        "pattern": pattern,
        "split": split_of(entity.key),
        "date": _report_date(entity),
    }


def write_reading_variants(entities: Iterable[KBEntity], out: Path) -> int:
    """Write the set to `out` as JSON lines; the number of items."""
    items = make_reading_variants(entities)
    out.write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
    )
    return len(items)


@dataclass(slots=True)
class _Cell:
    items: int = 0
    linked: int = 0
    correct: int = 0

    def as_dict(self, negative: bool) -> dict[str, Any]:
        values: dict[str, Any] = {"items": self.items, "linked": self.linked}
        if negative:  # every link of a negative is wrong
            values["false_links"] = self.linked
            return values
        values["correct"] = self.correct
        values["precision"] = round(self.correct / self.linked, 4) if self.linked else None
        values["recall"] = round(self.correct / self.items, 4) if self.items else None
        return values


@dataclass(slots=True)
class ReadingFigures:
    """Links made on the reading-variant set, per split and pattern."""

    cells: dict[tuple[str, str], _Cell] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)

    def add(self, split: str, pattern: str, expected: str | None, linked: str | None) -> None:
        for key in ((split, pattern), (split, "all:negative" if expected is None else "all")):
            cell = self.cells.setdefault(key, _Cell())
            cell.items += 1
            cell.linked += linked is not None
            cell.correct += linked is not None and linked == expected

    def as_dict(self) -> dict[str, Any]:
        figures: dict[str, Any] = {}
        for (split, pattern), cell in sorted(self.cells.items()):
            negative = pattern.startswith("negative:") or pattern == "all:negative"
            figures.setdefault(split, {})[pattern] = cell.as_dict(negative)
        figures["wrong"] = self.wrong
        return figures


def evaluate_reading_variants(path: Path, index: KBIndex) -> ReadingFigures:
    """Precision and recall of the linker on the reading-variant set, per split and pattern."""
    figures = ReadingFigures()
    linker = Linker(index)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        decision = linker.link(item["variant"], "person", None, Context(Window.of(item["date"])))
        linked = decision.entity.key if decision.entity is not None else None
        figures.add(item["split"], item["pattern"], item["expected"], linked)
        if linked is not None and linked != item["expected"]:
            figures.wrong.append(
                f"{item['pattern']} '{item['variant']}' -> {decision.entity.name}"  # type: ignore[union-attr]
                f" ({decision.reason}), expected {item['expected']}"
            )
    return figures


def format_reading_figures(figures: dict[str, Any]) -> str:
    """The figures as lines: one per split and pattern."""
    lines = []
    for split in ("tune", "heldout"):
        for pattern, cell in figures.get(split, {}).items():
            if "false_links" in cell:
                lines.append(
                    f"  {split:8} {pattern:34} {cell['false_links']}/{cell['items']} linked (wrong)"
                )
            else:
                p, r = cell["precision"], cell["recall"]
                lines.append(
                    f"  {split:8} {pattern:34} P {p if p is not None else '-'} "
                    f"R {r} ({cell['correct']}/{cell['items']})"
                )
    lines += [f"  wrong: {w}" for w in figures.get("wrong", [])]
    return "\n".join(["readings"] + lines)
