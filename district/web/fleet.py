"""A kiosk's state on the fleet page, from its last heartbeat: ONLINE within two sync intervals,
WAITING up to the waiting limit, OFFLINE after it, NEVER when it has not called at all; and the
order that puts problems first."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from district.web.settings import WebSettings


class State(enum.StrEnum):
    ONLINE = "online"
    WAITING = "waiting"
    OFFLINE = "offline"
    NEVER = "never"


LOW_DISK_BYTES = 500 * 1024 * 1024
"""Below this a kiosk is listed among the problems: its card store may soon fill the disk."""
SKEW_LIMIT = timedelta(minutes=5)
"""A clock further off than this dates its cards wrongly in the school's local hours."""


def state(last_heartbeat: datetime | None, now: datetime, settings: WebSettings) -> State:
    if last_heartbeat is None:
        return State.NEVER
    quiet = now - last_heartbeat
    if quiet <= settings.online_within:
        return State.ONLINE
    if quiet <= max(settings.waiting_limit, settings.online_within):
        return State.WAITING
    return State.OFFLINE


@dataclass(frozen=True)
class KioskRow:
    kiosk_id: str
    label: str | None
    school_id: int | None
    school_name: str | None
    state: State
    last_heartbeat: datetime | None
    app_version: str | None
    pending: int | None
    oldest_pending_seconds: float | None
    disk_free_bytes: int | None
    clock_skew_seconds: float | None
    last_error: str | None

    @property
    def warnings(self) -> int:
        """How many things are wrong beside the state: an error, low disk, a wrong clock."""
        return sum(
            (
                bool(self.last_error),
                self.disk_free_bytes is not None and self.disk_free_bytes < LOW_DISK_BYTES,
                self.clock_skew_seconds is not None
                and abs(self.clock_skew_seconds) > SKEW_LIMIT.total_seconds(),
            )
        )


_STATE_ORDER = {State.OFFLINE: 0, State.NEVER: 1, State.WAITING: 2, State.ONLINE: 3}


def problems_first(rows: list[KioskRow]) -> list[KioskRow]:
    """Offline, then never seen, then waiting, then online; within each, kiosks with more
    warnings and more pending cards first, then by school and id (a stable order to scan)."""
    return sorted(
        rows,
        key=lambda r: (
            _STATE_ORDER[r.state],
            -r.warnings,
            -(r.pending or 0),
            r.school_name or "",
            r.kiosk_id,
        ),
    )
