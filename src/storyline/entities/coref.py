"""Within one report: which mentions name the same person.

The linker decides each mention on its own; a report says more. After
"Antony Blinken", "Blinken" is him; after "Tony Blincoln" (linked through its
title), "Minister Blincoln" is the same man however far his spelling is from
the KB's; in a paragraph about the foreign minister "Toshimichi Motegi", a
"Toshimichi Shigeki" who shares the rare given name is him too. "The
secretary", with no name, is the nearest secretary named before.

Rules, each leaving a reason, and each refusing when two people fit:

1. a mention linked with confidence keeps its link;
2. a mention whose tokens are all tokens of a longer name in the report (the
   family name alone, or the full name repeated) takes that name's entity;
3. a two-word name sharing a rare given name (six letters or more) with a
   person named within `GIVEN_NAME_REACH` characters before it, and whose
   family name fits nobody else, takes that person;
4. anything else keeps its own link, or becomes its own surface entity;
5. a name tagged as an organisation that nothing in the KB links, written exactly as
   a name the report resolves to one person elsewhere, is that person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from storyline.entities.linker import Decision
from storyline.entities.names import acronym, fold, mention_form, token_similarity
from storyline.entities.titles import Title, parse_title
from storyline.records import Mention, Span

CONFIDENT = 0.8
_PLACE_LABELS = frozenset({"GPE", "LOC"})
GIVEN_NAME_REACH = 2500
TITLE_REACH = 3000


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entity a mention ends up with: a KB entity or a surface entity of the report."""

    key: str
    name: str
    kind: str
    wikidata: str | None
    score: float | None
    reason: str
    in_kb: bool = False  # a KB entity, not a surface entity of the report


def surface_key(kind: str, text: str) -> str:
    """The key of a surface entity: kind and normal form (titles, descriptors dropped)."""
    return f"{kind}:{mention_form(text, kind).norm or fold(text)}"


def from_decision(decision: Decision) -> Resolution:
    entity = decision.entity
    assert entity is not None
    return Resolution(
        entity.key, entity.name, entity.type, entity.wikidata, decision.score, decision.reason, True
    )


def _tokens(mention: Mention) -> tuple[str, ...]:
    return mention_form(mention.text, mention.kind).tokens


def resolve(
    mentions: Sequence[Mention], decisions: Sequence[Decision], text: str | None = None
) -> list[Resolution]:
    """One resolution per mention, in order; people and organisations resolved within
    the report (full names first, so that a short form finds its full name resolved).
    With the report's `text`, a place name coordinated with a person ("Secretaries
    Blinken and Austin") that is part of a person's name in the report is that person."""
    resolved: list[Resolution | None] = [None] * len(mentions)
    order = sorted(
        range(len(mentions)), key=lambda i: (-len(_tokens(mentions[i])), mentions[i].span.start)
    )
    for i in order:
        mention, decision = mentions[i], decisions[i]
        country = decision.entity is not None and decision.entity.type == "country"
        if text is not None and not country and _beside_a_person(i, mentions, resolved, text):
            person = _mislabelled_person(i, mentions, resolved)
            if person is not None:
                resolved[i] = person
                continue
        if decision.linked and (decision.score >= CONFIDENT or mention.kind != "person"):
            resolved[i] = from_decision(decision)
            continue
        if mention.kind in {"person", "organization"}:
            found = _antecedent(i, mentions, resolved)
            if found is not None:
                resolved[i] = found
                continue
        if decision.linked:
            resolved[i] = from_decision(decision)
            continue
        person = _mislabelled_person(i, mentions, resolved)
        if person is not None:
            resolved[i] = person
            continue
        resolved[i] = Resolution(
            surface_key(mention.kind, mention.text),
            mention.text,
            mention.kind,
            None,
            None,
            decision.reason,
        )
    final = _one_sense(mentions, [r for r in resolved if r is not None])
    return _short_organization_keys(mentions, final)


def _one_sense(mentions: Sequence[Mention], resolved: list[Resolution]) -> list[Resolution]:
    """Rule 2 once more, for a name the tagger took for an organisation ("Blinken
    reaffirmed …" tagged ORG) that nothing in the KB links: when the same name,
    written the same way, is resolved to exactly one person elsewhere in the report,
    it is that person (one name, one sense within a report). An organisation the KB
    knows (Ford, Dell) keeps its link, and a name that also stands for another
    organisation in the report is left alone."""
    senses: dict[str, set[tuple[str, str]]] = {}
    for mention, r in zip(mentions, resolved, strict=True):
        senses.setdefault(mention.text, set()).add((r.kind, r.key))
    people = {
        mention.text: r
        for mention, r in zip(mentions, resolved, strict=True)
        if r.kind == "person" and r.in_kb
    }
    out = list(resolved)
    for i, (mention, r) in enumerate(zip(mentions, resolved, strict=True)):
        person = people.get(mention.text)
        if person is None or r.in_kb or r.kind != "organization":
            continue
        kinds = senses[mention.text] - {(r.kind, r.key)}
        if {key for kind, key in kinds if kind == "person"} == {person.key} and all(
            kind == "person" for kind, _ in kinds
        ):
            out[i] = _adopt(person, mention.text, "subset")
    return out


def _short_organization_keys(
    mentions: Sequence[Mention], resolved: list[Resolution]
) -> list[Resolution]:
    """An organisation not in the KB is keyed by its shortest name in the report that is
    not an acronym ("Apple" rather than "Apple Computer"), the form other reports share."""
    chains: dict[str, list[int]] = {}
    for i, r in enumerate(resolved):
        if not r.in_kb and r.kind == "organization":
            chains.setdefault(r.key, []).append(i)
    for members in chains.values():
        forms = {mentions[i].text: _tokens(mentions[i]) for i in members}
        names = [
            t
            for t, tokens in forms.items()
            if tokens and not (len(tokens) == 1 and t.isupper() and len(forms) > 1)
        ]
        if not names:
            continue
        short = min(names, key=lambda t: (len(forms[t]), len(t), t))
        key = surface_key("organization", short)
        for i in members:
            resolved[i] = replace(resolved[i], key=key, name=short)
    return resolved


def _antecedent(
    i: int, mentions: Sequence[Mention], resolved: Sequence[Resolution | None]
) -> Resolution | None:
    """Rule 2 (part of a longer name, or its acronym), else rule 3 (shared given name)."""
    mention = mentions[i]
    tokens = _tokens(mention)
    if not tokens:
        return None
    by_subset: dict[str, tuple[int, Resolution]] = {}
    by_given: dict[str, tuple[int, Resolution]] = {}
    for j, other in enumerate(mentions):
        done = resolved[j]
        if j == i or other.kind != mention.kind or done is None:
            continue
        other_tokens = _tokens(other)
        distance = abs(other.span.start - mention.span.start)
        longer = len(other_tokens) > len(tokens) or other_tokens == tokens
        if longer and (
            _part_of(tokens, other_tokens)
            if mention.kind == "person"
            else _short_form(mention.text, tokens, other_tokens)
        ):
            _keep_nearest(by_subset, done, distance)
        elif (
            mention.kind == "person"
            and len(tokens) >= 2
            and len(other_tokens) >= 2
            and other.span.start < mention.span.start
            and distance <= GIVEN_NAME_REACH
            and tokens[0] == other_tokens[0]
            and len(tokens[0]) >= 6
        ):
            _keep_nearest(by_given, done, distance)
    for found, rule in ((by_subset, "subset"), (by_given, "given")):
        if len(found) == 1:
            target = next(iter(found.values()))[1]
            return _adopt(target, mention.text, rule)
        if found:  # two entities fit: leave the mention to itself
            return None
    return None


def _mislabelled_person(
    i: int, mentions: Sequence[Mention], resolved: Sequence[Resolution | None]
) -> Resolution | None:
    """Rule 2 for a name the tagger took for a place ("Blinken is to meet …" tagged
    GPE) and nothing in the KB links: when it is, word for word, part of exactly one
    person's name resolved in the report, it is that person."""
    mention = mentions[i]
    tokens = _tokens(mention)
    if not tokens or mention.label not in _PLACE_LABELS or not mention.text[:1].isupper():
        return None  # an organisation named like a person (Ford, Dell) is an organisation
    found: dict[str, tuple[int, Resolution]] = {}
    for j, other in enumerate(mentions):
        done = resolved[j]
        if j == i or other.kind != "person" or done is None or done.kind != "person":
            continue
        if set(tokens) <= set(_tokens(other)):
            _keep_nearest(found, done, abs(other.span.start - mention.span.start))
    if len(found) != 1:
        return None
    return _adopt(next(iter(found.values()))[1], mention.text, "subset")


_COORDINATION = re.compile(r"\s*(?:,|and|&|,\s*and)\s*")


def _beside_a_person(
    i: int, mentions: Sequence[Mention], resolved: Sequence[Resolution | None], text: str
) -> bool:
    """Whether a place-tagged mention stands in a list with a person ("Blinken and
    Austin", "Austin, Blinken"): the list names people, so it is one too."""
    mention = mentions[i]
    if mention.label not in _PLACE_LABELS:
        return False
    for j, other in enumerate(mentions):
        done = resolved[j]
        if other.label != "PERSON" and (done is None or done.kind != "person"):
            continue
        if other.span.end <= mention.span.start:
            between = text[other.span.end : mention.span.start]
        elif mention.span.end <= other.span.start:
            between = text[mention.span.end : other.span.start]
        else:
            continue
        if len(between) <= 7 and _COORDINATION.fullmatch(between):
            return True
    return False


def _keep_nearest(
    found: dict[str, tuple[int, Resolution]], done: Resolution, distance: int
) -> None:
    if done.key not in found or distance < found[done.key][0]:
        found[done.key] = (distance, done)


def _part_of(tokens: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Every token matches a different token of `longer` (spelling-tolerant); a single
    token must match its first or last word (family or given name, not a middle name)."""
    if len(tokens) == 1:
        ends = {longer[0], longer[-1]}
        return any(t == tokens[0] or token_similarity(tokens[0], t) >= 0.9 for t in ends)
    free = list(longer)
    for token in tokens:
        match = next((t for t in free if t == token or token_similarity(token, t) >= 0.9), None)
        if match is None:
            return False
        free.remove(match)
    return True


def _short_form(text: str, tokens: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """An organisation's short form: its first words ("China Eastern" for "China Eastern
    Airlines") or its acronym ("GM", "EADS" for "European Aeronautic Defence and Space
    Company")."""
    if longer[: len(tokens)] == tokens:
        return True
    if len(tokens) == 1 and text.strip().isupper() and len(tokens[0]) >= 2:
        return tokens[0] in {acronym(longer), acronym(longer[:-1])}
    return False


def _adopt(target: Resolution, text: str, rule: str) -> Resolution:
    why = (
        f"'{text}' is part of the name {target.name} in the same report"
        if rule == "subset"
        else f"'{text}' shares the rare given name of {target.name}, named just before"
    )
    score = None if target.score is None else round(min(target.score, 0.9) * 0.95, 3)
    return Resolution(
        target.key, target.name, target.kind, target.wikidata, score, why, target.in_kb
    )


_TITLE_REFERENCE = re.compile(
    r"\b[Tt]he\s+((?:(?:U\.S\.|US|American|Japanese|Chinese|South Korean|Korean|British)\s+)?"
    r"(?:(?:[Ff]oreign|[Dd]efen[cs]e|[Pp]rime)\s+)?(?:[Ss]ecretary|[Mm]inister|[Pp]remier"
    r"|[Pp]resident|[Cc]hancellor)(?:\s+of\s+(?:[Ss]tate|[Dd]efen[cs]e))?)\b"
    r"(?!\s+[A-Z])(?!\s*(?:'s|’s|-|of\b|and\b|general\b))"
)


@dataclass(frozen=True, slots=True)
class TitleReference:
    """A nominal mention such as "the secretary", resolved to a person of the report."""

    span: Span
    text: str
    resolution: Resolution


def title_references(
    text: str, mentions: Sequence[Mention], resolutions: Sequence[Resolution]
) -> list[TitleReference]:
    """Nominal titles ("the secretary", "the foreign minister") resolved to the nearest person
    named before them with a fitting title; left out when none fits."""
    taken = [m.span for m in mentions]
    found = []
    for match in _TITLE_REFERENCE.finditer(text):
        span = Span(match.start(1), match.end(1))
        if any(s.start < span.end and span.start < s.end for s in taken):
            continue
        title = parse_title(match.group(1))
        if title is None:
            continue
        target = _titled_before(span.start, title, mentions, resolutions)
        if target is not None:
            why = f"'{match.group(1)}' refers to {target.name}, named before with that title"
            score = None if target.score is None else round(min(target.score, 0.9) * 0.7, 3)
            found.append(
                TitleReference(
                    span,
                    match.group(1),
                    Resolution(
                        target.key,
                        target.name,
                        target.kind,
                        target.wikidata,
                        score,
                        why,
                        target.in_kb,
                    ),
                )
            )
    return found


def _titled_before(
    start: int, title: Title, mentions: Sequence[Mention], resolutions: Sequence[Resolution]
) -> Resolution | None:
    heads = _heads(title.text)
    best: tuple[int, Resolution] | None = None
    for mention, resolution in zip(mentions, resolutions, strict=True):
        if mention.kind != "person" or not mention.title or mention.span.start >= start:
            continue
        if start - mention.span.start > TITLE_REACH:
            continue
        other = parse_title(mention.title)
        fits = other is not None and (
            other.office_keys & title.office_keys
            if title.specific
            else heads & _heads(mention.title)
        )
        if fits and (best is None or mention.span.start > best[0]):
            best = (mention.span.start, resolution)
    return best[1] if best else None


_HEADS = {
    "secretary": "secretary",
    "secretaries": "secretary",
    "minister": "minister",
    "ministers": "minister",
    "president": "president",
    "premier": "premier",
    "chancellor": "chancellor",
}


def _heads(title: str) -> set[str]:
    """The head words of a title: "Secretary of State" -> {"secretary"}."""
    return {_HEADS[w] for w in fold(title).split() if w in _HEADS}
