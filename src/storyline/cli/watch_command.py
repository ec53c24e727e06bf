"""`storyline watch`: ingest folders and feeds as they change, one line per pass."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from storyline.settings import Settings


@click.command()
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite database file of the knowledge base.",
)
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed to poll.")
@click.option(
    "--interval", default=10.0, show_default=True, help="Seconds between two polls of the folders."
)
@click.option("--once", is_flag=True, help="One pass, then exit (for scripts).")
@click.option("--processes", type=int, default=None, help="Worker processes for the model.")
@click.pass_obj
def watch(
    settings: Settings,
    folders: tuple[Path, ...],
    db_path: Path,
    feeds: tuple[str, ...],
    interval: float,
    once: bool,
    processes: int | None,
) -> None:
    """Ingest the folders, then keep polling them (and --feed URLs) for new and changed files.

    A file is taken once its size and time stay the same between two polls, so
    half-written files are not read. Ctrl-C stops.
    """
    from storyline.knowledge_base import KnowledgeBase

    if not folders and not feeds:
        raise click.UsageError("give at least one folder or --feed URL")
    if processes is not None:
        settings = settings.override({"processes": processes})
    try:
        with KnowledgeBase.open(db_path, settings) as kb:
            for done in kb.watch(
                folders, feeds=feeds, interval=interval, passes=1 if once else None
            ):
                report = done.report
                waiting = f", {done.waiting} still changing" if done.waiting else ""
                skipped = ", ".join(f"{code} x{n}" for code, n in sorted(report.skipped.items()))
                click.echo(
                    f"pass {done.number}: {done.files} file(s),"
                    f" {done.feed_items} feed item(s){waiting};"
                    f" stored {report.stored} new, {report.duplicates} duplicate,"
                    f" {report.unchanged} already stored, {report.skipped_total} skipped"
                    + (f" ({skipped})" if skipped else "")
                )
                for item in report.skipped_examples:
                    click.echo(f"  skipped {item.origin}: {item.reason}", err=True)
    except KeyboardInterrupt:
        click.echo("stopped: every pass already done is kept", err=True)
        sys.exit(130)
