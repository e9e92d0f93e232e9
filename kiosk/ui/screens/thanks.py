"""Thank you: a QR code to the district's full survey, then back to Welcome by itself.

The window (kiosk.ui.window) keeps the time and says what the countdown shows: seconds, or,
while a visitor listens to the thank-you read aloud past its end, that the kiosk waits for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.qr import QrCodeWidget
from kiosk.ui.widgets import Retranslatable, label, set_role


class ThanksScreen(Retranslatable):
    restart_requested = Signal()

    def __init__(self, qr_url: str | None, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.seconds_left = 0
        self.waiting_for_voice = False
        self.followup_requested = False
        self.saved = True
        self.logo = QLabel()
        self.logo.setObjectName("ThanksLogo")
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.hide()
        self.title = label("Question")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = label("Body")
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrCodeWidget(round(220 * scale))
        self.qr.set_url(qr_url)
        self.qr_caption = label("Body")
        self.countdown = label("Hint")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.restart_button = QPushButton()
        self.restart_button.setObjectName("RestartButton")
        set_role(self.restart_button, "primary")
        self.restart_button.clicked.connect(self.restart_requested)

        qr_row = QHBoxLayout()
        qr_row.addStretch(1)
        qr_row.addWidget(self.qr)
        qr_row.addSpacing(24)
        qr_row.addWidget(self.qr_caption, 0)
        qr_row.addStretch(1)
        self.qr_caption.setMaximumWidth(round(520 * scale))
        self.qr_caption.setVisible(bool(qr_url))

        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.restart_button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 40)
        layout.addStretch(1)
        layout.addWidget(self.logo)
        layout.addSpacing(round(12 * scale))
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addSpacing(24)
        layout.addLayout(qr_row)
        layout.addStretch(1)
        layout.addWidget(self.countdown)
        layout.addLayout(button_row)
        self.retranslate()

    def set_logo(self, logo: QPixmap | None, school: str) -> None:
        """The school's logo above the thanks (none: no room taken)."""
        if logo is not None:
            self.logo.setPixmap(logo)
            self.logo.setAccessibleName(school)
        self.logo.setVisible(logo is not None)

    def start(self, seconds: int, followup_requested: bool, saved: bool = True) -> None:
        self.followup_requested = followup_requested
        self.saved = saved
        self.seconds_left = seconds
        self.waiting_for_voice = False
        self.retranslate()

    def show_seconds(self, seconds: int) -> None:
        self.seconds_left = seconds
        self.waiting_for_voice = False
        self._show_countdown()

    def show_waiting_for_voice(self) -> None:
        """The countdown is over but the thank-you is still being read aloud."""
        self.seconds_left = 0
        self.waiting_for_voice = True
        self._show_countdown()

    def _show_countdown(self) -> None:
        if self.waiting_for_voice:
            self.countdown.setText(self.tr("Starting over once the reading ends"))
        elif self.seconds_left == 1:
            self.countdown.setText(self.tr("Starting over in 1 second"))
        else:
            text = self.tr("Starting over in {n} seconds")
            self.countdown.setText(text.format(n=self.seconds_left))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thank you!"))
        if not self.saved:
            self.body.setText(
                self.tr("Sorry, your answer could not be saved. Please tell the front desk.")
            )
        elif self.followup_requested:
            self.body.setText(self.tr("Your answer was saved. Someone will contact you soon."))
        else:
            self.body.setText(self.tr("Your answer was saved. It helps our school get better."))
        self.qr_caption.setText(
            self.tr("Have more to say? Scan this code with your phone to take the full survey.")
        )
        self.restart_button.setText(self.tr("Start over"))
        self._show_countdown()
