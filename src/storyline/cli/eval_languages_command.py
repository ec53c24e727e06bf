"""`storyline eval languages`: events and quotes read from our own Japanese, Chinese and
Korean sentences.

A plain click command; the `eval` group registers it as "languages". It parses
arguments and prints; `storyline.evaluation.cjk_events` computes.
"""

from __future__ import annotations

import json

import click


@click.command("languages")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--misses",
    type=click.Choice(["tune", "heldout"]),
    default=None,
    help="Also list the sentences of this half whose events or quotes differ from the gold.",
)
def eval_languages(as_json: bool, misses: str | None) -> None:
    """Event triggers, participants and statuses, and quotes with their speakers, per
    language (ja, zh, ko) and half (tune, heldout), through the ingest's stages."""
    from storyline.evaluation import cjk_events

    stages = cjk_events.ingest_stages()
    figures = cjk_events.evaluate(stages)
    if as_json:
        click.echo(json.dumps(cjk_events.figures_as_dict(figures), indent=2))
    else:
        click.echo(cjk_events.format_figures(figures))
    if misses:
        for line in cjk_events.misses(stages, misses):
            click.echo(line)
