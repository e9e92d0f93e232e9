"""What the sync panel shows, as the sync worker reports it. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncStatus:
    pending: int  # final cards the district has not acknowledged yet
    last_success: datetime | None = None
    last_error: str | None = None  # worded for a person, e.g. "kiosk not authorised"
    running: bool = False
