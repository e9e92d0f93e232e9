"""The database's schema, brought up to date by the Alembic migrations in district/migrations
(shipped inside the package, so ``pip install ./district`` carries them).

``kiosk-receiver migrate`` runs them; on the embedded SQLite default the server runs them itself
at start-up, and on PostgreSQL it refuses to start on a database that is not at the newest
revision, so a person chooses when a production database changes.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from district.db import SchemaOutOfDate

MIGRATIONS = Path(__file__).parent / "migrations"


class MigrationFailed(Exception):
    """A migration met a row it cannot carry over and was rolled back; the message names it."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def newest_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision; None for an empty database or one made before migrations."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Migrate to ``revision`` in one transaction; returns the revisions before and after. A
    database made before migrations (tables, no revision) is taken up from what it has."""
    before = current_revision(engine)
    try:
        with engine.begin() as conn:
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    except ValueError as exc:  # what a migration raises on a row it cannot read
        raise MigrationFailed(f"the migration stopped and was rolled back: {exc}") from None
    after = current_revision(engine)
    assert after is not None
    return before, after


def require_newest(engine: Engine) -> None:
    """Refuse a database that is not at the newest revision, saying what to run."""
    current, newest = current_revision(engine), newest_revision()
    if current != newest:
        at = f"at revision {current}" if current else "not migrated yet"
        raise SchemaOutOfDate(
            f"the database is {at}, this receiver needs revision {newest}: "
            "run `kiosk-receiver migrate` first"
        )


def open_schema(engine: Engine) -> None:
    """What the server does at start: migrate SQLite (the embedded default), check PostgreSQL."""
    if engine.dialect.name == "sqlite":
        upgrade(engine)
    else:
        require_newest(engine)
