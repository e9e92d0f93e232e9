"""Where bundled files live: next to the sources, or inside a PyInstaller bundle."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

SOURCE_LANGUAGE = "en"
"""The language the kiosk's strings are written in: it needs no compiled translation."""

# The kiosk package's folder (this file is kiosk/core/resources.py).
_KIOSK = Path(__file__).parent.parent


@functools.cache  # asset() runs for every face icon
def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    # A module's __file__ is absolute already; resolve() would cost a system call per folder.
    return Path(bundle) if bundle else _KIOSK.parent


def asset(name: str) -> Path:
    return _root() / "assets" / name


def locale_dir() -> Path:
    """Compiled translations (.qm), built from translations/*.ts by the setup step."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "kiosk" / "locale" if bundle else _KIOSK / "locale"
