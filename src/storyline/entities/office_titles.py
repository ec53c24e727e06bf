"""Titles with no name: "the Japanese defense minister", "China's top diplomat", "Seoul's
foreign minister", "the U.S. secretary of state", "South Korean President".

Such a title names one person: whoever held that office of that country on the report's
date. It is linked to them when all of these hold, and left out otherwise:

- the title names a specific office (`titles.parse_title`) and its country, by an
  adjective ("Japanese"), a possessive country or capital ("China's", "Seoul's"),
  "of Japan", or the office's own country ("Secretary of State" is the US one);
- it speaks of the present holder: not "former", "then", "ex", "late", "incoming",
  "designate"; and of one person: not "foreign ministers";
- the report names nobody else with that title: a person the report names with the
  same office of the same country ("Defense Minister Nobuo Kishi") is who the title
  refers to, as within-report reference reads it (`coref.title_references`,
  `events.reference`); when that person is not the holder at the report's date, or the
  report names two, the title is left unlinked rather than guessed;
- the report's date is known (with no named holder to refer to), and one person held
  the office then (or most of the report's date window, `Linker.title_holder`).

"Top diplomat" is the foreign minister. For China it is also the director of the Office
of the Central Foreign Affairs Commission (the Party's foreign-affairs chief, who
outranks the minister): when the two offices have different holders at the date (Yang
Jiechi and Wang Yi in 2018-2022, Wang Yi and Qin Gang in 2023) the title is left
unlinked, since news use called either of them that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from storyline.entities.coref import Resolution
from storyline.entities.kb.model import KBEntity, Window
from storyline.entities.linker import Linker
from storyline.entities.names import fold
from storyline.entities.titles import Title, parse_title
from storyline.nlp.title_phrases import TITLE_LABEL
from storyline.nlp.title_words import NOT_NOW, PLURAL_HEADS
from storyline.records import Mention

_TOP_DIPLOMAT = re.compile(r"\btop diplomat\b")
_PARTY_FOREIGN_OFFICE = "foreign affairs commission"  # in the office's KB name
#: The offices a title alone is linked for (not "other": which office is then unsaid).
_SPECIFIC_KEYS = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "national_security_adviser",
    }
)
#: Tried one at a time, in this order, for a title of several keys ("President").
_KEY_ORDER = ("head_of_state", "head_of_government")


@dataclass(frozen=True, slots=True)
class StandingTitle:
    """A title mention with no name, and the office it names."""

    mention: Mention  # labelled TITLE; its `title` is the whole phrase ("China's top diplomat")
    title: Title  # read from that phrase


@dataclass(frozen=True, slots=True)
class TitleLink:
    """What a standing title resolved to: a resolution, or None and why not."""

    standing: StandingTitle
    resolution: Resolution | None
    reason: str
    # No holder known at a known date: the title stands for its office (`office_resolution`)
    # until a term learned from the corpus names the holder (`entities.learning`).
    open_office: bool = False


def standing_titles(mentions: Sequence[Mention]) -> list[StandingTitle]:
    """The report's title mentions (`nlp.title_phrases`) whose title names one specific
    office of one country."""
    found = []
    for mention in mentions:
        if mention.label != TITLE_LABEL or not mention.title:
            continue
        title = parse_title(mention.title)
        if title is None or not title.office_keys or not title.office_keys <= _SPECIFIC_KEYS:
            continue
        if title.country is not None:
            found.append(StandingTitle(mention, title))
    return found


def link_standing_title(
    standing: StandingTitle,
    named: Sequence[tuple[Title, Resolution]],
    linker: Linker,
    window: Window,
) -> TitleLink:
    """The person a standing title names: the report's own holder of that title, else the
    KB's holder at the report's date (see the module's rules)."""
    title = standing.title
    folded = fold(title.text)
    if title.former or any(word in NOT_NOW for word in folded.split()):
        return TitleLink(
            standing, None, f"'{title.text}' speaks of another holder than the present one"
        )
    if any(word in PLURAL_HEADS for word in folded.split()):
        return TitleLink(standing, None, f"'{title.text}' names several people")
    same = {r.key: r for t, r in named if _same_office(t, title)}
    holder, share, holder_reason, anyone = _holder(title, linker, window)
    if len(same) > 1:
        names = " and ".join(sorted(r.name for r in same.values()))
        return TitleLink(standing, None, f"the report names {names} with the title '{title.text}'")
    if same:
        person = next(iter(same.values()))
        if holder is not None and holder.key != person.key:
            return TitleLink(
                standing,
                None,
                f"the report names {person.name} with the title '{title.text}', "
                f"but {holder_reason}",
            )
        score = None if person.score is None else round(min(person.score, 0.9) * 0.7, 3)
        why = (
            f"'{standing.mention.text}' refers to {person.name}, "
            "named with that title in the report"
        )
        return TitleLink(standing, replace(person, score=score, reason=why), why)
    if holder is None:
        return TitleLink(standing, None, holder_reason, open_office=window.known and not anyone)
    resolution = Resolution(
        holder.key,
        holder.name,
        holder.type,
        holder.wikidata,
        round(linker.settings.title_holder_score * share, 3),
        holder_reason,
        True,
    )
    return TitleLink(standing, resolution, holder_reason)


def _same_office(named: Title, title: Title) -> bool:
    """Whether a name's title is the standing title's office of the same country."""
    return (
        named.specific
        and not named.former
        and named.country == title.country
        and bool(named.office_keys & title.office_keys)
    )


class _Holding(NamedTuple):
    holder: KBEntity | None
    share: float  # of the report's date window the holder held the office
    reason: str
    anyone: bool  # whether the KB knows anyone in the office then (a holder, or several)


def _holder(title: Title, linker: Linker, window: Window) -> _Holding:
    """The KB's holder of the title's office at the report's date, the share of the date
    window they held it, the reason, and whether anyone held it then. A title of several
    keys ("President") is asked key by key, and only an office its head word names counts
    ("President of Iran", not "Supreme Leader of Iran"; not "Emperor of Japan" for "the
    Japanese president")."""
    if not window.known:
        return _Holding(
            None, 0.0, f"the report's date is unknown, so who was '{title.text}' is too", False
        )
    when = window.start if window.start == window.end else f"{window.start}..{window.end}"
    found: dict[str, tuple[KBEntity, float]] = {}
    for keys in _key_groups(title.office_keys):
        asked = replace(title, office_keys=keys)
        holder, share = linker.title_holder(asked, window, by_head=len(title.office_keys) > 1)
        if holder is not None:
            found[holder.key] = (holder, share)
            break
    if _TOP_DIPLOMAT.search(fold(title.text)) and title.country == "CHN":
        for entity in _party_foreign_chiefs(linker, window):
            found.setdefault(entity.key, (entity, 1.0))
    if len(found) != 1:
        held = " and ".join(sorted(e.name for e, _ in found.values())) or "nobody in the KB"
        reason = f"title '{title.text}' of {title.country} at {when}: held by {held}"
        anyone = bool(found) or bool(
            linker.index.holders(tuple(sorted(title.office_keys)), title.country or "", window)
        )
        return _Holding(None, 0.0, reason, anyone)
    holder, share = next(iter(found.values()))
    then = "then" if share >= 1 else f"for {share:.0%} of that time"
    office = " / ".join(sorted(title.office_keys)).replace("_", " ")
    return _Holding(
        holder,
        share,
        (
            f"title '{title.text}' ({office}) of {title.country} at {when}: "
            f"{holder.name} held that office {then}"
        ),
        True,
    )


def _key_groups(keys: frozenset[str]) -> list[frozenset[str]]:
    """The office keys to ask for, one at a time: head of state before head of government."""
    ordered = [k for k in _KEY_ORDER if k in keys] + sorted(keys - set(_KEY_ORDER))
    return [frozenset({key}) for key in ordered]


def _party_foreign_chiefs(linker: Linker, window: Window) -> list[KBEntity]:
    """The directors of China's Central Foreign Affairs Commission office during `window`."""
    holders = linker.index.entities(linker.index.holders(("other",), "CHN", window))
    return [
        entity
        for entity in holders
        if any(
            _PARTY_FOREIGN_OFFICE in fold(role.office) and role.held_during(window)
            for role in entity.roles
        )
    ]


def office_resolution(standing: StandingTitle, reason: str) -> Resolution:
    """The office a title alone names, as an entity of its own ("Philippine foreign
    secretary (office)", key `office:<keys>:<country>`), for a title whose holder the
    knowledge base does not know at the report's date: kept, so that a term learned
    from the corpus can link it to the person later; never merged as a name."""
    title = standing.title
    keys = "+".join(sorted(title.office_keys))
    words = re.sub(r"^(?:the|a|an)\s+", "", standing.mention.title or title.text, flags=re.I)
    return Resolution(
        f"office:{keys}:{title.country}",
        f"{words} (office)",
        "person",
        None,
        0.3,
        f"{reason}; kept as the office until a term learned from the reports names its holder",
    )
