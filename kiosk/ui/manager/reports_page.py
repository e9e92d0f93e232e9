"""Reports: pick the days, then save a CSV or the PDF report, or print the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.core.config import Config
from kiosk.store.errors import StoreProblem
from kiosk.ui.manager.report_job import JobThread, ReportJob
from kiosk.ui.manager.widgets import DayPicker, button, label
from kiosk.ui.store_problem import problem_text

AskPath = Callable[[QWidget, str, str], Path | None]
AskPrinter = Callable[[QWidget], QPrinter | None]


def ask_path_with_dialog(parent: QWidget, suggested: str, file_filter: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    chosen, _ = QFileDialog.getSaveFileName(parent, "", str(Path(folder) / suggested), file_filter)
    return Path(chosen) if chosen else None


def ask_printer_with_dialog(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


class ReportsPage(QWidget):
    """The file and printer dialogs are injected, so tests drive the page without them."""

    finished = Signal(str)  # what the result line says once a report is written or failed

    def __init__(
        self,
        db_path: Path,
        config: Config,
        today: date,
        ask_path: AskPath = ask_path_with_dialog,
        ask_printer: AskPrinter = ask_printer_with_dialog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsPage")
        self.db_path = db_path
        self._success: Callable[[int], str] = str
        self._target: Path | QPrinter | None = None
        # The result line is kept as how to write it, not as text, so switching the language
        # rewrites it too ("Saved to ... Cards: 64" must not stay in English).
        self._result: Callable[[], str] | None = None
        self.config = config
        self.ask_path = ask_path
        self.ask_printer = ask_printer
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
        self.csv.clicked.connect(self.save_csv)
        self.pdf.clicked.connect(self.save_pdf)
        self.print.clicked.connect(self.print_report)
        self.retranslate()

    def _stem(self) -> str:
        first, last = self.first.day, self.last.day
        span = first.isoformat() if first == last else f"{first.isoformat()}_{last.isoformat()}"
        return f"feedback-{self.config.kiosk_id}-{span}"

    def save_csv(self) -> None:
        out = self.ask_path(self, self._stem() + ".csv", self.tr("CSV files (*.csv)"))
        if out is not None:
            self._run(
                out, lambda n: self.tr("Saved to {path}. Cards: {count}").format(path=out, count=n)
            )

    def save_pdf(self) -> None:
        out = self.ask_path(self, self._stem() + ".pdf", self.tr("PDF files (*.pdf)"))
        if out is not None:
            self._run(
                out, lambda n: self.tr("Saved to {path}. Pages: {count}").format(path=out, count=n)
            )

    def print_report(self) -> None:
        printer = self.ask_printer(self)
        if printer is not None:
            self._run(
                printer, lambda n: self.tr("Sent to the printer. Pages: {count}").format(count=n)
            )

    def _run(self, target: Path | QPrinter, success: Callable[[int], str]) -> None:
        """Write the report on a worker thread; the buttons wait until it is done."""
        job = ReportJob(self.db_path, self.config, self.first.day, self.last.day, target)
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
        return str(self._target) if isinstance(self._target, Path) else self.tr("the printer")

    def _done(self, count: int) -> None:
        success = self._success
        self._finish(lambda: success(count))

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

    def _finish(self, render: Callable[[], str]) -> None:
        self._set_busy(False)
        self._show_result(render)
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
