"""The export sheet: where the report goes, as big buttons, instead of a desktop file dialog.

One button per place (each USB stick plugged in, with its name and free space, then the
Documents folder), the file name made for the manager, what happened in plain words, and
"Eject safely" for a stick. A stick plugged in while the sheet is open appears within
``REFRESH_MS``. Writing and ejecting run on worker threads (the reports page and EjectJob).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.export_places import EjectResult, Place, eject
from kiosk.ui.manager.report_job import EjectJob, JobThread
from kiosk.ui.manager.widgets import button, label
from kiosk.ui.sheet import Sheet

REFRESH_MS = 1500

FindPlaces = Callable[[], list[Place]]
Eject = Callable[[Place], EjectResult]


class ExportSheet(Sheet):
    save_requested = Signal(object)  # kiosk.core.export_places.Place

    def __init__(self, host: QWidget, find_places: FindPlaces, eject_stick: Eject = eject) -> None:
        super().__init__(host)
        self.setObjectName("ExportSheet")
        self.find_places = find_places
        self.eject_stick = eject_stick
        self.kind = "csv"
        self.file_name = ""
        self.places: list[Place] = []
        self.place_buttons: list[QPushButton] = []
        self.saved_to: Place | None = None
        self.busy = False
        self._status: Callable[[], str] | None = None
        self.file_line = label("BodyText")
        self.no_stick = label("BodyText")
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.status = label("StatusText")
        self.eject = button("SecondaryButton")
        self.close_button = button("SecondaryButton")
        actions = QHBoxLayout()
        actions.addWidget(self.eject)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        self.body.addWidget(self.file_line)
        self.body.addLayout(self.list)
        self.body.addWidget(self.no_stick)
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.body.addLayout(actions)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.close_button.clicked.connect(self.cancel)
        self.eject.clicked.connect(self._eject)
        self.retranslate()

    def open_for(self, kind: str, file_name: str) -> None:
        """``kind``: "csv" or "pdf"."""
        self.kind = kind
        self.file_name = file_name
        self.saved_to = None
        self._say(None)
        self.eject.hide()
        self.refresh()
        self.retranslate()
        self.open()
        self.timer.start()

    def refresh(self) -> None:
        if self.timer.isActive() and not self.isVisible():
            self.timer.stop()  # closed: no more looking for sticks
            return
        places = self.find_places()
        if places == self.places and self.place_buttons:
            return
        self.places = places
        for b in self.place_buttons:
            self.list.removeWidget(b)
            b.hide()  # gone now, not at the next turn of the event loop: no ghost over the list
            b.deleteLater()
        self.place_buttons = []
        for place in places:
            b = button("PlaceButton")
            b.setProperty("removable", place.removable)
            b.clicked.connect(lambda _=False, p=place: self.save_requested.emit(p))
            b.setEnabled(not self.busy)  # a stick plugged in mid-save waits like the others
            self.list.addWidget(b)
            self.place_buttons.append(b)
        self.no_stick.setVisible(not any(p.removable for p in places))
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for b in (*self.place_buttons, self.eject, self.close_button):
            b.setEnabled(not busy)

    def saving(self, place: Place) -> None:
        self.saved_to = place
        self.eject.hide()
        self.set_busy(True)
        self._say(lambda: self.tr("Saving…"))

    def saved(self, render: Callable[[], str], ok: bool) -> None:
        """The report page's result line, shown here too; a stick can then be ejected."""
        self.set_busy(False)
        self._say(render, problem=not ok)
        self.eject.setVisible(ok and self.saved_to is not None and self.saved_to.removable)

    def _eject(self) -> None:
        place = self.saved_to
        if place is None:
            return
        self.set_busy(True)
        self._say(lambda: self.tr("Ejecting… do not pull the USB stick out yet."))
        job = EjectJob(lambda: self.eject_stick(place))
        job.done.connect(self._ejected)
        job.crashed.connect(self._crash)
        JobThread(job).start()

    def _ejected(self, result: EjectResult) -> None:
        self.set_busy(False)
        place = self.saved_to
        name = place.name if place else ""
        if result.ok:
            self.eject.hide()
            self._say(
                lambda: self.tr("You can take out the USB stick “{name}” now.").format(name=name)
            )
            self.refresh()
        elif result.reason == "unsupported":
            self._say(
                lambda: self.tr(
                    "This computer cannot eject the stick from here. The file is written: wait "
                    "until the stick's light stops blinking, then take it out."
                )
            )
        else:
            self._say(
                lambda: self.tr(
                    "The USB stick “{name}” could not be ejected ({reason}). Close any file "
                    "open on it and try again."
                ).format(name=name, reason=result.reason),
                problem=True,
            )

    def _crash(self, exc: BaseException) -> None:
        self.set_busy(False)
        raise exc

    def _say(self, render: Callable[[], str] | None, problem: bool = False) -> None:
        self._status = render
        self.status.setText(render() if render else "")
        self.status.setVisible(render is not None)
        self.status.setObjectName("ErrorText" if problem else "StatusText")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def retranslate(self) -> None:
        if self.kind == "pdf":
            self.title.setText(self.tr("Save the PDF report"))
        else:
            self.title.setText(self.tr("Save the cards as a CSV file"))
        self.file_line.setText(self.tr("File name: {name}").format(name=self.file_name))
        locale = QLocale()
        for place, b in zip(self.places, self.place_buttons, strict=True):
            free = locale.formattedDataSize(place.free_bytes, 1)
            if place.removable:
                where = self.tr("USB stick “{name}”").format(name=place.name)
            else:
                where = self.tr("Documents folder on this computer")
            b.setText(where + "\n" + self.tr("{size} free").format(size=free))
            b.setAccessibleName(b.text().replace("\n", ", "))
        self.no_stick.setText(self.tr("No USB stick found. Plug one in and it appears here."))
        self.eject.setText(self.tr("Eject the USB stick safely"))
        self.close_button.setText(self.tr("Close") if self.saved_to else self.tr("Cancel"))
        if self._status is not None:
            self.status.setText(self._status())
