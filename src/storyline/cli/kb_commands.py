"""`storyline kb build|check` and `storyline eval entities`: arguments in, library calls, text out.

The lead registers them on the main group: `main.add_command(kb)` and, on an
`eval` group, `eval_group.add_command(eval_entities, "entities")`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from storyline.entities.kb.curated import OpenTerm

_REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = _REPO.parent / "shared" / "data"
DEFAULT_VARIANTS = _REPO / "tests" / "entities" / "data" / "name_variants.jsonl"
DEFAULT_READINGS = _REPO / "tests" / "entities" / "data" / "reading_variants.jsonl"


@click.group("kb")
def kb() -> None:
    """Build and check knowledge bases of entities (people with their offices, places…)."""


@kb.command("build")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The index file to write (replaced if it exists).",
)
@click.option(
    "--wikidata",
    "wikidata",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A Wikidata JSON dump (.json, .json.gz, .json.bz2); repeatable.",
)
@click.option(
    "--jrc",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JRC-Names entities file (TSV, plain or gzip); repeatable.",
)
@click.option(
    "--no-curated", is_flag=True, help="Leave out the curated base shipped with storyline."
)
def build(out: Path, wikidata: tuple[Path, ...], jrc: tuple[Path, ...], no_curated: bool) -> None:
    """Build a knowledge-base index from the curated base and any dumps, streaming."""
    from tqdm import tqdm

    from storyline.entities.kb.build import build_sources

    if no_curated and not wikidata and not jrc:
        raise click.UsageError("nothing to build: give --wikidata or --jrc, or drop --no-curated")
    with tqdm(unit=" entities", desc="kb build", disable=None) as bar:
        report = build_sources(
            out, wikidata=wikidata, jrc=jrc, curated=not no_curated, progress=bar.update
        )
    click.echo(
        f"wrote {out}: {report.entities} entities, {report.names} names, {report.keys} keys, "
        f"{report.roles} roles ({report.merged} merged into an entity of the same key)"
    )


@kb.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--data",
    "data_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A folder laid out like the shipped data (people/*.jsonl, "
    "organizations.jsonl); default: the shipped data.",
)
@click.option(
    "--stale",
    "stale_since",
    metavar="DATE",
    default=None,
    help="Also list the open-ended terms not confirmed since DATE (YYYY-MM-DD, or a "
    "month or year: its first day), to check them again.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(
    paths: tuple[Path, ...], data_dir: Path | None, stale_since: str | None, as_json: bool
) -> None:
    """Validate curated KB files (default: the shipped ones); exit 1 on any error."""
    from storyline.entities.kb.curated import DATA_DIR, check_files, data_files, stale_terms
    from storyline.entities.kb.model import parse_iso

    if stale_since is not None and parse_iso(stale_since) is None:
        raise click.BadParameter(f"{stale_since!r} is not an ISO date", param_hint="--stale")
    files = list(paths) or data_files(data_dir or DATA_DIR)
    if not files:
        raise click.ClickException(f"no curated files under {data_dir or DATA_DIR}")
    report = check_files(files)
    stale = stale_terms(files, stale_since) if stale_since is not None else None
    if as_json:
        found: dict[str, object] = {
            "records": report.records,
            "files": len(files),
            "errors": report.errors,
            "warnings": report.warnings,
        }
        if stale is not None:
            found["stale_since"] = stale_since
            found["stale"] = [asdict(term) for term in stale]
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
    else:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        if stale is not None:
            click.echo(_stale_table(stale))
            click.echo(f"{len(stale)} open-ended term(s) not confirmed since {stale_since}")
        click.echo(
            f"{report.records} records in {len(files)} file(s): "
            f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
        )
    if not report.ok:
        raise click.exceptions.Exit(1)


def _stale_table(terms: Sequence[OpenTerm]) -> str:
    """Open terms as an aligned text table, "never" where nobody confirmed one. The key
    tells apart the two terms of a president who heads both state and government."""
    header = ("person", "office", "key", "country", "start", "confirmed")
    rows = [
        (t.person, t.office, t.office_key, t.country or "-", t.start, t.confirmed or "never")
        for t in terms
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


@kb.command("proposals")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The SQLite database file of the knowledge base.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
def proposals(db_path: Path, as_json: bool) -> None:
    """Terms in office the reports teach ("sworn in as foreign minister"), for review."""
    from storyline.knowledge_base import KnowledgeBase

    with KnowledgeBase.open(db_path) as base:
        found = base.term_proposals()
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no terms learned from the reports")
        return
    for term in found:
        click.echo(
            f"{term['country']}  {term['office']}: {term['person']} from {term['start']}"
            f"  (confidence {term['confidence']:.2f}, {len(term['reports'])} report(s),"
            f" {term['linked_titles']} title(s) linked)"
        )
        for item in term["evidence"]:
            click.echo(f"    {item['document']} [{item['shape']}]: {item['sentence'][:160]}")
    click.echo(f"{len(found)} term(s) learned")


@click.command("entities")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The evaluation data folder (holds meantime_en/).",
)
@click.option(
    "--kb",
    "kb_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A KB index file (default: the curated base).",
)
@click.option(
    "--variants",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_VARIANTS,
    show_default=True,
    help="The name-variant test set.",
)
@click.option(
    "--readings",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_READINGS,
    show_default=True,
    help="The reading-variant set (East Asian names read by other tools), per split and pattern.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_entities(
    data_dir: Path, kb_path: Path | None, variants: Path, readings: Path, as_json: bool
) -> None:
    """Entity linking and clustering on MEANTIME, and precision on the name-variant and
    reading-variant sets."""
    from storyline.entities.kb.build import curated_index
    from storyline.evaluation.entities import evaluate_meantime, evaluate_variants, format_figures
    from storyline.evaluation.reading_variants import evaluate_reading_variants
    from storyline.store.kb_index import open_index

    index = open_index(kb_path) if kb_path else curated_index()
    figures: dict[str, object] = {}
    meantime = data_dir / "meantime_en"
    if meantime.is_dir():
        figures["meantime"] = evaluate_meantime(meantime, index).as_dict()
    else:
        click.echo(f"no MEANTIME data at {meantime}; skipped", err=True)
    if variants.is_file():
        figures["variants"] = evaluate_variants(variants, index).as_dict()
    else:
        click.echo(f"no name-variant set at {variants}; skipped", err=True)
    if readings.is_file():
        figures["readings"] = evaluate_reading_variants(readings, index).as_dict()
    else:
        click.echo(f"no reading-variant set at {readings}; skipped", err=True)
    if not figures:
        raise StorylineError("nothing to evaluate")
    click.echo(json.dumps(figures, indent=2) if as_json else format_figures(figures))
