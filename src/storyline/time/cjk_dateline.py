"""Datelines of Japanese, Chinese and Korean wire reports.

A report opens with its source: "【ソウル共同】", "[서울=연합뉴스]", "（記者 …）",
or the Chinese wire form "新华社北京3月18日电", which carries the month and day
itself. The report's date then stands in the opening line ("[서울=연합뉴스] …
2021.03.18", "（記者）2021-03-18") or on a line of its own near the top. A date
elsewhere in the text is an event's, not the report's, and is left to inference.
"""

from __future__ import annotations

import re
from typing import Final

from storyline.clean.dateline import Dateline
from storyline.time.cjk_lexicon import NUMBER, read_number

#: How far into the text a source marker may open, and how far its line may run.
_LEAD: Final = 40
_LINE: Final = 200
_SOURCE: Final = re.compile(
    r"【(?P<a1>[^】\n]{1,20})】|\[(?P<a2>[^\]\n]{1,24}=[^\]\n]{1,24})\]"
    r"|[（(](?P<a3>[^）)\n]{0,20}(?:記者|记者|기자|特派員|特派员|特派員)[^）)\n]{0,20})[）)]"
)
_WIRE_CN: Final = re.compile(
    rf"(?P<agency>新华社|中新社|新華社|中新网)(?P<place>[^\s\d，。]{{1,8}}?)"
    rf"(?:(?P<y>{NUMBER})年)?(?P<m>{NUMBER})月(?P<d>{NUMBER})日电"
)
_FULL: Final = re.compile(
    r"(?<!\d)(?P<y>\d{4})(?:[-./]\s?(?P<m>\d{1,2})[-./]\s?(?P<d>\d{1,2})"
    r"|\s?[年년]\s?(?P<m2>\d{1,2})\s?[月월]\s?(?P<d2>\d{1,2})\s?[日일])(?!\d)"
)


def cjk_dateline(text: str) -> Dateline | None:
    """The dateline opening a ja/zh/ko report, with the date it states; None without one."""
    wire = _WIRE_CN.search(text, 0, _LEAD + _LINE)
    if wire is not None and wire.start() <= _LEAD:
        year = read_number(wire["y"]) if wire["y"] else None
        return Dateline(wire[0], wire["place"], read_number(wire["d"]),
                        read_number(wire["m"]), year, wire["agency"])  # fmt: skip
    source = _SOURCE.search(text, 0, _LEAD + _LINE)
    if source is None or source.start() > _LEAD:
        return None
    agency = source["a1"] or source["a2"] or source["a3"]
    line_end = text.find("\n", source.end())
    stated = _FULL.search(text, source.end(), min(len(text), source.end() + _LINE)
                          if line_end < 0 else line_end)  # fmt: skip
    if stated is None:
        stated = _date_line(text)
    if stated is None:
        return Dateline(source[0], None, None, None, None, agency)
    day, month = int(stated["d"] or stated["d2"]), int(stated["m"] or stated["m2"])
    return Dateline(source[0], None, day, month, int(stated["y"]), agency)


def _date_line(text: str) -> re.Match[str] | None:
    """The date of a line near the top that holds nothing but a date (and a time)."""
    for line in text.splitlines()[:4]:
        stated = _FULL.match(line.strip())
        if stated is not None and len(line.strip()) - stated.end() <= 12:
            return stated
    return None
