"""The web pages' settings, declared once: type, default, limits and the help text that the
command line shows (district.cli builds its options from these fields) and the README lists."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field


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

    @property
    def session_lifetime(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @property
    def sign_in_window(self) -> timedelta:
        return timedelta(minutes=self.sign_in_window_minutes)
