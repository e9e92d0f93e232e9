"""Sync to the district off the GUI thread: the uploader runs on its own QThread, on a timer and
on demand, and reports each cycle's status back by signal.

The worker thread has its own CardStore (SQLite connections belong to one thread). The GUI
thread never waits on the network: start() and sync_now() only post events; stop() waits for a
running HTTP call, at most its timeout.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from kiosk import __version__
from kiosk.core.card import Clock, system_clock
from kiosk.core.config import Config
from kiosk.outbox.uploader import CycleReport, Uploader
from kiosk.store.cards import CardStore, StoreEnvironmentError
from sync.backoff import Backoff
from sync.errors import AuthError, RateLimited, SyncConfigError, SyncError

log = logging.getLogger("kiosk.sync_worker")


class _Runner(QObject):
    """Lives on the worker thread: owns the store connection, the uploader and the timer."""

    status_changed = Signal(object)
    crashed = Signal(object)

    def __init__(self, data_dir: Path, config: Config, clock: Clock, backoff: Backoff) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._config = config
        self._clock = clock
        self._backoff = backoff
        self._store: CardStore | None = None
        self._uploader: Uploader | None = None
        self._timer: QTimer | None = None

    @Slot()
    def begin(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self.run)
        try:
            self._store = CardStore.in_dir(self._data_dir, self._clock)
            self._uploader = Uploader.from_config(
                self._store, self._config.sync, self._config.kiosk_id, __version__
            )
            thread = QThread.currentThread()
            if thread is not None:
                self._uploader.should_stop = thread.isInterruptionRequested
        except StoreEnvironmentError as exc:
            # The disk, not a bug: the visitor's screens report it; try again later.
            log.error("sync: cannot open the card store: %s", exc)
            self._timer.start(int(self._backoff.failed() * 1000))
            return
        except SyncConfigError as exc:
            # Nothing to retry until the config changes; the status says why.
            log.warning("sync: %s", exc)
            assert self._store is not None
            self._store.record_sync_result(str(exc), exc.kind)
            self.status_changed.emit(self._store.sync_status())
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
        report = CycleReport()
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
            # Disk full, locked, read-only: logged and retried, never a crash of the kiosk.
            log.error("sync: the card store failed: %s", exc)
            delay = self._backoff.failed()
        except Exception as exc:  # a bug: re-raised on the GUI thread
            self.crashed.emit(exc)
            delay = self._backoff.failed()
        self._timer.start(int(delay * 1000))
        self._emit_status()

    def _emit_status(self) -> None:
        if self._store is None:
            return
        try:
            self.status_changed.emit(self._store.sync_status())
        except StoreEnvironmentError as exc:
            log.error("sync: cannot read the sync status: %s", exc)
        except Exception as exc:
            self.crashed.emit(exc)

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
    where the app's excepthook sees them.
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
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("sync")
        self._runner = _Runner(data_dir, config, clock, backoff or Backoff())
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
