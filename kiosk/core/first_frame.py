"""What the kiosk's first frame needs from its config, without pydantic.

The defaults and names ``kiosk.core.config`` declares its fields with, its error type, and
``FirstFrame``.

``kiosk.core.config`` validates every setting with pydantic, which costs about as much CPU as a
whole minimal Qt window. ``kiosk run`` paints its welcome screen first and builds the validated
``Config`` right after (see ``kiosk.shell.launch``); what that first frame needs is a
``FirstFrame``, remembered from the last validation (kiosk.core.config_seen).
"""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

DEFAULT_SCHOOL_NAME = "Demo Elementary School"
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
DEFAULT_LANGUAGES: tuple[Literal["en", "es"], ...] = ("en", "es")
DEFAULT_LANGUAGE: Final = "en"


class ConfigError(Exception):
    """A configuration problem, worded for the person who wrote the file."""


class FirstFrame(NamedTuple):  # not a dataclass: that module is not on the first frame's path
    """What `kiosk run` needs before its first frame: what Welcome shows, and whether kiosk
    mode may start (staff need a PIN to leave it)."""

    school_name: str
    languages: tuple[str, ...]
    default_language: str
    has_pin: bool

    @classmethod
    def defaults(cls) -> FirstFrame:
        """No config file: the built-in defaults (kiosk.core.config declares them with these)."""
        return cls(DEFAULT_SCHOOL_NAME, DEFAULT_LANGUAGES, DEFAULT_LANGUAGE, False)
