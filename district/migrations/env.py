"""Alembic's entry: runs the migrations on the connection district.schema hands over, in its
transaction. Batch mode, so an ALTER that SQLite lacks becomes a copy of the table."""

from __future__ import annotations

from alembic import context

from district import accounts  # noqa: F401  (its tables join the metadata)
from district.db import metadata


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file with its context in place; a plain import (a package walk) does not.
if hasattr(context, "config"):
    run()
