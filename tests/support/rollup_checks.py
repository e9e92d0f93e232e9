"""The detail rollups (card_day_facets, first_answers) next to the same figures counted from
the cards, chips and answers, for the tests of the migration, the triggers and the seed."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select

from district.web.queries.page_rollups import card_day_facets, card_weeks, first_answers
from district.web.queries.rollup import RATINGS, open_followups
from district.web.queries.tables import card_choices, cards, followups


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def facets_from_cards(conn: Connection) -> dict[tuple[int, str, str, str], int]:
    c = cards.c
    counted: dict[tuple[int, str, str, str], int] = defaultdict(int)
    for row in conn.execute(select(cards).where(c.school_id.is_not(None))):
        key = (int(row.school_id), _day(row.local_date))
        counted[(*key, "role", row.role or "")] += 1
        counted[(*key, "language", row.language)] += 1
        counted[(*key, "hour", f"{row.local_weekday}-{row.local_hour}")] += 1
    chips = select(c.school_id, c.local_date, card_choices.c.kind, card_choices.c.choice).join(
        cards, c.seq == card_choices.c.card_seq
    )
    for school_id, day, kind, choice in conn.execute(chips.where(c.school_id.is_not(None))):
        counted[(int(school_id), _day(day), kind, choice)] += 1
    return dict(counted)


def facets_in_rollup(conn: Connection) -> dict[tuple[int, str, str, str], int]:
    f = card_day_facets.c
    return {
        (int(r.school_id), _day(r.local_date), r.facet, r.value): int(r.cards)
        for r in conn.execute(select(card_day_facets).where(f.cards != 0))
    }


def first_answers_from_cards(conn: Connection) -> dict[str, tuple[Any, ...]]:
    c, f = cards.c, followups.c
    found: dict[str, tuple[Any, ...]] = {}
    query = (
        select(c.id, c.school_id, c.local_date, c.created_at_utc, f.answered_at_utc,
               f.answered_by, f.seq)
        .join(followups, f.card_id == c.id)
        .where(c.followup_requested.is_(True))
        .order_by(f.answered_at_utc.desc(), f.seq.desc())
    )  # fmt: skip
    for card_id, school_id, day, asked, answered, by, seq in conn.execute(query):
        found[card_id] = (school_id, _day(day), _utc(asked), _utc(answered), by, int(seq))
    return found  # the earliest answer written last


def first_answers_in_rollup(conn: Connection) -> dict[str, tuple[Any, ...]]:
    return {
        r.card_id: (
            r.school_id,
            _day(r.local_date),
            _utc(r.created_at_utc),
            _utc(r.answered_at_utc),
            r.answered_by,
            int(r.answer_seq),
        )
        for r in conn.execute(select(first_answers))
    }


def weeks_from_cards(conn: Connection) -> dict[tuple[int, str, int], int]:
    """Cards per (school, Monday of their week, rating), counted from the cards."""
    c = cards.c
    counted: dict[tuple[int, str, int], int] = defaultdict(int)
    query = select(c.school_id, c.local_date, c.rating).where(c.school_id.is_not(None))
    for school_id, day, rating in conn.execute(query):
        local = day if isinstance(day, date) else date.fromisoformat(day)
        monday = local - timedelta(days=local.weekday())
        counted[(int(school_id), monday.isoformat(), int(rating))] += 1
    return dict(counted)


def weeks_in_rollup(conn: Connection) -> dict[tuple[int, str, int], int]:
    return {
        (int(r.school_id), _day(r.week), n): int(r[f"r{n}"])
        for r in conn.execute(select(card_weeks)).mappings()
        for n in RATINGS
        if r[f"r{n}"]
    }


def open_from_cards(conn: Connection) -> dict[str, int | None]:
    """The requests with no answer, and their card's school."""
    c = cards.c
    query = select(c.id, c.school_id).where(
        c.followup_requested.is_(True), ~c.id.in_(select(followups.c.card_id))
    )
    return {card_id: school_id for card_id, school_id in conn.execute(query)}


def open_in_rollup(conn: Connection) -> dict[str, int | None]:
    o = open_followups.c
    return {
        card_id: school_id for card_id, school_id in conn.execute(select(o.card_id, o.school_id))
    }


def assert_rollups_match(engine: Engine) -> None:
    with engine.connect() as conn:
        facets, answers = facets_from_cards(conn), first_answers_from_cards(conn)
        assert facets and facets_in_rollup(conn) == facets
        assert first_answers_in_rollup(conn) == answers
        assert weeks_in_rollup(conn) == weeks_from_cards(conn)
        assert open_in_rollup(conn) == open_from_cards(conn)
