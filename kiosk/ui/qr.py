"""A QR code drawn by QPainter from the qrcode package's module matrix (no image library)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


def qr_matrix(url: str) -> list[list[bool]]:
    import qrcode  # only when a code is first drawn, not at start-up

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


class QrCodeWidget(QWidget):
    """The code is computed when first needed (its first paint), not at start-up."""

    def __init__(self, side_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url: str | None = None
        self._matrix: list[list[bool]] | None = []
        self.setFixedSize(side_px, side_px)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def matrix(self) -> list[list[bool]]:
        if self._matrix is None:
            self._matrix = qr_matrix(self.url) if self.url else []
        return self._matrix

    def set_url(self, url: str | None) -> None:
        self.url = url or None
        self._matrix = None if self.url else []
        self.setVisible(self.url is not None)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.matrix:
            return
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        n = len(self.matrix)
        cell = min(self.width(), self.height()) / n
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(x * cell, y * cell, cell + 0.5, cell + 0.5))
        painter.end()
