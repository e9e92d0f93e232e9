"""``kiosk-receiver``: run the district server, and manage its schools and people.

``kiosk-receiver [serve] --tokens FILE ...`` serves (``serve`` is the default command, so the
first release's command line still works); ``first-admin``, ``user add`` and ``school add``
change the database and exit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import uvicorn
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, OperationalError

from district import accounts
from district.accounts import AccountError, Role
from district.app import DEFAULT_MAX_BODY_BYTES, create_app
from district.db import SchemaOutOfDate, open_database
from district.tokens import Tokens, TokensError
from district.web.settings import WebSettings

ENV_PREFIX = "KIOSK_RECEIVER_"


class _DefaultGroup(click.Group):
    """A group whose first argument, when it is not one of its commands, goes to ``serve``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            args = ["serve", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """The district server for the feedback kiosks: the receiver (protocol v1; OpenAPI at
    /docs) and the web pages for people. Without a command: serve."""


def _database_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--database",
        default="sqlite:///receiver.db",
        show_default=True,
        envvar=f"{ENV_PREFIX}DATABASE",
        help="SQLAlchemy URL: sqlite:///FILE, or postgresql://USER@HOST/DB (psycopg 3).",
    )(f)


def _web_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """One option per WebSettings field: its name, default, limits and help come from there."""
    for name, field in reversed(list(WebSettings.model_fields.items())):
        flag = name.replace("_", "-")
        envvar = f"{ENV_PREFIX}{name.upper()}"
        if field.annotation is bool:
            decl = f"--{flag}/--no-{flag}"
            f = click.option(
                decl, name, default=field.default, show_default=True, envvar=envvar,
                help=field.description,
            )(f)  # fmt: skip
        else:
            f = click.option(
                f"--{flag}", name, default=field.default, show_default=True, envvar=envvar,
                type=field.annotation, help=field.description,
            )(f)  # fmt: skip
    return f


def _open(database: str) -> Engine:
    try:
        return open_database(database)
    except (ArgumentError, OperationalError, SchemaOutOfDate) as exc:
        raise click.ClickException(f"cannot open the database {database!r}: {exc}") from None


@main.command()
@_database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--tokens",
    "tokens_file",
    required=True,
    envvar=f"{ENV_PREFIX}TOKENS",
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
@_web_options
def serve(
    database: str,
    host: str,
    port: int,
    tokens_file: Path,
    max_body_bytes: int,
    log_level: str,
    **web: Any,
) -> None:
    """Serve the receiver and the web pages.

    Put it behind a TLS-terminating proxy: kiosks only speak plain http to their own machine.
    """
    try:
        settings = WebSettings(**web)
    except ValidationError as exc:
        first = exc.errors()[0]
        flag = "--" + str(first["loc"][0]).replace("_", "-")
        raise click.ClickException(f"{flag}: {first['msg']}") from None
    try:
        tokens = Tokens.load(tokens_file)
    except TokensError as exc:
        raise click.ClickException(str(exc)) from None
    engine = _open(database)
    uvicorn.run(
        create_app(engine, tokens, max_body_bytes, settings),
        host=host,
        port=port,
        log_level=log_level,
    )


def _password(password_file: Path | None) -> str:
    if password_file is not None:
        try:
            return password_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise click.ClickException(f"{password_file}: cannot read ({exc.strerror})") from None
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


_password_option = click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the password from this file (first line) instead of asking for it.",
)


def _now() -> datetime:
    return datetime.now(UTC)


def _add_user(
    database: str, username: str, role: Role, school: str | None, password_file: Path | None,
    first: bool = False,
) -> None:  # fmt: skip
    engine = _open(database)
    try:
        if first:
            with engine.connect() as conn:
                if accounts.count_district_admins(conn):
                    raise click.ClickException(
                        "a district administrator exists already; add people with: user add"
                    )
        password = _password(password_file)
        with engine.begin() as conn:
            user = accounts.add_user(conn, username, password, role, school, _now())
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    where = f" at {school}" if school else ""
    click.echo(f"added {user.username} ({user.role.value}{where})")


@main.command("first-admin")
@_database_option
@click.argument("username")
@_password_option
def first_admin(database: str, username: str, password_file: Path | None) -> None:
    """Create the first district administrator (refused once one exists)."""
    _add_user(database, username, Role.DISTRICT, None, password_file, first=True)


@main.group()
def user() -> None:
    """People who sign in to the web pages."""


@user.command("add")
@_database_option
@click.argument("username")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="district: every school; school: one school; viewer: no contact details.",
)
@click.option("--school", help="The school's short name (school and, optionally, viewer).")
@_password_option
def user_add(
    database: str, username: str, role: str, school: str | None, password_file: Path | None
) -> None:
    """Add a person who signs in as USERNAME."""
    _add_user(database, username, Role(role), school, password_file)


@main.group()
def school() -> None:
    """The district's schools."""


@school.command("add")
@_database_option
@click.argument("slug")
@click.option("--name", required=True, help="The school's name as people read it.")
def school_add(database: str, slug: str, name: str) -> None:
    """Add a school with the short name SLUG (e.g. lincoln-elem)."""
    engine = _open(database)
    try:
        with engine.begin() as conn:
            added = accounts.add_school(conn, slug, name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    click.echo(f"added school {added.slug}: {added.name}")
