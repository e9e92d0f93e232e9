"""The fleet page's kiosks: every registered or heard-from kiosk the person may see, with its
school and last heartbeat."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, or_, select

from district.web import fleet
from district.web.fleet import KioskRow
from district.web.queries.scope import Scope
from district.web.queries.tables import kiosks, schools
from district.web.settings import WebSettings


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def rows(conn: Connection, scope: Scope, now: datetime, settings: WebSettings) -> list[KioskRow]:
    k = kiosks.c
    visible = k.school_id.in_(scope.school_ids)
    query = (
        select(kiosks, schools.c.name.label("school_name"))
        .select_from(kiosks.outerjoin(schools, schools.c.id == k.school_id))
        .where(or_(visible, k.school_id.is_(None)) if scope.unassigned_kiosks else visible)
    )
    found = []
    for r in conn.execute(query):
        beat, sent = _aware(r.last_heartbeat_at), _aware(r.last_heartbeat_sent_at)
        found.append(
            KioskRow(
                kiosk_id=r.kiosk_id,
                label=r.label,
                school_id=r.school_id,
                school_name=r.school_name,
                state=fleet.state(beat, now, settings),
                last_heartbeat=beat,
                app_version=r.app_version,
                pending=r.pending,
                oldest_pending_seconds=r.oldest_pending_age_seconds,
                disk_free_bytes=r.disk_free_bytes,
                clock_skew_seconds=(sent - beat).total_seconds() if sent and beat else None,
                last_error=r.last_error,
            )
        )
    return fleet.problems_first(found)
