"""Sync to the district off the GUI thread: the uploader runs on its own QThread, on a timer and
on demand, and reports each cycle's status back by signal.

The worker thread has its own CardStore (SQLite connections belong to one thread). The GUI
thread never waits on the network: start() and sync_now() only post events; stop() waits for a
running HTTP call, at most its timeout. When the machine stops the store (disk full, damaged),
the status says so (``SyncStatus.store_problem``) and the cycle is tried again later: the
machine, not a bug, so nothing is raised on the GUI thread.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk import __version__
from kiosk.core.card import Clock, system_clock
from kiosk.core.config import Config
from kiosk.outbox.uploader import CycleReport, Uploader
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.store.errors import StoreEnvironmentError, StoreProblem
from sync.backoff import Backoff
from sync.errors import AuthError, RateLimited, SyncConfigError, SyncError

log = logging.getLogger("kiosk.sync_worker")


# The status before the store could ever be read: no figures, only the problem.
_NOTHING_READ = SyncStatus()


class _Runner(QObject):
    """Lives on the worker thread: owns the store connection, the uploader and the timer."""

    status_changed = Signal(object)
    crashed = Signal(object)

    def __init__(
        self, open_store: Callable[[], CardStore], config: Config, backoff: Backoff
    ) -> None:
        super().__init__()
        self._open_store = open_store
        self._config = config
        self._backoff = backoff
        self._store: CardStore | None = None
        self._uploader: Uploader | None = None
        self._timer: QTimer | None = None
        self._last_status: SyncStatus | None = None

    @Slot()
    def begin(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self.run)
        try:
            self._store = self._open_store()
        except StoreEnvironmentError as exc:
            log.error("sync: cannot open the card store: %s", exc)
            self._timer.start(int(self._backoff.failed() * 1000))  # try again later
            self._emit_status(exc.problem)
            return
        except Exception as exc:
            self.crashed.emit(exc)
            return
        try:
            self._uploader = Uploader.from_config(
                self._store, self._config.sync, self._config.kiosk_id, __version__
            )
            thread = QThread.currentThread()
            if thread is not None:
                self._uploader.should_stop = thread.isInterruptionRequested
        except SyncConfigError as exc:
            # Nothing to retry until the config changes; the status says why.
            log.warning("sync: %s", exc)
            try:
                self._store.record_sync_result(str(exc), exc.kind)
            except StoreEnvironmentError as store_exc:
                self._emit_status(store_exc.problem)
                return
            self._emit_status()
            return
        except Exception as exc:
            self.crashed.emit(exc)
            return
        self._emit_status()  # the UI has figures at once
        self.run()

    @Slot()
    def run(self) -> None:
        if self._timer is None:
            return
        if self._store is None:
            self._timer.stop()
            self.begin()  # the store could not be opened before; try again
            return
        if self._uploader is None:
            # Not configured usefully (see the status): answer "Sync now" with the status.
            self._emit_status()
            return
        self._timer.stop()
        if self._store.replaced():
            # The kiosk moved a damaged file aside for a recovered one: sync from that.
            try:
                self._store.reopen()
            except StoreEnvironmentError as exc:
                log.error("sync: cannot open the recovered card store: %s", exc)
        report = CycleReport()
        problem: StoreProblem | None = None
        try:
            self._uploader.run_cycle(report)
            self._backoff.succeeded()
            delay = float(self._config.sync.interval_seconds)
        except AuthError:
            delay = self._backoff.failed(retry_after=self._backoff.cap)
        except RateLimited as exc:
            delay = self._backoff.failed(retry_after=exc.retry_after)
        except SyncError:
            if report.progressed:
                # Partial progress counts: behind a lossy link the backoff would otherwise
                # climb toward its cap while batches do get through.
                self._backoff.succeeded()
            delay = self._backoff.failed()
        except StoreEnvironmentError as exc:
            # Disk full, locked, read-only: said in the status and retried, never a crash.
            log.error("sync: the card store failed: %s", exc)
            problem = exc.problem
            delay = self._backoff.failed()
        except Exception as exc:  # a bug: re-raised on the GUI thread
            self.crashed.emit(exc)
            delay = self._backoff.failed()
        self._timer.start(int(delay * 1000))
        self._emit_status(problem)

    def _emit_status(self, problem: StoreProblem | None = None) -> None:
        """The figures as the store has them, or as last read when it cannot be read, with
        ``problem``: what the machine did to the store in this cycle, if anything."""
        status = self._last_status
        if self._store is not None:
            try:
                status = self._last_status = self._store.sync_status(self._config.kiosk_id)
            except StoreEnvironmentError as exc:
                log.error("sync: cannot read the sync status: %s", exc)
                problem = problem or exc.problem
            except Exception as exc:
                self.crashed.emit(exc)
                return
        if problem is not None:
            status = dataclasses.replace(status or _NOTHING_READ, store_problem=problem)
        if status is not None:
            self.status_changed.emit(status)

    @Slot()
    def finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._uploader is not None:
            self._uploader.close()
        if self._store is not None:
            self._store.close()
        thread = QThread.currentThread()
        assert thread is not None
        thread.quit()


class SyncWorker(QObject):
    """Runs sync cycles on a worker thread.

    ``status_changed(SyncStatus)`` arrives on the GUI thread after every cycle (and once at
    start). Unexpected exceptions from the worker are re-raised on the GUI thread's event loop,
    where the app's excepthook sees them. ``open_store`` opens the worker's own store, on the
    worker thread (by default the one in ``data_dir``).
    """

    status_changed = Signal(object)  # kiosk.store.cards.SyncStatus
    _begin = Signal()
    _sync = Signal()
    _finish = Signal()

    def __init__(
        self,
        data_dir: Path,
        config: Config,
        clock: Clock = system_clock,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
        open_store: Callable[[], CardStore] | None = None,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("sync")
        opener = open_store or (lambda: CardStore.in_dir(data_dir, clock))
        self._runner = _Runner(opener, config, backoff or Backoff())
        self._runner.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._begin.connect(self._runner.begin, queued)
        self._sync.connect(self._runner.run, queued)
        self._finish.connect(self._runner.finish, queued)
        self._runner.status_changed.connect(self.status_changed, queued)
        self._runner.crashed.connect(self._reraise, queued)

    def start(self) -> None:
        self._thread.start()
        self._begin.emit()

    @Slot()
    def sync_now(self) -> None:
        """Run a cycle as soon as the worker is free, ignoring any backoff."""
        self._sync.emit()

    def stop(self) -> None:
        """Finish the running cycle (if any), close the worker's connections, join the thread."""
        if self._thread.isRunning():
            self._thread.requestInterruption()  # the uploader stops after the current batch
            self._finish.emit()
            self._thread.wait()

    @Slot(object)
    def _reraise(self, exc: BaseException) -> None:
        raise exc
