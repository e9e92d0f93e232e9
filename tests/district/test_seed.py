"""`kiosk-receiver seed` makes a district that reads like one: its cards, chips, follow-ups and
kiosks agree with each other and with the rollups, on SQLite (rows built in Python) and on
PostgreSQL (rows made by the database); a database that has schools already is refused."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner
from sqlalchemy import Connection, func, select

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
    finally:
        engine.dispose()
    code, out = run(*args)
    assert code == 1 and "seed an empty district" in out
