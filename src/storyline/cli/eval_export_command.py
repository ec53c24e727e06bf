"""`storyline eval export`: every exported event of held-out annotated news, judged.

A plain click command; the `eval` group registers it as "export". It parses
arguments and prints; `storyline.evaluation.export_judge` ingests and judges.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import click

_DEFAULT_DATA = Path("..") / "shared" / "data"


@click.command("export")
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=_DEFAULT_DATA,
    show_default=True,
    help="The folder holding ecbplus_dev/ and meantime_en/.",
)
@click.option(
    "--split",
    "names",
    multiple=True,
    help="Only this split (repeatable): 'ECB+ dev', 'MEANTIME gm', 'ECB+ train',"
    " 'MEANTIME airbus+apple+stock'. Default: all four.",
)
@click.option("--per-topic", type=int, default=None, help="Only the first N reports of each topic.")
@click.option("--processes", type=int, default=1, show_default=True, help="Ingest workers.")
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep each split's reports, database and export here (default: a temporary folder).",
)
@click.option("--as-json", is_flag=True, help="Print one JSON object instead of the table.")
@click.pass_obj
def eval_export(
    settings: Any,
    data: Path,
    names: tuple[str, ...],
    per_topic: int | None,
    processes: int,
    keep: Path | None,
    as_json: bool,
) -> None:
    """Ingest each split's reports with `storyline ingest`, export, and judge every exported
    event against the gold: real, duplicate, wrong merge, not an event (docs/evaluation.md)."""
    from storyline.evaluation import export_judge as judge
    from storyline.settings import Settings

    settings = (settings or Settings()).override({"processes": processes})
    wanted = [s for s in judge.SPLITS if not names or s.name in names]
    if names and len(wanted) != len(set(names)):
        known = ", ".join(s.name for s in judge.SPLITS)
        raise click.BadParameter(f"choose from {known}", param_hint="--split")
    judgements = []
    with tempfile.TemporaryDirectory(prefix="storyline-judge-") as scratch:
        for split in wanted:
            items = judge.split_reports(split, data, per_topic)
            if not items:
                raise click.ClickException(f"no reports of {split.name} under {data}")
            folder = (keep or Path(scratch)) / split.name.replace(" ", "_").replace("+", "p")
            export = judge.ingest_and_export(items, folder, settings)
            if keep is not None:
                (folder / "export.json").write_text(json.dumps(export), encoding="utf-8")
            judgements.append((split, judge.judge_export(export, items, split.name)))
    rows = [judge.split_figures(split, j, data) for split, j in judgements]
    tuning = [j for split, j in judgements if not split.held_out]
    out = {
        "figures": rows,
        "tuning_not_an_event_words": judge.frequent_false_words(tuning),
        "tuning_wrong_merges": judge.wrong_merges(tuning),
    }
    if as_json:
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _print(out)


def _print(out: dict[str, Any]) -> None:
    click.echo(
        "split                        reports events real dup  wrong notev unjudged  bad%"
        "  happenings whole partial split missing  unaligned"
    )
    for row in out["figures"]:
        click.echo(
            f"{row['split']:<28} {row['reports']:>7} {row['events']:>6} {row['real']:>4}"
            f" {row['duplicate']:>4} {row['wrong merge']:>6} {row['not an event']:>5}"
            f" {row['unjudged']:>8} {100 * row['not_event_or_wrong_merge']:>5.1f}"
            f" {row['happenings']:>11} {row['happenings_whole']:>5} {row['happenings_partial']:>7}"
            f" {row['happenings_split']:>5}"
            f" {row['happenings_missing']:>7} {row['unaligned_triggers']:>6}/{row['triggers']}"
        )
    for row in out["figures"]:
        if "dates" in row:
            d = row["dates"]
            click.echo(
                f"{row['split']}: dates of real events with a gold date: {d['exact']} exact,"
                f" {d['consistent']} at another precision, {d['wrong']} wrong,"
                f" {d['undated']} undated"
            )
    if out["tuning_not_an_event_words"]:
        click.echo("")
        click.echo("Tuning side: most frequent trigger words of 'not an event'")
        click.echo("  " + ", ".join(f"{w} ({n})" for w, n in out["tuning_not_an_event_words"]))
    if out["tuning_wrong_merges"]:
        click.echo("")
        click.echo("Tuning side: wrong merges (title: trigger words; gold instances held)")
        for merge in out["tuning_wrong_merges"]:
            held = ", ".join(f"{k} x{n}" for k, n in merge["instances"].items())
            click.echo(
                f"  [{merge['split']}] {merge['title']}: {' / '.join(merge['words'])}; {held}"
            )
