"""Exports of the knowledge base, following the contract in docs/export.md.

Both writers stream: documents and entities are written one at a time, so an
export of a large database needs little memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from storyline.records import origin_label
from storyline.store.queries import Reader

FORMAT = "storyline/1"

DOCUMENT_FIELDS = (
    "id",
    "source",
    "title",
    "published",
    "published_how",
    "text",
    "duplicate_of",
    "flags",
    "origin",
    "url",
    "language",
)


def export_documents(reader: Reader) -> Iterator[dict[str, Any]]:
    for row in reader.documents():
        document = {name: row[name] for name in DOCUMENT_FIELDS}
        document["origin"] = origin_label(row["origin"])
        document["date_window"] = row["date_window"]
        document["dated_by"] = row["dated_by"]
        yield document


def write_json(reader: Reader, out: TextIO) -> None:
    """The whole knowledge base as one JSON object (format storyline/1)."""
    out.write('{"format": ' + json.dumps(FORMAT))
    _write_array(out, "documents", export_documents(reader))
    _write_array(out, "entities", reader.entities())
    _write_array(out, "events", reader.events())
    _write_array(out, "quotes", reader.quotes())
    _write_array(out, "stories", reader.stories())
    _write_array(out, "redirects", reader.redirects())
    out.write("}\n")


def _write_array(out: TextIO, name: str, items: Iterable[dict[str, Any]]) -> None:
    out.write(f',\n "{name}": [')
    for number, item in enumerate(items):
        out.write(",\n  " if number else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n ]")


CSV_TABLES = (
    "documents", "entities", "mentions", "sentences", "removed_lines", "events", "redirects",
)  # fmt: skip


def csv_rows(reader: Reader, table: str) -> tuple[list[str], Iterator[list[Any]]]:
    """Header and rows of one table of the CSV export."""
    if table == "documents":
        return list(DOCUMENT_FIELDS), (
            [";".join(row[name]) if name == "flags" else row[name] for name in DOCUMENT_FIELDS]
            for row in export_documents(reader)
        )
    if table == "entities":
        return ["id", "name", "type", "wikidata", "aliases", "mentions"], (
            [
                e["id"],
                e["name"],
                e["type"],
                e["wikidata"],
                ";".join(e["aliases"]),
                len(e["mentions"]),
            ]
            for e in reader.entities()
        )
    if table == "mentions":
        return ["entity", "document", "start", "end", "text"], (
            [e["id"], m["document"], m["start"], m["end"], m["text"]]
            for e in reader.entities()
            for m in e["mentions"]
        )
    if table == "sentences":
        return ["document", "position", "start", "end", "text"], (
            list(row) for row in reader.sentences()
        )
    if table == "removed_lines":
        return ["document", "position", "kind", "reason", "text"], (
            list(row) for row in reader.removed_lines()
        )
    if table == "events":
        return ["id", "type", "title", "status", "date", "place", "participants", "sources",
                "documents", "conflicts"], (
            [e["id"], e["type"], e["title"], e["status"], e["date"], e["place_name"],
             ";".join(f"{p['name']} ({p['role']})" for p in e["participants"]), e["sources"],
             ";".join(e["documents"]), len(e["conflicts"])]
            for e in reader.events()
        )  # fmt: skip
    if table == "redirects":
        return ["kind", "from", "to", "reason"], (
            [r["kind"], r["from"], r["to"], r["reason"]] for r in reader.redirects()
        )
    raise ValueError(f"unknown table {table!r}; choose from {', '.join(CSV_TABLES)}")


def write_csv(reader: Reader, table: str, out: TextIO) -> None:
    header, rows = csv_rows(reader, table)
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)


def write_csv_folder(reader: Reader, folder: Path) -> list[Path]:
    """Every table as `<table>.csv` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in CSV_TABLES:
        path = folder / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            write_csv(reader, table, out)
        written.append(path)
    return written
