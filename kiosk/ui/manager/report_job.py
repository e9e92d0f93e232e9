"""Reports are written off the GUI thread: a month of cards or pages must not freeze the screen.

The job opens its own card store (a SQLite connection stays in the thread that made it), reads
the whole report, then paints onto a QPdfWriter or QPrinter, which Qt allows outside the GUI
thread. A failure of the target's disk or of the card store comes back as a signal for the page
to word; anything else is a bug and is re-raised on the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, SignalInstance, Slot
from PySide6.QtPrintSupport import QPrinter

from kiosk.core.card import Clock, system_clock
from kiosk.core.config import Config
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.export_csv import write_csv
from kiosk.ui.manager.report_pdf import paint_report, write_pdf


class ReportJob(QObject):
    """Writes a CSV or PDF file, or prints; with no target, only reads the days (a preview)."""

    done = Signal(int)  # cards written (CSV) or pages (PDF, print); 0 with no target
    read = Signal(object)  # kiosk.store.reports.PeriodReport, for a preview (no target)
    failed = Signal(str)  # what stopped writing the target, e.g. "No space left on device"
    store_failed = Signal(object)  # kiosk.store.errors.StoreProblem: the cards could not be read
    crashed = Signal(object)  # an unexpected exception, for the GUI thread to raise

    def __init__(
        self,
        db_path: Path,
        config: Config,
        first: date,
        last: date,
        target: Path | QPrinter | None,
        clock: Clock = system_clock,
        flush: bool = False,
    ) -> None:
        """``flush``: the file goes to a USB stick, so it is on the stick, not in the
        system's write cache, before the manager hears it is saved."""
        super().__init__()
        self.clock = clock  # the report says when it was made
        self.db_path = db_path
        self.config = config
        self.first = first
        self.last = last
        self.target = target
        self.flush = flush

    def ends(self) -> tuple[SignalInstance, ...]:
        return (self.done, self.failed, self.store_failed, self.crashed)

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
            count = store.read(write_csv, self.first, self.last, target)
            self._flush()
            return int(count)
        report = store.read(reports.period_report, self.first, self.last)
        if target is None:
            self.read.emit(report)
            return 0
        if isinstance(target, QPrinter):
            return paint_report(target, report, self.config, self.clock())
        pages = write_pdf(report, self.config, target, self.clock())
        if not target.is_file():  # QPdfWriter reports no error; the missing file is the sign
            raise OSError(0, "the file could not be written")
        self._flush()
        return pages

    def _flush(self) -> None:
        if self.flush and hasattr(os, "sync"):
            os.sync()


class EjectJob(QObject):
    """Ejects a USB stick (kiosk.core.export_places.eject), which waits for the stick."""

    done = Signal(object)  # kiosk.core.export_places.EjectResult
    crashed = Signal(object)

    def __init__(self, eject: Callable[[], object]) -> None:
        super().__init__()
        self.eject = eject

    def ends(self) -> tuple[SignalInstance, ...]:
        return (self.done, self.crashed)

    @Slot()
    def run(self) -> None:
        try:
            result = self.eject()
        except Exception as exc:  # re-raised on the GUI thread, never swallowed
            self.crashed.emit(exc)
        else:
            self.done.emit(result)


class JobThread(QThread):
    """One job's thread, owned by the application rather than by the page that started it:
    closing the manager area mid-report must not destroy a running thread (Qt aborts).

    The job is freed with the thread, through this Python reference. A deleteLater on the job
    as well raced with it and crashed the process about one run in six.
    """

    def __init__(self, job: ReportJob | EjectJob) -> None:
        super().__init__(QCoreApplication.instance())
        self.job = job
        job.moveToThread(self)
        self.started.connect(job.run)
        for signal in job.ends():
            signal.connect(self.quit)
        self.finished.connect(self.deleteLater)
