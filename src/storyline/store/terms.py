"""Terms in office learned from the corpus (`entities.learning`), and the mentions they link."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from storyline.records import TermProposal
from storyline.store.events import rows_for

_COLUMNS = (
    "document_id, mention_start, mention_end, person, entity_id, office, office_keys,"
    " country, start, confidence, shape, evidence"
)


def replace_proposals(
    db: sqlite3.Connection, documents: Sequence[str], proposals: Sequence[TermProposal]
) -> None:
    """Put `proposals` in place of those of the reports `documents`."""
    db.executemany("DELETE FROM term_proposals WHERE document_id = ?", ((d,) for d in documents))
    db.executemany(
        f"INSERT OR REPLACE INTO term_proposals ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",  # noqa: S608
        (
            (
                p.document,
                p.mention_start,
                p.mention_end,
                p.person,
                p.entity,
                p.office,
                " ".join(p.office_keys),
                p.country,
                p.start,
                p.confidence,
                p.shape,
                p.evidence,
            )  # fmt: skip
            for p in proposals
        ),
    )


def stored_proposals(db: sqlite3.Connection) -> list[TermProposal]:
    """Every proposal, with the entity its person's mention names now (a later merge of
    names may have moved it), by country, start and report."""
    rows = db.execute(
        "SELECT t.document_id, t.mention_start, t.mention_end, t.person,"
        " coalesce(m.entity_id, t.entity_id), t.office, t.office_keys, t.country, t.start,"
        " t.confidence, t.shape, t.evidence FROM term_proposals t"
        " LEFT JOIN mentions m ON m.document_id = t.document_id"
        " AND m.start = t.mention_start AND m.end = t.mention_end"
        " ORDER BY t.country, t.start, t.document_id, t.mention_start"
    )
    seen: set[tuple[str, int]] = set()
    out = []
    for row in rows:
        if (row[0], row[1]) in seen:
            continue
        seen.add((row[0], row[1]))
        document, start, end, person, entity, office, keys, *rest = row
        country, day, confidence, shape, evidence = rest
        out.append(
            TermProposal(document, start, end, person, entity, office, tuple(keys.split()),
                         country, day, confidence, shape, evidence)
        )  # fmt: skip
    return out


def titled_person_mentions(
    db: sqlite3.Connection, documents: Sequence[str], since: str | None
) -> list[tuple[Any, ...]]:
    """(mention id, report, start, end, text, title, entity, entity key, reason, report
    day) of the person mentions with a title of the reports `documents`, and of every
    report published on or after `since` (ISO day) when given."""
    query = (
        "SELECT m.id, m.document_id, m.start, m.end, m.text, m.title, m.entity_id, e.key,"
        " m.reason, d.published FROM mentions m JOIN documents d ON d.id = m.document_id"
        " LEFT JOIN entities e ON e.id = m.entity_id"
        " WHERE m.title IS NOT NULL AND m.title <> '' AND m.label IN ('PERSON', 'TITLE')"
        " AND {where}"
    )
    of_documents = query.format(where="m.document_id IN ({marks})")
    found = {row[0]: row for row in rows_for(db, of_documents, documents)}
    if since is not None:
        sql = query.format(where="d.published >= ?")
        found.update((row[0], tuple(row)) for row in db.execute(sql, (since,)))
    return [found[ident] for ident in sorted(found)]


def relink_mentions(
    db: sqlite3.Connection, links: Sequence[tuple[int, str, float, str, tuple[str, int, int]]]
) -> None:
    """Point mentions (id, entity, score, reason, the proposing mention as report, start,
    end) at the entities the learned terms give; each takes the proposing mention's name
    key, so that the merge of names moves it with that name's cluster."""
    db.executemany(
        "UPDATE mentions SET entity_id = ?, score = ?, reason = ?, surface_key = coalesce("
        " (SELECT p.surface_key FROM mentions p WHERE p.document_id = ? AND p.start = ?"
        " AND p.end = ?), '') WHERE id = ?",
        (
            (entity, score, reason, *proposer, ident)
            for ident, entity, score, reason, proposer in links
        ),
    )


def document_texts(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """The clean text of the reports `ids`."""
    return dict(rows_for(db, "SELECT id, text FROM documents WHERE id IN ({marks})", ids))


def learned_links(db: sqlite3.Connection) -> dict[str, int]:
    """How many mentions each entity holds through a learned term."""
    return dict(
        db.execute(
            "SELECT entity_id, count(*) FROM mentions WHERE reason LIKE 'learned term%'"
            " GROUP BY entity_id"
        ).fetchall()
    )
