"""Staff only: the PIN prompt behind the hidden corner gesture, then the staff menu."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.pin import PIN_MAX
from kiosk.ui.sheet import danger_button
from kiosk.ui.widgets import Retranslatable, label, set_role

MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60


class PinScreen(Retranslatable):
    """A numeric keypad. Five wrong PINs lock it for a minute; the PIN itself is never shown.

    A wrong PIN says how many tries are left. While locked the keys are disabled and the
    message counts the seconds down live: a timer wakes the screen as each second passes on
    the injected monotonic clock, and what it shows is always read from that clock.
    """

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
        self.lock_timer = QTimer(self)
        self.lock_timer.setSingleShot(True)
        self.lock_timer.timeout.connect(self.refresh_lock)
        # What the message line says, kept as how to write it: a language switch rewrites it.
        self._message: Callable[[], str] | None = None
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
        self._show_dots()
        self.refresh_lock()
        if not self.is_locked():
            self._say(None)

    def _say(self, render: Callable[[], str] | None) -> None:
        self._message = render
        self.message.setText(render() if render else "")

    def is_locked(self) -> bool:
        return self.monotonic() < self.locked_until

    def cancel(self) -> None:
        self.reset()
        self.cancelled.emit()

    def press(self, key: str) -> None:
        if self.locked_until:
            self.refresh_lock()  # the clock, not the timer, decides when the lock is over
        if self.is_locked():  # a disabled key, or a key on a keyboard: nothing while locked
            return
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
        if self.check_pin(pin):
            self.failures = 0
            self._say(None)
            self.unlocked.emit()
            return
        self.failures += 1
        if self.failures >= MAX_ATTEMPTS:
            self.failures = 0
            self.locked_until = now + LOCKOUT_SECONDS
            self.refresh_lock()
        else:
            self._show_tries_left()

    def _show_tries_left(self) -> None:
        left = MAX_ATTEMPTS - self.failures
        if left == 1:
            self._say(lambda: self.tr("Wrong PIN. 1 try left, then the keypad locks for a minute."))
        else:
            self._say(lambda: self.tr("Wrong PIN. {n} tries left.").format(n=left))

    def refresh_lock(self) -> None:
        """Show the lock as the clock has it now: the seconds left and the keys disabled, or,
        once it is over, the keys enabled again."""
        remaining = self.locked_until - self.monotonic()
        locked = remaining > 0
        for key in self.keys.values():
            key.setEnabled(not locked)
        if not locked:
            self.lock_timer.stop()
            if self.locked_until:
                self.locked_until = 0.0
                self._say(lambda: self.tr("You can enter the PIN again."))
            return
        seconds = math.ceil(remaining)
        if seconds == 1:
            self._say(
                lambda: self.tr("Too many wrong PINs. The keypad is locked. Try again in 1 second.")
            )
        else:
            self._say(
                lambda: self.tr(
                    "Too many wrong PINs. The keypad is locked. Try again in {n} seconds."
                ).format(n=seconds)
            )
        # Wake when the shown number next changes (a little after, never before).
        until_next = remaining - (seconds - 1)
        self.lock_timer.start(max(1, math.ceil(until_next * 1000)))

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
        if self._message is not None:
            self.message.setText(self._message())


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
        self.back_button = QPushButton()
        # Closing the kiosk cannot be undone from here: apart from the safe buttons, at the
        # bottom, in red, and it asks first (KioskWindow.request_exit).
        self.exit_button = danger_button()
        self.manager_button.clicked.connect(self.manager_requested)
        self.exit_button.clicked.connect(self.exit_requested)
        self.back_button.clicked.connect(self.back_requested)
        column = QVBoxLayout()
        column.setSpacing(20)
        for b in (self.manager_button, self.back_button):
            b.setMinimumWidth(480)
            column.addWidget(b)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column)
        row.addStretch(1)
        danger = QHBoxLayout()
        danger.addStretch(1)
        danger.addWidget(self.exit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addSpacing(32)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addLayout(danger)
        self.retranslate()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff menu"))
        self.manager_button.setText(self.tr("Open the manager area"))
        self.exit_button.setText(self.tr("Close the kiosk"))
        self.back_button.setText(self.tr("Back to visitors"))
