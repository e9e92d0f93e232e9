"""The app's look: its own typeface and one stylesheet scaled to the screen."""

from __future__ import annotations

import importlib.resources
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import fontpkg_atkinson_hyperlegible
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import asset

log = logging.getLogger("kiosk.ui")

FAMILY = "Atkinson Hyperlegible"
DESIGN_SHORT_SIDE = 800  # the stylesheet's sizes are for a 1280x800 screen


_loaded_family: str | None = None


def font_files() -> list[Path]:
    """The family's font files, read from its own package's metadata.

    Straight from fontpkg_atkinson_hyperlegible rather than fontpkg.family(), which scans the
    entry points of every installed distribution (twice) to find it: 20 ms of each start-up.
    """
    root = importlib.resources.files(fontpkg_atkinson_hyperlegible)
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    return [Path(str(root / entry["path"])) for entry in meta["files"]]


def load_fonts() -> str:
    """Register the bundled Atkinson Hyperlegible faces; returns the family Qt knows them by."""
    global _loaded_family
    if _loaded_family is not None:
        return _loaded_family  # registered already (the manager area and reports call this too)
    family = FAMILY
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("cannot load font %s", path)
            continue
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    _loaded_family = family
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
