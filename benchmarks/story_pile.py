"""Stories as the user sees them: ECB+ reports ingested as one pile, the export's stories
against the real happenings.

    python benchmarks/story_pile.py                 # dev topics (held out), one pile
    python benchmarks/story_pile.py --split train   # the training topics
    python benchmarks/story_pile.py --json out.json

The reports of a split go through `KnowledgeBase.ingest` like any pile a user has (no
topic given, no date: ECB+ gives none), then `storyline export`'s stories of kind "story"
(report groups, every report in exactly one) are scored against the gold groups: each
topic's two sub-topics (`ecb`, `ecbplus`), the real happenings ECB+ was built on. B³ over
reports, as `storyline eval events` scores the report grouping on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--periods", action="store_true", help="decide by weekly periods even below 500 reports"
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the knowledge base here")
    args = parser.parse_args()
    data = args.shared / "data" / "ecbplus_dev"
    if not data.is_dir():
        raise SystemExit(f"no ECB+ under {data}")

    import hashlib
    import io

    from storyline import KnowledgeBase, Settings
    from storyline.evaluation.catxml import read_cat
    from storyline.evaluation.corpora import ECB_DEV, ECB_TRAIN
    from storyline.evaluation.metrics import b_cubed
    from storyline.export.writers import write_json
    from storyline.records import RawReport
    from storyline.store.queries import Reader

    topics = set(ECB_DEV if args.split == "dev" else ECB_TRAIN)
    base = data / "ECB+"
    records, gold = [], {}
    for path in sorted(base.rglob("*.xml")):
        topic = path.parent.name
        if not topic.isdigit() or int(topic) not in topics:
            continue
        text = read_cat(path, sentence_break="\n").text
        origin = f"ecbplus/{topic}/{path.name}"
        key = hashlib.sha256(f"{origin}\x1f{text}".encode()).hexdigest()
        record = RawReport(key, origin, "ecbplus", text=text)
        records.append(record)
        gold[origin] = f"{topic}/{'ecbplus' if path.stem.endswith('ecbplus') else 'ecb'}"
    started = time.perf_counter()
    settings = Settings()
    if args.periods:
        from dataclasses import replace

        settings = replace(settings, events=replace(settings.events, whole_corpus_up_to=0))
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "kb.db"
        with KnowledgeBase.open(path, settings, create=True) as kb:
            report = kb.ingest(records=records)
        seconds = time.perf_counter() - started
        buffer = io.StringIO()
        with Reader(path) as reader:
            write_json(reader, buffer)  # what `storyline export` writes
        export = json.loads(buffer.getvalue())
        origin_of = {d["id"]: d["origin"] for d in export["documents"]}
        stories = [s for s in export["stories"] if s["kind"] == "story"]
    response = [frozenset(origin_of[d] for d in s["documents"]) for s in stories]
    seen = [o for group in response for o in group]
    key: dict[str, set[str]] = {}
    for origin, label in gold.items():
        if origin in seen:
            key.setdefault(label, set()).add(origin)
    score = b_cubed([frozenset(g) for g in key.values()], response)
    out = {
        "split": args.split,
        "mode": "periods" if args.periods or len(records) > 500 else "whole pile",
        "reports": len(records),
        "stored": report.stored,
        "in_stories": len(seen),
        "in_one_story_each": len(seen) == len(set(seen)),
        "gold_groups": len(key),
        "stories": len(response),
        "b3_precision": round(score.precision, 4),
        "b3_recall": round(score.recall, 4),
        "b3_f1": round(score.f1, 4),
        "ingest_seconds": round(seconds, 1),
    }
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
