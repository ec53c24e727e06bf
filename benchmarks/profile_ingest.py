"""Where the whole ingest spends its time: the ingest in one process under cProfile.

    python benchmarks/profile_ingest.py                     # ECB+ reports from ../shared
    python benchmarks/profile_ingest.py --input DIR --reports 300

The model and the other analysis stages are built before the profile starts
(a run pays for that once). It prints the share of the run of each part: the
language model, the per-report stages after it, the front (reading, cleaning,
language, duplicates), the store's writes and each corpus step.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# (label, file suffix, function name) of the profile's rows that make up a part.
PARTS = (
    ("language model (spaCy pipe)", "spacy/language.py", "pipe"),
    ("per-report stages after the model", "ingest/isolation.py", "_through_one"),
    ("events on the parse", "events/extract.py", "annotate"),
    ("cleaning and reading", "ingest/runner.py", "documents"),
    ("  of which HTML extraction", "clean/html.py", "extract_html"),
    ("language identification", "nlp/language.py", "__call__"),
    ("duplicate detection", "clean/dedup.py", "__call__"),
    ("store writes", "store/sqlite.py", "write_document"),
    ("corpus steps, all", "ingest/runner.py", "_corpus_steps"),
    ("corpus step: names merged", "entities/merge.py", "merge_unlinked_names"),
    ("corpus step: events merged", "events/corpus.py", "merge_corpus_events"),
    ("corpus step: sentence vectors", "nlp/embeddings.py", "embed_and_index"),
)


def ecb_texts(shared: Path, limit: int, out: Path) -> int:
    """The first `limit` ECB+ reports, as text files in `out`."""
    from storyline.evaluation.catxml import read_cat

    files = sorted((shared / "data" / "ecbplus_dev").rglob("*.xml"))[:limit]
    for number, path in enumerate(files):
        document = read_cat(path, sentence_break="\n")
        (out / f"{number:05}.txt").write_text(document.text, encoding="utf-8")
    return len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=None, help="a folder of reports")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--dump", type=Path, help="also write the raw profile here (pstats)")
    args = parser.parse_args()

    from storyline import KnowledgeBase, Settings
    from storyline.ingest.analysis import standard_stages

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "in"
        if args.input:
            shutil.copytree(args.input, folder)
        else:
            folder.mkdir()
            if ecb_texts(args.shared, args.reports, folder) == 0:
                sys.exit(f"no ECB+ reports under {args.shared}; give --input DIR")
        settings = Settings().override({"processes": 0})
        stages = standard_stages(settings)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        with KnowledgeBase.open(Path(scratch) / "kb.db", settings) as kb:
            report = kb.ingest([str(folder)], analysis=stages)
        profile.disable()
        total = time.perf_counter() - started
    if args.dump:
        profile.dump_stats(args.dump)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    print(f"{report.stored} reports in {total:.1f} s (one process, model loaded before)")
    for label, suffix, function in PARTS:
        seconds = sum(
            row[3]
            for (filename, _line, name), row in stats.items()
            if filename.endswith(suffix) and name == function
        )
        print(f"  {label:<36} {seconds:6.1f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
