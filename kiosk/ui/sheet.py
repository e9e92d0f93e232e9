"""The kiosk's own dialogs: a sheet over the screen, never a stock grey Qt dialog.

A sheet covers its host widget with a dimmed backdrop and shows one panel in the middle; the
screen below takes no tap while it is open. It is a plain child widget (not a window), so it
follows the host's size, its stylesheet and its language, and a test drives it like any other.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import Retranslatable, label, set_role

PANEL_MAX_WIDTH = 960
PANEL_MARGIN = 24
BODY_PX = 24  # the body text's size at 1280x800
SHEET_BUTTON_MIN_WIDTH = 300


class Sheet(Retranslatable):
    """Subclasses fill ``self.body`` and write their text in ``retranslate``."""

    cancelled = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("Sheet")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.host = host
        self.panel = QFrame(self)
        self.panel.setObjectName("SheetPanel")
        self.title = label("SheetTitle")
        self.body = QVBoxLayout()
        self.body.setSpacing(16)
        column = QVBoxLayout(self.panel)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(16)
        column.addWidget(self.title)
        column.addLayout(self.body, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN, PANEL_MARGIN)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel, 100)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()
        host.installEventFilter(self)

    def open(self) -> None:
        # As wide as the type is large: the stylesheet's sizes follow the screen (kiosk.ui.theme).
        scale = max(1.0, QApplication.font().pixelSize() / BODY_PX)
        self.panel.setMaximumWidth(round(PANEL_MAX_WIDTH * scale))
        self.setGeometry(self.host.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def close_sheet(self) -> None:
        self.hide()

    def cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a tap on the backdrop reaches nothing below the sheet

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        pass


def danger_button() -> QPushButton:
    """An action that cannot be undone: styled apart from the safe ones (``role="danger"``)."""
    b = QPushButton()
    b.setObjectName("DangerButton")
    set_role(b, "danger")
    return b


class ConfirmSheet(Sheet):
    """Ask before what cannot be undone: the safe choice on the left, the dangerous one far
    from it on the right, in red."""

    confirmed = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("ConfirmSheet")
        self.text = label("SheetText")
        self.keep = QPushButton()
        self.keep.setObjectName("SheetSafe")
        set_role(self.keep, "primary")
        self.act = danger_button()
        for b in (self.keep, self.act):
            b.setMinimumWidth(SHEET_BUTTON_MIN_WIDTH)  # room for a wider label in Spanish
        buttons = QHBoxLayout()
        buttons.setSpacing(48)
        buttons.addWidget(self.keep)
        buttons.addStretch(1)
        buttons.addWidget(self.act)
        self.body.addWidget(self.text)
        self.body.addStretch(1)
        self.body.addLayout(buttons)
        self.keep.clicked.connect(self.cancel)
        self.act.clicked.connect(self._confirm)

    def ask(self, title: str, text: str, keep: str, act: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.keep.setText(keep)
        self.act.setText(act)
        self.open()
        self.keep.setFocus()  # Enter on a PC keyboard takes the safe way

    def _confirm(self) -> None:
        self.hide()
        self.confirmed.emit()
