"""`kiosk run --quit-after-first-tap`: how long a visitor waits before the kiosk takes a tap.

For start-up measurements (bench/startup.py) and smoke tests. From the first paint of Welcome
on, the probe taps the middle face every millisecond, the way a touchscreen does: a press and
a release sent to the window, which finds the face under the point and passes the events
through the kiosk's own filters (the settle guard among them). The first tap the kiosk accepts
(it emits ``rated``: a card is saved, the next step shows) ends the run. It prints the monotonic
clock (system-wide, so the parent can subtract its spawn time) of the first paint and of the
moment that tap was sent, then leaves as staff do.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kiosk.ui.window import KioskWindow

TAP_EVERY_MS = 1


class StartProbe(QObject):
    """Taps ``window``'s middle face from its first paint on; prints, then calls ``done``."""

    def __init__(
        self, window: KioskWindow, done: Callable[[], None], out: Callable[[str], None] = print
    ) -> None:
        super().__init__(window)
        self.window = window
        self.done = done
        self.out = out
        self.painted_at: float | None = None
        self.tapped_at = 0.0
        self.taps = 0  # sent so far; 1 when the first frame took the first tap
        self.face = window.welcome.faces[2]
        self.timer = QTimer(self)
        self.timer.setInterval(TAP_EVERY_MS)
        self.timer.timeout.connect(self._tap)
        window.rated.connect(self._accepted)
        window.welcome.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.monotonic()
            self.timer.start()
        return False

    def _tap(self) -> None:
        handle = self.window.windowHandle()
        if handle is None or not self.face.isVisible():
            return
        local = QPointF(self.face.mapTo(self.window, self.face.rect().center()))
        screen = QPointF(self.window.mapToGlobal(local.toPoint()))
        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        self.tapped_at = time.monotonic()
        self.taps += 1
        for kind, buttons in (
            (QEvent.Type.MouseButtonPress, left),
            (QEvent.Type.MouseButtonRelease, none),
        ):
            event = QMouseEvent(kind, local, screen, left, buttons, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(handle, event)

    def _accepted(self, _rating: int) -> None:
        if not self.timer.isActive():
            return
        self.timer.stop()
        self.out(f"first-paint {self.painted_at or 0.0:.6f}")
        self.out(f"interactive {self.tapped_at:.6f}")
        QTimer.singleShot(0, self, self.done)
