"""Titles written after a name in Japanese: ブリンケン国務長官, 茂木外相, 岸防衛相, 菅首相.

Japanese puts the title after the name, and news shortens the name to the family
name when a title follows (茂木外相 is Foreign Minister Motegi). Each title word is
kept here with the English title it means, as `entities.titles.parse_title` reads
English titles, so the offices, countries and "held at the report's date" checks of
English titles apply unchanged. A title that names one country's office says so in
its English form: 防衛相 is Japan's (other countries' are 国防相), 国務長官 the US's,
国家主席 China's.

Honorifics (氏, さん) are no titles, but like a title they say that the word before
them is a person's name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

# fmt: off
#: Japanese title word -> the English title it means (read by `parse_title`).
TITLES: Mapping[str, str] = {
    # heads of government and state
    "首相": "prime minister", "総理": "prime minister", "総理大臣": "prime minister",
    "内閣総理大臣": "prime minister", "大統領": "president", "副大統領": "vice president",
    "国家主席": "Chinese president", "主席": "chairman", "国王": "king", "女王": "queen",
    "副首相": "deputy prime minister",
    # foreign affairs
    "外相": "foreign minister", "外務大臣": "foreign minister", "外務相": "foreign minister",
    "外交部長": "foreign minister", "国務長官": "secretary of state",
    # defence
    "防衛相": "Japanese defense minister", "防衛大臣": "Japanese defense minister",
    "国防相": "defense minister", "国防大臣": "defense minister", "国防部長": "defense minister",
    "国防長官": "secretary of defense",
    # security advisers and cabinet
    "国家安全保障担当大統領補佐官": "US national security adviser",
    "大統領補佐官": "presidential adviser",
    "官房長官": "Japanese chief cabinet secretary",
    "内閣官房長官": "Japanese chief cabinet secretary",
    # other ministers and officials (no office the linker knows by key: a sign of a person)
    "財務相": "finance minister", "財務大臣": "finance minister", "経済産業相": "minister",
    "大臣": "minister", "長官": "secretary", "大使": "ambassador", "知事": "governor",
    "市長": "mayor", "議長": "speaker", "委員長": "chairman", "総裁": "governor",
    "代表": "representative", "幹事長": "secretary-general", "事務総長": "secretary-general",
}
#: Words after a name that make it a person's without naming an office.
HONORIFICS: frozenset[str] = frozenset({"氏", "さん", "様", "君", "容疑者", "被告"})
# fmt: on


@cache
def _after_name() -> re.Pattern[str]:
    """The title words and honorifics, longest first, anchored where a name ends."""
    words = sorted((*TITLES, *HONORIFICS), key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words))


def title_after(text: str, end: int) -> str | None:
    """The title word written right after a name that ends at `end` ("外相" in
    "茂木外相は"); None when an honorific or nothing of the kind follows."""
    found = _after_name().match(text, end)
    if found is None or found.group() in HONORIFICS:
        return None
    return found.group()


def person_sign_after(text: str, end: int) -> bool:
    """Whether a title word or an honorific follows right after `end`."""
    return _after_name().match(text, end) is not None


def english_title(word: str) -> str | None:
    """The English title a Japanese title word means ("外相" -> "foreign minister")."""
    return TITLES.get(word)
