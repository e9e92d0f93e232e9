"""``kiosk-receiver``: run the district's reference receiver."""

from __future__ import annotations

from pathlib import Path

import click
import uvicorn
from sqlalchemy.exc import ArgumentError, OperationalError

from district.app import DEFAULT_MAX_BODY_BYTES, create_app
from district.db import SchemaOutOfDate, open_database
from district.tokens import Tokens, TokensError


@click.command()
@click.option(
    "--database",
    default="sqlite:///receiver.db",
    show_default=True,
    envvar="KIOSK_RECEIVER_DATABASE",
    help="SQLAlchemy URL: sqlite:///FILE, or postgresql://USER@HOST/DB (psycopg 3).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--tokens",
    "tokens_file",
    required=True,
    envvar="KIOSK_RECEIVER_TOKENS",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file of kiosk and district tokens (see the README).",
)
@click.option(
    "--max-body-bytes",
    default=DEFAULT_MAX_BODY_BYTES,
    show_default=True,
    type=click.IntRange(1024),
    help="Largest request body accepted.",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="uvicorn's log level (info logs every request).",
)
def main(
    database: str, host: str, port: int, tokens_file: Path, max_body_bytes: int, log_level: str
) -> None:
    """The district's receiver for kiosk cards (protocol v1; OpenAPI at /docs).

    Put it behind a TLS-terminating proxy: kiosks only speak plain http to their own machine.
    """
    try:
        tokens = Tokens.load(tokens_file)
    except TokensError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        engine = open_database(database)
    except (ArgumentError, OperationalError, SchemaOutOfDate) as exc:
        raise click.ClickException(f"cannot open the database {database!r}: {exc}") from None
    uvicorn.run(
        create_app(engine, tokens, max_body_bytes), host=host, port=port, log_level=log_level
    )
