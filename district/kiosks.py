"""The district's kiosks: registered with ``kiosk add`` (or by importing today's tokens file),
each at most at one school. A kiosk's heartbeats fill in the rest of its row (district.db)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from district.accounts import school_by_slug
from district.db import cards, kiosks
from sync.protocol import KIOSK_ID_PATTERN


class KioskError(ValueError):
    """A kiosk request that cannot be carried out; the message names the field."""


_KIOSK_ID = re.compile(KIOSK_ID_PATTERN)


def school_id_of(conn: Connection, slug: str) -> int:
    school = school_by_slug(conn, slug)
    if school is None:
        raise KioskError(f"school: no school {slug!r} (add it with: school add)")
    return school.id


def add_kiosk(
    conn: Connection, kiosk_id: str, school_slug: str, label: str | None, now: datetime
) -> None:
    """Register a kiosk at a school. A kiosk known so far only from its heartbeats is
    registered in place; one registered already is refused."""
    if not _KIOSK_ID.match(kiosk_id):
        raise KioskError("kiosk: letters, digits and . _ -, starting with a letter or digit (1-64)")
    if label is not None:
        label = label.strip()
        if not 1 <= len(label) <= 120:
            raise KioskError("label: 1 to 120 characters")
    school_id = school_id_of(conn, school_slug)
    found = conn.execute(select(kiosks.c.registered_at).where(kiosks.c.kiosk_id == kiosk_id))
    row = found.first()
    if row is not None and row.registered_at is not None:
        raise KioskError(f"kiosk: {kiosk_id!r} exists already")
    values = {"school_id": school_id, "label": label, "registered_at": now.astimezone(UTC)}
    if row is None:
        conn.execute(kiosks.insert().values(kiosk_id=kiosk_id, **values))
    else:
        conn.execute(update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(values))
    _claim_cards(conn, [kiosk_id], school_id)


def assign(conn: Connection, kiosk_id: str, school_slug: str) -> None:
    """Move a kiosk to a school; its cards that had no school yet go with it (cards keep the
    school they arrived under)."""
    school_id = school_id_of(conn, school_slug)
    done = conn.execute(
        update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(school_id=school_id)
    )
    if done.rowcount == 0:
        raise KioskError(f"kiosk: no kiosk {kiosk_id!r} (add it with: kiosk add)")
    _claim_cards(conn, [kiosk_id], school_id)


def ensure_kiosks(
    conn: Connection, kiosk_ids: Sequence[str], now: datetime, school_id: int | None
) -> list[str]:
    """Register those of ``kiosk_ids`` not registered yet (at ``school_id``, or none); the
    unassigned ones among the others are assigned to it. Returns the ids registered now."""
    if not kiosk_ids:
        return []
    rows = conn.execute(
        select(kiosks.c.kiosk_id, kiosks.c.registered_at, kiosks.c.school_id).where(
            kiosks.c.kiosk_id.in_(kiosk_ids)
        )
    ).all()
    known = {r.kiosk_id: r for r in rows}
    moment = now.astimezone(UTC)
    added = [k for k in kiosk_ids if k not in known]
    if added:
        conn.execute(
            kiosks.insert(),
            [{"kiosk_id": k, "school_id": school_id, "registered_at": moment} for k in added],
        )
    unregistered = [k for k, r in known.items() if r.registered_at is None]
    if unregistered:
        conn.execute(
            update(kiosks).where(kiosks.c.kiosk_id.in_(unregistered)).values(registered_at=moment)
        )
    if school_id is not None:
        unassigned = [k for k, r in known.items() if r.school_id is None]
        if unassigned:
            conn.execute(
                update(kiosks).where(kiosks.c.kiosk_id.in_(unassigned)).values(school_id=school_id)
            )
        _claim_cards(conn, [*added, *unassigned], school_id)
    return added


def _claim_cards(conn: Connection, kiosk_ids: Sequence[str], school_id: int) -> None:
    if kiosk_ids:
        conn.execute(
            update(cards)
            .where(cards.c.kiosk_id.in_(kiosk_ids), cards.c.school_id.is_(None))
            .values(school_id=school_id)
        )
