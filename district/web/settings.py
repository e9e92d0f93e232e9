"""The web pages' settings, declared once: type, default, limits and the help text that the
command line shows (district.cli builds its options from these fields) and the README lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator


class WebSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    session_hours: int = Field(
        default=12,
        ge=1,
        le=720,
        description="Hours a sign-in lasts before the person signs in again.",
    )
    secure_cookies: bool = Field(
        default=True,
        description="Send cookies only over HTTPS (Secure, __Host- prefix). Turn off only for "
        "plain http to this machine (a demo); browsers treat 127.0.0.1 as secure anyway.",
    )
    sign_in_attempts: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Failed sign-ins allowed per account (four times as many per address) "
        "within the window before sign-in is refused.",
    )
    sign_in_window_minutes: int = Field(
        default=15, ge=1, le=1440, description="The window over which failed sign-ins are counted."
    )

    sync_interval_seconds: int = Field(
        default=60,
        ge=5,
        le=86400,
        description="The kiosks' sync interval (their [sync] interval_seconds): a kiosk is "
        "ONLINE while its last heartbeat is within two intervals.",
    )
    waiting_limit_minutes: int = Field(
        default=30,
        ge=1,
        le=10080,
        description="Minutes after its last heartbeat that a kiosk past two sync intervals "
        "shows as WAITING; after this it is OFFLINE (never sooner than two intervals).",
    )
    overdue_hours: int = Field(
        default=24,
        ge=1,
        le=720,
        description="Hours after a visitor asked to be contacted that an unanswered "
        "follow-up is overdue.",
    )

    time_zone: str = Field(
        default="America/New_York",
        description="The district's time zone (IANA name): where 'today' begins and ends on "
        "the pages.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"not a time zone name: {value!r} (e.g. America/Chicago)") from None
        return value

    def today(self, now: datetime) -> date:
        return now.astimezone(ZoneInfo(self.time_zone)).date()

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @property
    def sign_in_window(self) -> timedelta:
        return timedelta(minutes=self.sign_in_window_minutes)

    @property
    def online_within(self) -> timedelta:
        return timedelta(seconds=2 * self.sync_interval_seconds)

    @property
    def waiting_limit(self) -> timedelta:
        return timedelta(minutes=self.waiting_limit_minutes)

    @property
    def overdue_after(self) -> timedelta:
        return timedelta(hours=self.overdue_hours)
