"""A streaming reader of JRC-Names (the European Commission's multilingual name variants).

The `entities` file is tab-separated, one name variant per line:

    ID <TAB> TYPE <TAB> LANGUAGE <TAB> NAME+WITH+PLUS+FOR+SPACES

TYPE is `P` (person) or `O` (organisation); LANGUAGE is an ISO 639-1 code or `u`
(unknown). Variants of one entity share its ID and follow each other; lines of
one ID that come apart are merged when the index is built (same key). Plain or
gzip-compressed. The canonical name is the first variant in Latin script.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import IO

from storyline.entities.kb.model import KBEntity

TYPES = {"P": "person", "O": "organization"}


def _open(path: Path) -> IO[str]:
    if path.suffix in {".gz", ".gzip"}:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def _rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    with _open(path) as stream:
        for line in stream:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[1] not in TYPES:
                continue
            name = parts[3].replace("+", " ").strip()
            if name:
                yield parts[0], parts[1], parts[2], name


def read_jrc(path: Path) -> Iterator[KBEntity]:
    """One KB entity per JRC-Names id, with every variant as an alias."""
    for ident, rows in groupby(_rows(path), key=lambda row: row[0]):
        variants = list(rows)
        names = list(dict.fromkeys(v[3] for v in variants))
        latin = [n for n in names if n.isascii()]
        canonical = (latin or names)[0]
        aliases = tuple(n for n in names if n != canonical)
        yield KBEntity(
            f"jrc:{ident}", canonical, TYPES[variants[0][1]], None, None, aliases, (), 0.3
        )
