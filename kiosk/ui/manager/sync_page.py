"""Sync status: what waits to go to the district, when it last went, what went wrong."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.store.cards import SyncStatus
from kiosk.ui.manager.widgets import button, day_and_time, label
from kiosk.ui.store_problem import problem_text


class SyncPage(QWidget):
    sync_now_requested = Signal()

    def __init__(self, configured: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPage")
        self.configured = configured
        self.status: SyncStatus | None = None
        self.running = False  # from "Sync now" until the worker reports back
        self.unsaved = 0  # visits the card database refused, kept aside until it takes them
        self.title = label("PageTitle")
        self.captions = [label("FieldLabel") for _ in range(4)]
        self.pending, self.rejected, self.last_success, self.last_error = (
            label("BodyText") for _ in range(4)
        )
        self.unsaved_caption, self.unsaved_count = label("FieldLabel"), label("BodyText")
        self.unsaved_count.setProperty("problem", True)
        self.other_caption, self.other_count = label("FieldLabel"), label("BodyText")
        self.other_count.setProperty("problem", True)
        self.note = label("BodyText")
        self.sync_now = button("PrimaryButton")
        grid = QGridLayout()
        for i, value in enumerate(
            (self.pending, self.rejected, self.last_success, self.last_error)
        ):
            grid.addWidget(self.captions[i], i, 0)
            grid.addWidget(value, i, 1)
        grid.addWidget(self.unsaved_caption, 4, 0)
        grid.addWidget(self.unsaved_count, 4, 1)
        grid.addWidget(self.other_caption, 5, 0)
        grid.addWidget(self.other_count, 5, 1)
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
        self.sync_now.clicked.connect(self._sync_now)
        self.retranslate()

    def _sync_now(self) -> None:
        self.running = True
        self.retranslate()
        self.sync_now_requested.emit()

    def set_unsaved(self, count: int) -> None:
        self.unsaved = count
        self.retranslate()

    def set_status(self, status: SyncStatus) -> None:
        self.status = status
        self.running = False
        self.retranslate()

    def retranslate(self) -> None:
        s = self.status
        self.title.setText(self.tr("Sync with the district"))
        self.captions[0].setText(self.tr("Waiting to send"))
        self.captions[1].setText(self.tr("Refused by the district"))
        self.captions[2].setText(self.tr("Last successful sync"))
        self.captions[3].setText(self.tr("Last problem"))
        self.unsaved_caption.setText(self.tr("Not saved yet"))
        self.unsaved_count.setText(
            self.tr("Visits: {count}, kept aside until the card database takes them").format(
                count=self.unsaved
            )
        )
        for widget in (self.unsaved_caption, self.unsaved_count):
            widget.setVisible(self.unsaved > 0)
        others = s.other_kiosks if s else ()
        self.other_caption.setText(self.tr("Made under an earlier kiosk id"))
        self.other_count.setText(
            self.tr(
                "Cards: {count} ({ids}). The district takes them only from that kiosk id: "
                "ask IT to send them with its token."
            ).format(count=sum(n for _, n in others), ids=", ".join(k for k, _ in others))
        )
        for widget in (self.other_caption, self.other_count):
            widget.setVisible(bool(others))
        pending = s.pending if s else 0
        held = s.held if s else 0
        if held:
            # Cards the district's receiver refuses as too large: kept, tried at every sync.
            self.pending.setText(
                self.tr("Cards: {count}, {held} of them too large for the district").format(
                    count=pending, held=held
                )
            )
        else:
            self.pending.setText(self.tr("Cards: {count}").format(count=pending))
        self.rejected.setText(self.tr("Cards: {count}").format(count=s.rejected if s else 0))
        last_success = s.last_success if s else None
        self.last_success.setText(
            day_and_time(last_success.astimezone()) if last_success else self.tr("Never")
        )
        last_error = s.last_error if s else None
        if s is not None and s.last_error_kind == "portal":
            # The stored line is English for IT's log and the district; say it to the manager.
            last_error = self.tr(
                "The network answered with a web page instead of the district server. "
                "Is this Wi-Fi asking for a sign-in?"
            )
        if s is not None and s.last_error_kind == "other_kiosk":
            last_error = self.tr(
                "Some cards were made under an earlier kiosk id and wait on this kiosk until "
                "IT sends them as that kiosk."
            )
        if s is not None and s.store_problem:
            # The kiosk's own disk stopped the sync: that comes first, in the manager's words.
            last_error = problem_text(s.store_problem)
        self.last_error.setText(last_error or self.tr("None"))
        self.last_error.setProperty("problem", bool(last_error))
        self.last_error.style().unpolish(self.last_error)
        self.last_error.style().polish(self.last_error)
        self.sync_now.setText(self.tr("Syncing…") if self.running else self.tr("Sync now"))
        self.sync_now.setEnabled(self.configured and not self.running)
        self.note.setText(
            ""
            if self.configured
            else self.tr("Sync is not set up on this kiosk: cards stay here until IT sets it up.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
