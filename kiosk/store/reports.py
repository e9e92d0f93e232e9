"""What the office manager reads: day summaries, trends, filtered card pages, follow-ups.

Qt-free. Every function takes the store's sqlite3 connection and aggregates in SQL, on the
indexes ``cards_local_date``, ``cards_date_rating``, ``cards_date_resolution`` and
``cards_followups``, so a summary stays fast with a million cards in the database. Callers
outside the store run them through ``CardStore.read``, which keeps the connection and maps the
machine's failures.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from statistics import median
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.core.card import RESOLUTIONS, Card, utc_iso
from kiosk.store.card_columns import SELECT, from_row, named

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

RESPONSE_TARGET = timedelta(hours=24)
POSITIVE_FROM = 4  # faces 4 and 5 count as a positive answer

_FACE_SUMS = ", ".join(f"coalesce(sum(rating = {r}), 0)" for r in range(1, 6))


@dataclass(frozen=True)
class Tally:
    """The five faces counted; everything else follows from them."""

    faces: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)

    @property
    def cards(self) -> int:
        return sum(self.faces)

    @property
    def average(self) -> float | None:
        total = self.cards
        return (
            sum(r * n for r, n in zip(range(1, 6), self.faces, strict=True)) / total
            if total
            else None
        )

    @property
    def positive_share(self) -> float | None:
        total = self.cards
        return sum(self.faces[POSITIVE_FROM - 1 :]) / total if total else None


# --- first-contact resolution ---------------------------------------------------------------


@dataclass(frozen=True)
class Resolutions:
    """The answers to "Did you get what you came for today?" (kiosk.core.card.RESOLUTIONS)."""

    yes: int = 0
    partly: int = 0
    not_yet: int = 0

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.not_yet

    @property
    def resolved_share(self) -> float | None:
        """Resolved on the first visit: the share of yes among the cards that answered."""
        return self.yes / self.answered if self.answered else None


def resolutions(conn: sqlite3.Connection, first: date, last: date) -> Resolutions:
    counted = dict(
        conn.execute(
            "SELECT resolution, count(*) FROM cards WHERE local_date BETWEEN ? AND ? "
            "AND resolution IS NOT NULL GROUP BY resolution",
            [first.isoformat(), last.isoformat()],
        ).fetchall()
    )
    return Resolutions(*(int(counted.get(answer, 0)) for answer in RESOLUTIONS))


@dataclass(frozen=True)
class DaySummary:
    day: date
    tally: Tally
    went_well: list[tuple[str, int]]  # chip id, cards naming it; most named first
    could_improve: list[tuple[str, int]]
    by_role: list[tuple[str | None, Tally]]  # None: the visitor did not say
    by_language: list[tuple[str, Tally]]
    resolutions: Resolutions = Resolutions()


@dataclass(frozen=True)
class Trend:
    """A run of days, every day present (a day without cards has an empty tally)."""

    days: list[tuple[date, Tally]]

    @property
    def tally(self) -> Tally:
        sums = [sum(t.faces[i] for _, t in self.days) for i in range(5)]
        return Tally((sums[0], sums[1], sums[2], sums[3], sums[4]))


@dataclass(frozen=True)
class CardFilter:
    day: date
    rating: int | None = None
    role: str | None = None  # a role id, or NO_ROLE for cards whose visitor did not say
    has_comment: bool = False
    wants_followup: bool = False


NO_ROLE = ""


@dataclass(frozen=True)
class CardRow:
    """One card as the manager's list shows it (contact details stay in the follow-up queue)."""

    id: str
    created_at: datetime  # aware, the kiosk's local time
    rating: int
    role: str | None
    language: str
    went_well: list[str]
    could_improve: list[str]
    comment: str | None
    followup_requested: bool
    followup_answered: bool

    @property
    def sort_key(self) -> tuple[str, str]:
        return (utc_iso(self.created_at), self.id)


@dataclass(frozen=True)
class FollowUp:
    id: str
    created_at: datetime
    rating: int
    language: str
    role: str | None
    comment: str | None
    name: str | None
    phone: str | None
    email: str | None
    answered_at: datetime | None = None
    answered_by: str | None = None
    note: str | None = None
    went_well: tuple[str, ...] = ()  # chip ids, as on the card
    could_improve: tuple[str, ...] = ()

    @property
    def due(self) -> datetime:
        return self.created_at + RESPONSE_TARGET

    @property
    def took(self) -> timedelta | None:
        """How long the visitor waited for the answer; None while unanswered."""
        return None if self.answered_at is None else self.answered_at - self.created_at

    def time_left(self, now: datetime) -> timedelta:
        """Negative once the 24-hour response target has passed."""
        return self.due - now


def _tally(row: tuple[Any, ...]) -> Tally:
    return Tally((int(row[0]), int(row[1]), int(row[2]), int(row[3]), int(row[4])))


def day_tally(conn: sqlite3.Connection, day: date) -> Tally:
    row = conn.execute(f"SELECT {_FACE_SUMS} FROM cards WHERE local_date = ?", [day.isoformat()])
    return _tally(row.fetchone())


def day_summary(conn: sqlite3.Connection, day: date) -> DaySummary:
    when = [day.isoformat()]
    return DaySummary(
        day=day,
        tally=day_tally(conn, day),
        went_well=_top_chips(conn, "went_well", when),
        could_improve=_top_chips(conn, "could_improve", when),
        by_role=[
            (row[0], _tally(row[1:]))
            for row in conn.execute(
                f"SELECT role, {_FACE_SUMS} FROM cards WHERE local_date = ? "
                "GROUP BY role ORDER BY count(*) DESC, role",
                when,
            )
        ],
        by_language=[
            (row[0], _tally(row[1:]))
            for row in conn.execute(
                f"SELECT language, {_FACE_SUMS} FROM cards WHERE local_date = ? "
                "GROUP BY language ORDER BY count(*) DESC, language",
                when,
            )
        ],
        resolutions=resolutions(conn, day, day),
    )


def _top_chips(
    conn: sqlite3.Connection, column: str, when: list[str], match: str = "= ?"
) -> list[tuple[str, int]]:
    rows = conn.execute(
        f"SELECT chip.value, count(*) AS n FROM cards, json_each(cards.{column}) AS chip "
        f"WHERE cards.local_date {match} GROUP BY chip.value ORDER BY n DESC, chip.value",
        when,
    )
    return [(str(r[0]), int(r[1])) for r in rows]


def trend(conn: sqlite3.Connection, first: date, last: date) -> Trend:
    """Daily tallies from ``first`` to ``last`` inclusive, read from the covering index."""
    found = {
        row[0]: _tally(row[1:])
        for row in conn.execute(
            f"SELECT local_date, {_FACE_SUMS} FROM cards "
            "WHERE local_date BETWEEN ? AND ? GROUP BY local_date",
            [first.isoformat(), last.isoformat()],
        )
    }
    span = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(span)]
    return Trend([(d, found.get(d.isoformat(), Tally())) for d in days])


def week_start(day: date) -> date:
    """Monday of the school week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


# --- the day's cards -------------------------------------------------------------------------


def _where(f: CardFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = ["local_date = ?"]
    args: list[Any] = [f.day.isoformat()]
    if f.rating is not None:
        clauses.append("rating = ?")
        args.append(f.rating)
    if f.role == NO_ROLE:
        clauses.append("role IS NULL")
    elif f.role is not None:
        clauses.append("role = ?")
        args.append(f.role)
    if f.has_comment:
        clauses.append("comment IS NOT NULL AND comment != ''")
    if f.wants_followup:
        clauses.append("followup_requested = 1")
    return " AND ".join(clauses), args


def count_cards(conn: sqlite3.Connection, f: CardFilter) -> int:
    where, args = _where(f)
    return int(conn.execute(f"SELECT count(*) FROM cards WHERE {where}", args).fetchone()[0])


def card_page(
    conn: sqlite3.Connection, f: CardFilter, after: tuple[str, str] | None, limit: int
) -> list[CardRow]:
    """Up to ``limit`` cards newest first, starting after the card with sort key ``after``.

    Keyset paging: each page costs the same however far down the list the manager scrolls.
    """
    where, args = _where(f)
    if after is not None:
        where += " AND (created_at, id) < (?, ?)"
        args.extend(after)
    rows = conn.execute(
        f"SELECT {SELECT} FROM cards WHERE {where} ORDER BY created_at DESC, id DESC LIMIT ?",
        [*args, limit],
    )
    return [_card_row(from_row(r)) for r in named(rows)]


def _card_row(card: Card) -> CardRow:
    return _view(CardRow, card, followup_answered=card.followup_answered_at is not None)


V = TypeVar("V", bound="DataclassInstance")


def _view(kind: type[V], card: Card, **derived: Any) -> V:
    """A manager's view of a card: the fields the view shares with Card by name, plus the
    ones it derives."""
    shared = {f.name: getattr(card, f.name) for f in fields(kind) if f.name not in derived}
    return kind(**shared, **derived)


# --- follow-ups --------------------------------------------------------------------------------


def _followup(card: Card) -> FollowUp:
    answered = card.followup_answered_at
    return _view(
        FollowUp,
        card,
        name=card.contact_name,
        phone=card.contact_phone,
        email=card.contact_email,
        # Shown in the kiosk's time, as the card's own moment is.
        answered_at=answered.astimezone(card.created_at.tzinfo) if answered else None,
        answered_by=card.followup_answered_by,
        note=card.followup_note,
        went_well=tuple(card.went_well),
        could_improve=tuple(card.could_improve),
    )


def count_open_followups(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM cards WHERE followup_requested = 1 AND followup_answered_at IS NULL"
    )
    return int(row.fetchone()[0])


def open_followups(conn: sqlite3.Connection) -> list[FollowUp]:
    """Every visitor still waiting for an answer, the longest-waiting first."""
    rows = conn.execute(
        f"SELECT {SELECT} FROM cards "
        "WHERE followup_requested = 1 AND followup_answered_at IS NULL ORDER BY created_at"
    )
    return [_followup(from_row(r)) for r in named(rows)]


ANSWERED_SHOWN = 50


def answered_followups(conn: sqlite3.Connection, limit: int = ANSWERED_SHOWN) -> list[FollowUp]:
    """The follow-ups answered last, the most recent answer first."""
    rows = conn.execute(
        f"SELECT {SELECT} FROM cards WHERE followup_requested = 1 "
        "AND followup_answered_at IS NOT NULL ORDER BY followup_answered_at DESC, id LIMIT ?",
        [limit],
    )
    return [_followup(from_row(r)) for r in named(rows)]


def day_comments(conn: sqlite3.Connection, day: date) -> list[tuple[datetime, int, str]]:
    """(time, face, comment) of the day's cards that carry a comment, in the order they came."""
    rows = conn.execute(
        f"SELECT {SELECT} FROM cards "
        "WHERE local_date = ? AND comment IS NOT NULL AND comment != '' ORDER BY created_at",
        [day.isoformat()],
    )
    cards = [from_row(r) for r in named(rows)]
    return [(c.created_at, c.rating, str(c.comment)) for c in cards]


# --- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpFigures:
    """The follow-ups asked for in a period: how many, how many answered, how fast."""

    asked: int
    answered: int
    median_wait: timedelta | None  # request to answer, over the answered ones


@dataclass(frozen=True)
class DayReport:
    """One day of the report: its figures and its comments."""

    summary: DaySummary
    comments: list[tuple[datetime, int, str]]

    @property
    def day(self) -> date:
        return self.summary.day


@dataclass(frozen=True)
class PeriodReport:
    """The whole report, read before the first line is painted, so a database that fails
    midway leaves no half-painted document behind."""

    days: list[DayReport]  # from the first day to the last, every day present
    trend: Trend  # the period, or the week ending on its last day when it is shorter
    previous: Tally  # the same number of days just before the first
    went_well: list[tuple[str, int]]
    could_improve: list[tuple[str, int]]
    followups: FollowUpFigures
    resolutions: Resolutions

    @property
    def first(self) -> date:
        return self.days[0].day

    @property
    def last(self) -> date:
        return self.days[-1].day

    @property
    def tally(self) -> Tally:
        return Trend([(d.day, d.summary.tally) for d in self.days]).tally


TREND_AT_LEAST = 7  # days: a trend of one or two days says nothing


def period_report(conn: sqlite3.Connection, first: date, last: date) -> PeriodReport:
    """The report from ``first`` to ``last`` inclusive."""
    span = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(span)]
    shown_from = min(first, last - timedelta(days=TREND_AT_LEAST - 1))
    when = [first.isoformat(), last.isoformat()]
    return PeriodReport(
        days=[DayReport(day_summary(conn, d), day_comments(conn, d)) for d in days],
        trend=trend(conn, shown_from, last),
        previous=trend(conn, first - timedelta(days=span), first - timedelta(days=1)).tally,
        went_well=_top_chips(conn, "went_well", when, "BETWEEN ? AND ?"),
        could_improve=_top_chips(conn, "could_improve", when, "BETWEEN ? AND ?"),
        followups=_followup_figures(conn, first, last),
        resolutions=resolutions(conn, first, last),
    )


def _followup_figures(conn: sqlite3.Connection, first: date, last: date) -> FollowUpFigures:
    rows = conn.execute(
        f"SELECT {SELECT} FROM cards WHERE local_date BETWEEN ? AND ? AND followup_requested = 1",
        [first.isoformat(), last.isoformat()],
    )
    asked = [_followup(from_row(r)) for r in named(rows)]
    waits = [f.took.total_seconds() for f in asked if f.took is not None]
    middle = timedelta(seconds=median(waits)) if waits else None
    return FollowUpFigures(len(asked), len(waits), middle)
