"""`storyline serve`: the web UI and HTTP API on localhost (registered in `cli/main.py`)."""

from __future__ import annotations

from pathlib import Path

import click

from storyline.settings import Settings


@click.command("serve")
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The SQLite database file of the knowledge base.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; anything but 127.0.0.1 exposes the knowledge base.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Accept reports over HTTP (POST /api/ingest); off by default: the server is read-only.",
)
@click.pass_obj
def serve(
    settings: Settings | None, db_path: Path, host: str, port: int, allow_ingest: bool
) -> None:
    """Serve the web UI (timeline, reports, entities, search) and the HTTP API under /api/."""
    import uvicorn

    from storyline.knowledge_base import KnowledgeBase
    from storyline.web.app import create_app
    from storyline.web.security import allowed_hosts_for

    if allow_ingest and not db_path.exists():
        # A server that accepts reports can start from nothing.
        KnowledgeBase.open(db_path, settings, create=True).close()
        click.echo(f"created an empty knowledge base in {db_path}", err=True)
    app = create_app(
        db_path,
        allow_ingest=allow_ingest,
        allowed_hosts=allowed_hosts_for(host),
        settings=settings,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: other machines can read the knowledge base", err=True
        )
    click.echo(
        f"storyline: http://{'[' + host + ']' if ':' in host else host}:{port}/"
        + ("  (ingest over HTTP allowed)" if allow_ingest else "")
    )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
