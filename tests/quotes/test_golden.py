"""Golden file: a hand-written report with quotations in many shapes, and what we find in it.

`data/golden_report.txt` mixes the shapes of docs/quotes.md (split quotations, a
quotation over two paragraphs, a stray mark, a lost opener, single marks, titles,
pronouns, indirect speech, an unnamed source) with hand-built mentions (`NAMES`).
The quotes found must equal `data/golden_quotes.json`. When a change is meant to
change them, regenerate and review the diff before committing:

    STORYLINE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/quotes/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

from storyline.quotes import find_quotes
from tests.quotes.helpers import mentions_of

DATA = Path(__file__).parent / "data"
REPORT = DATA / "golden_report.txt"
GOLDEN = DATA / "golden_quotes.json"
UPDATE = os.environ.get("STORYLINE_UPDATE_GOLDEN") == "1"
NAMES = [
    ("Harald Vik", "PERSON", "vik"),
    ("Vik", "PERSON", "vik"),
    ("Sigrun Olafsdottir", "PERSON", "olafsdottir"),
    ("Olafsdottir", "PERSON", "olafsdottir"),
    ("Ola Brekke", "PERSON", "brekke"),
    ("Per Dahl", "PERSON", "dahl"),
    ("Norwegian Fisheries Directorate", "ORG", "directorate"),
    ("Coastal Alliance", "ORG", "coastal-alliance"),
    ("Bergen", "GPE", "bergen"),
]


def found() -> list[dict[str, Any]]:
    text = REPORT.read_text(encoding="utf-8")
    quotes = find_quotes(text, (), mentions_of(text, NAMES))
    return [
        {
            "kind": q.kind,
            "words": q.span.of(text),
            "span": [q.span.start, q.span.end],
            "speaker": q.speaker.of(text) if q.speaker else None,
            "speaker_entity": q.speaker_entity,
            "cue": q.cue.of(text) if q.cue else None,
        }
        for q in quotes
    ]


def test_quotes_match_golden() -> None:
    actual = found()
    if UPDATE:
        GOLDEN.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if expected != actual:
        diff = difflib.unified_diff(
            [json.dumps(q, ensure_ascii=False) for q in expected],
            [json.dumps(q, ensure_ascii=False) for q in actual],
            "golden",
            "found",
            lineterm="",
        )
        raise AssertionError(
            "quotes changed:\n" + "\n".join(diff) + "\n\nIf intended, rerun with "
            "STORYLINE_UPDATE_GOLDEN=1 and review the diff."
        )
