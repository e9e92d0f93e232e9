"""Follow-ups: the visitors who asked to be contacted, in the schools the person may see.

A request is answered by its earliest answer from the kiosk; open while it has none (then it is
in open_followups, kept by the database); overdue when open for longer than the setting (24 h).
Open requests are listed whatever their date (they still need someone), answered ones by the
period. Contact details are selected only for a person who may see them, so a viewer's page and
export never hold them."""

from __future__ import annotations

import enum
import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, Select, and_, case, exists, func, select

from district.web.periods import Period
from district.web.queries.rollup import open_followups
from district.web.queries.scope import Scope
from district.web.queries.tables import cards, followups, schools

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


def _answered() -> Any:
    f = followups.c
    return exists().where(f.card_id == cards.c.id)


def _first_answer(column: str) -> Any:
    f = followups.c
    return (
        select(followups.c[column])
        .where(f.card_id == cards.c.id)
        .order_by(f.answered_at_utc, f.seq)
        .limit(1)
        .scalar_subquery()
    )


def _select(scope: Scope, only_open: bool = False) -> Select[Any]:
    c = cards.c
    contact = [c.contact_name, c.contact_phone, c.contact_email] if scope.contacts else []
    return (
        select(
            c.id,
            schools.c.name,
            c.kiosk_id,
            c.created_at_utc,
            c.created_offset_minutes,
            c.rating,
            c.comment,
            *contact,
            _first_answer("answered_at_utc").label("answered_at"),
            _first_answer("answered_by").label("answered_by"),
        )
        .select_from(_requests(only_open))
        .where(c.followup_requested.is_(True), c.school_id.in_(scope.school_ids))
    )


def _requests(only_open: bool) -> Any:
    """Cards with their school; only the open requests' (open_followups, a few rows) when
    asked, so that the oldest open ones are found without reading every request."""
    joined = cards.join(schools, schools.c.id == cards.c.school_id)
    if only_open:
        joined = open_followups.join(cards, cards.c.id == open_followups.c.card_id).join(
            schools, schools.c.id == cards.c.school_id
        )
    return joined


def _asked_in(period: Period) -> Any:
    """Cards of the period's local dates, bounded in UTC too (a local day is within 14 hours of
    its UTC one): the index on (followup_requested, school_id, created_at_utc) then reads only
    the period's requests instead of every request ever made."""
    c = cards.c
    start = datetime.combine(period.first, time(), UTC) - timedelta(hours=14)
    end = datetime.combine(period.last, time(), UTC) + timedelta(days=1, hours=14)
    return and_(
        c.created_at_utc >= start,
        c.created_at_utc < end,
        c.local_date.between(period.first, period.last),
    )


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
    """Unanswered requests, the longest waiting first."""
    query = _select(scope, only_open=True).order_by(
        open_followups.c.created_at_utc, open_followups.c.card_id
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
    """Requests made in the period and answered, the newest first."""
    c = cards.c
    query = (
        _select(scope)
        .where(_answered(), _asked_in(period))
        .order_by(c.local_date.desc(), c.created_at_utc.desc())
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
    c = cards.c
    asked = and_(c.followup_requested.is_(True), c.school_id.in_(scope.school_ids))
    cutoff = now - overdue_after
    o = open_followups.c
    open_counts = {
        school_id: (int(n), int(late or 0))
        for school_id, n, late in conn.execute(
            select(
                c.school_id,
                func.count(),
                func.sum(case((o.created_at_utc < cutoff, 1), else_=0)),
            )
            .select_from(open_followups.join(cards, cards.c.id == o.card_id))
            .where(c.school_id.in_(scope.school_ids))
            .group_by(c.school_id)
        )
    }
    waits: dict[int, list[float]] = defaultdict(list)
    answered_at = _first_answer("answered_at_utc")
    query = select(c.school_id, c.created_at_utc, answered_at).where(
        asked, _answered(), _asked_in(period)
    )
    for school_id, at, answer in conn.execution_options(yield_per=5000).execute(query):
        waits[school_id].append((_aware(answer) - _aware(at)).total_seconds())
    rows = []
    for school in scope.schools:
        n_open, n_late = open_counts.get(school.id, (0, 0))
        mine = waits.get(school.id, [])
        median = timedelta(seconds=statistics.median(mine)) if mine else None
        rows.append(SchoolFollowups(school.id, school.name, n_open, n_late, len(mine), median))
    return sorted(rows, key=lambda r: (-r.overdue, -r.open, r.school_name))
