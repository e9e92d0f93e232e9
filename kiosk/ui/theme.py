"""The app's look: its own typeface and one stylesheet scaled to the screen."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import NamedTuple

import fontpkg_atkinson_hyperlegible
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from kiosk.core.colours import DEFAULT_ACCENT, accent_shades
from kiosk.core.resources import asset

log = logging.getLogger("kiosk.ui")

FAMILY = "Atkinson Hyperlegible"
DESIGN_SHORT_SIDE = 800  # the stylesheet's sizes are for a 1280x800 screen
CARET_PX = 3  # Qt's one-pixel text cursor is lost at arm's length on a touchscreen


_loaded_family: str | None = None
accent_colour = DEFAULT_ACCENT  # the school's, once apply_theme has run (our icons use it)
_loaded_files: set[Path] = set()  # the manager area and the reports call load_fonts() too


def font_files() -> list[Path]:
    """The family's font files, straight from fontpkg_atkinson_hyperlegible's folder.

    Not fontpkg.family(), which scans the entry points of every installed distribution to
    find it (20 ms of start-up).
    """
    folder = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    return sorted(folder / e.name for e in os.scandir(folder) if e.name.endswith((".ttf", ".otf")))


def load_fonts() -> str:
    """Register the bundled Atkinson Hyperlegible faces (once); returns the family Qt knows
    them by."""
    global _loaded_family
    for path in font_files():
        if path in _loaded_files:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.error("cannot load font %s", path)
            continue
        _loaded_files.add(path)
        _loaded_family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return _loaded_family or FAMILY


class ScreenFit(NamedTuple):
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


def scaled_stylesheet(scale: float, accent: str = DEFAULT_ACCENT) -> str:
    """The stylesheet at this scale, in the school's accent colour (and its shades)."""
    text = asset("style.qss").read_text(encoding="utf-8")
    # Images named "assets:icons/x.svg" in the stylesheet are the bundled files, wherever the
    # kiosk runs from (Qt reads a relative url from the working folder).
    for ours, school in accent_shades(accent).items():
        text = re.sub(re.escape(ours), school, text, flags=re.IGNORECASE)
    text = text.replace("url(assets:", f"url({asset('style.qss').parent.as_posix()}/")
    return re.sub(r"(\d+)px", lambda m: f"{round(int(m.group(1)) * scale)}px", text)


class KioskStyle(QProxyStyle):
    """The platform's style with a caret wide enough to see where typing goes."""

    def __init__(self, caret_px: int) -> None:
        super().__init__()
        self.caret_px = caret_px

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_TextCursorWidth:
            return self.caret_px
        return super().pixelMetric(metric, option, widget)


def apply_theme(
    app: QApplication, width: int, height: int, accent: str = DEFAULT_ACCENT
) -> ScreenFit:
    family = load_fonts()
    scale = scale_for(width, height)
    if not isinstance(app.style(), KioskStyle):
        app.setStyle(KioskStyle(max(CARET_PX, round(CARET_PX * scale))))
    font = QFont(family)
    font.setPixelSize(round(24 * scale))
    app.setFont(font)
    app.setStyleSheet(scaled_stylesheet(scale, accent))
    global accent_colour
    accent_colour = accent
    return ScreenFit(width, height, scale)
