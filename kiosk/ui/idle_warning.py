""" "Still there?": the warning over any screen before the idle timeout starts over (WCAG 2.2.1).

It covers the whole window, so the first touch anywhere lands on it (and continues the visit)
rather than on a control of the screen below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import Retranslatable, label, set_role


class IdleWarning(Retranslatable):
    continue_requested = Signal()

    def __init__(self, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seconds_left = 0
        self.panel = QFrame()
        self.panel.setObjectName("IdleWarning")
        self.title = label("Question")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = label("Body")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = label("IdleCountdown", wrap=False)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.continue_button = QPushButton()
        self.continue_button.setObjectName("ContinueButton")
        set_role(self.continue_button, "primary")
        self.continue_button.clicked.connect(self.continue_requested)

        inner = QVBoxLayout(self.panel)
        pad = round(40 * scale)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(round(16 * scale))
        inner.addWidget(self.title)
        inner.addWidget(self.countdown)
        inner.addWidget(self.body)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.continue_button)
        row.addStretch(1)
        inner.addSpacing(round(8 * scale))
        inner.addLayout(row)
        self.panel.setMaximumWidth(round(900 * scale))

        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.panel, 4)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(1)
        self.hide()
        self.retranslate()

    def show_seconds(self, seconds: int) -> None:
        self.seconds_left = seconds
        self._show_countdown()

    def _show_countdown(self) -> None:
        if self.seconds_left == 1:
            text = self.tr("Starting over in 1 second")
        else:
            text = self.tr("Starting over in {n} seconds").format(n=self.seconds_left)
        self.countdown.setText(text)
        self.countdown.setAccessibleName(text)

    def words(self) -> list[str]:
        """What reading aloud says when the warning appears, in reading order."""
        return [
            self.title.text(),
            self.countdown.text(),
            self.body.text(),
            self.continue_button.text(),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        # A dimmed veil over the screen below, so the question is the one thing to read.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(31, 41, 51, 150))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Still there?"))
        self.body.setText(
            self.tr("Your answers so far are kept. Tap anywhere to go on with your visit.")
        )
        self.continue_button.setText(self.tr("I am still here"))
        self._show_countdown()
