"""Whether two knowledge bases export the same bytes: the check that a speed-up changed nothing.

    python benchmarks/same_output.py before.db after.db

Both databases are exported as `storyline export` writes them: the JSON export and
every CSV table (documents, entities, mentions, sentences, removed lines, events).
Each pair of files must be byte-identical; for the first that is not, the first
differing line is shown. With `--tables`, every table of the two databases is
compared as well, as sorted rows (what the export leaves out: time expressions,
dating reasons, vectors ...), except the columns that hold the wall clock time of
the run (`*_at`). Sorted, because when an input is recorded (`inputs`) depends on
how reading and the workers interleave; ids and sequence numbers are in the rows.
Exits 1 on any difference.

Ingest the same reports with the code before and after a change (for example
`benchmarks/real_throughput.py --keep`), then compare the two databases.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def exports(db: Path, folder: Path) -> dict[str, bytes]:
    """Every export of `db`, by name: the JSON one and each CSV table."""
    from storyline import KnowledgeBase, Settings

    with KnowledgeBase.open(db, Settings()) as kb:
        out = io.StringIO()
        kb.export(out)
        files = {"export.json": out.getvalue().encode("utf-8")}
        for path in kb.export_folder(folder):
            files[path.name] = path.read_bytes()
    return files


def tables(db: Path) -> dict[str, bytes]:
    """Every table's rows, sorted, without wall-clock columns, by table name."""
    found: dict[str, bytes] = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )]  # fmt: skip
        for name in names:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{name}')")]
            kept = ", ".join(f'"{c}"' for c in columns if not c.endswith("_at"))
            rows = connection.execute(f'SELECT {kept} FROM "{name}"')
            found[f"table {name}"] = "\n".join(sorted(map(repr, rows))).encode("utf-8")
    return found


def first_difference(left: bytes, right: bytes) -> str:
    lines = zip(left.splitlines(), right.splitlines(), strict=False)
    for number, (a, b) in enumerate(lines, start=1):
        if a != b:
            return f"line {number}:\n  - {a[:300]!r}\n  + {b[:300]!r}"
    return f"one is a prefix of the other ({len(left)} and {len(right)} bytes)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--tables", action="store_true", help="compare every table as well")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        before = exports(args.before, Path(scratch) / "before")
        after = exports(args.after, Path(scratch) / "after")
    if args.tables:
        before |= tables(args.before)
        after |= tables(args.after)
    same = True
    for name in sorted(before.keys() | after.keys()):
        left, right = before.get(name, b""), after.get(name, b"")
        digest = hashlib.sha256(left).hexdigest()[:16]
        if left == right:
            print(f"same       {name:<28} {len(left):>11} bytes  sha256 {digest}")
        else:
            same = False
            print(f"DIFFERENT  {name:<28} {len(left):>11} / {len(right)} bytes")
            print("  " + first_difference(left, right))
    print("byte-identical" if same else "NOT identical")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
