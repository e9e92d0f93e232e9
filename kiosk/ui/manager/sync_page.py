"""Sync status: what waits to go to the district, when it last went, what went wrong."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.sync_status import SyncStatus
from kiosk.ui.manager.widgets import button, day_and_time, label


class SyncPage(QWidget):
    sync_now_requested = Signal()

    def __init__(self, configured: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPage")
        self.configured = configured
        self.status = SyncStatus(pending=0)
        self.title = label("PageTitle")
        self.captions = [label("FieldLabel") for _ in range(3)]
        self.pending, self.last_success, self.last_error = (label("BodyText") for _ in range(3))
        self.note = label("BodyText")
        self.sync_now = button("PrimaryButton")
        grid = QGridLayout()
        for i, value in enumerate((self.pending, self.last_success, self.last_error)):
            grid.addWidget(self.captions[i], i, 0)
            grid.addWidget(value, i, 1)
        grid.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.sync_now)
        actions.addStretch(1)
        page = QVBoxLayout(self)
        page.addWidget(self.title)
        page.addLayout(grid)
        page.addLayout(actions)
        page.addWidget(self.note)
        page.addStretch(1)
        self.sync_now.clicked.connect(self.sync_now_requested)
        self.retranslate()

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        self.retranslate()

    def retranslate(self) -> None:
        s = self.status
        self.title.setText(self.tr("Sync with the district"))
        self.captions[0].setText(self.tr("Waiting to send"))
        self.captions[1].setText(self.tr("Last successful sync"))
        self.captions[2].setText(self.tr("Last problem"))
        self.pending.setText(self.tr("Cards: {count}").format(count=s.pending))
        self.last_success.setText(
            day_and_time(s.last_success.astimezone()) if s.last_success else self.tr("Never")
        )
        self.last_error.setText(s.last_error or self.tr("None"))
        self.last_error.setProperty("problem", bool(s.last_error))
        self.last_error.style().unpolish(self.last_error)
        self.last_error.style().polish(self.last_error)
        self.sync_now.setText(self.tr("Syncing…") if s.running else self.tr("Sync now"))
        self.sync_now.setEnabled(self.configured and not s.running)
        self.note.setText(
            ""
            if self.configured
            else self.tr("Sync is not set up on this kiosk: cards stay here until IT sets it up.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
