"""A school's page: its chips, visitors' roles and languages and the weekday by hour heat map,
read from the rollup card_day_facets (a row per school, day and value); the latest comments
from the cards, by the partial index ix_cards_comments (school_id, local_date, created_at_utc)
of the cards that have one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, func, select

from district.web.periods import Period
from district.web.queries.page_rollups import CHIP_FACETS, card_day_facets
from district.web.queries.tables import cards

LATEST_COMMENTS = 20


def _facets(conn: Connection, school_id: int, period: Period, facets: tuple[str, ...]) -> Any:
    """(facet, value, cards) of the period, for these facets; values with no card left out."""
    f = card_day_facets.c
    total = func.sum(f.cards)
    query = (
        select(f.facet, f.value, total)
        .where(f.school_id == school_id, f.local_date.between(period.first, period.last))
        .where(f.facet.in_(facets))
        .group_by(f.facet, f.value)
        .having(total > 0)
    )
    return conn.execute(query)


def choices(conn: Connection, school_id: int, period: Period) -> dict[tuple[str, str], int]:
    """How many cards chose each chip: (kind, choice) -> count, by chip (a tie in the counts
    then goes by chip, not by the order the database handed them over)."""
    found = _facets(conn, school_id, period, CHIP_FACETS)
    return dict(sorted(((kind, choice), int(n)) for kind, choice, n in found))


@dataclass(frozen=True)
class Visitors:
    """Who came in a period: cards per role (None: not said) and per language, most first, and
    per local weekday (rows, Monday first) and hour of the day (columns)."""

    roles: dict[str | None, int]
    languages: dict[str, int]
    heat: list[list[int]]


def visitors(conn: Connection, school_id: int, period: Period) -> Visitors:
    roles: dict[str | None, int] = {}
    languages: dict[str, int] = {}
    grid = [[0] * 24 for _ in range(7)]
    for facet, value, n in _facets(conn, school_id, period, ("role", "language", "hour")):
        if facet == "role":
            roles[value or None] = int(n)
        elif facet == "language":
            languages[value] = int(n)
        else:
            weekday, hour = value.split("-")
            grid[int(weekday)][int(hour)] = int(n)
    return Visitors(_most_first(roles), _most_first(languages), grid)


def _most_first(counts: dict[Any, int]) -> dict[Any, int]:
    """Most first; a tie by value (not as the database happened to hand them over)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or "")))


@dataclass(frozen=True)
class Comment:
    written_at: datetime  # in the kiosk's local time, with its offset
    rating: int
    role: str | None
    language: str
    text: str  # the visitor's words: shown as text, never as markup


def _local(utc: datetime, offset_minutes: int) -> datetime:
    moment = utc if utc.tzinfo else utc.replace(tzinfo=UTC)
    return moment.astimezone(timezone(timedelta(minutes=offset_minutes)))


def comments(
    conn: Connection, school_id: int, period: Period, limit: int | None = LATEST_COMMENTS
) -> Iterator[Comment]:
    """The newest comments first; ``limit`` None: all of them (the export), streamed."""
    c = cards.c
    query = (
        select(c.created_at_utc, c.created_offset_minutes, c.rating, c.role, c.language, c.comment)
        .where(c.school_id == school_id, c.local_date.between(period.first, period.last))
        .where(c.comment.is_not(None), c.comment != "")  # is_not(None): the index's rows
        .order_by(c.local_date.desc(), c.created_at_utc.desc(), c.id)
    )
    if limit is not None:
        query = query.limit(limit)
    result = conn.execution_options(yield_per=1000).execute(query)
    for at, offset, rating, role, language, text in result:
        yield Comment(_local(at, offset), int(rating), role, language, text)
