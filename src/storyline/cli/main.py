"""The `storyline` command line. It parses arguments and prints; the library computes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from storyline import __version__
from storyline.errors import StorylineError
from storyline.settings import Settings

DB_OPTION = click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite database file of the knowledge base.",
)


class _Group(click.Group):
    """Turns storyline's own errors into one clear line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="storyline")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A TOML settings file (default: ./storyline.toml when present).",
)
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Turn piles of noisy news reports into an event knowledge base."""
    ctx.obj = Settings.load(config)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--processes", type=int, default=None, help="Worker processes for the model.")
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Analyse on the workers of this Dask scheduler (executor = dask; needs storyline[dask]).",
)
@click.pass_obj
def ingest(
    settings: Settings,
    paths: tuple[str, ...],
    db_path: Path,
    processes: int | None,
    scheduler: str | None,
) -> None:
    """Read reports from files, folders (recursive) or - (stdin) into the database.

    Reads .txt, .html/.htm and .jsonl (one report per line with `text` or
    `html`, and optional `title`, `url`, `published`, `source`). Safe to re-run:
    reports already stored are not processed again.
    """
    from tqdm import tqdm

    from storyline.knowledge_base import KnowledgeBase

    if processes is not None:
        settings = settings.override({"processes": processes})
    if scheduler is not None:
        settings = settings.override({"executor": "dask", "scheduler": scheduler})
    stdin = sys.stdin.buffer if "-" in paths else None

    def say_waiting(pid: int | None) -> None:
        holder = f" (pid {pid})" if pid else ""
        click.echo(f"waiting for another ingest into {db_path} to finish{holder}…", err=True)

    try:
        with (
            KnowledgeBase.open(db_path, settings) as kb,
            tqdm(unit=" reports", desc="ingest", disable=None) as bar,
        ):
            report = kb.ingest(list(paths), stdin=stdin, progress=bar.update, on_wait=say_waiting)
    except KeyboardInterrupt:
        click.echo(
            "interrupted: the reports of the batches already committed are kept;"
            " run the same command again to go on",
            err=True,
        )
        sys.exit(130)
    click.echo(
        f"stored {report.stored} new report(s) "
        f"({report.duplicates} duplicate, {report.not_english} not English); "
        f"{report.unchanged} already stored; {report.skipped_total} skipped; "
        f"{report.events} events in the knowledge base"
    )
    for skipped in report.skipped_examples:
        click.echo(f"  skipped {skipped.origin}: {skipped.reason}", err=True)
    if report.skipped_total > len(report.skipped_examples):
        click.echo("  (`storyline stats` lists every skipped input)", err=True)
    for problem in report.corpus_failures:
        click.echo(
            f"warning: a corpus step failed ({problem}); every stored report is kept and"
            " the next ingest runs the step again",
            err=True,
        )


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--tracebacks",
    is_flag=True,
    help="Also print the traceback of each input a processing stage failed on.",
)
def stats(db_path: Path, as_json: bool, tracebacks: bool) -> None:
    """What the knowledge base holds, and which inputs were skipped and why."""
    from storyline.knowledge_base import KnowledgeBase

    with KnowledgeBase.open(db_path) as kb:
        figures = kb.stats(tracebacks=tracebacks)
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    click.echo(_format_stats(figures))


def _format_stats(f: dict[str, Any]) -> str:
    lines = [
        f"reports        {f['reports']} ({f['originals']} original, "
        f"{f['exact_duplicates']} exact and {f['near_duplicates']} near duplicates, "
        f"{f['not_english']} not in English)",
        "dates          "
        + ", ".join(f"{how}: {n}" for how, n in sorted(f["dated"].items()))
        + (f"  [{f['date_range'][0]} .. {f['date_range'][1]}]" if f["date_range"][0] else ""),
        f"sentences      {f['sentences']}",
        f"mentions       {f['mentions']}",
        f"time expr.     {f['time_expressions']}",
        f"events         {f['events']} ({f['dated_events']} dated), {f['stories']} stories",
        f"quotes         {f['quotes']} ({f['quotes_with_speaker']} with a linked speaker)",
        "entities       " + ", ".join(f"{kind}: {n}" for kind, n in f["entities"].items()),
        "removed lines  " + ", ".join(f"{kind}: {n}" for kind, n in f["removed_lines"].items()),
    ]
    plural = {"person": "people", "country": "countries", "place": "places"}
    for kind, top in f["top"].items():
        if top:
            label = "top " + plural.get(kind, kind)
            lines.append(f"{label:<15}" + ", ".join(f"{name} ({docs})" for name, _n, docs in top))
    if f["skipped"]:
        lines.append("skipped inputs")
        for row in f["skipped"]:
            lines.append(f"  {row['code']} x{row['n']}: {row['reason']} (e.g. {row['example']})")
    else:
        lines.append("skipped inputs none")
    if f["failed"]:
        lines.append("failed in a stage")
    for row in f["failed"]:
        lines.append(f"  {row['origin']}: {row['code']} in {row['stage'] or '?'}: {row['reason']}")
        if row.get("traceback"):
            lines.extend("      " + line for line in row["traceback"].rstrip().splitlines())
    return "\n".join(lines)


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
def search(query: str, db_path: Path, limit: int) -> None:
    """Full-text search over sentences; shows the report and sentence of each hit."""
    from storyline.knowledge_base import KnowledgeBase

    with KnowledgeBase.open(db_path) as kb:
        hits = kb.search(query, limit=limit)
    if not hits:
        click.echo("no sentence matches")
        return
    for hit in hits:
        title = f" {hit.title}" if hit.title else ""
        click.echo(f"{hit.document} #{hit.sentence} [{hit.start}:{hit.end}]{title}")
        click.echo(f"    {hit.snippet}")


@main.command()
@DB_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option(
    "--table",
    default="documents",
    show_default=True,
    help="With --format csv to stdout: which table (documents, entities, mentions, "
    "sentences, removed_lines).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (json) or folder (csv: one file per table).",
)
def export(db_path: Path, fmt: str, table: str, out: Path | None) -> None:
    """Export the knowledge base (JSON per docs/export.md, or CSV tables)."""
    from storyline.export.writers import CSV_TABLES
    from storyline.knowledge_base import KnowledgeBase

    if fmt == "csv" and out is None and table not in CSV_TABLES:
        raise click.BadParameter(f"choose from {', '.join(CSV_TABLES)}", param_hint="--table")
    with KnowledgeBase.open(db_path) as kb:
        if fmt == "json":
            if out is None:
                kb.export(sys.stdout)
            else:
                with out.open("w", encoding="utf-8") as stream:
                    kb.export(stream)
        elif out is not None:
            for path in kb.export_folder(out):
                click.echo(f"wrote {path}", err=True)
        else:
            kb.export(sys.stdout, format="csv", table=table)


@main.command()
@DB_OPTION
@click.option("--entity", default=None, help="Only events with this participant (id or name).")
@click.option("--from", "start", default=None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", default=None, help="Up to this date (inclusive).")
@click.option(
    "--type", "event_type", default=None, help="Only events of this type (docs/events.md)."
)
@click.option(
    "--limit",
    default=200,
    show_default=True,
    help="At most this many events, those of low salience counted.",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the events of low salience (one source, no participant, no place), "
    "marked; without it they are counted in one line.",
)
@click.option(
    "--undated",
    is_flag=True,
    help="The events no source dates instead, with the days their reports may date from.",
)
@click.option(
    "--summary",
    is_flag=True,
    help="A timeline summary: the days that matter most and the sentences that tell them.",
)
@click.option("--story", default=None, help="With --summary: only the events of this story (id).")
@click.option(
    "--dates", "n_dates", default=10, show_default=True, help="With --summary: how many days."
)
@click.option(
    "--sentences", "n_sentences", default=2, show_default=True,
    help="With --summary: sentences per day.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="With --summary: print it as JSON.")
@click.option("--markdown", is_flag=True, help="With --summary: print it as Markdown to share.")
def timeline(
    db_path: Path,
    entity: str | None,
    start: str | None,
    end: str | None,
    event_type: str | None,
    limit: int,
    show_all: bool,
    undated: bool,
    summary: bool,
    story: str | None,
    n_dates: int,
    n_sentences: int,
    as_json: bool,
    markdown: bool,
) -> None:
    """Dated events, oldest first, with their sources and conflicts.

    Events of low salience (told by one report only, without who or where) are
    counted in a last line; --all lists them, marked. With --summary, a dated
    briefing instead: the days that matter and the sentences telling them."""
    from storyline.knowledge_base import KnowledgeBase

    if summary:
        from storyline.cli.timeline_summary import print_summary

        if undated:
            raise click.UsageError("a summary tells days: --undated does not go with --summary")
        fmt = "json" if as_json else "markdown" if markdown else "text"
        print_summary(db_path, entity, story, start, end, event_type, n_dates, n_sentences, fmt)
        return
    if story is not None or as_json or markdown:
        raise click.UsageError("--story, --json and --markdown go with --summary")
    with KnowledgeBase.open(db_path) as kb:
        events = kb.timeline(
            entity=entity,
            start=start,
            end=end,
            type=event_type,
            limit=limit,
            low_salience=True,
            undated=undated,
        )
    left_out = [e for e in events if e["salience"] == "low"] if not show_all else []
    if not events:
        click.echo("no undated event matches" if undated else "no dated event matches")
    for event in events:
        if event["salience"] == "low" and not show_all:
            continue
        conflicts = f"  [{len(event['conflicts'])} conflict(s)]" if event["conflicts"] else ""
        status = "" if event["status"] == "happened" else f" ({event['status']})"
        low = "  [low salience]" if event["salience"] == "low" else ""
        when = event["date"] or "undated"
        window = ""
        if undated:
            earliest, latest = event["window"]
            window = f"  [reports {earliest or '?'}..{latest or '?'}]"
        click.echo(
            f"{when:<10}  {event['type']:<16} {event['title']}{status}  "
            f"— {event['sources']} source(s){conflicts}{low}{window}  {event['id']}"
        )
    if left_out:
        click.echo(
            f"… and {len(left_out)} low-salience event{'s' if len(left_out) != 1 else ''}"
            " (one report, no who or where; --all to list them)"
        )


@main.command()
@click.argument("kind", type=click.Choice(["event", "entity", "story"]))
@click.argument("ident")
@DB_OPTION
def show(kind: str, ident: str, db_path: Path) -> None:
    """One event, entity or story with its sources and evidence (JSON).

    An old id (of events since merged or split, of a renamed entity) shows the current
    record, and says so on standard error."""
    from storyline.knowledge_base import KnowledgeBase

    with KnowledgeBase.open(db_path) as kb:
        found = kb.show(kind, ident)  # type: ignore[arg-type]
    if found is None:
        raise click.ClickException(f"no {kind} {ident!r}")
    if "redirected_from" in found:
        reason = found["redirected_from"]["reason"]
        click.echo(f"{kind} {ident} is now {found['id']} ({reason})", err=True)
    click.echo(json.dumps(found, indent=2, ensure_ascii=False))


@main.command("settings")
def show_settings() -> None:
    """List every setting with its section, default and what it does."""
    helps = dict(Settings.sections())
    section = None
    for setting in Settings.describe():
        if setting.section != section:
            if section is not None:
                click.echo()
            section = setting.section
            click.echo(f"[{section}]  # {helps[section]}")
        click.echo(f"{setting.name} = {setting.default!r}\n    {setting.help}")


@main.group("eval")
def eval_group() -> None:
    """Measure quality on annotated corpora (see docs/evaluation.md)."""


def _register() -> None:
    from storyline.cli.eval_export_command import eval_export
    from storyline.cli.eval_languages_command import eval_languages
    from storyline.cli.eval_timeline_command import eval_timeline
    from storyline.cli.eval_web_command import eval_web
    from storyline.cli.events_commands import eval_events
    from storyline.cli.kb_commands import eval_entities, kb
    from storyline.cli.serve_command import serve
    from storyline.cli.time_commands import eval_time, time_command, timeml
    from storyline.cli.watch_command import watch

    main.add_command(timeml)
    main.add_command(time_command)
    main.add_command(kb)
    main.add_command(serve)
    main.add_command(watch)
    eval_group.add_command(eval_time)
    eval_group.add_command(eval_entities, "entities")
    eval_group.add_command(eval_events, "events")
    eval_group.add_command(eval_web)
    eval_group.add_command(eval_timeline)
    eval_group.add_command(eval_languages)
    eval_group.add_command(eval_export)


_register()

if __name__ == "__main__":
    main()
