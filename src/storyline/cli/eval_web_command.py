"""`storyline eval web`: storyline's clean text beside trafilatura alone on real web pages.

A plain click command; the `eval` group registers it as "web". It parses arguments
and prints; `storyline.evaluation.web_pages` computes.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from storyline.evaluation.web_pages import DEFAULT_DATA, SYSTEMS, HalfFigures


@click.command("web")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The web pages (html/<key>.html.gz, files.json, evaldata.json).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N pages.")
def eval_web(data_dir: Path, as_json: bool, limit: int | None) -> None:
    """Clean text of web pages against trafilatura alone, on a tuning and a held-out half.

    Per half and system: snippet precision, recall, F1 and accuracy as trafilatura's
    own evaluation counts them, pages skipped, and how much of trafilatura's text
    (word 4-gram shingles) storyline keeps.
    """
    from storyline.evaluation.web_pages import evaluate_web_pages, figures_as_dict, is_data_dir

    if not is_data_dir(data_dir):
        click.echo(f"no web pages under {data_dir} (files.json, evaldata.json): nothing to measure")
        return
    figures = evaluate_web_pages(data_dir, limit=limit)
    if as_json:
        click.echo(json.dumps(figures_as_dict(figures), indent=2))
        return
    for half in figures.values():
        _print_half(half)


def _print_half(half: HalfFigures) -> None:
    click.echo(f"{half.name} half: {half.pages} pages")
    header = ("system", "precision", "recall", "F1", "accuracy", "skipped")
    rows: list[tuple[str, ...]] = [header]
    for name in SYSTEMS:
        system = getattr(half, name)
        counts = system.snippets
        figures = (counts.precision, counts.recall, counts.f1, counts.accuracy)
        rows.append(
            (name, *(f"{value:.3f}" for value in figures), str(sum(system.skipped.values())))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        click.echo(
            "  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
        )
    click.echo(
        f"  kept of trafilatura's text: {half.mean_kept:.4f} mean shingle recall over "
        f"{len(half.kept)} pages ({len(half.lossy)} below 1)\n"
    )
