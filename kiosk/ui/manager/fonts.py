"""The kiosk's typeface, shipped with the app so every kiosk and every report looks the same."""

from __future__ import annotations

import fontpkg
from PySide6.QtGui import QFontDatabase

FAMILY = "Atkinson Hyperlegible"


def load_fonts() -> str:
    """Register the regular and bold faces once per process; returns the family name."""
    if FAMILY not in QFontDatabase.families():
        for weight in (400, 700):
            QFontDatabase.addApplicationFont(str(fontpkg.path(FAMILY, weight)))
    return FAMILY
