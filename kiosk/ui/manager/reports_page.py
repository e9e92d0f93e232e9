"""Reports: pick the days, then save a CSV or the PDF report, or print the report, in the
kiosk's own sheets.

Where a file goes is chosen in the export sheet (USB sticks, Documents), the printer and copies
in the print sheet: no desktop file or print dialog ever opens on the touchscreen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.card import system_clock
from kiosk.core.config import Config
from kiosk.core.export_places import Place, free_name, report_file_name
from kiosk.store.errors import StoreProblem
from kiosk.store.reports import PeriodReport
from kiosk.ui.manager.export_sheet import ExportSheet
from kiosk.ui.manager.print_sheet import PREVIEW_PAGES, PREVIEW_WIDTH, PrintSheet, preview_images
from kiosk.ui.manager.report_job import JobThread, ReportJob
from kiosk.ui.manager.report_pdf import PAPER, paint_report
from kiosk.ui.manager.widgets import DayPicker, button, label
from kiosk.ui.store_problem import problem_text

PrinterFor = Callable[[str, int], QPrinter]  # printer name, copies


class ReportsPage(QWidget):
    finished = Signal(str)  # what the result line says once a report is written or failed

    def __init__(
        self,
        db_path: Path,
        config: Config,
        today: date,
        export_sheet: ExportSheet,
        print_sheet: PrintSheet,
        printer_for: PrinterFor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsPage")
        self.db_path = db_path
        self._success: Callable[[int], str] = str
        self._target: Path | QPrinter | None = None
        self._printer_name = ""
        # The result line is kept as how to write it, not as text, so switching the language
        # rewrites it too ("Saved to ... Cards: 64" must not stay in English).
        self._result: Callable[[], str] | None = None
        self.config = config
        self.export_sheet = export_sheet
        self.print_sheet = print_sheet
        self.printer_for = printer_for
        self.title = label("PageTitle")
        self.explain = label("BodyText")
        self.from_label = label("FieldLabel")
        self.to_label = label("FieldLabel")
        self.first = DayPicker(today)
        self.last = DayPicker(today)
        self.csv = button("PrimaryButton")
        self.pdf = button("PrimaryButton")
        self.print = button("PrimaryButton")
        self.result = label("StatusText")

        days = QGridLayout()
        days.addWidget(self.from_label, 0, 0)
        days.addWidget(self.first, 0, 1)
        days.addWidget(self.to_label, 1, 0)
        days.addWidget(self.last, 1, 1)
        days.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        for b in (self.csv, self.pdf, self.print):
            actions.addWidget(b)
        actions.addStretch(1)
        page = QVBoxLayout(self)
        page.addWidget(self.title)
        page.addWidget(self.explain)
        page.addLayout(days)
        page.addLayout(actions)
        page.addWidget(self.result)
        page.addStretch(1)

        # The range can never be upside down: moving one end past the other moves both.
        self.first.changed.connect(lambda d: self.last.set_day(max(d, self.last.day)))
        self.last.changed.connect(lambda d: self.first.set_day(min(d, self.first.day)))
        self.csv.clicked.connect(lambda: self.open_export("csv"))
        self.pdf.clicked.connect(lambda: self.open_export("pdf"))
        self.print.clicked.connect(self.open_print)
        self.export_sheet.save_requested.connect(self.save_to)
        self.print_sheet.print_requested.connect(self.print_to)
        self.retranslate()

    def file_name(self, suffix: str) -> str:
        return report_file_name(
            self.config.school_name, self.config.kiosk_id, self.first.day, self.last.day, suffix
        )

    def open_export(self, kind: str) -> None:
        self.export_sheet.open_for(kind, self.file_name("." + kind))

    def save_to(self, place: Place) -> None:
        kind = self.export_sheet.kind
        out = free_name(place.folder, self.file_name("." + kind))
        csv = kind == "csv"

        def success(n: int) -> str:
            text = self._saved_text(place.removable, csv)
            return text.format(name=place.name, file=out.name, path=out, count=n)

        self.export_sheet.saving(place)
        self._run(out, success, flush=place.removable)

    def _saved_text(self, stick: bool, csv: bool) -> str:
        """Read again at each language switch, so the line follows it."""
        if stick and csv:
            return self.tr("Saved to the USB stick “{name}” as {file}. Cards: {count}")
        if stick:
            return self.tr("Saved to the USB stick “{name}” as {file}. Pages: {count}")
        if csv:
            return self.tr("Saved to {path}. Cards: {count}")
        return self.tr("Saved to {path}. Pages: {count}")

    def open_print(self) -> None:
        self.print_sheet.open_sheet()
        job = ReportJob(self.db_path, self.config, self.first.day, self.last.day, None)
        job.read.connect(self._preview)
        job.failed.connect(self._preview_failed)
        job.store_failed.connect(self._preview_failed)
        job.crashed.connect(self._crash)
        JobThread(job).start()

    def _preview(self, report: PeriodReport) -> None:
        if not self.print_sheet.isVisible():
            return
        made_at = system_clock()
        images = preview_images(
            lambda printer: paint_report(printer, report, self.config, made_at),
            PAPER[self.config.report_paper],
            PREVIEW_PAGES,
            PREVIEW_WIDTH,
        )
        self.print_sheet.show_preview(images)

    def _preview_failed(self, _reason: object) -> None:
        self.print_sheet.show_preview([])

    def print_to(self, name: str, copies: int) -> None:
        self._printer_name = name
        self.print_sheet.set_busy(True)

        def success(n: int) -> str:
            text = self.tr("Sent to the printer “{printer}”. Pages: {count}, copies: {copies}")
            return text.format(printer=name, count=n, copies=copies)

        self._run(self.printer_for(name, copies), success)

    def _run(
        self, target: Path | QPrinter, success: Callable[[int], str], flush: bool = False
    ) -> None:
        """Write the report on a worker thread; the buttons wait until it is done."""
        job = ReportJob(
            self.db_path, self.config, self.first.day, self.last.day, target, flush=flush
        )
        self._success = success
        self._target = target
        self._show_result(lambda: self.tr("Working…"))
        self._set_busy(True)
        # Bound methods, not lambdas: Qt drops the connections if the page goes away first.
        job.done.connect(self._done)
        job.failed.connect(self._failed)
        job.store_failed.connect(self._store_failed)
        job.crashed.connect(self._crash)
        JobThread(job).start()

    def _place(self) -> str:
        return str(self._target) if isinstance(self._target, Path) else self._printer_name

    def _done(self, count: int) -> None:
        success = self._success
        self._finish(lambda: success(count), ok=True)

    def _failed(self, reason: str) -> None:
        self._finish(
            lambda: self.tr("Error: could not write to {place} ({reason})").format(
                place=self._place(), reason=reason
            )
        )

    def _store_failed(self, problem: StoreProblem) -> None:
        self._finish(
            lambda: self.tr("Error: the report could not be made. {problem}").format(
                problem=problem_text(problem)
            )
        )

    def _set_busy(self, busy: bool) -> None:
        for b in (self.csv, self.pdf, self.print, self.first, self.last):
            b.setEnabled(not busy)

    def _show_result(self, render: Callable[[], str]) -> None:
        self._result = render
        self.result.setText(render())

    def _finish(self, render: Callable[[], str], ok: bool = False) -> None:
        self._set_busy(False)
        self._show_result(render)
        if isinstance(self._target, Path):
            self.export_sheet.saved(render, ok)
        else:
            self.print_sheet.set_busy(False)
            if ok:
                self.print_sheet.close_sheet()  # said on the page: the pages are on their way
            else:
                self.print_sheet.say(self.result.text())
        self.finished.emit(self.result.text())

    def _crash(self, exc: BaseException) -> None:
        self._set_busy(False)
        raise exc

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reports"))
        self.explain.setText(
            self.tr(
                "CSV: one row per card, for a spreadsheet. PDF and print: a summary of the "
                "period, then every day on one scale, then the comments."
            )
        )
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.csv.setText(self.tr("Save CSV…"))
        self.pdf.setText(self.tr("Save PDF…"))
        self.print.setText(self.tr("Print…"))
        if self._result is not None:
            self.result.setText(self._result())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
