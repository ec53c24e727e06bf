"""The corpus step that merges the reports' event mentions into events and stories.

Decided period by period, so that adding reports costs what they touch, not the
corpus, and the result depends only on which reports are stored — never on the
batches or the order they came in:

1. **Report groups.** Reports are placed in periods of `window_days` by their
   date (`report_days`). The reports of a period are grouped (`cluster_reports`)
   together with those of the `context_windows` periods before it, whose groups
   are already decided and stay as they are: a new report may join one of them
   or start a group of its own, named after its first report.
2. **Events.** Each report event (`merge.report_events`) is placed in the period
   of the days it may lie in, and merged with the events of its period and of
   the periods before it in the same way (`merge.cluster_items`). An event keeps
   the id of its first report event (by date, then report), so a later report
   joining it changes nothing; an id that stops naming an event (two events
   merged, one split, an earlier report told it first) is redirected to the
   event that now holds most of what it held.
3. A period is decided again when a report placed in it is new or changed (its
   group, its entities); the periods after it are decided again only while
   their context changes. Periods are taken in date order, so the stored state
   is always the one a single run over every report in date order would leave:
   `tests/events/test_incremental.py` checks it against one batch, ten batches
   and shuffled orders.
4. **Stories**: trips and series (`stories.build_stories`) are made again where
   the events made again or removed can change them (`story_update`); report-group
   stories where their group or its events changed.

Reports with no date at all (nor a dating window) have no period: they are
grouped and merged among themselves, all at once, whenever one of them is new.
"""

from __future__ import annotations

import heapq
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from sqlite3 import Connection
from typing import Any

from storyline.entities.names import has_cjk
from storyline.events.arguments import calendar_value
from storyline.events.facts import (
    ReportEvent,
    build_event,
    date_bounds,
    event_title,
    report_days,
)
from storyline.events.keys import day_of, day_of_mention, participant_key, told_on_report_day
from storyline.events.merge import cluster_items, is_event, main_entities, report_events
from storyline.events.model import Event, stable_id
from storyline.events.places import containments
from storyline.events.report_day import read_on_its_day
from storyline.events.stories import (
    RECURRING,
    build_stories,
    cluster_reports,
    event_day,
    group_name,
    group_with_context,
    report_features,
    series_files,
)
from storyline.events.story_update import update_stories
from storyline.events.text import bag
from storyline.records import Document, EventOutline, Story
from storyline.settings import Settings
from storyline.store.events import (
    StoryEvent,
    copies_of,
    corpus_bounds,
    count_documents,
    count_events,
    document_origins,
    documents_by_id,
    drop_redirects,
    entity_names_of,
    event_outlines,
    events_dated,
    events_for_stories,
    events_naming_redirected_entities,
    events_with_participants,
    forget_dating,
    forget_items,
    group_members,
    groups_in_windows,
    has_windows,
    items_in_windows,
    items_of_documents,
    items_of_events,
    latest_event_date,
    linked_as_now,
    mark_merge_state,
    merge_state_kept,
    record_redirects,
    replace_group_stories,
    replace_some_events,
    replace_stories,
    reset_merge_state,
    stored_groups,
    stored_stories,
    stored_story_kinds,
    story_fields,
    story_material,
    undated_groups,
    undecided_documents,
    unlinked_participants,
    with_documents,
    write_dating,
    write_groups,
    write_items,
)
from storyline.store.sqlite import Store

#: How many reports a run keeps read (with their report events) while it needs them.
_CACHED = 6000

Item = tuple[str, int]  # (report, position of the report event among its report's)


@dataclass(frozen=True, slots=True)
class MergeSummary:
    event_mentions: int  # report events decided again by this run
    events: int  # events stored
    stories: int
    comparisons: int
    windows: int = 0  # periods decided again
    redirected: int = 0  # ids that stopped naming an event


def merge_corpus_events(
    store: Store,
    settings: Settings | None = None,
    changed: Iterable[str] | None = None,
    *,
    rebuild: bool = False,
    relinked: Mapping[str, Sequence[tuple[int, int, str]]] | None = None,
) -> MergeSummary:
    """Decide again what the reports of `changed` (new, or whose entities moved) touch.

    `relinked` gives, of reports whose mentions the name merge moved, the mentions
    moved (start, end, the entity they named before): a report already decided whose
    report events read the same with either links (the names moved take no part in
    its events and do not change its main entities) is not decided again.

    With `changed` None, or `rebuild`, or no stored decisions yet (a database from
    before schema 8), every period is decided again. Runs inside the caller's
    transaction.
    """
    settings = settings or Settings()
    db = store.db
    whole = count_documents(db) <= settings.events.whole_corpus_up_to
    mode = "whole" if whole else f"periods of {settings.events.window_days} days"
    reset = rebuild or changed is None or merge_state_kept(db) != mode
    if reset:
        reset_merge_state(db)
        copied = document_origins(db)
    else:
        copied = document_origins(db, sorted({*(changed or ()), *undecided_documents(db)}))
    ids = list(copied)
    run = _Run(db, settings, whole)
    # Events that still name an entity id the name merge redirected (a cluster of names
    # renamed: the same mentions linked together, so nothing to decide again) are made
    # again with the new id.
    run.touched_events |= set(events_naming_redirected_entities(db))
    # A new copy of a report adds itself to its original's events.
    origins = {origin for origin in copied.values() if origin is not None}
    moves: dict[str, str] = {}
    # Report groups read words, names as written and dates, not entity ids: a report whose
    # names the name merge moved keeps its group, only its events are decided again.
    decided = stored_groups(db, ids)
    if relinked:
        ids = [
            doc_id
            for doc_id in ids
            if doc_id not in decided
            or doc_id not in relinked
            or not run.reads_as_before(doc_id, decided[doc_id][1], relinked[doc_id])
        ]
    grouping = [doc_id for doc_id in ids if doc_id not in decided]
    for _ in range(settings.events.dating_rounds):
        regrouped = run.regroup(grouping)
        run.remerge(sorted({*ids, *regrouped, *origins}))
        moves.update(run.rebuild_events())
        # Reports the corpus now dates otherwise are decided again with their new window.
        ids, origins = sorted(run.date_by_corpus()), set()
        grouping = ids
        if not ids:
            break
        run.forget(ids)
    if whole or reset:
        before = stored_stories(db)
        stories = with_documents(db, build_stories(events_for_stories(db), settings.stories))
        replace_stories(db, stories)
        gone = before
    else:  # only the trips and series the changed events can change
        stored = stored_story_kinds(db)
        update = update_stories(
            StoredOutlines(db), stored, run.story_before, run.story_changed, settings.stories
        )
        stories = with_documents(db, update.stories)
        replace_group_stories(db, update.dropped, stories)
        gone = {s: stored[s][1] for s in update.dropped}
    record_redirects(db, "story", story_moves(gone, stories, moves), "its events changed")
    drop_redirects(db, "story", [story.id for story in stories])
    update_group_stories(db, run.affected, run.old_groups)
    mark_merge_state(db, mode)
    return MergeSummary(
        run.items_decided, count_events(db), len(stories), run.comparisons, run.windows,
        len(moves),
    )  # fmt: skip


def anchor_days(doc: Document, size: int) -> tuple[int, int] | None:
    """The days a report is placed by: its date, or the window its dating allows; when
    that window is wider than a period, the latest day the report names inside it
    (news tells mostly of its last days, so that is where its events are decided)."""
    days = report_days(doc)
    if days is None or days[1] - days[0] < size:
        return days
    named = [
        bounds[0]
        for timex in doc.timexes
        if (value := calendar_value(timex)) is not None and len(value) == 10
        if (bounds := date_bounds(value)) is not None and days[0] <= bounds[0] <= days[1]
    ]
    return (max(named), max(named)) if named else days


def window_of(days: tuple[int, int] | None, size: int) -> int | None:
    """The period a day interval is decided in (by its first day); None without days."""
    return None if days is None else days[0] // size


def event_name(items: Sequence[ReportEvent]) -> str:
    """The id of an event first told in this run: from its first report event."""
    first = min(items, key=_order)
    trigger = first.mentions[0].trigger
    return stable_id("v", first.type, first.document, str(trigger.start), str(trigger.end))


def _order(item: ReportEvent) -> tuple[int, str, str, int]:
    return (
        item.lo if item.lo is not None else 10**9,
        item.published or "9999",
        item.document,
        item.mentions[0].trigger.start,
    )


class StoredOutlines:
    """The stored events as trips and series read them (`story_update.OutlineSource`)."""

    def __init__(self, db: Connection) -> None:
        self.db = db
        self._unlinked: dict[str, list[str]] | None = None  # "~name" key -> events

    def dated(self, first: int, last: int) -> list[EventOutline]:
        low, high = date.fromordinal(first), date.fromordinal(last)
        partial = [f"{y:04d}" for y in range(low.year, high.year + 1) if first <= _jan1(y) <= last]
        partial += [
            f"{y:04d}-{m:02d}"
            for y in range(low.year, high.year + 1)
            for m in range(1, 13)
            if first <= date(y, m, 1).toordinal() <= last
        ]
        ids = events_dated(self.db, low.isoformat(), high.isoformat(), partial)
        return [
            o
            for o in event_outlines(self.db, ids)
            if (day := event_day(o)) is not None and first <= day <= last
        ]

    def filed(self, files: Collection[tuple[str, str]]) -> list[EventOutline]:
        types = sorted({kind for kind, _ in files})
        keys = {key for _, key in files}
        ids = set(events_with_participants(self.db, sorted(k for k in keys if k[:1] != "~"), types))
        named = sorted(k for k in keys if k[:1] == "~")
        if named:
            if self._unlinked is None:
                self._unlinked = defaultdict(list)
                for event_id, name in unlinked_participants(self.db, sorted(RECURRING)):
                    self._unlinked[participant_key(None, name)].append(event_id)
            ids.update(e for key in named for e in self._unlinked.get(key, ()))
        wanted = set(files)
        return [o for o in event_outlines(self.db, sorted(ids)) if wanted & set(series_files(o))]

    def outlines(self, ids: Collection[str]) -> list[EventOutline]:
        return event_outlines(self.db, sorted(ids))

    def last_day(self) -> int | None:
        latest = latest_event_date(self.db)
        if not latest or not latest[:4].isdigit():
            return None
        return date(int(latest[:4]), 12, 31).toordinal()


def _jan1(year: int) -> int:
    return date(year, 1, 1).toordinal()


class _Run:
    """One run of the step: the reports it reads, cached while their periods are near."""

    def __init__(self, db: Connection, settings: Settings, whole: bool) -> None:
        self.db = db
        self.settings = settings
        self.whole = whole  # the whole corpus at once: nothing has a period
        self.size = settings.events.window_days
        self.context = settings.events.context_windows
        self.docs: OrderedDict[str, Document] = OrderedDict()  # least recently used first
        self.items_cache: dict[str, tuple[str | None, list[ReportEvent]]] = {}
        self.features_cache: dict[str, Counter[str]] = {}  # `report_features` of a report
        self.words_cache: dict[str, Counter[str]] = {}  # `text.bag` of a report's text
        self.touched_events: set[str] = set()
        self.dated_events: list[str] = []  # the events the last rebuild made again
        self.built: list[tuple[str, str | None, list[ReportEvent]]] = []
        self.previous: dict[Item, str] = {}  # the event of each report event forgotten
        self.previous_window: dict[Item, int | None] = {}  # and the period it was in
        # Reports whose names the name merge moved, as they read before; the periods
        # this run decided differently.
        self.before: dict[str, Document] = {}
        self.changed_windows: set[int] = set()
        # For the report-group stories: the group each report regrouped was in before,
        # and every report whose group or events this run decided or made again.
        self.old_groups: dict[str, str] = {}
        self.affected: set[str] = set()
        self.former: dict[str, Counter[str]] = defaultdict(Counter)
        # For trips and series: every event made again or removed, and how it read before.
        self.story_changed: set[str] = set()
        self.story_before: dict[str, EventOutline] = {}
        self.items_decided = 0
        self.comparisons = 0
        self.windows = 0

    # -- reading ---------------------------------------------------------------

    def documents(self, ids: Iterable[str]) -> dict[str, Document]:
        """The reports of `ids`, read once while they are among the last `_CACHED` used;
        one the corpus dates to a single day reads its dates against it (`report_day`)."""
        wanted = sorted(set(ids))
        read = documents_by_id(self.db, [i for i in wanted if i not in self.docs])
        self.docs.update((doc_id, read_on_its_day(doc)) for doc_id, doc in read.items())
        for doc_id in wanted:
            self.docs.move_to_end(doc_id)
        while len(self.docs) > max(_CACHED, len(wanted)):
            self.forget([next(iter(self.docs))])
        return {i: self.docs[i] for i in wanted if i in self.docs}

    def reads_as_before(
        self, doc_id: str, group: str, relinked: Sequence[tuple[int, int, str]]
    ) -> bool:
        """Whether the report's report events are the same with the entities its
        `relinked` mentions named before the name merge moved them."""
        doc = self.documents([doc_id]).get(doc_id)
        if doc is None:
            return False
        if not doc.events:
            return True  # no report event to read differently
        named = {(start, end): entity for start, end, entity in relinked}
        mentions = tuple(
            replace(m, entity=named.get((m.span.start, m.span.end), m.entity)) for m in doc.mentions
        )
        # A report event reads its mentions' participants and places, and the report's
        # main entities (`ReportEvent.of`): the same when no moved mention is one of those
        # and the main entities stay.
        told = {
            (span.start, span.end)
            for event in doc.events
            for span in (*(p.span for p in event.participants), event.place)
            if span is not None
        }  # fmt: skip
        count = self.settings.events.context_entities
        if not told & named.keys() and main_entities(doc, count) == main_entities(
            replace(doc, mentions=mentions), count
        ):
            return True
        self.before[doc_id] = replace(
            doc, mentions=mentions, events=linked_as_now(doc.events, mentions)
        )
        return False

    def groups(self, ids: Sequence[str]) -> dict[str, str]:
        return {doc_id: group for doc_id, (_, group) in stored_groups(self.db, ids).items()}

    def items(self, doc: Document, group: str | None) -> list[ReportEvent]:
        cached = self.items_cache.get(doc.id)
        if cached is None or cached[0] != group:
            cached = (group, report_events(doc, self.settings.events, group))
            self.items_cache[doc.id] = cached
        return cached[1]

    def features(self, doc: Document) -> Counter[str]:
        if doc.id not in self.features_cache:
            self.features_cache[doc.id] = report_features(doc, self.settings.stories)
        return self.features_cache[doc.id]

    def words(self, doc: Document) -> Counter[str]:
        if doc.id not in self.words_cache:
            self.words_cache[doc.id] = bag(doc.text)
        return self.words_cache[doc.id]

    def report_window(self, doc: Document) -> int | None:
        """The period a report is decided in (`anchor_days`); None for the whole corpus."""
        return None if self.whole else window_of(anchor_days(doc, self.size), self.size)

    def report_windows(self, ids: Sequence[str]) -> dict[str, int | None]:
        """The period each report of `ids` is decided in."""
        if self.whole:
            return dict.fromkeys(ids)
        out: dict[str, int | None] = {}
        for start in range(0, len(ids), 500):
            for doc_id, doc in self.documents(ids[start : start + 500]).items():
                out[doc_id] = self.report_window(doc)
        return out

    def item_window(self, item: ReportEvent, home: int | None) -> int | None:
        """The period a report event is decided in: that of the days it may lie in,
        else `home`, its report's."""
        if self.whole or item.lo is None:
            return home
        return item.lo // self.size

    # -- 1. report groups --------------------------------------------------------

    def regroup(self, ids: Sequence[str]) -> set[str]:
        """Place the reports of `ids` and decide their periods again; returns the
        reports whose group is new or changed."""
        stored = stored_groups(self.db, ids)
        self.affected.update(ids)
        for doc_id, (_, group) in stored.items():
            self.old_groups.setdefault(doc_id, group)
        pending: dict[int | None, set[str]] = defaultdict(set)
        for doc_id, window in self.report_windows(ids).items():
            old = stored.get(doc_id)
            if old is not None and old[0] != window:
                self.db.execute("DELETE FROM report_groups WHERE document_id = ?", (doc_id,))
                pending[old[0]]  # noqa: B018 - its old period is decided again too
            pending[window].add(doc_id)
        changed: set[str] = set()
        self._in_order(
            pending, "report_groups", lambda w, new: self._regroup_window(w, new, changed)
        )
        if None in pending:
            changed |= self._regroup_undated(pending.pop(None))
        return changed

    def _regroup_window(self, window: int, new: set[str], changed: set[str]) -> bool:
        before = groups_in_windows(self.db, window, window)
        current = sorted(set(before) | new)
        context = groups_in_windows(self.db, window - self.context, window - 1)
        docs = self.documents([*current, *context])
        ordered = [docs[i] for i in sorted(docs)]
        groups = group_with_context(ordered, context, self.settings.stories, self.features)
        moved = [i for i in current if before.get(i) != groups[i]]
        write_groups(self.db, [(i, window, groups[i]) for i in current])
        changed.update(moved)
        self._moved_groups(before, moved)
        return bool(moved)

    def _moved_groups(self, before: Mapping[str, str], moved: Iterable[str]) -> None:
        for doc_id in moved:
            self.affected.add(doc_id)
            if doc_id in before:
                self.old_groups.setdefault(doc_id, before[doc_id])

    def _regroup_undated(self, new: set[str]) -> set[str]:
        before = undated_groups(self.db)
        current = sorted(set(before) | new)
        docs = self.documents(current)
        ordered = [docs[i] for i in current]
        groups: dict[str, str] = {}
        for members in cluster_reports(ordered, self.settings.stories, self.features):
            name = group_name(docs[i] for i in members)
            groups.update(dict.fromkeys(members, name))
        write_groups(self.db, [(i, None, groups[i]) for i in current])
        moved = {i for i in current if before.get(i) != groups[i]}
        self._moved_groups(before, moved)
        return moved

    # -- 2. events ---------------------------------------------------------------

    def remerge(self, ids: Sequence[str]) -> None:
        """Decide again the periods the report events of the reports `ids` lie in."""
        old = items_of_documents(self.db, ids)
        self.previous = {(d, i): event for d, i, _, event in old}
        self.previous_window = {(d, i): window for d, i, window, _ in old}
        pending: dict[int | None, set[Item]] = defaultdict(set)
        for _, _, window, _ in old:
            pending[window]  # noqa: B018 - the period they were in is decided again
        forget_items(self.db, ids)
        groups = self.groups(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for doc_id, doc in self.documents(chunk).items():
                home = self.report_window(doc)
                for position, item in enumerate(self.items(doc, groups.get(doc_id))):
                    if is_event(item):
                        pending[self.item_window(item, home)].add((doc_id, position))
        self._in_order(pending, "event_items", self._remerge_window)
        if None in pending:
            self._remerge_window(None, pending.pop(None))

    def _remerge_window(self, window: int | None, new: set[Item]) -> bool:
        """Decide the report events of one period again (`window` None: those with
        no date at all, among themselves); whether any went to another event."""
        stored = {
            (d, i): e for d, i, e in items_in_windows(self.db, window, window)
        }  # fmt: skip
        context = (
            items_in_windows(self.db, window - self.context, window - 1)
            if window is not None
            else []
        )
        keys = sorted(set(stored) | new)
        fixed_keys = [(d, i) for d, i, _ in context]
        ids = {d for d, _ in keys} | {d for d, _ in fixed_keys}
        docs = self.documents(ids)
        groups = self.groups(sorted(ids))
        if self._only_renamed(window, new, docs):
            # The same decisions under other names: keep them; the events are made again.
            kept = [(d, i, window, stored.get((d, i)) or self.previous[(d, i)]) for d, i in keys]
            self.touched_events.update(label for *_, label in kept)
            write_items(self.db, kept)
            return False
        items = [self.items(docs[d], groups.get(d))[i] for d, i in [*keys, *fixed_keys]]
        fixed = {len(keys) + n: event for n, (_, _, event) in enumerate(context)}
        clusters, scored, _ = cluster_items(
            [docs[d] for d in sorted(ids)], items, self.settings.events, fixed, words=self.words
        )
        self.comparisons += scored
        self.windows += 1
        self.items_decided += len(keys)
        labels: dict[int, str] = {}
        for members in clusters:
            known = sorted({fixed[m] for m in members if m in fixed})
            name = known[0] if known else event_name([items[m] for m in members])
            labels.update(dict.fromkeys(members, name))
        changed = False
        rows = []
        for n, key in enumerate(keys):
            before = stored.get(key, self.previous.get(key))
            if before != labels[n]:
                changed = True
                if before is not None:
                    self.former[before][labels[n]] += 1
            if before is not None:
                self.touched_events.add(before)
            self.touched_events.add(labels[n])
            rows.append((key[0], key[1], window, labels[n]))
        write_items(self.db, rows)
        if changed and window is not None:
            self.changed_windows.add(window)
        return changed

    def _only_renamed(
        self,
        window: int | None,
        new: set[Item],
        docs: Mapping[str, Document],
    ) -> bool:
        """Whether the period is decided again only because the name merge moved some of
        its reports' mentions, and the move renames entities one to one within it (and
        its context): no two entities became one, none split, no new name met one already
        there. Merging compares entities only for being the same, so such a period would
        be decided exactly as before; its events only name other ids."""
        if window is None or not any(doc_id in self.before for doc_id in docs):
            return False
        if any(w in self.changed_windows for w in range(window - self.context, window)):
            return False  # its context was decided differently
        if any(self.previous.get(key) is None or self.previous_window.get(key) != window
               for key in new):  # fmt: skip
            return False  # a new report event, or one that came from another period
        forward: dict[str, str] = {}
        backward: dict[str, str] = {}
        for doc_id, doc in docs.items():
            for a, b in _renamings(self.before.get(doc_id, doc), doc):
                if forward.setdefault(a, b) != b or backward.setdefault(b, a) != a:
                    return False
        return True

    def _in_order(
        self,
        pending: dict[int | None, set[str]] | dict[int | None, set[Item]],
        table: str,
        decide: Callable[[int, set[Any]], bool],
    ) -> None:
        """Decide the dated periods of `pending` in date order, and each period after a
        changed one (up to `context_windows` ahead) that holds anything."""
        heap = sorted(w for w in pending if w is not None)
        queued = set(heap)
        while heap:
            window = heapq.heappop(heap)
            queued.discard(window)
            if not decide(window, pending.pop(window, set())):
                continue
            for later in range(window + 1, window + 1 + self.context):
                if later not in queued and (
                    later in pending or has_windows(self.db, table, later, later)
                ):
                    heapq.heappush(heap, later)
                    queued.add(later)

    # -- the events themselves -----------------------------------------------------

    def rebuild_events(self) -> dict[str, str]:
        """Make again every event a decided item left or joined; returns the ids
        redirected (old -> new)."""
        touched = sorted(self.touched_events)
        members: dict[str, list[Item]] = defaultdict(list)
        for d, i, label in items_of_events(self.db, touched):
            members[label].append((d, i))
        events = []
        self.built = []
        ids = sorted({d for found in members.values() for d, _ in found})
        groups = self.groups(ids)
        copies = copies_of(self.db, ids)
        # Events in the order of their first report, so that each report is read once.
        ordered = sorted(members, key=lambda e: (min(members[e]), e))
        for start in range(0, len(ordered), 200):
            chunk = ordered[start : start + 200]
            docs = self.documents({d for e in chunk for d, _ in members[e]})
            for event_id in chunk:
                items = [self.items(docs[d], groups.get(d))[i] for d, i in members[event_id]]
                own = [docs[d] for d in sorted({d for d, _ in members[event_id]})]
                event = build_event(
                    items, docs, copies, containments(own),
                    self.settings.events.min_sources_unanchored,
                )  # fmt: skip
                events.append(replace(event, id=event_id))
                self.built.append((event_id, event.date, items))
        entities = sorted(
            {p.entity for e in events for p in e.participants if p.entity}
            | {e.place for e in events if e.place}
        )
        names = entity_names_of(self.db, entities)
        events = [canonical_names(event, names) for event in events]
        # The report-group stories read an event's title, date, sources and reports: only
        # the reports of events where one of those changed (or that came or went) matter.
        before = story_fields(self.db, touched)
        for event in events:
            now = (event.title, event.date, event.sources, len(event.evidence),
                   tuple(sorted(event.documents)))  # fmt: skip
            if before.get(event.id) != now:
                self.affected.update(event.documents)
                self.affected.update(before.get(event.id, (None, None, 0, 0, ()))[4])
        for gone in before.keys() - {event.id for event in events}:
            self.affected.update(before[gone][4])
        # What the trips and series read of the events made again, as it was when they
        # were made (the first time this run touches an event).
        fresh = [e for e in touched if e not in self.story_changed]
        self.story_before.update((o.id, o) for o in event_outlines(self.db, fresh))
        self.story_changed.update(touched)
        self.story_changed.update(event.id for event in events)
        replace_some_events(self.db, touched, events)
        alive = {e.id for e in events}
        moves = {
            old: min(counts, key=lambda new: (-counts[new], new))
            for old, counts in self.former.items()
            if old not in alive and counts
        }
        record_redirects(self.db, "event", moves, "merged or split")
        drop_redirects(self.db, "event", sorted(alive))
        self.dated_events = touched
        self.touched_events = set()
        self.former = defaultdict(Counter)
        return moves

    # -- the corpus dates reports ---------------------------------------------------

    def date_by_corpus(self) -> set[str]:
        """Bound each report without a date of its own by the events it shares with
        reports that date them: one that tells an event another report dates to a day
        as happening on its own day ("today (16th)", "this morning") was written on that
        day, when the day of the month it names (if any) is that day's; one that tells
        it as planned was written on or before that day; one that tells it only as done,
        on or after it. Returns the reports whose bounds changed."""
        before = corpus_bounds(self.db, sorted(self._bounded()))
        forget_dating(self.db, self.dated_events)
        rows: list[tuple[str, str, str, str, str]] = []
        for event_id, day, items in self.built:
            if day is None or len(day) != 10:
                continue
            dated_by = sorted({item.document for item in items if item.date == day})
            tellers: dict[str, list[ReportEvent]] = defaultdict(list)
            for item in items:
                if not (item.published and len(item.published) == 10):
                    tellers[item.document].append(item)
            for doc_id, told in sorted(tellers.items()):
                others = [d for d in dated_by if d != doc_id]
                if not others:
                    continue
                rows.append((doc_id, event_id, _relation(told, day), day, others[0]))
        write_dating(self.db, rows)
        ids = sorted(set(before) | {row[0] for row in rows})
        after = corpus_bounds(self.db, ids)
        return {doc_id for doc_id in ids if before.get(doc_id) != after.get(doc_id)}

    def _bounded(self) -> set[str]:
        return {item.document for _, _, items in self.built for item in items}

    def forget(self, ids: Sequence[str]) -> None:
        """Read these reports again (their dating changed)."""
        for doc_id in ids:
            self.docs.pop(doc_id, None)
            for cache in (self.items_cache, self.features_cache, self.words_cache):
                cache.pop(doc_id, None)


def _relation(told: Sequence[ReportEvent], day: str) -> str:
    """How a report stands to the day of an event it tells without dating it: "on" it
    when it tells the event on its own day and names no other day of the month for it
    ("today (16th)" of an event of the 16th); else "before" it when it tells it as to
    come anywhere ("slated for Tuesday", even if it also speaks of it in the present);
    else "after" it."""
    mentions = [m for item in told for m in item.mentions]
    named = {day_of_mention(m, by_date=False) for m in mentions} - {None}
    if any(told_on_report_day(m) for m in mentions) and named <= {day_of(day)}:
        return "on"
    return "before" if any(m.status == "planned" for m in mentions) else "after"


def _renamings(before: Document, now: Document) -> Iterator[tuple[str, str]]:
    """The key each name, participant and place of a report was compared by before the
    name merge, with the key it is compared by now (the same report, read twice: only
    the entities of its mentions, and of the participants and places on them, differ).
    Report events are grouped and anchored by these keys' sameness alone, so a one to
    one renaming of them leaves the report's report events as they were."""
    for a, b in zip(before.mentions, now.mentions, strict=True):
        yield participant_key(a.entity, a.text), participant_key(b.entity, b.text)
    for e, f in zip(before.events, now.events, strict=True):
        for p, q in zip(e.participants, f.participants, strict=True):
            yield (
                participant_key(p.entity, p.span.of(now.text)),
                participant_key(q.entity, q.span.of(now.text)),
            )
        if e.place is not None:
            yield (
                participant_key(e.place_entity, e.place.of(now.text)),
                participant_key(
                    f.place_entity,
                    e.place.of(now.text),  # one span: only its entity was linked anew
                ),
            )


def update_group_stories(
    db: Connection, affected: Iterable[str], old_groups: Mapping[str, str]
) -> None:
    """Make again the report-group stories of the reports `affected` (their group, or
    the events of a report of their group, changed), and drop those of groups left
    empty. A story holds every report of its group and every event one of them tells;
    its title is its main event's (most sources), else its first report's."""
    touched = sorted(set(affected))
    now = {doc_id: group for doc_id, (_, group) in stored_groups(db, touched).items()}
    groups = {*now.values(), *(old_groups[d] for d in touched if d in old_groups)}
    members = group_members(db, sorted(groups))
    # What the stories are made of, read once for the reports of every group made again.
    events, reports = story_material(db, sorted({d for docs in members.values() for d in docs}))
    stories = [group_story(group, docs, events, reports) for group, docs in members.items()]
    dropped = [group_story_id(g) for g in sorted(groups) if g not in members]
    replace_group_stories(db, dropped, stories)


def group_story_id(group: str) -> str:
    return stable_id("s", "story", group)


def group_story(
    group: str,
    documents: Sequence[str],
    events: Mapping[str, Sequence[StoryEvent]],
    reports: Mapping[str, tuple[str, str | None, str | None]],
) -> Story:
    """The story of one report group: its reports, the events they tell, by date; titled
    by its main event (most sources, then told in most sentences), else its first report."""
    told: dict[str, StoryEvent] = {}
    for doc_id in documents:
        for event in events.get(doc_id, ()):
            told[event[0]] = event
    ordered = sorted(told, key=lambda e: (told[e][1] or "9999", e))
    dates = sorted(e[1] for e in told.values() if e[1])
    if not dates:
        dates = sorted(p for _, p, _ in (reports[d] for d in documents if d in reports) if p)
    main = min(
        told.values(), key=lambda e: (-e[2], -e[4], e[1] or "9999", e[0]), default=None
    )  # fmt: skip
    if main is not None:
        title = main[3]
    else:
        first = min(documents, key=lambda d: (reports.get(d, ("", None, None))[1] or "9999", d))
        title = (reports.get(first, ("", None, None))[2] or "").strip() or "Untitled reports"
    origins = {reports[d][0] for d in documents if d in reports}
    return Story(
        id=group_story_id(group), kind="story", title=title, events=tuple(ordered),
        documents=tuple(documents), start=dates[0] if dates else None,
        end=dates[-1] if dates else None, sources=len(origins),
    )  # fmt: skip


def story_moves(
    before: Mapping[str, Sequence[str]], stories: Sequence[Story], events: Mapping[str, str]
) -> dict[str, str]:
    """Each story id that no longer names a story -> the story that now holds most of
    its events (followed through `events`, the event ids redirected); ties to the
    smaller id. A story whose events are in none is not redirected."""
    holder: dict[str, str] = {}
    for story in stories:
        for event in story.events:
            holder.setdefault(event, story.id)
    alive = {story.id for story in stories}
    moves: dict[str, str] = {}
    for old, members in before.items():
        if old in alive:
            continue
        counts = Counter(
            holder[e] for e in (events.get(m, m) for m in members) if e in holder
        )  # fmt: skip
        if counts:
            moves[old] = min(counts, key=lambda new: (-counts[new], new))
    return moves


def canonical_names(event: Event, names: Mapping[str, str]) -> Event:
    """The event with linked participants called by their canonical names, not as written,
    and its linked place too when the reports name it only in Japanese, Chinese or Korean
    script (東京 is Tokyo, as 茂木 is Toshimitsu Motegi)."""
    participants = tuple(
        replace(p, name=names[p.entity]) if p.entity and p.entity in names else p
        for p in event.participants
    )
    place_name = event.place_name
    if place_name and has_cjk(place_name) and event.place and event.place in names:
        place_name = names[event.place]
    if participants == event.participants and place_name == event.place_name:
        return event
    return replace(
        event,
        participants=participants,
        place_name=place_name,
        title=event_title(event.type, participants, place_name, event.attributes),
    )
