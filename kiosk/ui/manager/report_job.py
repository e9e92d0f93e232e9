"""Reports are written off the GUI thread: a month of cards or pages must not freeze the screen.

The job opens its own card store (a SQLite connection stays in the thread that made it), reads
the whole report, then paints onto a QPdfWriter or QPrinter, which Qt allows outside the GUI
thread. A failure of the target's disk or of the card store comes back as a signal for the page
to word; anything else is a bug and is re-raised on the GUI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtPrintSupport import QPrinter

from kiosk.core.card import Clock, system_clock
from kiosk.core.config import Config
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.export_csv import write_csv
from kiosk.ui.manager.report_pdf import paint_report, write_pdf


class ReportJob(QObject):
    done = Signal(int)  # cards written (CSV) or pages (PDF, print)
    failed = Signal(str)  # what stopped writing the target, e.g. "No space left on device"
    store_failed = Signal(object)  # kiosk.store.errors.StoreProblem: the cards could not be read
    crashed = Signal(object)  # an unexpected exception, for the GUI thread to raise

    def __init__(
        self,
        db_path: Path,
        config: Config,
        first: date,
        last: date,
        target: Path | QPrinter,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__()
        self.clock = clock  # the report says when it was made
        self.db_path = db_path
        self.config = config
        self.first = first
        self.last = last
        self.target = target

    @Slot()
    def run(self) -> None:
        try:
            store = CardStore(self.db_path)
            try:
                count = self._write(store)
            finally:
                store.close()
        except StoreEnvironmentError as exc:
            self.store_failed.emit(exc.problem)
        except OSError as exc:
            self.failed.emit(exc.strerror or str(exc))
        except Exception as exc:  # re-raised on the GUI thread, never swallowed
            self.crashed.emit(exc)
        else:
            self.done.emit(count)

    def _write(self, store: CardStore) -> int:
        target = self.target
        if isinstance(target, Path) and target.suffix.lower() == ".csv":
            return store.read(write_csv, self.first, self.last, target)
        report = store.read(reports.period_report, self.first, self.last)
        if isinstance(target, QPrinter):
            return paint_report(target, report, self.config, self.clock())
        pages = write_pdf(report, self.config, target, self.clock())
        if not target.is_file():  # QPdfWriter reports no error; the missing file is the sign
            raise OSError(0, "the file could not be written")
        return pages


class JobThread(QThread):
    """One job's thread, owned by the application rather than by the page that started it:
    closing the manager area mid-report must not destroy a running thread (Qt aborts).

    The job is freed with the thread, through this Python reference. A deleteLater on the job
    as well raced with it and crashed the process about one run in six.
    """

    def __init__(self, job: ReportJob) -> None:
        super().__init__(QCoreApplication.instance())
        self.job = job
        job.moveToThread(self)
        self.started.connect(job.run)
        for signal in (job.done, job.failed, job.store_failed, job.crashed):
            signal.connect(self.quit)
        self.finished.connect(self.deleteLater)
