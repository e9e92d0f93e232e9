"""`kiosk-receiver seed` makes a district that reads like one: its cards, chips, follow-ups and
kiosks agree with each other and with the rollups, on SQLite (rows built in Python) and on
PostgreSQL (rows made by the database, the same cards for the same plan and seed); a database
that has schools already is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner
from receiver_harness import Postgres
from rollup_checks import assert_rollups_match
from sqlalchemy import Connection, create_engine, func, select, text

from district import schema, seed, seed_postgres
from district.cli import main
from district.db import open_database
from district.web.queries.rollup import card_days, open_followups
from district.web.queries.tables import card_choices, cards, followups, kiosks, schools


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.output + result.stderr


def count(conn: Connection, table: Any, *where: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def test_a_seeded_district_is_consistent(database_url: str) -> None:
    args = ["seed", "--database", database_url, "--schools", "4", "--kiosks", "10",
            "--cards", "3000", "--days", "60"]  # fmt: skip
    assert run("migrate", "--database", database_url)[0] == 0  # PostgreSQL: a person migrates
    code, out = run(*args)
    assert code == 0, out
    assert "seeded 4 schools, 10 kiosks, 3,000 cards" in out
    engine = open_database(database_url)
    try:
        with engine.connect() as conn:
            assert count(conn, schools) == 4 and count(conn, kiosks) == 10
            assert count(conn, cards) == 3000
            r = card_days.c
            assert conn.execute(select(func.sum(r.r1 + r.r2 + r.r3 + r.r4 + r.r5))).scalar() == 3000
            # Every card comes from a kiosk of its own school, on a day and hour that agree.
            stray = conn.execute(
                select(func.count())
                .select_from(cards.join(kiosks, kiosks.c.kiosk_id == cards.c.kiosk_id))
                .where(kiosks.c.school_id != cards.c.school_id)
            ).scalar_one()
            assert stray == 0
            assert count(conn, cards, ~cards.c.rating.between(1, 5)) == 0
            assert count(conn, cards, ~cards.c.local_hour.between(0, 23)) == 0
            assert {row[0] for row in conn.execute(select(cards.c.language).distinct())} >= {
                "en",
                "es",
            }
            assert count(conn, card_choices) > 1000
            asked = count(conn, cards, cards.c.followup_requested.is_(True))
            answered = count(conn, followups)
            assert 0 < answered < asked
            assert count(conn, open_followups) == asked - answered
            # Some kiosks are quiet or were never seen.
            assert count(conn, kiosks, kiosks.c.last_heartbeat_at.is_(None)) <= 10
            assert count(conn, cards, cards.c.comment.is_not(None)) > 300
        assert_rollups_match(engine)  # the school page's and follow-ups' rollups too
    finally:
        engine.dispose()
    code, out = run(*args)
    assert code == 1 and "seed an empty district" in out


@pytest.mark.postgres
def test_the_postgres_seed_makes_the_same_cards_for_the_same_plan(postgres: Postgres) -> None:
    now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    admin = create_engine(postgres.url, isolation_level="AUTOCOMMIT")
    made: list[list[Any]] = []
    try:
        for name, plan_seed in [("seed_a", 7), ("seed_b", 7), ("seed_c", 8)]:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                conn.execute(text(f"CREATE DATABASE {name}"))
            engine = open_database(postgres.url.rsplit("/", 1)[0] + f"/{name}")
            try:
                schema.upgrade(engine)
                plan = seed.Plan(schools=3, kiosks=6, cards=2000, days=60, seed=plan_seed)
                seed_postgres.seed(engine, plan, now, lambda _line: None)
                with engine.connect() as conn:
                    rows = conn.execute(select(cards).order_by(cards.c.seq)).all()
                    chips = conn.execute(select(card_choices).order_by(*card_choices.c)).all()
                    answers = conn.execute(
                        select(followups.c.answer_key, followups.c.body).order_by(
                            followups.c.answer_key
                        )
                    ).all()
                made.append([rows, chips, answers])
            finally:
                engine.dispose()
    finally:
        with admin.connect() as conn:
            for name in ("seed_a", "seed_b", "seed_c"):
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    assert len(made[0][0]) == 2000 and made[0][1] and made[0][2]
    assert made[0] == made[1]  # the same plan and seed: the same cards, chips and answers
    assert made[0][0] != made[2][0]  # another seed: other cards
