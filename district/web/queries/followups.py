"""Follow-ups: the visitors who asked to be contacted, in the schools the person may see.

A request is answered by its earliest answer from the kiosk (then it is in first_answers); open
while it has none (then it is in open_followups; both kept by the database); overdue when open
for longer than the setting (24 h). Open requests are listed whatever their date (they still
need someone), answered ones by the period. Contact details are selected only for a person who
may see them, so a viewer's page and export never hold them."""

from __future__ import annotations

import enum
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Float,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    select,
)

from district.web.periods import Period
from district.web.queries import scope as scope_q
from district.web.queries.page_rollups import first_answers
from district.web.queries.rollup import open_followups
from district.web.queries.scope import Scope
from district.web.queries.tables import cards, schools

SHOWN = 50
"""Rows of each kind a page lists; the export has them all."""


class Status(enum.StrEnum):
    OVERDUE = "overdue"
    OPEN = "open"
    ANSWERED = "answered"


@dataclass(frozen=True)
class Request:
    card_id: str
    school_name: str
    kiosk_id: str
    asked_at: datetime  # the kiosk's local time
    rating: int
    comment: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    status: Status
    answered_at: datetime | None
    answered_by: str | None
    waited: timedelta  # until the answer, or until now when open


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _select(scope: Scope, *answer: Any) -> Select[Any]:
    """A request's columns, the contact only for a person who may see it; ``answer``: its
    answered_at and answered_by (NULLs for the open ones)."""
    c = cards.c
    contact = [c.contact_name, c.contact_phone, c.contact_email] if scope.contacts else []
    return select(
        c.id,
        schools.c.name,
        c.kiosk_id,
        c.created_at_utc,
        c.created_offset_minutes,
        c.rating,
        c.comment,
        *contact,
        *answer,
    )


def _answered_in(scope: Scope, period: Period) -> list[Any]:
    """first_answers of requests made in the period's local days, in the person's schools: the
    index (school_id, local_date, created_at_utc) reads only those."""
    a = first_answers.c
    in_days = a.local_date.between(period.first, period.last)
    return [scope_q.at(a.school_id, scope.school_filter), in_days]


def _request(row: Any, scope: Scope, now: datetime, overdue_after: timedelta) -> Request:
    asked = _aware(row.created_at_utc)
    answered = _aware(row.answered_at) if row.answered_at is not None else None
    if answered is not None:
        status = Status.ANSWERED
    else:
        status = Status.OVERDUE if now - asked > overdue_after else Status.OPEN
    return Request(
        card_id=row.id,
        school_name=row.name,
        kiosk_id=row.kiosk_id,
        asked_at=asked.astimezone(timezone(timedelta(minutes=row.created_offset_minutes))),
        rating=int(row.rating),
        comment=row.comment,
        contact_name=row.contact_name if scope.contacts else None,
        contact_phone=row.contact_phone if scope.contacts else None,
        contact_email=row.contact_email if scope.contacts else None,
        status=status,
        answered_at=answered,
        answered_by=row.answered_by,
        waited=(answered or now) - asked,
    )


def open_requests(
    conn: Connection, scope: Scope, now: datetime, overdue_after: timedelta, limit: int | None
) -> Iterator[Request]:
    """Unanswered requests, the longest waiting first: open_followups (a few rows) in order,
    each with its card."""
    o = open_followups.c
    none = literal(None, DateTime(timezone=True))
    query = (
        _select(scope, none.label("answered_at"), literal(None, String).label("answered_by"))
        .select_from(
            open_followups.join(cards, cards.c.id == o.card_id).join(
                schools, schools.c.id == cards.c.school_id
            )
        )
        .where(scope_q.at(o.school_id, scope.school_filter))
        .order_by(o.created_at_utc, o.card_id)
    )
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execution_options(yield_per=1000).execute(query):
        yield _request(row, scope, now, overdue_after)


def answered_requests(
    conn: Connection,
    scope: Scope,
    period: Period,
    now: datetime,
    overdue_after: timedelta,
    limit: int | None,
) -> Iterator[Request]:
    """Requests made in the period and answered, the newest first: first_answers in order, each
    with its card (one indexed query, no lookup per request)."""
    a = first_answers.c
    query = (
        _select(scope, a.answered_at_utc.label("answered_at"), a.answered_by)
        .select_from(
            first_answers.join(cards, cards.c.id == a.card_id).join(
                schools, schools.c.id == a.school_id
            )
        )
        .where(*_answered_in(scope, period))
        .order_by(a.local_date.desc(), a.created_at_utc.desc(), a.card_id)
    )
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execution_options(yield_per=1000).execute(query):
        yield _request(row, scope, now, overdue_after)


@dataclass(frozen=True)
class SchoolFollowups:
    school_id: int
    school_name: str
    open: int
    overdue: int
    answered: int
    median_wait: timedelta | None


def by_school(
    conn: Connection, scope: Scope, period: Period, now: datetime, overdue_after: timedelta
) -> list[SchoolFollowups]:
    """Per school: open and overdue now, answered in the period and the median time to answer."""
    cutoff = now - overdue_after
    o = open_followups.c
    late = func.sum(case((o.created_at_utc < cutoff, 1), else_=0))
    open_counts = {
        school_id: (int(n), int(n_late or 0))
        for school_id, n, n_late in conn.execute(
            select(o.school_id, func.count(), late)
            .where(scope_q.at(o.school_id, scope.school_filter))
            .group_by(o.school_id)
        )
    }
    answered = _medians(conn, scope, period)
    rows = []
    for school in scope.schools:
        n_open, n_late = open_counts.get(school.id, (0, 0))
        n_answered, median = answered.get(school.id, (0, None))
        rows.append(SchoolFollowups(school.id, school.name, n_open, n_late, n_answered, median))
    return sorted(rows, key=lambda r: (-r.overdue, -r.open, r.school_name))


def _medians(
    conn: Connection, scope: Scope, period: Period
) -> dict[int, tuple[int, timedelta | None]]:
    """Each school's requests answered in the period and their median wait, from first_answers:
    PostgreSQL computes the median itself; SQLite (a small district) hands the waits over."""
    a = first_answers.c
    if conn.dialect.name == "postgresql":
        seconds = func.extract("epoch", a.answered_at_utc - a.created_at_utc)
        median = func.percentile_cont(0.5).within_group(cast(seconds, Float))
        query = (
            select(a.school_id, func.count(), median)
            .where(*_answered_in(scope, period))
            .group_by(a.school_id)
        )
        return {
            school_id: (int(n), timedelta(seconds=float(m)))
            for school_id, n, m in conn.execute(query)
        }
    waits: dict[int, list[float]] = defaultdict(list)
    query = select(a.school_id, a.created_at_utc, a.answered_at_utc).where(
        *_answered_in(scope, period)
    )
    for school_id, at, answer in conn.execution_options(yield_per=5000).execute(query):
        waits[school_id].append((_aware(answer) - _aware(at)).total_seconds())
    return {
        school_id: (len(mine), timedelta(seconds=statistics.median(mine)))
        for school_id, mine in waits.items()
    }
