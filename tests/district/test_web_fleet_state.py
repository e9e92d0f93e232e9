"""A kiosk's state from its last heartbeat and the settings, and problems first."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from district.web import fleet
from district.web.fleet import KioskRow, State
from district.web.settings import WebSettings

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
SETTINGS = WebSettings(sync_interval_seconds=60, waiting_limit_minutes=30)


@pytest.mark.parametrize(
    ("quiet", "expected"),
    [
        (timedelta(seconds=0), State.ONLINE),
        (timedelta(seconds=120), State.ONLINE),
        (timedelta(seconds=121), State.WAITING),
        (timedelta(minutes=30), State.WAITING),
        (timedelta(minutes=30, seconds=1), State.OFFLINE),
        (None, State.NEVER),
    ],
)
def test_the_state_follows_the_last_heartbeat(quiet: timedelta | None, expected: State) -> None:
    beat = None if quiet is None else NOW - quiet
    assert fleet.state(beat, NOW, SETTINGS) is expected


def test_a_waiting_limit_shorter_than_two_intervals_never_calls_a_fresh_kiosk_offline() -> None:
    settings = WebSettings(sync_interval_seconds=3600, waiting_limit_minutes=5)
    assert fleet.state(NOW - timedelta(minutes=90), NOW, settings) is State.ONLINE


def row(kiosk_id: str, state: State, **changes: object) -> KioskRow:
    base = KioskRow(kiosk_id, None, 1, "Lincoln", state, None, "1.4.2", 0, None, 10**10, 0.0,
                    None)  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_problems_come_first() -> None:
    rows = [
        row("a-online", State.ONLINE),
        row("b-online-error", State.ONLINE, last_error="TLS: certificate has expired"),
        row("c-waiting", State.WAITING),
        row("d-never", State.NEVER),
        row("e-offline", State.OFFLINE, pending=3),
        row("f-offline-more", State.OFFLINE, pending=300),
    ]
    order = [r.kiosk_id for r in fleet.problems_first(rows)]
    assert order == [
        "f-offline-more", "e-offline", "d-never", "c-waiting", "b-online-error", "a-online",
    ]  # fmt: skip
