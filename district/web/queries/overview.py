"""The overview: each school's cards, average rating and share of good and excellent in a
period and the one before it, and the trend, all read from the rollups: card_weeks for the whole
weeks of a period, card_days for the days at its ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, literal_column, select, union_all

from district.accounts import School
from district.web import periods
from district.web.periods import Period
from district.web.queries.page_rollups import card_weeks
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


def _pieces(period: Period, label: int = 1, weeks: bool = True) -> list[Select[Any]]:
    """The period's cards by rating as rows (school_id, day, current, r1..r5) that together
    cover it exactly: a card_weeks row per whole week inside it (day: its Monday) and card_days
    rows for the days at either end (``weeks`` False: card_days only); ``label`` fills the
    column ``current``. The schools are chosen around them (_covering)."""
    first_monday = period.first + timedelta(days=-period.first.weekday() % 7)
    last_sunday = period.last - timedelta(days=(period.last.weekday() + 1) % 7)
    d, w = card_days.c, card_weeks.c
    current: Any = literal_column(str(int(label))).label("current")
    ratings = [d[f"r{n}"] for n in RATINGS]

    def days(first: date, last: date) -> Select[Any]:
        return select(d.school_id, d.local_date.label("day"), current, *ratings).where(
            d.local_date.between(first, last)
        )

    if not weeks or last_sunday - first_monday < timedelta(days=6):
        return [days(period.first, period.last)]
    last_monday = last_sunday - timedelta(days=6)
    whole = select(w.school_id, w.week.label("day"), current, *(w[f"r{n}"] for n in RATINGS))
    in_weeks = w.week.between(first_monday, last_monday)
    pieces = [whole.where(in_weeks)]
    if period.first < first_monday:
        pieces.append(days(period.first, first_monday - timedelta(days=1)))
    if last_sunday < period.last:
        pieces.append(days(last_sunday + timedelta(days=1), period.last))
    return pieces


def _covering(school_ids: list[int], pieces: list[Select[Any]]) -> Any:
    """The pieces' rows of these schools. One list of ids for all of them (the databases push
    the condition into each piece, where the keys lead with the school), not one per piece:
    200 ids bound six times cost more than the query."""
    rows = union_all(*pieces).subquery() if len(pieces) > 1 else pieces[0].subquery()
    return select(rows).where(rows.c.school_id.in_(school_ids)).subquery()


def _figures_by_school(
    conn: Connection, scope: Scope, period: Period
) -> tuple[dict[int, Figures], dict[int, Figures]]:
    """Each school's figures in the period and in the one before: one pass over the rollups."""
    # The schools by id even for every school: the rollups' keys lead with the school, and
    # without it PostgreSQL reads all of card_days rather than each school's days.
    ids = scope.school_ids
    u = _covering(ids, [*_pieces(period, 1), *_pieces(period.previous(), 0)])
    sums = [func.sum(_cards(u)), func.sum(_ratings(u)), func.sum(u.c.r4 + u.c.r5)]
    query = select(u.c.school_id, u.c.current, *sums).group_by(u.c.school_id, u.c.current)
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
    """Cards and the sum of their ratings per local day, over these schools; when the trend is
    by week (periods.buckets), a whole week's in one entry, on its Monday."""
    # By day or by month a week would cross the buckets: then card_days only.
    u = _covering(school_ids, _pieces(period, weeks=periods.buckets(period) == "week"))
    query = select(u.c.day, func.sum(_cards(u)), func.sum(_ratings(u))).group_by(u.c.day)
    return {_day(d): (int(n), int(s)) for d, n, s in conn.execute(query)}


def faces(conn: Connection, school_id: int, period: Period) -> dict[int, int]:
    u = _covering([school_id], _pieces(period))
    sums = conn.execute(select(*(func.sum(u.c[f"r{n}"]) for n in RATINGS))).one()
    return {n: int(sums[n - 1] or 0) for n in RATINGS}


def _cards(u: Any) -> Any:
    return u.c.r1 + u.c.r2 + u.c.r3 + u.c.r4 + u.c.r5


def _ratings(u: Any) -> Any:
    return u.c.r1 + 2 * u.c.r2 + 3 * u.c.r3 + 4 * u.c.r4 + 5 * u.c.r5


def _day(value: object) -> date:
    # SQLite hands back a Date column's text when the statement is a plain text one.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
