"""`storyline eval timeline`: timeline summaries against the SemEval-2015 entity timelines.

A plain click command; the `eval` group registers it as "timeline". It parses
arguments and prints; `storyline.evaluation.briefing` computes.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

_DEFAULT_DATA = Path("..") / "shared" / "data"
_DEFAULT_CACHE = Path(".cache") / "briefing"


@click.command("timeline")
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=_DEFAULT_DATA,
    show_default=True,
    help="The folder holding semeval2015_timelines/ and meantime_en/.",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=_DEFAULT_CACHE,
    show_default=True,
    help="Where the knowledge base of each MEANTIME topic is kept between runs.",
)
@click.option(
    "--seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("..") / "shared" / "corpus" / "seeds",
    show_default=True,
    help="The demo corpus, scored against a gold briefing on Antony Blinken (when there).",
)
@click.option(
    "--rebuild", is_flag=True, help="Ingest the topics again (after the pipeline changed)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def eval_timeline(
    settings: object, data: Path, cache: Path, seeds: Path, rebuild: bool, as_json: bool
) -> None:
    """Date F1 and ROUGE-1 of `timeline --summary` on the SemEval-2015 entity timelines.

    Each MEANTIME topic is ingested once (into --cache); each gold timeline is then
    summarised by its target entity with N = its days and K = its sentences per day.
    The seed reports are scored against a gold briefing written from public facts.
    """
    from dataclasses import replace

    from storyline.evaluation.briefing import evaluate, evaluate_seeds, format_evaluation
    from storyline.settings import Settings

    if not (data / "semeval2015_timelines").is_dir() or not (data / "meantime_en").is_dir():
        click.echo(f"no semeval2015_timelines/ and meantime_en/ under {data}: nothing to measure")
        return
    chosen = settings if isinstance(settings, Settings) else None
    evaluation = evaluate(data, cache, chosen, rebuild=rebuild)
    if seeds.is_dir():
        figures = evaluate_seeds(seeds, cache, chosen, rebuild=rebuild)
        evaluation = replace(evaluation, seeds=figures)
    if as_json:
        click.echo(json.dumps(evaluation.as_dict(), indent=2))
    else:
        click.echo(format_evaluation(evaluation))
