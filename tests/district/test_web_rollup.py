"""The overview's rollup (card_days) always equals the cards: filled by its migration from the
cards already there, and kept by the trigger on every insert since, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from district_fill import fill
from sqlalchemy import Connection, func, select
from web_harness import Site

from district.web.queries.rollup import RATINGS, card_days
from district.web.queries.tables import cards
from district.web.settings import WebSettings

ROLLUP_REVISION = "0003_dashboard_rollups"


@pytest.fixture
def site(database_url: str, tokens_file: Path) -> Iterator[Site]:
    with Site(database_url, tokens_file, WebSettings()) as running:
        yield running


def counted(conn: Connection) -> tuple[dict[tuple[int, str, int], int], ...]:
    """Cards per (school, day, rating), counted from the cards and as the rollup has them."""
    c = cards.c
    from_cards = (
        select(c.school_id, c.local_date, c.rating, func.count())
        .where(c.school_id.is_not(None))
        .group_by(c.school_id, c.local_date, c.rating)
    )
    counts = {(int(s), str(d), int(rating)): int(n) for s, d, rating, n in conn.execute(from_cards)}
    rollup = {
        (int(row.school_id), str(row.local_date), n): int(row[f"r{n}"])
        for row in conn.execute(select(card_days)).mappings()
        for n in RATINGS
        if row[f"r{n}"]
    }
    return counts, rollup


def test_the_rollup_is_filled_by_its_migration_and_kept_by_each_insert(site: Site) -> None:
    fill(site)
    engine = site.server.engine
    with engine.connect() as conn:
        from_cards, rollup = counted(conn)
    assert from_cards and rollup == from_cards
    assert sum(rollup.values()) == 7  # district_fill's cards, all at a school
