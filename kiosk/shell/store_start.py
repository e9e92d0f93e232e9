"""The card store's start-up check, off the GUI thread.

`PRAGMA quick_check` reads the whole file (about 1 s for 200,000 cards on a loaded machine, far
more on a slow SD card), and a damaged file is then recovered into a fresh one: the window shows
"Starting..." meanwhile, and its faces once ``finished`` has come. The check runs on a plain
Python thread (it is Qt-free, kiosk.store.recover.check_store) and leaves no connection open;
its outcome reaches the GUI thread by a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.core.card import Clock, system_clock
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.recover import Recovery, check_store

log = logging.getLogger("kiosk.shell")

StoreCheck = Callable[[], Recovery | None]


class StoreStart(QObject):
    """Runs ``check`` once, on a worker thread (``background``) or at once in ``start()``
    (tests, snapshots, benchmarks: their store is small and local).

    ``finished`` carries the Recovery (or None: the file was sound, or new) or the exception
    that stopped it (a StoreEnvironmentError: the machine; anything else: a bug), always on the
    GUI thread.
    """

    finished = Signal(object)
    _done = Signal(object)  # from the worker thread

    def __init__(self, check: StoreCheck, background: bool) -> None:
        super().__init__()
        self.check = check
        self.background = background
        self.worker: threading.Thread | None = None
        self._done.connect(self.finished, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def for_dir(cls, data_dir: Path, background: bool, clock: Clock = system_clock) -> StoreStart:
        return cls(lambda: check_store(data_dir, clock), background)

    def start(self) -> None:
        if not self.background:
            self.finished.emit(self._outcome())
            return
        # A daemon: a kiosk closed during a long check does not wait for it (a recovery is
        # crash-safe: its fresh file takes the old one's place only once complete).
        self.worker = threading.Thread(target=self._run, name="store-check", daemon=True)
        self.worker.start()

    def _run(self) -> None:
        outcome = self._outcome()
        try:
            self._done.emit(outcome)
        except RuntimeError:  # the window, and this object with it, closed meanwhile
            log.info("the kiosk closed before the card database's check ended")

    def _outcome(self) -> Recovery | Exception | None:
        try:
            return self.check()
        except StoreEnvironmentError as exc:
            log.error("cannot open the card database at start: %s", exc)
            return exc
        except Exception as exc:  # a bug: the wiring raises it again on the GUI thread
            return exc
