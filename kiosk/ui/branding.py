"""The school's logo, from the SVG or PNG file the config names, drawn at the size asked."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.colours import DEFAULT_ACCENT

log = logging.getLogger("kiosk.ui")


def accent_svg(path: Path, accent: str, side: int) -> QPixmap:
    """One of our own SVG icons drawn in the school's accent colour instead of the default
    blue (kiosk.core.colours.DEFAULT_ACCENT), ``side`` pixels square."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(re.escape(DEFAULT_ACCENT), accent, text, flags=re.IGNORECASE)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    return QPixmap.fromImage(image)


def logo_pixmap(path: Path | None, height: int, max_width: int) -> QPixmap | None:
    """The logo scaled to ``height`` (narrower if it would pass ``max_width``), keeping its
    proportions; None without a logo, or, logged, when the file cannot be drawn (the config
    checked its kind)."""
    if path is None:
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            log.error("cannot draw the logo %s (not a valid SVG)", path)
            return None
        natural = renderer.defaultSize()
        if natural.isEmpty():
            natural = QSize(height, height)
        size = natural.scaled(max_width, height, Qt.AspectRatioMode.KeepAspectRatio)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return QPixmap.fromImage(image)
    image = QImage(str(path))
    if image.isNull():
        log.error("cannot draw the logo %s (not a readable PNG)", path)
        return None
    scaled = image.scaled(
        max_width,
        height,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return QPixmap.fromImage(scaled)
