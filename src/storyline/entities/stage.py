"""`entities.link.v1`: every mention of a report linked to a canonical entity, or left as
its own surface entity, with a score and a reason.

Per report: place and country mentions first (they tell which countries the
report is about), then every mention through the linker at the report's date
(`published`, else the dating stage's finding). An undated report gets a date
window from its own anchors: people named with a title they held, whose terms
must all cover the report ("Secretary of State Blinken" and "Foreign Minister
Motegi" together mean 2021). Then people are linked again knowing which
entities the report names, coreference joins short and garbled forms to their
full names, the parse stage's title mentions ("the Japanese defense minister")
are linked to the person the report names with that title or to the office's
holder at the report's date (`office_titles`; dropped when unsure), and nominal
titles ("the secretary") are added as mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from storyline.entities.coref import Resolution, resolve, title_references
from storyline.entities.kb.build import curated_index
from storyline.entities.kb.model import Window, entity_id, parse_iso, shift_day
from storyline.entities.linker import Context, Decision, Linker, roles_for_title
from storyline.entities.office_titles import (
    TitleLink,
    link_standing_title,
    office_resolution,
    standing_titles,
)
from storyline.entities.titles import Title, parse_title
from storyline.nlp.title_phrases import TITLE_LABEL
from storyline.pipeline import Stage
from storyline.records import Document, EntityRef, Mention, OfficeTerm
from storyline.settings import EntitySettings
from storyline.store.kb_index import KBIndex

STAGE = "entities.link.v1"

#: A report's titles, the linker's first decisions and the countries it is about.
_Pass = tuple[list[Title | None], list[Decision], frozenset[str]]


def report_window(doc: Document) -> Window:
    """The days the report's date can mean: `published`, else the dating stage's value."""
    for value in (doc.published, doc.dating.value if doc.dating else None):
        if value and parse_iso(value):
            return Window.of(value)
    return Window()


def _before(text: str, mention: Mention) -> str:
    """The words before a mention, back to the start of its sentence."""
    window = text[max(0, mention.span.start - 100) : mention.span.start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return window[cut + 1 :] if cut >= 0 else window


def office_terms(decisions: list[Decision], titles: list[Title | None]) -> list[OfficeTerm]:
    """For each confidently linked person named with a title they held, the span of
    their terms in that office."""
    found = []
    for decision, title in zip(decisions, titles, strict=True):
        entity = decision.entity
        if entity is None or title is None or not title.specific or decision.score < 0.9:
            continue
        terms = [r.window for r in roles_for_title(entity, title)]
        if decision.title_fit and terms:
            starts, ends = [t.start for t in terms], [t.end for t in terms]
            start = None if None in starts else min(s for s in starts if s)
            end = None if None in ends else max(e for e in ends if e)
            spans = ", ".join(f"{t.start or '?'}..{t.end or 'now'}" for t in _in_order(terms))
            found.append(
                OfficeTerm(start, end, f"{entity.name} was {title.text} {spans}", _gaps(terms))
            )
    return found


def _in_order(terms: list[Window]) -> list[Window]:
    return sorted(terms, key=lambda t: t.start or "")


def _gaps(terms: list[Window]) -> tuple[tuple[str, str], ...]:
    """The spans between consecutive terms (the day after one ends to the day before
    the next begins), where the person did not hold the office."""
    gaps: list[tuple[str, str]] = []
    ordered = _in_order(terms)
    reach = ordered[0].end if ordered else None
    for term in ordered[1:]:
        if reach is None:
            return tuple(gaps)  # an open-ended term covers everything after it
        if term.start and term.start > reach and len(term.start) == len(reach) == 10:
            gaps.append((_next_day(reach), _next_day(term.start, -1)))
        reach = max(reach, term.end) if term.end else None
    return tuple(gaps)


def _next_day(value: str, days: int = 1) -> str:
    return shift_day(value, days)


def infer_window(decisions: list[Decision], titles: list[Title | None]) -> Window | None:
    """The days that most people named with a title they held were in office together.

    Each confidently linked, titled person gives the span of their terms in that
    office; the window is where most of those spans meet — at least two, and most
    of them, so that one wrong anchor ("Prime Minister Kan" read as Naoto Kan) is
    outvoted rather than emptying the window.
    """
    spans = [Window(t.start, t.end) for t in office_terms(decisions, titles)]
    best: list[Window] = []
    for pivot in sorted({s.start for s in spans if s.start}):
        covering = [s for s in spans if s.overlaps(Window(pivot, pivot))]
        if len(covering) > len(best):
            best = covering
    if len(best) < 2 or len(best) * 5 < len(spans) * 3:
        return None
    window: Window | None = Window()
    for span in best:
        window = window.intersect(span) if window is not None else None
    return window if window is not None and window.known else None


class LinkStage(Stage):
    """Links mentions to the knowledge base (default: the curated one shipped)."""

    name: ClassVar[str] = STAGE
    needs: ClassVar[frozenset[str]] = frozenset({"mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"entities"})

    def __init__(
        self,
        index: KBIndex | None = None,
        settings: EntitySettings | None = None,
        *,
        title_mentions: bool = True,
    ) -> None:
        self.index = index if index is not None else curated_index()
        self.linker = Linker(self.index, settings)
        self.title_mentions = title_mentions
        # The last report's pass without a date, by the identity of its text and mentions:
        # `entities.offices.v1` makes it, and linking makes it again when dating found no day.
        self._undated: tuple[str, tuple[Mention, ...], _Pass] | None = None
        self._names_of: tuple[tuple[Mention, ...], tuple[Mention, ...]] | None = None

    def __call__(self, doc: Document) -> Document:
        named = self._named_only(doc)
        resolutions = self.resolutions(named)
        pairs = list(zip(named.mentions, resolutions, strict=True))
        if self.title_mentions:
            pairs += self._title_mentions(doc, named, resolutions)
            pairs.sort(key=lambda pair: (pair[0].span.start, pair[0].span.end))
        entities: dict[str, EntityRef] = {}
        linked = []
        for mention, resolution in pairs:
            entity = _entity_ref(resolution)
            entities.setdefault(entity.id, entity)
            linked.append(
                replace(mention, entity=entity.id, score=resolution.score, reason=resolution.reason)
            )
        return doc.evolve(self.name, mentions=tuple(linked), entities=tuple(entities.values()))

    def _named_only(self, doc: Document) -> Document:
        """`doc` without its title mentions (`nlp.title_phrases`): names are linked by name,
        titles after them. The same mentions give the same tuple, so that the undated
        pass made for `entities.offices.v1` is found again."""
        if not any(m.label == TITLE_LABEL for m in doc.mentions):
            return doc
        held = self._names_of
        if held is None or held[0] is not doc.mentions:
            names = tuple(m for m in doc.mentions if m.label != TITLE_LABEL)
            held = self._names_of = (doc.mentions, names)
        return replace(doc, mentions=held[1])

    def _title_mentions(
        self, doc: Document, named: Document, resolutions: Sequence[Resolution]
    ) -> list[tuple[Mention, Resolution]]:
        """The titles of the report that stand for a person, as mentions of that person:
        the parse stage's title mentions ("the Japanese defense minister") that link, then
        nominal titles ("the secretary") that no title mention covers."""
        added = []
        links = self.standing_title_links(doc, named, resolutions)
        for link in links:
            if link.resolution is not None:
                added.append((link.standing.mention, link.resolution))
            elif link.open_office:
                added.append((link.standing.mention, office_resolution(link.standing, link.reason)))
        covered = [m.span for m in doc.mentions if m.label == TITLE_LABEL]
        for ref in title_references(doc.text, named.mentions, resolutions):
            if not any(s.start < ref.span.end and ref.span.start < s.end for s in covered):
                added.append(
                    (Mention(ref.span, ref.text, TITLE_LABEL, "person", STAGE), ref.resolution)
                )
        return added

    def standing_title_links(
        self, doc: Document, named: Document, resolutions: Sequence[Resolution]
    ) -> list[TitleLink]:
        """Each title mention of `doc` that names one office of one country, linked to the
        person the report names with that title or to its holder at the report's date, or
        left unlinked with the reason (`office_titles`); `resolutions` are those of the
        names of `named`."""
        titled = [
            (title, resolution)
            for mention, title, resolution in zip(
                named.mentions, self._titles(named), resolutions, strict=True
            )
            if title is not None and mention.kind == "person"
        ]
        window = report_window(doc)
        return [
            link_standing_title(standing, titled, self.linker, window)
            for standing in standing_titles(doc.mentions)
        ]

    def office_terms(self, doc: Document) -> list[OfficeTerm]:
        """The terms of office of the people the report names with their title, read
        without the report's date: what the dating stage can bound the date with."""
        titles, first, _ = self._undated_pass(self._named_only(doc))
        return office_terms(first, titles)

    def _undated_pass(self, doc: Document) -> _Pass:
        """The titles and the first pass of `doc` read without its date."""
        held = self._undated
        if held is not None and held[0] is doc.text and held[1] is doc.mentions:
            return held[2]
        undated = replace(doc, published=None, dating=None)
        titles = self._titles(undated)
        found = (titles, *self._first_pass(undated, titles, Window()))
        self._undated = (doc.text, doc.mentions, found)
        return found

    def resolutions(self, doc: Document) -> list[Resolution]:
        """The entity of each mention, in order, after coreference."""
        return resolve(doc.mentions, self.decide(doc), doc.text)

    def decide(self, doc: Document) -> list[Decision]:
        """The linker's decision for each mention, before coreference."""
        window = report_window(doc)
        if window == Window():
            titles, first, countries = self._undated_pass(doc)
        else:
            titles = self._titles(doc)
            first, countries = self._first_pass(doc, titles, window)
        note = ""
        if not window.known:
            inferred = infer_window(first, titles)
            if inferred is not None:
                window = inferred
                note = f"; report date taken as {inferred.start}..{inferred.end} from offices held"
        confident = frozenset(d.entity.key for d in first if d.entity and d.score >= 0.9)
        context = Context(window, countries, confident)
        final = []
        for mention, decision, title in zip(doc.mentions, first, titles, strict=True):
            if mention.kind == "person" and (decision.score < 0.9 or note):
                decision = self.linker.link(mention.text, mention.kind, title, context)
                if note and title is not None and decision.linked:
                    decision = replace(decision, reason=decision.reason + note)
            final.append(decision)
        return final

    @staticmethod
    def _titles(doc: Document) -> list[Title | None]:
        return [
            parse_title(m.title, _before(doc.text, m)) if m.kind == "person" else None
            for m in doc.mentions
        ]

    def _first_pass(
        self, doc: Document, titles: list[Title | None], window: Window
    ) -> tuple[list[Decision], frozenset[str]]:
        """Places first (the countries the report is about), then every other mention."""
        mentions = doc.mentions
        places = {
            i: self.linker.link(m.text, m.kind, None, Context(window))
            for i, m in enumerate(mentions)
            if m.kind in {"place", "country"}
        }
        countries = frozenset(
            d.entity.country for d in places.values() if d.entity and d.entity.country
        )
        context = Context(window, countries)
        decisions = [
            places.get(i) or self.linker.link(m.text, m.kind, titles[i], context)
            for i, m in enumerate(mentions)
        ]
        return decisions, countries


def _entity_ref(resolution: Resolution) -> EntityRef:
    return EntityRef(
        entity_id(resolution.key),
        resolution.key,
        resolution.name,
        resolution.kind,
        STAGE,
        resolution.wikidata,
    )


class OfficeTermStage(Stage):
    """The terms of office of the people a report names with their title, read before the
    report is dated (the linker without a date): what the dating stage bounds it with."""

    name: ClassVar[str] = "entities.offices.v1"
    needs: ClassVar[frozenset[str]] = frozenset({"mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"office_terms"})

    def __init__(self, linker: LinkStage) -> None:
        self.linker = linker

    def __call__(self, doc: Document) -> Document:
        return doc.evolve(self.name, office_terms=tuple(self.linker.office_terms(doc)))
