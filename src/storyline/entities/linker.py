"""Scoring candidates: the right entity behind a garbled name, at the right time.

A candidate's score starts from how well its best name matches the mention
(`names.person_similarity` for people, `names.flat_similarity` otherwise) and is
moved by evidence, each step written into the reason:

- title fit at the report's date: "Foreign Minister" in a 2021 report fits
  Toshimitsu Motegi, who held the office then, and counts against Yoshimasa
  Hayashi, who held it later; an undated report only asks whether they ever held it;
- country: the title's country ("Japanese Foreign Minister") or the report's;
- the report's other entities: an entity already named in it;
- prominence, to break ties between equally good names (Washington, D.C. / state).

Merging two different people is the worst error, so a person is linked only
when the name itself is compatible (`_name_ok`) or a fitting title vouches for a
partly garbled one, and when no rival comes close. A specific title with a name
that fits no holder resolves to the holder of that office at the report's date,
when the office's country is known: "Prime Minister Kan" in 2021 is Yoshihide Suga.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyline.entities.candidates import Candidate, generate, office_holders
from storyline.entities.kb.model import KBEntity, Role, Window, shift_day
from storyline.entities.names import (
    COMMON_FAMILY_NAMES,
    FAMILY_FIRST,
    TITLE_HEADS,
    NameForm,
    PersonMatch,
    flat_similarity,
    fold,
    kb_form,
    mention_form,
    parse_name,
    person_similarity,
    split_person,
)
from storyline.entities.readings import Reading, person_readings, reading_key
from storyline.entities.titles import Title
from storyline.settings import EntitySettings
from storyline.store.kb_index import KBIndex

LinkSettings = EntitySettings  # the name callers used before settings had sections


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the report says: its date, countries and entities."""

    window: Window = field(default_factory=Window)
    countries: frozenset[str] = frozenset()
    linked: frozenset[str] = frozenset()  # KB keys already linked in this report


@dataclass(frozen=True, slots=True)
class Decision:
    """The linker's answer for one mention (entity None: not linked)."""

    entity: KBEntity | None
    score: float
    reason: str
    title_fit: bool = False  # a specific title fitted the entity at the report's date
    exact: bool = False

    @property
    def linked(self) -> bool:
        return self.entity is not None


@dataclass(frozen=True, slots=True)
class _Scored:
    candidate: Candidate
    score: float
    name_ok: bool
    title_fit: bool
    match: PersonMatch | None  # how the name compares (people)
    reasons: tuple[str, ...]

    @property
    def family(self) -> float:
        return self.match.family if self.match else 0.0


NOT_LINKED = Decision(None, 0.0, "no candidate in the knowledge base")


@dataclass(frozen=True, slots=True)
class _Named:
    """How a candidate's name compares with the mention's, whatever the report says."""

    candidate: Candidate
    score: float
    match: PersonMatch | None
    reason: str


class Linker:
    """Links one mention at a time against an index; holds no per-report state.

    What depends on the name alone (candidates and name similarity) is cached per
    name, so that the names a corpus repeats cost one search; the cache never
    changes a result, the index being read-only.
    """

    def __init__(self, index: KBIndex, settings: EntitySettings | None = None) -> None:
        self.index = index
        self.settings = settings or EntitySettings()
        self._named = lru_cache(maxsize=NAME_CACHE)(self._named_candidates)
        self._name_of = lru_cache(maxsize=NAME_CACHE)(self._name_evidence)

    def link(self, text: str, kind: str, title: Title | None, context: Context) -> Decision:
        form = mention_form(text, kind)
        if not form.norm:
            return NOT_LINKED
        named = list(self._named(form, kind))
        if kind == "person" and title is not None:
            known = {n.candidate.ident for n in named}
            holders = [
                i for i in office_holders(self.index, title, context.window) if i not in known
            ]
            self.index.entities(holders)  # read together
            named += [self._name_of(form, kind, ident) for ident in holders]
        scored = sorted(
            (self._score(form, kind, n, title, context) for n in named),
            key=lambda s: (-s.score, s.candidate.entity.key),
        )
        eligible = [s for s in scored if s.name_ok]
        if eligible:
            decision = self._decide(kind, eligible, scored)
            if decision.linked or kind != "person":
                return decision
        if kind == "person" and title is not None and title.specific:
            fallback = self._holder_fallback(form, title, context, scored)
            if fallback is not None:
                return fallback
        if scored:
            best = scored[0]
            return Decision(
                None,
                0.0,
                f"not linked: best candidate {best.candidate.entity.name} "
                f"({'; '.join(best.reasons)}) is not close enough",
            )
        return NOT_LINKED

    def _decide(self, kind: str, eligible: list[_Scored], scored: list[_Scored]) -> Decision:
        best = eligible[0]
        swapped = best.match is not None and best.match.swapped
        exact = next(
            (
                s
                for s in scored
                if s.family >= 0.95
                and s.match is not None
                and s.match.swapped == swapped
                and s.candidate.ident != best.candidate.ident
            ),
            None,
        )
        if kind == "person" and best.family < 0.95 and exact is not None:
            return Decision(  # "Nobuo Kishida": Kishi's given name, Kishida's family name
                None,
                0.0,
                f"not linked: the family name fits {best.candidate.entity.name} only loosely "
                f"and is exactly {exact.candidate.entity.name}'s",
            )
        if best.score < self.settings.link_threshold:
            return Decision(
                None,
                0.0,
                f"not linked: {best.candidate.entity.name} scores {best.score:.2f} "
                f"({'; '.join(best.reasons)})",
            )
        margin = self.settings.link_margin if kind == "person" else 0.01
        rival = next((s for s in eligible[1:] if s.candidate.ident != best.candidate.ident), None)
        if rival is not None and best.score - rival.score < margin:
            return Decision(
                None,
                0.0,
                f"not linked: {best.candidate.entity.name} ({best.score:.2f}) and "
                f"{rival.candidate.entity.name} ({rival.score:.2f}) are both possible",
            )
        return Decision(
            best.candidate.entity,
            min(1.0, best.score),
            "; ".join(best.reasons),
            best.title_fit,
            best.candidate.exact,
        )

    def _named_candidates(self, form: NameForm, kind: str) -> tuple[_Named, ...]:
        found = generate(self.index, form, kind, self.settings.candidates)
        return tuple(self._evidence(form, kind, c) for c in found)

    def _name_evidence(self, form: NameForm, kind: str, ident: int) -> _Named:
        candidate = Candidate(ident, self.index.entity(ident), False, "office")
        return self._evidence(form, kind, candidate)

    @staticmethod
    def _evidence(form: NameForm, kind: str, candidate: Candidate) -> _Named:
        entity = candidate.entity
        if entity.type == "person":
            match = _best_person_match(form, entity)
            read = _reading_match(form, entity) if candidate.via == "reading" else None
            if read is not None and read[0].score > match.score:
                return _Named(candidate, read[0].score, read[0], _describe_reading(form, *read))
            return _Named(candidate, match.score, match, _describe_match(form, entity, match))
        score = max(flat_similarity(form, kb_form(n, entity.type)) for n in entity.names)
        if kind == "place" and entity.type == "organization":
            score -= 0.05
        reason = f"name {'matches' if score >= 1 else f'similarity {score:.2f}'}"
        return _Named(candidate, score, None, reason)

    def _score(
        self, form: NameForm, kind: str, named: _Named, title: Title | None, context: Context
    ) -> _Scored:
        candidate, match, score = named.candidate, named.match, named.score
        entity = candidate.entity
        reasons: list[str] = [named.reason]
        fit, fit_reason, fits_at_date = title_fit(entity, title, context.window)
        if fit_reason:
            reasons.append(fit_reason)
        score += fit
        if title is not None and title.country and entity.type == "person":
            countries = {entity.country} | {r.country for r in entity.roles}
            if title.country in countries:
                score += 0.05
            elif entity.country:
                score -= 0.3
                reasons.append(
                    f"the title is {title.country}'s, {entity.name} is {entity.country}'s"
                )
        if entity.country and entity.country in context.countries:
            score += 0.03
        if entity.key in context.linked:
            score += 0.05
            reasons.append("already named in the report")
        score += (0.04 if entity.type == "person" else 0.1) * entity.prior
        if match is not None:
            in_context = entity.key in context.linked or (
                entity.country is not None and entity.country in context.countries
            )
            name_ok = _name_ok(
                form,
                match,
                score,
                fits_at_date,
                self._common_family(form, entity, match),
                in_context,
            )
        else:
            name_ok = score >= 0.9
        return _Scored(candidate, score, name_ok, fits_at_date, match, tuple(reasons))

    def _common_family(self, form: NameForm, entity: KBEntity, match: PersonMatch) -> bool:
        """Whether the mention's family name is a common one, by a list of the most
        common family names or by how many KB names share it."""
        family_first = (entity.country in FAMILY_FIRST) != match.swapped
        family = split_person(form.tokens, family_first)[0] if form.tokens else ""
        return (
            family in COMMON_FAMILY_NAMES
            or self.index.key_df(f"t:{family}") >= self.settings.common_family_names
        )

    def _holder_fallback(
        self, form: NameForm, title: Title, context: Context, scored: list[_Scored]
    ) -> Decision | None:
        """A specific title whose name fits no holder: the holder at the report's date.

        Not for a name in Japanese, Chinese or Korean script (written as the report's
        language writes it, not garbled by translation), nor when the report is
        undated, the title says "former", the office's country is unknown, or a person
        with the mention's name held the office within `handover_days` of the date or
        only after it: then the report's date, not the name, is more likely wrong.
        """
        if not context.window.known or title.former or form.is_cjk:
            return None  # a name in its own script is as written, not garbled
        named = [s for s in scored if s.candidate.via != "office" and s.family >= 0.9]
        country = title.country or _office_country(title, named)
        if country is None:
            return None
        office = Title(title.text, title.office_keys, country, False, False)
        handover = self.settings.handover_days
        if any(
            _near_or_later_term(s.candidate.entity, office, context.window, handover) for s in named
        ):
            return None
        holder, share = self._main_holder(office, context.window)
        if holder is None:
            return None
        others = [s.candidate.entity.name for s in named if s.candidate.entity.key != holder.key]
        why = f" ({', '.join(others[:2])}, with that name, did not hold it then)" if others else ""
        then = "then" if share >= 1 else f"for {share:.0%} of that time"
        return Decision(
            holder,
            round(self.settings.title_holder_score * min(share, 1.0), 3),
            f"title '{title.text}' at {_when(context.window)}: {holder.name} held that office "
            f"of {country} {then}; the name '{form.text}' fits no holder{why}",
            True,
        )

    def _main_holder(self, office: Title, window: Window) -> tuple[KBEntity | None, float]:
        """The one holder of the office in the window, or the one who held it for at least
        `main_holder_share` of a window of several holders; with that share."""
        return self._main_of(
            self.index.entities(office_holders(self.index, office, window)), office, window
        )

    def _main_of(
        self, holders: list[KBEntity], office: Title, window: Window
    ) -> tuple[KBEntity | None, float]:
        """`_main_holder` among the given holders of the office."""
        if len(holders) == 1:
            return holders[0], 1.0
        if not holders or window.start is None or window.end is None:
            return None, 0.0
        total = _days(window.start, window.end)
        for holder in holders:
            covered = 0
            for role in holder.roles:
                if role.office_key in office.office_keys and role.country == office.country:
                    part = window.intersect(role.window)
                    if part is not None and part.start and part.end:
                        covered += _days(part.start, part.end)
            if covered >= self.settings.main_holder_share * total:
                return holder, covered / total
        return None, 0.0

    def title_holder(
        self, office: Title, window: Window, *, by_head: bool = False
    ) -> tuple[KBEntity | None, float]:
        """The holder of the office a title with no name names ("the Japanese defense
        minister") during `window`, with the share of it they held the office.

        A title of two keys ("President": head of state or of government) may find two
        people in office (South Korea's president and prime minister); then the one whose
        office the title's head word names ("President of the Republic of Korea") is
        meant. With `by_head` only such an office counts. On the day of a handover nobody
        is meant.
        """
        holders = list(self.index.entities(office_holders(self.index, office, window)))
        named = [h for h in holders if _office_named_by(h, office, window)]
        if by_head or (len(holders) > 1 and len(named) == 1):
            holders = named
        if len(holders) > 1 and window.start == window.end:
            return None, 0.0  # a handover day: both held the office
        return self._main_of(holders, office, window)


NAME_CACHE = 100_000  # names whose candidates and similarities are kept


def _office_named_by(entity: KBEntity, office: Title, window: Window) -> bool:
    """Whether a term of the entity in the office during `window` is named by the title's
    head word: "President of the Republic of Korea" by "South Korean president"."""
    heads = [w for w in fold(office.text).split() if w in TITLE_HEADS]
    return bool(heads) and any(
        fold(role.office).startswith(heads[-1])
        for role in roles_for_title(entity, office)
        if role.held_during(window)
    )


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


def _near_or_later_term(entity: KBEntity, office: Title, window: Window, handover: int) -> bool:
    """Whether the entity held the office within `handover` days of the window, or only
    after it."""
    wider = Window(_shift(window.start, -handover), _shift(window.end, handover))
    terms = [
        r
        for r in entity.roles
        if r.office_key in office.office_keys and r.country == office.country
    ]
    if any(r.held_during(wider) for r in terms):
        return True
    return bool(terms) and all(
        r.window.start is not None and window.end is not None and r.window.start > window.end
        for r in terms
    )


def _shift(day: str | None, days: int) -> str | None:
    if day is None:
        return None
    return shift_day(day, days)


def _office_country(title: Title, named: list[_Scored]) -> str | None:
    """The country of the office, from the people whose family name the mention has and
    who held that very office at another time (Naoto Kan for "Prime Minister Kan")."""
    countries = {
        r.country
        for s in named
        for r in s.candidate.entity.roles
        if r.office_key in title.office_keys and r.country
    }
    return countries.pop() if len(countries) == 1 else None


#: How a native-script name that begins another one compares with it (茂木 / 茂木敏充):
#: below a family name alone in Latin script (0.95), since where a family name ends in
#: unspaced script is unknown (岸 begins 岸信夫 and 岸田文雄 alike); with 0.8 it links
#: only with a title its bearer held at the report's date (`_name_ok`).
NATIVE_LEADING = 0.8


def _best_person_match(form: NameForm, entity: KBEntity) -> PersonMatch:
    """The mention against each of the person's names in the mention's script."""
    family_first = entity.country in FAMILY_FIRST
    best = PersonMatch(0.0, 0.0, None, False)
    for name in _person_forms(entity.names, family_first)[1 if form.is_cjk else 0]:
        match = person_similarity(form, name, family_first)
        if match.score == 0 and form.is_cjk and _begins(name, form):
            match = PersonMatch(NATIVE_LEADING, NATIVE_LEADING, None, False)
        if match.score > best.score:
            best = match
    return best


def _begins(name: NameForm, form: NameForm) -> bool:
    """Whether a native-script name begins with the mention's (and is longer)."""
    whole, start = name.norm.replace(" ", ""), form.norm.replace(" ", "")
    return len(whole) > len(start) and whole.startswith(start)


@lru_cache(maxsize=50_000)
def _person_forms(
    names: tuple[str, ...], family_first: bool
) -> tuple[tuple[NameForm, ...], tuple[NameForm, ...]]:
    """(Latin, native-script) forms of a person's names, each put in the canonical name's
    order: an alias "Kishi Nobuo" is read with "Kishi" as the family name."""
    family = split_person(parse_name(names[0], False).tokens or ("",), family_first)[0]
    forms = [_in_order(parse_name(n, False), family, family_first) for n in names]
    return tuple(f for f in forms if not f.is_cjk), tuple(f for f in forms if f.is_cjk)


def _in_order(form: NameForm, family: str, family_first: bool) -> NameForm:
    if family not in form.tokens or len(form.tokens) < 2:
        return form
    given = list(form.tokens)
    given.remove(family)
    tokens = (family, *given) if family_first else (*given, family)
    return NameForm(form.text, " ".join(tokens), tokens)


READING_PENALTY = 0.05  # a reading of a native name is less sure than a name the KB holds


def _reading_match(form: NameForm, entity: KBEntity) -> tuple[PersonMatch, Reading] | None:
    """The person's reading the mention is, whole, as a match a little below an exact
    name: family name first is the reading's own order, given name first is swapped."""
    key = reading_key(form.text)
    for reading in person_readings(entity):
        orders = ((False, reading.family + reading.given), (True, reading.given + reading.family))
        for swapped, letters in orders:
            if reading_key(letters) == key:
                given = 1.0 if reading.given and reading.family else None
                return PersonMatch(1.0 - READING_PENALTY, 1.0, given, swapped), reading
    return None


def _describe_reading(form: NameForm, match: PersonMatch, reading: Reading) -> str:
    order = ", given name first" if match.swapped else ""
    return f"'{form.text}' reads as {reading.source} ({reading.kind}{order})"


def _describe_match(form: NameForm, entity: KBEntity, match: PersonMatch) -> str:
    if match.score >= 0.999:
        return f"'{form.text}' is a name of {entity.name}"
    if form.is_cjk and match.score == NATIVE_LEADING:
        return f"'{form.text}' begins a name of {entity.name} (a family name written alone)"
    parts = [f"'{form.text}' ~ {entity.name} {match.score:.2f}"]
    if match.swapped:
        parts.append("family name first")
    if match.given_conflict:
        parts.append("given name differs")
    return ", ".join(parts)


def _name_ok(
    form: NameForm,
    match: PersonMatch,
    score: float,
    fits_at_date: bool,
    common: bool,
    in_context: bool,
) -> bool:
    """Whether the name alone, or the name with a fitting title, can support a link.

    A common family name ("Smith", "Lee", "Wang") identifies nobody by itself: alone
    it needs a fitting title or the person's country in the report, and with a given
    name the given name must match well (Lee Hsien Loong is not Lee Han-dong).
    """
    if len(form.tokens) <= 1 or match.given is None:
        if common and not (fits_at_date or in_context):
            return False
        return match.family >= (0.8 if fits_at_date else 0.9)
    if fits_at_date:
        return match.family >= 0.75 or (match.family >= 0.6 and not match.given_conflict)
    given_needed = 0.8 if common else 0.6
    return match.family >= 0.8 and match.given >= given_needed and match.score >= 0.8


def roles_for_title(entity: KBEntity, title: Title) -> list[Role]:
    """The entity's terms in the office a title names: by office key and country, or for
    an office of no key ("Chief Cabinet Secretary") by the title's words in its name."""
    if title.office_keys == {"other"}:
        words = set(fold(title.text).split()) - _NOT_OFFICE_WORDS
        return [
            r
            for r in entity.roles
            if words
            and words <= set(fold(r.office).split())
            and (title.country is None or r.country == title.country)
        ]
    return [
        r
        for r in entity.roles
        if r.office_key in title.office_keys
        and (title.country is None or r.country == title.country)
    ]


_NOT_OFFICE_WORDS = frozenset({"the", "of", "and", "for", "former", "acting", "then", "new"})


def title_fit(entity: KBEntity, title: Title | None, window: Window) -> tuple[float, str, bool]:
    """(score change, reason, fits at the date) of a title for an entity."""
    if title is None or entity.type != "person":
        return 0.0, "", False
    if title.generic:
        if entity.roles:
            return 0.05, f"'{title.text}' fits a minister", False
        return 0.0, "", False
    roles = roles_for_title(entity, title)
    office = " / ".join(sorted(title.office_keys))
    if not roles:
        if entity.roles:
            return -0.25, f"never held the office of '{title.text}'", False
        return -0.05, "", False
    if not window.known:
        return 0.12, f"held the office of '{title.text}' ({_terms(roles)}); report undated", True
    if any(r.held_during(window) for r in roles):
        return 0.25, f"held the office of '{title.text}' at {_when(window)}", True
    if title.former and any(
        r.window.start and window.start and r.window.start <= window.start for r in roles
    ):
        return 0.15, f"a former holder of the office of '{title.text}'", False
    return -0.4, f"held {office} {_terms(roles)}, not at {_when(window)}", False


def _terms(roles: list[Role]) -> str:
    return ", ".join(f"{r.start or '?'}–{r.end or 'now'}" for r in roles)


def _when(window: Window) -> str:
    if window.start == window.end:
        return window.start or "?"
    return f"{window.start or '?'}..{window.end or '?'}"
