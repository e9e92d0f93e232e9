"""``kiosk-receiver seed``: fill an empty district database with a realistic district."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from sqlalchemy.exc import ArgumentError, OperationalError

from district import schema, seed_postgres
from district import seed as seeding
from district.db import SchemaOutOfDate, open_database


@click.command("seed")
@click.option(
    "--database",
    default="sqlite:///receiver.db",
    show_default=True,
    envvar="KIOSK_RECEIVER_DATABASE",
    help="SQLAlchemy URL: sqlite:///FILE, or postgresql://USER@HOST/DB (psycopg 3).",
)
@click.option("--schools", default=200, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--kiosks", default=1000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option(
    "--cards", default=1_000_000, show_default=True, type=click.IntRange(0, 1_000_000_000)
)
@click.option(
    "--days", default=730, show_default=True, type=click.IntRange(1, 3650),
    help="Days of cards, ending now.",
)  # fmt: skip
@click.option("--random-seed", default=2026, show_default=True, type=int,
              help="The same seed makes the same district.")  # fmt: skip
def seed(database: str, schools: int, kiosks: int, cards: int, days: int, random_seed: int) -> None:
    """Fill an EMPTY district database with schools, kiosks (some offline, some never seen)
    and cards with ratings, chips, roles, languages, comments and follow-ups (some overdue),
    for a demo or a benchmark. People are not made: add them with first-admin and user add."""
    try:
        plan = seeding.Plan(schools, kiosks, cards, days, random_seed)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    engine = None
    try:
        engine = open_database(database)
        schema.open_schema(engine)  # SQLite is migrated here; PostgreSQL must be (migrate)
    except (ArgumentError, OperationalError, SchemaOutOfDate) as exc:
        if engine is not None:
            engine.dispose()
        raise click.ClickException(f"cannot seed the database: {exc}") from None
    started = time.perf_counter()
    try:
        done = seed_postgres.seed(
            engine, plan, datetime.now(UTC), lambda line: click.echo(line, err=True)
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    took = time.perf_counter() - started
    click.echo(
        f"seeded {done.schools} schools, {done.kiosks} kiosks, {done.cards:,} cards "
        f"({done.followups:,} follow-up requests, {done.answers:,} answered) in {took:.0f} s"
    )
