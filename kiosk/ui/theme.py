"""The app's look: its own typeface and one stylesheet scaled to the screen."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import fontpkg
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import asset

log = logging.getLogger("kiosk.ui")

FAMILY = "Atkinson Hyperlegible"
DESIGN_SHORT_SIDE = 800  # the stylesheet's sizes are for a 1280x800 screen


def load_fonts() -> str:
    """Register the bundled Atkinson Hyperlegible faces; returns the family Qt knows them by."""
    family = FAMILY
    try:
        files = fontpkg.family(FAMILY).files
    except fontpkg.FontpkgError as exc:
        # A broken install (e.g. a bundle built without the font's metadata) must not keep
        # the kiosk from starting; `kiosk doctor` reports it as FAIL fonts.
        log.error("typeface %s not found (%s); using the system font", FAMILY, exc)
        return QApplication.font().family()
    for font_file in files:
        font_id = QFontDatabase.addApplicationFont(str(font_file.path))
        if font_id < 0:
            log.error("cannot load font %s", font_file.path)
            continue
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


@dataclass(frozen=True)
class ScreenFit:
    """How the screens fit the display: a type scale and whether the width is narrow."""

    width: int
    height: int
    scale: float

    @property
    def narrow(self) -> bool:
        """Portrait tablets: the keyboard takes fewer keys a row, the faces shrink."""
        return self.width < 1000


def scale_for(width: int, height: int) -> float:
    """Sizes follow the screen's short side, so portrait and landscape read the same."""
    return max(0.75, min(width, height) / DESIGN_SHORT_SIDE)


def scaled_stylesheet(scale: float) -> str:
    text = asset("style.qss").read_text(encoding="utf-8")
    return re.sub(r"(\d+)px", lambda m: f"{round(int(m.group(1)) * scale)}px", text)


def apply_theme(app: QApplication, width: int, height: int) -> ScreenFit:
    family = load_fonts()
    scale = scale_for(width, height)
    font = QFont(family)
    font.setPixelSize(round(24 * scale))
    app.setFont(font)
    app.setStyleSheet(scaled_stylesheet(scale))
    return ScreenFit(width, height, scale)
