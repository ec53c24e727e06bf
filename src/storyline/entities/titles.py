"""Titles: which office a title names, of which country, and whether it is held now.

"Japanese Foreign Minister" names the foreign minister of Japan; "Secretary of
State" the US one unless another country is named; "former Prime Minister" a
past holder; "Minister" alone some ministerial office, which one unsaid. The
country may also come from the words just before the title ("China's Foreign
Minister"). The linker uses this to ask who held that office at the report's date.

A title written in Japanese after a name (外相, 国務長官: `nlp.japanese_titles`) is read
as the English title it means; its country is the one that title names (国務長官 is
the US's), else a country written right before the name (中国の王毅外相).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from storyline.entities.names import DEMONYMS, fold
from storyline.entities.surface import country_of
from storyline.nlp.japanese_titles import english_title
from storyline.nlp.title_words import CAPITALS, expand_abbreviations

# Title phrases and the offices they name, most specific first.
_OFFICES: tuple[tuple[re.Pattern[str], frozenset[str], str | None], ...] = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), frozenset(keys.split()), country)
    for pattern, keys, country in (
        (
            r"vice president|vice premier|deputy prime minister|vice minister|deputy minister"
            r"|state minister|parliamentary",
            "other",
            None,
        ),
        (r"national security (?:adviser|advisor)", "national_security_adviser", None),
        (r"secretary of state for \w+", "other", "GBR"),
        (r"secretary of state", "foreign_minister", "USA"),
        (r"secretary of defense|defense secretary|pentagon chief", "defence_minister", "USA"),
        (r"secretary of defence|defence secretary", "defence_minister", None),
        (
            r"foreign (?:affairs )?minister|minister (?:of|for) foreign affairs|foreign secretary"
            r"|top diplomat",
            "foreign_minister",
            None,
        ),
        (
            r"(?:defense|defence) minister|minister (?:of|for) (?:national )?(?:defense|defence)",
            "defence_minister",
            None,
        ),
        (r"prime minister|premier|chancellor", "head_of_government", None),
        (r"president|supreme leader", "head_of_state head_of_government", None),
        (r"king|queen|emperor", "head_of_state", None),
    )
)
_GENERIC = re.compile(r"\b(?:minister|ministers|secretary|secretaries)\b")
_FORMER = re.compile(r"\b(?:former|ex|then|late)\b")

_OWNER = re.compile(r"^(?:the\s+)?([A-Za-z][\w-]*)['’]s?\s", re.IGNORECASE)
_DEMONYM = re.compile(
    r"\b(" + "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True, slots=True)
class Title:
    """What a title says about the office of the person it precedes."""

    text: str
    office_keys: frozenset[str]  # empty for an honorific ("Mr") or a generic "Minister"
    country: str | None  # named in the title or just before it ("Japan's")
    former: bool
    generic: bool  # "Minister", "Secretary": some ministerial office, which one unsaid

    @property
    def specific(self) -> bool:
        return bool(self.office_keys) and not self.generic


def parse_title(title: str | None, before: str = "") -> Title | None:
    """Read a title ("U.S. Secretary of State", "PM", "Seoul's foreign minister") and the
    words just before it ("Japan's"). Abbreviations are read written out ("PM": prime
    minister); a capital that owns the title stands for its country ("Seoul's")."""
    if not title:
        return None
    english = english_title(title)
    if english is not None:
        return _japanese_title(english, before)
    folded = fold(expand_abbreviations(title))
    former = bool(_FORMER.search(folded))
    country = None
    for pattern, keys, default_country in _OFFICES:
        if pattern.search(folded):
            country = _country_of_title(title, folded, before) or default_country
            return Title(title, keys, country, former, False)
    if _GENERIC.search(folded):
        country = _country_of_title(title, folded, before)
        return Title(title, frozenset(), country, former, True)
    return None


#: How far back from a name a country written before it is looked for (中国の, 米国).
_COUNTRY_CHARS = 8


def _japanese_title(english: str, before: str) -> Title | None:
    """A Japanese title read as the English one it means; with no country of its own,
    the country of the words right before the name (中国の王毅外相)."""
    parsed = parse_title(english)
    if parsed is None or parsed.country is not None:
        return parsed
    return replace(parsed, country=_country_right_before(before))


def _country_right_before(before: str) -> str | None:
    """The country whose name ends `before` (followed or not by の): "中国の" -> CHN."""
    words = before.rstrip()
    words = words[:-1] if words.endswith("の") else words
    for length in range(min(_COUNTRY_CHARS, len(words)), 1, -1):
        found = country_of(words[-length:])
        if found is not None:
            return found[0]
    return None


def _country_of_title(title: str, folded: str, before: str) -> str | None:
    """The country a title names: in its words, a capital owning it, or just before it."""
    return _country_in(folded) or _capital_owner(title) or _country_in(fold(before)[-40:])


def _capital_owner(title: str) -> str | None:
    """The country of a capital that owns the title: "Seoul's foreign minister" -> KOR."""
    owner = _OWNER.match(title)
    return CAPITALS.get(owner.group(1).lower()) if owner else None


def _country_in(folded: str) -> str | None:
    found = _DEMONYM.findall(folded)
    return DEMONYMS[found[-1]] if found else None
