"""Candidates for a mention: KB entities it may name, found through the index.

Three routes, cheapest first: the exact normal form of the name; its fuzzy
keys (tokens, phonetic codes, prefixes, sorted tokens, acronym), searched from
the rarest key so common tokens ("John", "Bank") cost little; and, when the
mention carries a title ("Foreign Minister"), the holders of that office at the
report's date, whatever their name: "Prime Minister Kan" in 2021 must be able
to reach Yoshihide Suga, whose name it does not contain. A name not found as
it is may be a reading of a person's native-script name ("Lin Fangzheng" for
林芳正): the index keeps each person's readings as whole-name keys. A person's name in
Japanese, Chinese or Korean script found nowhere whole may be a family name written
alone (茂木 for 茂木敏充, as Japanese news writes 茂木外相): the people whose native
names begin with it are its candidates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storyline.entities.kb.index import READING_PREFIX
from storyline.entities.kb.model import KBEntity, Window
from storyline.entities.names import DEMONYMS, NameForm, name_keys, token_keys
from storyline.entities.readings import MIN_KEY, reading_key
from storyline.entities.titles import Title
from storyline.store.kb_index import KBIndex

__all__ = ["COMPATIBLE", "Candidate", "generate", "office_holders", "readers_of"]

#: Which entity types a mention of each kind may name.
COMPATIBLE: dict[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "organization": frozenset({"organization"}),
    "place": frozenset({"place", "country", "organization"}),  # "the EU" is often a GPE
    "country": frozenset({"country"}),
    "other": frozenset({"person", "organization", "place", "country"}),
}
MAX_DF_SHARE = 0.002  # keys shared by more than this share of the KB are too common to search by
MIN_DF_CEILING = 200  # ... unless they are shared by fewer names than this
RARE_WORD_DF = 50  # a word of the name in fewer KB names than this is searched as it is


@dataclass(frozen=True, slots=True)
class Candidate:
    ident: int
    entity: KBEntity
    exact: bool  # one of its names is exactly the mention's
    via: str  # "name" | "reading" | "key" | "office" | "family name"


def generate(index: KBIndex, form: NameForm, kind: str, limit: int = 12) -> list[Candidate]:
    """Entities the mention's name may name: exact names, else readings; then fuzzy keys."""
    allowed = COMPATIBLE.get(kind, COMPATIBLE["other"])
    found: dict[int, Candidate] = {}
    exact = index.ids_by_name(form.norm)
    if "country" in allowed and form.norm in DEMONYMS:  # "Japanese", "the Canadian government"
        country = index.id_of(f"country:{DEMONYMS[form.norm]}")
        exact += [country] if country is not None else []
    for ident, entity in zip(exact, index.entities(exact), strict=True):
        if entity.type in allowed:
            found[ident] = Candidate(ident, entity, True, "name")
    if form.is_cjk and kind == "person" and not found:
        leading = index.ids_by_name_start(form.norm, limit)
        for ident, entity in zip(leading, index.entities(leading), strict=True):
            if entity.type == "person":
                found[ident] = Candidate(ident, entity, False, "family name")
    if not form.is_cjk and not found:  # a name read whole counts as a name found as is
        readers = readers_of(index, form, limit)
        for ident, entity in zip(readers, index.entities(readers), strict=True):
            if entity.type in allowed:
                found[ident] = Candidate(ident, entity, False, "reading")
    if not form.is_cjk and not (found and len(form.tokens) > 1):  # a full name found as is
        fuzzy = [i for i in _by_keys(index, form, kind, limit) if i not in found]
        for ident, entity in zip(fuzzy, index.entities(fuzzy), strict=True):
            if entity.type in allowed:
                found[ident] = Candidate(ident, entity, False, "key")
    return list(found.values())


def readers_of(index: KBIndex, form: NameForm, limit: int) -> list[int]:
    """People one of whose native-script names reads as the mention, whole."""
    key = reading_key(form.text)
    if len(key) < MIN_KEY:
        return []
    return index.ids_by_key(READING_PREFIX + key, limit)


def office_holders(index: KBIndex, title: Title, window: Window) -> tuple[int, ...]:
    """Holders of the title's office during `window`, when the title names its country."""
    if not title.office_keys or title.office_keys == {"other"} or title.country is None:
        return ()  # every holder of every country is no evidence for any of them
    return index.holders(tuple(sorted(title.office_keys)), title.country, window)


def _by_keys(index: KBIndex, form: NameForm, kind: str, limit: int) -> list[int]:
    """Entities sharing the rarer fuzzy keys of the name, best matched first.

    Each key weighs its inverse document frequency, so that "Toshimichi Shigeki"
    reaches Toshimitsu Motegi through the rare "p:tosh" while "John" alone reaches
    nobody in particular; keys shared by too many names are not searched at all,
    and a word found as it is in few names is not searched by its fuzzy keys.
    """
    size = max(index.size, 1)
    ceiling = max(MIN_DF_CEILING, int(size * MAX_DF_SHARE))
    keys = [k for k in name_keys(form, kind) if k[:2] in {"s:", "a:"}]
    for token in form.tokens:
        own = token_keys(token)
        exact = own[0] if own and own[0].startswith("t:") else None
        keys += [exact] if exact and 0 < index.key_df(exact) <= RARE_WORD_DF else list(own)
    weights: dict[str, float] = {}
    for key in keys:
        df = index.key_df(key)
        if 0 < df <= ceiling:
            weights[key] = math.log(1 + size / df)
    return [ident for ident, _ in index.ids_by_keys(weights, limit)]
