"""A clock the tests move by hand, injected wherever the code asks for the time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


class FakeClock:
    """A clock the test moves by hand: local time in a fixed UTC-6 zone (a US school)."""

    def __init__(self, start: datetime | None = None) -> None:
        zone = timezone(timedelta(hours=-6))
        self.now = start or datetime(2026, 11, 24, 9, 30, tzinfo=zone)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeMonotonic:
    """The window's settle-guard clock, stepped by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
