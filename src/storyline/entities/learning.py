"""Terms in office the corpus teaches: "X was sworn in as foreign minister" proposes one.

A knowledge base a year old does not know next year's ministers. Reports say when
someone takes an office, in a few shapes:

* took it: "X was sworn in as / took office as / assumed the post of <title>";
* was given it: "X was appointed / named / elected (as) <title>", "<country> appointed X
  (as) <title>";
* holds it, newly: "X, the new <title>", "new <title> X", "newly appointed <title> X".

Each shape gives a `TermProposal`: the person's mention, the office (read by
`titles.parse_title`, so only offices the linker knows: a specific title with its
country, named in the title, just before it, or as the only country of the sentence),
the first day (a full date the sentence names, not after the report; else the report's
day, "in office by"), how sure the shape is, and the sentence as evidence. Spoken of as
to come ("will be sworn in", "is expected to name", "nominee", "designate"), denied or
former, nothing is proposed.

Proposals are stored apart from the curated knowledge base (`store.terms`), listed
for review (`storyline kb proposals`), and used by `term_links` (in `learn_terms`, the
corpus step `entities.terms.v1`) to link the titles that name that office after that day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from sqlite3 import Connection
from typing import Any

from storyline.entities.linker import roles_for_title
from storyline.entities.names import fold
from storyline.entities.surface import country_of
from storyline.entities.titles import Title, parse_title
from storyline.nlp.languages import sentence_around
from storyline.records import Document, Mention, Span, TermProposal, Window
from storyline.store.events import documents_by_id
from storyline.store.kb_index import KBIndex
from storyline.store.terms import (
    document_texts,
    relink_mentions,
    replace_proposals,
    stored_proposals,
    titled_person_mentions,
)

#: How sure each shape is that the person took the office on the day found.
CONFIDENCE: dict[str, float] = {"took": 0.9, "given": 0.75, "new": 0.6}

_TITLE_WORDS = r"[A-Za-z.'’-]+(?: [A-Za-z.'’-]+){0,6}"
# After the person: the verb phrase, then the title.
_AFTER = (
    (
        "took",
        re.compile(
            r"^,? (?:who |which )?(?:has |had |was |were |is )?(?:been )?"
            r"(?:sworn in|took office|taken office|assumed (?:office|the (?:post|office|role) of))"
            r"(?: on \w+(?: \d{1,2})?)?,? as (?:the )?(?P<title>" + _TITLE_WORDS + ")"
        ),
    ),
    (
        "given",
        re.compile(
            r"^,? (?:who |which )?(?:has |had |was |were |is )?(?:been )?"
            r"(?:appointed|named|elected|installed|confirmed)"
            r"(?: on \w+(?: \d{1,2})?)?,? (?:as )?(?:the )?(?P<title>" + _TITLE_WORDS + ")"
        ),
    ),
    (
        "new",
        re.compile(
            r"^, (?:the |a )?(?:new|newly[- ]appointed|incoming) (?P<title>" + _TITLE_WORDS + ")"
        ),
    ),
)
# Before the person: "<country> appointed X as ...", "new Foreign Minister X".
_APPOINTED_BEFORE = re.compile(r"\b(?:appointed|named|installed) (?:as )?$")
_NEW_TITLE = re.compile(r"^(?:new|newly[- ]appointed|incoming)\s+", re.IGNORECASE)  # in the title
_NEW_BEFORE = re.compile(  # "new Philippine Foreign Secretary X": a country word may come between
    r"\b(?:[Nn]ew|[Nn]ewly[- ]appointed|[Ii]ncoming)\s+(?:[A-Z][\w.'’]*\s+){0,2}$"
)
_TITLE_AFTER_APPOINTED = re.compile(
    r"^,? (?:as )?(?:the )?(?:new )?(?P<title>" + _TITLE_WORDS + ")"
)
# Words that say it has not happened (yet), or is not so.
_NOT_DONE = re.compile(
    r"\b(?:will|would|to be|could|may|might|should|expected|likely|set to|plans? to|poised"
    r"|nominee|nominated|designate|candidate|not|never|denied|rumou?red|reportedly"
    r"|former|formerly|ex-)\b",
    re.IGNORECASE,
)
_TITLE_END = re.compile(
    r"\b(?:on|in|at|after|before|since|from|for|and|with|by|last|this|who|when)\b.*$"
)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class _Office:
    title: Title
    text: str


def propose_terms(doc: Document) -> list[TermProposal]:
    """The terms in office `doc` tells someone took (see the module's shapes)."""
    if not doc.text:
        return []
    out: list[TermProposal] = []
    for mention in doc.mentions:
        if mention.kind != "person" or not mention.text.strip():
            continue
        sentence = sentence_around([s.span for s in doc.sentences], mention.span, doc.text)
        found = _shape(doc.text, mention, sentence)
        if found is None:
            continue
        shape, office, clause = found
        if _NOT_DONE.search(clause):
            continue
        country = office.title.country or _only_country(doc, sentence)
        if country is None:
            continue
        keys = sorted(office.title.office_keys)
        start, dated = _start(doc, sentence)
        if start is None:
            continue
        out.append(
            TermProposal(
                document=doc.id,
                mention_start=mention.span.start,
                mention_end=mention.span.end,
                person=mention.text,
                entity=mention.entity,
                office=office.text,
                office_keys=tuple(keys),
                country=country,
                start=start,
                confidence=CONFIDENCE[shape] if dated else round(CONFIDENCE[shape] - 0.1, 2),
                shape=shape,
                evidence=sentence.of(doc.text).strip(),
            )
        )
    return _one_per_mention(out)


def _shape(text: str, mention: Mention, sentence: Span) -> tuple[str, _Office, str] | None:
    """Which shape the mention's sentence tells it in, the office, and the words that
    carry the claim (checked for "will", "former" ...)."""
    after = text[mention.span.end : sentence.end]
    before = text[sentence.start : mention.span.start]
    for shape, pattern in _AFTER:
        match = pattern.match(after)
        if match:
            office = _office(
                match.group("title"), before + text[mention.span.start : mention.span.end]
            )
            if office is not None:
                return shape, office, before[-60:] + after[: match.end()]
    if _APPOINTED_BEFORE.search(before):
        match = _TITLE_AFTER_APPOINTED.match(after)
        if match:
            office = _office(match.group("title"), before)
            if office is not None:
                return "given", office, before[-60:] + after[: match.end()]
    if mention.title:
        ahead = _before_title(before, mention.title)
        if _NEW_BEFORE.search(ahead) or _NEW_TITLE.match(mention.title):
            office = _office(_NEW_TITLE.sub("", mention.title), ahead)
            if office is not None:
                return "new", office, before[-60:]
    return None


def _before_title(before: str, title: str) -> str:
    """The words before a mention's title, from `before` (the words before the name)."""
    at = before.lower().rfind(title.lower())
    return before[:at] if at >= 0 else before


def _office(words: str, before: str) -> _Office | None:
    """The office a title phrase names, if a specific one (cut at the words that end it)."""
    phrase = _TITLE_END.sub("", words).strip(" ,.'’")
    title = parse_title(phrase, before)
    if title is None or not title.specific or title.former:
        return None
    return _Office(title, phrase)


def _only_country(doc: Document, sentence: Span) -> str | None:
    """The one country the sentence names, if only one."""
    found = {
        code
        for m in doc.mentions
        if m.kind in {"country", "place"} and sentence.start <= m.span.start < sentence.end
        if (country := country_of(m.text)) is not None
        for code in (country[0],)
    }
    return found.pop() if len(found) == 1 else None


def _start(doc: Document, sentence: Span) -> tuple[str | None, bool]:
    """The first day: a full date the sentence names, not after the report's day; else
    the report's day (the person held the office by then). Whether a date was named."""
    published = doc.published if doc.published and len(doc.published) == 10 else None
    for timex in doc.timexes:
        if not sentence.start <= timex.span.start < sentence.end:
            continue
        value = timex.value
        plain_day = timex.type == "DATE" and not timex.mod and _DAY.match(value)
        if plain_day and (published is None or value <= published):
            return value, True
    return published, False


def _one_per_mention(proposals: Iterable[TermProposal]) -> list[TermProposal]:
    seen: set[tuple[int, int]] = set()
    out = []
    for proposal in sorted(proposals, key=lambda p: (p.mention_start, -p.confidence)):
        if (proposal.mention_start, proposal.mention_end) not in seen:
            seen.add((proposal.mention_start, proposal.mention_end))
            out.append(proposal)
    return out


def holder_at(
    proposals: Sequence[TermProposal], keys: Iterable[str], country: str, day: str
) -> TermProposal | None:
    """The proposal for the office (`keys` of `country`) whose term holds on `day`: the
    latest to start on or before it; None if none did."""
    wanted = set(keys)
    fitting = [
        p
        for p in proposals
        if p.country == country and wanted & set(p.office_keys) and p.start <= day
    ]
    return max(fitting, key=lambda p: (p.start, p.confidence, p.document), default=None)


@dataclass(frozen=True, slots=True)
class TitledMention:
    """A person mention with a title, as stored, with what its report says around it."""

    ident: int
    document: str
    start: int
    end: int
    text: str
    title: str
    entity: str | None
    entity_key: str | None
    reason: str | None
    day: str | None  # the report's day
    before: str  # the words before the title (for its country: "Japan's")


@dataclass(frozen=True, slots=True)
class TermLink:
    """A mention pointed at the person a learned term says held its title's office."""

    mention: TitledMention
    entity: str
    score: float
    reason: str
    by: TermProposal  # the learned term


LEARNED = "learned term"  # how a link made here starts its reason
_BY_TITLE = "title '"  # the linker's holder-at-the-date links (`Linker._holder_fallback`)
_KB_KEYS = ("wikidata:", "kb:")


def term_links(
    proposals: Sequence[TermProposal],
    mentions: Iterable[TitledMention],
    curated_start: Callable[[str, Title, str], str | None],
) -> list[TermLink]:
    """The mentions whose title names an office a learned term says someone held on
    their report's day: a title alone, or with that person's name, not linked by name
    to the knowledge base. A link the linker made by the title alone (the holder the
    knowledge base knows) gives way when the learned term began after that holder's
    (`curated_start(entity key, title, day)`): the knowledge base is older than the news."""
    out = []
    for mention in mentions:
        if mention.day is None or len(mention.day) != 10:
            continue
        reason = mention.reason or ""
        by_title = reason.startswith((_BY_TITLE, LEARNED))
        if mention.entity_key and mention.entity_key.startswith(_KB_KEYS) and not by_title:
            continue  # the knowledge base knows this name
        title = parse_title(mention.title, mention.before)
        if title is None or not title.specific or title.former or title.country is None:
            continue
        holder = holder_at(proposals, title.office_keys, title.country, mention.day)
        if holder is None or holder.entity is None or holder.entity == mention.entity:
            continue
        if not _name_fits(mention, holder):
            continue
        if reason.startswith(_BY_TITLE) and mention.entity_key:
            known = curated_start(mention.entity_key, title, mention.day)
            if known is not None and known >= holder.start:
                continue
        out.append(
            TermLink(
                mention,
                holder.entity,
                holder.confidence,
                f"{LEARNED}: title '{mention.title}' at {mention.day}: {holder.person} "
                f"took office as {holder.office} ({holder.country}) by {holder.start}, "
                f"as report {holder.document} tells ({holder.shape})",
                holder,
            )
        )
    return out


def _name_fits(mention: TitledMention, holder: TermProposal) -> bool:
    """A title alone fits anyone; with a name, its last word must be one of the holder's."""
    words = [w for w in fold(mention.text).split() if w not in fold(mention.title).split()]
    if not words:
        return True
    return words[-1] in fold(holder.person).split()


@dataclass(frozen=True, slots=True)
class TermSummary:
    """What a run of the step learned and changed."""

    proposals: int  # proposed by the reports of this run
    moved: int  # mentions pointed at another entity
    documents: frozenset[str]  # their reports
    # Of each of those reports, the mentions moved: (start, end, the entity they named).
    relinked: Mapping[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)


def learn_terms(
    db: Connection, changed: Sequence[str], index: Callable[[], KBIndex], least: float
) -> TermSummary:
    """Propose the terms the `changed` reports tell, then link the titles the learned
    terms (from `least` confidence) name: those of the changed reports, and of every
    report from the first day a new proposal gives. `index` gives the knowledge base
    (loaded only when a title the linker resolved meets a learned term)."""
    ids = sorted(set(changed))
    documents = documents_by_id(db, ids)
    proposed = [
        p for doc_id in ids if doc_id in documents for p in propose_terms(documents[doc_id])
    ]
    replace_proposals(db, ids, proposed)
    proposals = [p for p in stored_proposals(db) if p.confidence >= least]
    if not proposals:
        return TermSummary(len(proposed), 0, frozenset())
    since = min((p.start for p in proposed if p.confidence >= least), default=None)
    rows = titled_person_mentions(db, ids, since)
    texts = {doc_id: doc.text for doc_id, doc in documents.items()}
    texts.update(document_texts(db, sorted({row[1] for row in rows} - texts.keys())))
    mentions = [_titled(row, texts.get(row[1], "")) for row in rows]
    links = term_links(
        proposals, mentions, lambda key, title, day: _curated_start(index(), key, title, day)
    )
    relink_mentions(
        db,
        [
            (
                k.mention.ident,
                k.entity,
                k.score,
                k.reason,
                (k.by.document, k.by.mention_start, k.by.mention_end),
            )
            for k in links
        ],
    )
    moved: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for link in links:
        if link.mention.entity is not None:
            moved[link.mention.document].append(
                (link.mention.start, link.mention.end, link.mention.entity)
            )
    return TermSummary(
        len(proposed),
        len(links),
        frozenset(k.mention.document for k in links),
        {doc: tuple(found) for doc, found in moved.items()},
    )


def _titled(row: Sequence[Any], text: str) -> TitledMention:
    ident, document, start, end, said, title, entity, key, reason, day = row
    before = _before_title(text[max(0, start - 120) : start], title)
    return TitledMention(ident, document, start, end, said, title, entity, key, reason, day, before)


def _curated_start(index: KBIndex, key: str, title: Title, day: str) -> str | None:
    """When the knowledge base's holder (`key`) began the term of the title's office that
    covers `day` (None when it knows no such term)."""
    ident = index.id_of(key)
    if ident is None:
        return None
    window = Window(day, day)
    starts = [
        role.start or ""
        for role in roles_for_title(index.entity(ident), title)
        if role.window.intersect(window) is not None
    ]
    return max(starts) if starts else None
