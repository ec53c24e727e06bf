"""Command-line views of the temporal tagger: `timeml`, `time` and `eval time`.

They parse arguments and print; `storyline.time` computes. The lead registers
them: `main.add_command(timeml)`, `main.add_command(time_command)` and, under
the `eval` group, `eval_group.add_command(eval_time)` (its name is "time").
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click

DEFAULT_MEANTIME = Path("..") / "shared" / "data" / "meantime_en"


def _date_option(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.command("timeml")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dct",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The document's creation date (default: the TIMEX3 inside <DCT>).",
)
def timeml(path: Path, dct: datetime | None) -> None:
    """Add TIMEX3 tags inside <TEXT> of a TempEval-3 TimeML file; print it to stdout.

    Everything else is left byte for byte as it was, so the official
    TempEval-3 scorer can read the output: storyline timeml IN.tml > OUT.tml
    """
    from storyline.time.timeml import annotate_timeml

    try:
        document = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{path} is not UTF-8 text: {error}") from error
    try:
        annotated = annotate_timeml(document, _date_option(dct))
    except ValueError as error:
        raise click.ClickException(f"{path}: {error}") from error
    sys.stdout.flush()
    sys.stdout.buffer.write(annotated.encode("utf-8"))
    sys.stdout.buffer.flush()


@click.command("time")
@click.argument("text")
@click.option(
    "--dct",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The report's date, YYYY-MM-DD (default: unknown, values keep X placeholders).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
def time_command(text: str, dct: datetime | None, as_json: bool) -> None:
    """Tag the time expressions of TEXT: span, TIMEX3 type, value and mod."""
    from storyline.time.tagger import tag_time

    for timex in tag_time(text, _date_option(dct)):
        if as_json:
            record = asdict(timex)
            record["span"] = [timex.span.start, timex.span.end]
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            mod = f" mod={timex.mod}" if timex.mod else ""
            click.echo(
                f"{timex.span.start}-{timex.span.end}\t{timex.type}\t{timex.value}{mod}"
                f"\t{timex.text!r}"
            )


@click.command("time")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_MEANTIME,
    show_default=True,
    help="MEANTIME English (the folder holding intra-doc_annotation/).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="Also list every error (missed, spurious, value).")
def eval_time(data_dir: Path, as_json: bool, errors: bool) -> None:
    """TempEval-3 figures of the temporal tagger on MEANTIME English.

    Strict and relaxed span P/R/F1, type and value accuracy, and value F1
    (relaxed F1 x value accuracy), per topic and overall.
    """
    from storyline.evaluation.time import HEADERS, evaluate_meantime, table_rows

    if not data_dir.is_dir():
        raise click.ClickException(
            f"{data_dir} is not a folder; pass --data to point at MEANTIME English"
        )
    evaluation = evaluate_meantime(data_dir)
    if evaluation.documents == 0:
        raise click.ClickException(f"no CAT XML documents under {data_dir}")
    if as_json:
        payload = {
            "documents": evaluation.documents,
            "overall": asdict(evaluation.overall),
            "topics": {name: asdict(s) for name, s in evaluation.topics.items()},
        }
        click.echo(json.dumps(payload, indent=2))
    else:
        rows = [HEADERS, *table_rows(evaluation)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
        click.echo(f"MEANTIME English, {evaluation.documents} documents (TempEval-3 metrics, %)")
        for row in rows:
            cells = (cell.rjust(width) for cell, width in zip(row, widths, strict=True))
            click.echo("  ".join(cells))
    if errors:
        for error in evaluation.errors:
            click.echo(
                f"{error.kind}\t{error.document}\t{error.text!r}\tgold={error.gold}"
                f"\tpredicted={error.predicted}",
                err=True,
            )
