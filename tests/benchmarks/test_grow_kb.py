"""benchmarks/grow_kb.py: clones get their own ids and keys, and every date moves by weeks."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from storyline.records import Sentence, Span, TimeExpression
from storyline.store.sqlite import Store
from tests.conftest import REPO, make_document

sys.path.insert(0, str(REPO / "benchmarks"))

import grow_kb  # noqa: E402


def test_dates_move_at_their_own_precision() -> None:
    assert grow_kb.shift_date("2009-03-05", 14) == "2009-03-19"
    assert grow_kb.shift_date("2009-03-05T10:00", 7) == "2009-03-12T10:00"
    assert grow_kb.shift_date("2009-W10", 14) == "2009-W12"
    assert grow_kb.shift_date("2009-03", 7) == "2009-03"  # the 15th stays in March
    assert grow_kb.shift_date("2009-03", 28) == "2009-04"
    assert grow_kb.shift_date("2009", 700) == "2011"
    for unmoved in ("P1D", "PRESENT_REF", "XXXX-03-05", None):
        assert grow_kb.shift_date(unmoved, 70) == unmoved


def test_json_dates_move_and_prose_does_not() -> None:
    moved = grow_kb.shift_json('{"d": ["2009-03-05", "on 2009-03-05"], "n": 2009}', 7)
    assert moved == '{"d": ["2009-03-12", "on 2009-03-05"], "n": 2009}'


def test_clone_zero_is_the_report_and_clones_differ() -> None:
    assert grow_kb.clone_id("dabc", 0) == "dabc"
    ids = {grow_kb.clone_id("dabc", k) for k in range(1, 50)}
    assert len(ids) == 49 and all(len(i) == 16 and i.startswith("d") for i in ids)
    assert grow_kb.clone_band(12345, 0) == 12345
    assert grow_kb.clone_band(12345, 3) != grow_kb.clone_band(12345, 4)


def _seed(path: Path) -> None:
    text = "Officials met in Tokyo on March 5, 2009. They agreed."
    with Store(path) as store, store.transaction():
        for n in range(3):
            store.write_document(
                make_document(
                    text,
                    id=f"d{n}",
                    published="2009-03-06",
                    sentences=(Sentence(Span(0, 40), "t"), Sentence(Span(41, 53), "t")),
                    timexes=(
                        TimeExpression(Span(25, 39), "March 5, 2009", "DATE", "2009-03-05", "t"),
                    ),
                )
            )


def test_a_grown_base_holds_clones_weeks_apart(tmp_path: Path) -> None:
    _seed(tmp_path / "seed.db")
    summary = grow_kb.grow(tmp_path / "seed.db", tmp_path / "out.db", reports=7, days=14)
    assert summary["clones"] == 3
    db = sqlite3.connect(tmp_path / "out.db")
    published = [row[0] for row in db.execute("SELECT published FROM documents ORDER BY seq")]
    assert published == ["2009-03-06"] * 3 + ["2009-03-20"] * 3 + ["2009-04-03"]
    values = {row[0] for row in db.execute("SELECT value FROM timexes")}
    assert values == {"2009-03-05", "2009-03-19", "2009-04-02"}
    assert db.execute(
        "SELECT count(DISTINCT id), count(DISTINCT key) FROM documents"
    ).fetchone() == (7, 7)
    assert db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 14
    hits = db.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'tokyo'")
    assert hits.fetchone()[0] == 7
    assert db.execute("SELECT value FROM meta WHERE key = 'corpus_pending'").fetchone() == ("1",)
    assert not db.execute("PRAGMA foreign_key_check").fetchall()
