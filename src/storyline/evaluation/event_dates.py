"""Gold dates of MEANTIME's event instances, from its temporal links.

MEANTIME links event mentions to time expressions (TLINK). A mention that lies
within a dated expression (`SIMULTANEOUS`, `IS_INCLUDED`, `DURING`, or the
expression `INCLUDES` it) is dated by that expression's value; an instance takes
the value most of its mentions give. Used to check the dates of exported events.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluation.catxml import CatDocument, read_cat

_WITHIN = frozenset({"SIMULTANEOUS", "IS_INCLUDED", "DURING"})
_CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")


def instance_dates(files: Iterable[Path]) -> dict[str, str]:
    """Each event instance of the CAT `files` that a temporal link dates -> its date
    (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); ties go to the more precise value."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for path in files:
        for instance, value in _dated_mentions(read_cat(path)):
            votes[instance][value] += 1
    return {
        instance: max(counts, key=lambda v: (counts[v], len(v), v))
        for instance, counts in votes.items()
    }


def _dated_mentions(cat: CatDocument) -> Iterable[tuple[str, str]]:
    """(instance, date) for each link that puts one of the instance's mentions in a date."""
    values = {
        m.id: value
        for m in cat.markables
        if m.tag == "TIMEX3" and _CALENDAR.match(value := m.attribute("value") or "")
    }
    instances = {
        m.id: m.attribute("instance_id") or m.id
        for m in cat.markables
        if m.tag == "EVENT" and m.attribute("instance_id")
    }
    instance_of = {
        source: instances[target]
        for r in cat.relations
        if r.tag == "REFERS_TO"
        for target in r.targets
        if target in instances
        for source in r.sources
    }
    for relation in cat.relations:
        if relation.tag != "TLINK":
            continue
        reltype = relation.attribute("reltype") or ""
        for source in relation.sources:
            for target in relation.targets:
                if reltype in _WITHIN and source in instance_of and target in values:
                    yield instance_of[source], values[target]
                elif reltype == "INCLUDES" and source in values and target in instance_of:
                    yield instance_of[target], values[source]


@dataclass(frozen=True, slots=True)
class DateFigures:
    """Dates of real events whose gold instance has a date: as the gold (`exact`), agreeing
    at a coarser or finer precision (`consistent`), different (`wrong`), or none (`undated`)."""

    exact: int
    consistent: int
    wrong: int
    undated: int


def compare_dates(dated: Iterable[tuple[str | None, str]]) -> DateFigures:
    """`dated`: (the exported event's date, its gold instance's date) pairs."""
    tally: Counter[str] = Counter()
    for found, gold in dated:
        if found is None:
            tally["undated"] += 1
        elif found == gold:
            tally["exact"] += 1
        elif found.startswith(gold) or gold.startswith(found):
            tally["consistent"] += 1
        else:
            tally["wrong"] += 1
    return DateFigures(tally["exact"], tally["consistent"], tally["wrong"], tally["undated"])


def meantime_files(root: Path, topics: Iterable[str]) -> list[Path]:
    """The cross-document CAT files of MEANTIME `topics` (folder names) under `root`."""
    base = root / "intra_cross-doc_annotation"
    return [path for topic in topics for path in sorted((base / topic).glob("*.xml"))]
