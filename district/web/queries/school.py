"""A school's page: its chips, visitors' roles and languages, the weekday by hour heat map and
the latest comments, read from the cards of that one school (index school_id, local_date)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, func, select

from district.web.periods import Period
from district.web.queries.tables import card_choices, cards

LATEST_COMMENTS = 20


def _in(school_id: int, period: Period) -> list[Any]:
    c = cards.c
    return [c.school_id == school_id, c.local_date.between(period.first, period.last)]


def choices(conn: Connection, school_id: int, period: Period) -> dict[tuple[str, str], int]:
    """How many cards chose each chip: (kind, choice) -> count."""
    query = (
        select(card_choices.c.kind, card_choices.c.choice, func.count())
        .select_from(card_choices.join(cards, cards.c.seq == card_choices.c.card_seq))
        .where(*_in(school_id, period))
        .group_by(card_choices.c.kind, card_choices.c.choice)
    )
    return {(kind, choice): int(n) for kind, choice, n in conn.execute(query)}


def counted_by(conn: Connection, school_id: int, period: Period, name: str) -> dict[Any, int]:
    """Cards per value of one column (``role`` or ``language``), most first."""
    column = cards.c[name]
    query = select(column, func.count()).where(*_in(school_id, period)).group_by(column)
    return dict(sorted(((v, int(n)) for v, n in conn.execute(query)), key=lambda kv: -kv[1]))


def heat(conn: Connection, school_id: int, period: Period) -> list[list[int]]:
    """Cards per local weekday (rows, Monday first) and hour of the day (columns)."""
    c = cards.c
    grid = [[0] * 24 for _ in range(7)]
    query = (
        select(c.local_weekday, c.local_hour, func.count())
        .where(*_in(school_id, period))
        .group_by(c.local_weekday, c.local_hour)
    )
    for weekday, hour, n in conn.execute(query):
        grid[int(weekday)][int(hour)] = int(n)
    return grid


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
        .where(*_in(school_id, period))
        .where(c.comment.is_not(None), c.comment != "")
        .order_by(c.local_date.desc(), c.created_at_utc.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    result = conn.execution_options(yield_per=1000).execute(query)
    for at, offset, rating, role, language, text in result:
        yield Comment(_local(at, offset), int(rating), role, language, text)
