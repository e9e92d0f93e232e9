"""The overview: each school's cards, average rating and share of good and excellent in a
period and the one before it, and the trend, all read from the rollup (card_days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from district.accounts import School
from district.web.periods import Period
from district.web.queries.rollup import RATINGS, card_days
from district.web.queries.scope import Scope


@dataclass(frozen=True)
class Figures:
    cards: int
    rating_sum: int
    good: int  # cards rated good or excellent (4 or 5)

    @property
    def average(self) -> float | None:
        return self.rating_sum / self.cards if self.cards else None

    @property
    def good_share(self) -> float | None:
        return self.good / self.cards if self.cards else None


NONE = Figures(0, 0, 0)


@dataclass(frozen=True)
class SchoolRow:
    school: School
    now: Figures
    before: Figures

    @property
    def change(self) -> float | None:
        """The average rating's change against the previous period (None: nothing to compare)."""
        if self.now.average is None or self.before.average is None:
            return None
        return self.now.average - self.before.average


def _figures_by_school(
    conn: Connection, scope: Scope, period: Period
) -> tuple[dict[int, Figures], dict[int, Figures]]:
    """Each school's figures in the period and in the one before: one pass over the rollup."""
    c = card_days.c
    before = period.previous()
    current = c.local_date >= period.first
    query = (
        select(
            c.school_id,
            current.label("current"),
            func.sum(_cards()),
            func.sum(_ratings()),
            func.sum(c.r4 + c.r5),
        )
        .where(c.school_id.in_(scope.school_ids))
        .where(c.local_date.between(before.first, period.last))
        .group_by(c.school_id, current)
    )
    found: tuple[dict[int, Figures], dict[int, Figures]] = ({}, {})
    for school_id, is_current, n, total, good in conn.execute(query):
        found[0 if is_current else 1][school_id] = Figures(
            int(n or 0), int(total or 0), int(good or 0)
        )
    return found


def schools(conn: Connection, scope: Scope, period: Period) -> list[SchoolRow]:
    """Every school the person may see, best average first; a school with no cards last."""
    now, before = _figures_by_school(conn, scope, period)
    rows = [SchoolRow(s, now.get(s.id, NONE), before.get(s.id, NONE)) for s in scope.schools]
    return sorted(rows, key=lambda r: (r.now.average is None, -(r.now.average or 0), r.school.name))


def total(rows: list[SchoolRow]) -> tuple[Figures, Figures]:
    def add(figures: list[Figures]) -> Figures:
        return Figures(
            sum(f.cards for f in figures),
            sum(f.rating_sum for f in figures),
            sum(f.good for f in figures),
        )

    return add([r.now for r in rows]), add([r.before for r in rows])


def by_change(rows: list[SchoolRow]) -> list[SchoolRow]:
    """Schools that can be compared, the biggest rise first and the biggest fall last."""
    return sorted((r for r in rows if r.change is not None), key=lambda r: -(r.change or 0))


def daily(conn: Connection, school_ids: list[int], period: Period) -> dict[date, tuple[int, int]]:
    """Cards and the sum of their ratings per local day, over these schools."""
    c = card_days.c
    query = (
        select(c.local_date, func.sum(_cards()), func.sum(_ratings()))
        .where(c.school_id.in_(school_ids))
        .where(c.local_date.between(period.first, period.last))
        .group_by(c.local_date)
    )
    return {_day(d): (int(n), int(s)) for d, n, s in conn.execute(query)}


def faces(conn: Connection, school_id: int, period: Period) -> dict[int, int]:
    c = card_days.c
    query = (
        select(*(func.sum(c[f"r{n}"]) for n in RATINGS))
        .where(c.school_id == school_id)
        .where(c.local_date.between(period.first, period.last))
    )
    sums = conn.execute(query).one()
    return {n: int(sums[n - 1] or 0) for n in RATINGS}


def _cards() -> Any:
    c = card_days.c
    return c.r1 + c.r2 + c.r3 + c.r4 + c.r5


def _ratings() -> Any:
    c = card_days.c
    return c.r1 + 2 * c.r2 + 3 * c.r3 + 4 * c.r4 + 5 * c.r5


def _day(value: object) -> date:
    # SQLite hands back a Date column's text when the statement is a plain text one.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
