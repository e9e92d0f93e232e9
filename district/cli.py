"""``kiosk-receiver``: run the district server, and manage its database, schools, kiosks,
tokens and people.

``kiosk-receiver [serve] ...`` serves (``serve`` is the default command, so the first release's
command line still works); ``migrate``, ``first-admin``, ``user add``, ``school add``,
``kiosk add``, ``token ...`` and ``import-tokens`` change the database and exit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import uvicorn
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from district import accounts, kiosks, schema, tokens
from district.accounts import AccountError, Role
from district.app import DEFAULT_MAX_BODY_BYTES, create_app
from district.db import SchemaOutOfDate, open_database
from district.kiosks import KioskError
from district.tokens import TokensError
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
                type=int, help=field.description,
            )(f)  # fmt: skip
    return f


def _shown(database: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(database).render_as_string(hide_password=True)
    except ArgumentError:
        return database


def _open(database: str) -> Engine:
    """The database, at the newest revision: SQLite (the embedded default) is migrated here,
    PostgreSQL must have been (``migrate``)."""
    engine = None
    try:
        engine = open_database(database)
        schema.open_schema(engine)
        return engine
    except (SchemaOutOfDate, schema.MigrationFailed) as exc:
        if engine is not None:
            engine.dispose()
        raise click.ClickException(str(exc)) from None
    except (ArgumentError, OperationalError) as exc:
        if engine is not None:
            engine.dispose()
        raise _unopened(database, exc) from None


def _unopened(database: str, exc: Exception) -> click.ClickException:
    return click.ClickException(f"cannot open the database {_shown(database)!r}: {exc}")


class Refused(click.ClickException):
    """A change the database refuses (unknown school, kiosk exists, ...): one line, exit 2."""

    exit_code = 2


def _now() -> datetime:
    return datetime.now(UTC)


@main.command()
@_database_option
def migrate(database: str) -> None:
    """Bring the database to this receiver's newest schema revision (Alembic); a database made
    before migrations is taken up from what it has. Run it after each upgrade of the server."""
    engine = None
    try:
        engine = open_database(database)
        before, after = schema.upgrade(engine)
    except schema.MigrationFailed as exc:
        raise click.ClickException(str(exc)) from None
    except (ArgumentError, OperationalError) as exc:
        raise _unopened(database, exc) from None
    finally:
        if engine is not None:
            engine.dispose()
    if before == after:
        click.echo(f"the database is at the newest revision, {after}")
    else:
        click.echo(f"migrated the database from {before or 'no revision'} to {after}")


@main.command()
@_database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--tokens",
    "tokens_file",
    envvar=f"{ENV_PREFIX}TOKENS",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Deprecated: a tokens file (TOML) to import at start; use import-tokens once instead.",
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
    tokens_file: Path | None,
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
    found = None
    if tokens_file is not None:
        try:
            found = tokens.read_file(tokens_file)
        except TokensError as exc:
            raise click.ClickException(str(exc)) from None
    engine = _open(database)
    if found is not None:
        try:
            with engine.begin() as conn:
                tokens.import_file(conn, found, _now())
        except TokensError as exc:
            engine.dispose()
            raise click.ClickException(f"{tokens_file}: {exc}") from None
        click.echo(
            f"--tokens is deprecated: {tokens_file} was imported into the database; run "
            "`kiosk-receiver import-tokens` once and start without --tokens",
            err=True,
        )
    uvicorn.run(
        create_app(engine, max_body_bytes, settings),
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


def _add_user(
    database: str, username: str, role: Role, school: str | None, password_file: Path | None,
    first: bool = False,
) -> None:  # fmt: skip
    engine = _open(database)
    try:
        if first:
            with engine.connect() as conn:
                if accounts.count_district_admins(conn):
                    raise Refused(
                        "a district administrator exists already; add people with: user add"
                    )
        password = _password(password_file)
        with engine.begin() as conn:
            user = accounts.add_user(conn, username, password, role, school, _now())
    except AccountError as exc:
        raise Refused(str(exc)) from None
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
    with _changing(database) as conn:
        added = accounts.add_school(conn, slug, name)
    click.echo(f"added school {added.slug}: {added.name}")


@contextmanager
def _changing(database: str) -> Iterator[Connection]:
    """One transaction on the database; a refusal is one line naming the field, exit 2."""
    engine = _open(database)
    try:
        with engine.begin() as conn:
            yield conn
    except (AccountError, KioskError, TokensError) as exc:
        raise Refused(str(exc)) from None
    finally:
        engine.dispose()


@main.group()
def kiosk() -> None:
    """The district's kiosks, each at a school."""


@kiosk.command("add")
@_database_option
@click.argument("kiosk_id")
@click.option("--school", required=True, help="The school's short name (see: school add).")
@click.option("--label", help='Where it stands, e.g. "Front office, main entrance".')
def kiosk_add(database: str, kiosk_id: str, school: str, label: str | None) -> None:
    """Register the kiosk KIOSK_ID (its kiosk_id setting) at a school; then issue its token."""
    with _changing(database) as conn:
        kiosks.add_kiosk(conn, kiosk_id, school, label, _now())
    click.echo(f"added kiosk {kiosk_id} at {school} (next: token issue --kiosk {kiosk_id})")


@kiosk.command("assign")
@_database_option
@click.argument("kiosk_id")
@click.option("--school", required=True, help="The school's short name.")
def kiosk_assign(database: str, kiosk_id: str, school: str) -> None:
    """Move KIOSK_ID to a school; its cards that had no school (imported kiosks) go with it."""
    with _changing(database) as conn:
        kiosks.assign(conn, kiosk_id, school)
    click.echo(f"kiosk {kiosk_id} is at {school}")


_kiosk_option = click.option("--kiosk", "kiosk_id", help="A kiosk's id.")
_tool_option = click.option("--tool", help="A district tool's name (it may read cards, kiosks).")


@main.group()
def token() -> None:
    """Bearer tokens of kiosks and district tools: each shown once, stored as its hash."""


def _show_once(new_token: str, owner: str) -> None:
    """The token alone on standard output (for a file or a pipe), the note on standard error."""
    click.echo(new_token)
    where = "the kiosk's sync.token_file" if owner.startswith("kiosk") else "the tool's settings"
    click.echo(
        f"the token of {owner}, shown only this once: put it in {where}; "
        "the server keeps only its hash",
        err=True,
    )


@token.command("issue")
@_database_option
@_kiosk_option
@_tool_option
def token_issue(database: str, kiosk_id: str | None, tool: str | None) -> None:
    """Issue a token for a kiosk (--kiosk) or a district tool (--tool) that has none."""
    with _changing(database) as conn:
        new_token = tokens.issue(conn, _now(), kiosk_id=kiosk_id, tool=tool)
    _show_once(new_token, f"kiosk {kiosk_id}" if kiosk_id else f"tool {tool}")


@token.command("rotate")
@_database_option
@click.option("--kiosk", "kiosk_id", required=True, help="A kiosk's id.")
def token_rotate(database: str, kiosk_id: str) -> None:
    """Revoke a kiosk's token and issue its new one (the old one is refused from now on)."""
    with _changing(database) as conn:
        new_token = tokens.rotate(conn, _now(), kiosk_id)
    _show_once(new_token, f"kiosk {kiosk_id}")


@token.command("revoke")
@_database_option
@_kiosk_option
@_tool_option
def token_revoke(database: str, kiosk_id: str | None, tool: str | None) -> None:
    """Revoke the token of a kiosk or a tool: refused from the next request on."""
    with _changing(database) as conn:
        tokens.revoke(conn, _now(), kiosk_id=kiosk_id, tool=tool)
    click.echo(f"revoked the token of {f'kiosk {kiosk_id}' if kiosk_id else f'tool {tool}'}")


@main.command("import-tokens")
@_database_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--school", help="Put the kiosks it registers (and unassigned ones) at this school.")
def import_tokens(database: str, file: Path, school: str | None) -> None:
    """Import today's tokens file: its kiosks are registered, its tokens stored as hashes
    (a token under 128 bits of entropy is refused, naming its kiosk). Delete the file after."""
    try:
        found = tokens.read_file(file)
    except TokensError as exc:
        raise Refused(str(exc)) from None
    with _changing(database) as conn:
        school_id = kiosks.school_id_of(conn, school) if school else None
        done = tokens.import_file(conn, found, _now(), school_id)
    where = f" at {school}" if school else ""
    click.echo(
        f"imported {file}: {len(done.kiosks_added)} kiosk(s) registered{where}, "
        f"{done.tokens_stored} token(s) stored as hashes"
    )
