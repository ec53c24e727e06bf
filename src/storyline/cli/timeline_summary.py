"""`storyline timeline --summary`: prints the briefing `storyline.briefing` makes."""

from __future__ import annotations

import json
from pathlib import Path

import click


def print_summary(
    db_path: Path,
    entity: str | None,
    story: str | None,
    start: str | None,
    end: str | None,
    event_type: str | None,
    dates: int,
    sentences: int,
    fmt: str = "text",
) -> None:
    """The summary as text (a day, its sentences with their report, its events), JSON
    (`storyline-timeline/1`) or Markdown."""
    from storyline.briefing import as_markdown, summarise
    from storyline.knowledge_base import KnowledgeBase

    if dates < 1 or sentences < 0:
        raise click.BadParameter("--dates must be 1 or more and --sentences 0 or more")
    with KnowledgeBase.open(db_path) as kb:
        briefing = summarise(
            kb.reader, entity=entity, story=story, start=start, end=end, type=event_type,
            dates=dates, sentences=sentences,
        )  # fmt: skip
    if briefing.names:
        names = ", ".join(briefing.names)
        click.echo(f"nothing is named {entity!r}: selected by {names}", err=True)
    if fmt == "json":
        click.echo(json.dumps(briefing.as_json(), indent=2, ensure_ascii=False))
        return
    if fmt == "markdown":
        about = f"Timeline summary: {entity}" if entity else "Timeline summary"
        click.echo(as_markdown(briefing, f"{about} (story {story})" if story else about), nl=False)
        return
    if not briefing.days:
        click.echo("no event dated to the day matches")
        return
    for day in briefing.days:
        events = len(day.events)
        click.echo(f"{day.date}  ({events} event{'s' if events != 1 else ''})")
        for sentence in day.sentences:
            click.echo(
                f"  - {sentence.text}  [{sentence.document} {sentence.start}:{sentence.end}]"
            )
        if not day.sentences:
            click.echo("  (no stored sentence tells it)")
