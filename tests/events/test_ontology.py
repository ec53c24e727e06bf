"""The ontology in code and in docs/events.md agree."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.events.ontology import (
    ABSORBS,
    COMPOUND_TYPES,
    EVENT_TYPES,
    LIGHT_VERBS,
    PHRASAL,
    ROLES,
    STATUSES,
    TRIGGERS,
    event_type,
    triggers_for,
)

DOC = (Path(__file__).resolve().parents[2] / "docs" / "events.md").read_text(encoding="utf-8")


def test_every_type_is_documented_under_its_own_heading() -> None:
    headings = set(re.findall(r"^### (\w+)$", DOC, flags=re.MULTILINE))
    assert headings == set(EVENT_TYPES)


def test_every_trigger_word_is_documented() -> None:
    text = DOC.casefold()
    missing = sorted(lemma for lemma in TRIGGERS if lemma.casefold() not in text)
    missing += sorted(" ".join(p) for p in PHRASAL if " ".join(p) not in text)
    missing += sorted(" ".join(c) for c in COMPOUND_TYPES if " ".join(c) not in text)
    assert missing == []


def test_statuses_and_roles_are_documented() -> None:
    for word in (*STATUSES, *ROLES):
        assert f"| `{word}` |" in DOC


def test_tables_name_known_types_and_roles() -> None:
    types = {sense.type for senses in TRIGGERS.values() for sense in senses}
    types |= set(PHRASAL.values()) | set(COMPOUND_TYPES.values()) | set(ABSORBS)
    assert types <= set(EVENT_TYPES)
    assert {t.object_role for t in EVENT_TYPES.values()} <= set(ROLES)
    assert set(LIGHT_VERBS.values()) <= set(ROLES)


def test_lookups() -> None:
    assert [s.type for s in triggers_for("Summit")] == ["meeting"]
    assert [s.type for s in triggers_for("launch")][:1] == ["missile_launch"]  # conditional first
    assert triggers_for("banana") == ()
    assert event_type("no such type").name == "other"
