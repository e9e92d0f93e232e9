"""Starting: what the window shows while the card database is checked at start, before the
faces. Nothing on it can be tapped (the window holds every touch back meanwhile)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets import Retranslatable, label


class StartingScreen(Retranslatable):
    def __init__(self, monotonic: Callable[[], float], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartingScreen")
        self.setProperty("screen", True)
        self.monotonic = monotonic
        self.painted_at: float | None = None  # first painted (on ``monotonic``), if ever
        self.title = label("Question")
        self.hint = label("Hint")
        for text in (self.title, self.hint):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 40)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.retranslate()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.painted_at is None:
            self.painted_at = self.monotonic()
        super().paintEvent(event)

    def shown_for(self) -> float:
        """Seconds since it was first painted (0: never)."""
        return 0.0 if self.painted_at is None else self.monotonic() - self.painted_at

    def retranslate(self) -> None:
        self.title.setText(self.tr("Starting…"))
        self.hint.setText(self.tr("The faces appear in a moment."))
