"""Staff only: the PIN prompt behind the hidden corner gesture, then the staff menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.pin import PIN_MAX
from kiosk.ui.widgets import Retranslatable, label, set_role

MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60


class PinScreen(Retranslatable):
    """A numeric keypad. Five wrong PINs lock it for a minute; the PIN itself is never shown."""

    unlocked = Signal()
    cancelled = Signal()

    def __init__(
        self,
        check_pin: Callable[[str], bool],
        monotonic: Callable[[], float],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.check_pin = check_pin
        self.monotonic = monotonic
        self.entered = ""
        self.failures = 0
        self.locked_until = 0.0
        self.title = label("ScreenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = label("PinDots", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label("ErrorText")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, QPushButton] = {}
        pad = QGridLayout()
        pad.setSpacing(12)
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]):
            b = QPushButton()
            b.setMinimumSize(140, 80)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, k=key: self.press(k))
            pad.addWidget(b, i // 3, i % 3)
            self.keys[key] = b
        set_role(self.keys["ok"], "primary")
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        pad_row = QHBoxLayout()
        pad_row.addStretch(1)
        pad_row.addLayout(pad)
        pad_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 32)
        layout.addWidget(self.title)
        layout.addWidget(self.dots)
        layout.addWidget(self.message)
        layout.addLayout(pad_row)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()

    def reset(self) -> None:
        self.entered = ""
        self.message.clear()
        self._show_dots()

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def press(self, key: str) -> None:
        if key == "del":
            self.entered = self.entered[:-1]
        elif key == "ok":
            self._submit()
            return
        elif len(self.entered) < PIN_MAX:
            self.entered += key
        self._show_dots()

    def _submit(self) -> None:
        now = self.monotonic()
        pin, self.entered = self.entered, ""
        self._show_dots()
        if now < self.locked_until:
            self._show_locked(now)
            return
        if self.check_pin(pin):
            self.failures = 0
            self.message.clear()
            self.unlocked.emit()
            return
        self.failures += 1
        if self.failures >= MAX_ATTEMPTS:
            self.failures = 0
            self.locked_until = now + LOCKOUT_SECONDS
            self._show_locked(now)
        else:
            self.message.setText(self.tr("Wrong PIN. Please try again."))

    def _show_locked(self, now: float) -> None:
        seconds = max(1, round(self.locked_until - now))
        self.message.setText(
            self.tr("Too many wrong PINs. Try again in {n} seconds.").format(n=seconds)
        )

    def _show_dots(self) -> None:
        self.dots.setText("●" * len(self.entered) or "–")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit():
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.press("del")
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.press("ok")
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff only: enter the PIN"))
        for digit in "0123456789":
            self.keys[digit].setText(digit)
        self.keys["del"].setText(self.tr("Delete"))
        self.keys["ok"].setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Back to visitors"))
        self._show_dots()


class StaffMenu(Retranslatable):
    """What an unlocked kiosk offers: the manager area, leaving kiosk mode, or going back."""

    manager_requested = Signal()
    exit_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("screen", True)
        self.title = label("ScreenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = label("Body")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.manager_button = QPushButton()
        set_role(self.manager_button, "primary")
        self.exit_button = QPushButton()
        self.back_button = QPushButton()
        self.manager_button.clicked.connect(self.manager_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button.clicked.connect(self.back_requested)
        column = QVBoxLayout()
        column.setSpacing(20)
        for b in (self.manager_button, self.exit_button, self.back_button):
            b.setMinimumWidth(480)
            column.addWidget(b)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addSpacing(32)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff menu"))
        self.manager_button.setText(self.tr("Open the manager area"))
        self.exit_button.setText(self.tr("Close the kiosk"))
        self.back_button.setText(self.tr("Back to visitors"))
