"""Fail a test in which any of Qt's own desktop dialogs is shown (the kiosk's rule: its own
sheets only). The dialog is closed at once, so the test runs on and fails at its end."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QFileDialog,
    QFontDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
)

STOCK = (
    QFileDialog,
    QPrintDialog,
    QPrintPreviewDialog,
    QPageSetupDialog,
    QMessageBox,
    QInputDialog,
    QColorDialog,
    QFontDialog,
    QProgressDialog,
)


class StockDialogWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, STOCK):
            self.shown.append(type(watched).__name__)
            assert isinstance(watched, QDialog)
            QTimer.singleShot(0, watched.reject)  # never left blocking the test in exec()
        return False
