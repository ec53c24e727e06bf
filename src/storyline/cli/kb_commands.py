"""`storyline kb build|check` and `storyline eval entities`: arguments in, library calls, text out.

The lead registers them on the main group: `main.add_command(kb)` and, on an
`eval` group, `eval_group.add_command(eval_entities, "entities")`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from storyline.errors import StorylineError

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
def check(paths: tuple[Path, ...], data_dir: Path | None) -> None:
    """Validate curated KB files (default: the shipped ones); exit 1 on any error."""
    from storyline.entities.kb.curated import DATA_DIR, check_files, data_files

    files = list(paths) or data_files(data_dir or DATA_DIR)
    if not files:
        raise click.ClickException(f"no curated files under {data_dir or DATA_DIR}")
    report = check_files(files)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"{report.records} records in {len(files)} file(s): "
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
    )
    if not report.ok:
        raise click.exceptions.Exit(1)


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
