"""`kiosk run`: the whole kiosk, wired to its store and sync, then shown.

The config is validated before this module is imported (kiosk.cli.main): a wrong file shows
kiosk.shell.config_error's screen instead. The window is shown once every screen is built; it
says "Starting..." until the card store's check is done (kiosk.shell.store_start), which on a
sound file is before its first frame, so that frame takes taps.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.core.config import Config
from kiosk.core.crash import enable_fault_log
from kiosk.core.exit_codes import EXIT_ALREADY_RUNNING
from kiosk.core.logs import setup_logging
from kiosk.core.paths import default_log_dir
from kiosk.shell.app import start_kiosk
from kiosk.shell.interrupt import stop_on_signals
from kiosk.shell.qt_log import route_qt_messages

log = logging.getLogger("kiosk.shell")


class AlreadyRunning(Exception):
    pass


def lock_data_dir(data_dir: Path) -> QLockFile:
    """One kiosk per data folder: a second one would finalise the first one's open card.

    The returned lock is held unless another live process holds it (``isLocked()`` tells);
    a folder that cannot be made is left to the store to report.
    """
    lock = QLockFile(str(data_dir / "kiosk.lock"))
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return lock
    if not lock.tryLock(200) and lock.error() == QLockFile.LockError.LockFailedError:
        raise AlreadyRunning(f"another kiosk is already running with the data folder {data_dir}")
    return lock


def run_kiosk(
    config: Config,
    data_dir: Path,
    windowed: bool,
    size: tuple[int, int] | None = None,
    quit_after_first_tap: bool = False,
) -> int:
    """Run the kiosk until staff close it; returns the process's exit code.

    ``quit_after_first_tap`` (start-up measurements, smoke tests): see kiosk.shell.start_probe.
    """
    setup_logging(default_log_dir(), config.log_level)
    route_qt_messages()
    enable_fault_log(default_log_dir())  # a hard crash leaves its Python stack in faults.log
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("feedback-kiosk")
    app.setApplicationVersion(__version__)
    try:
        lock = lock_data_dir(data_dir)  # held until the kiosk ends
    except AlreadyRunning as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING

    screen = app.primaryScreen().availableGeometry()
    width, height = size or (screen.width(), screen.height())
    window = start_kiosk(app, config, data_dir, (width, height), kiosk_mode=not windowed)
    window.resize(width, height)
    if quit_after_first_tap:
        from kiosk.shell.start_probe import StartProbe

        def leave() -> None:
            window.reset_to_welcome()  # the probe's card is final, as after an idle visitor
            window.exit_requested.emit()

        StartProbe(window, leave, lambda line: print(line, flush=True))

    def stop(name: str) -> None:
        log.info("kiosk stopped by %s", name)
        # In the event loop, even for a signal that came before it started: quit() does
        # nothing outside it.
        QTimer.singleShot(0, leave_now)

    def leave_now() -> None:
        window.reset_to_welcome()  # an open visit's card is final, as after an idle visitor
        window.exit_requested.emit()  # then as when staff close it

    stop_on_signals(window, stop)
    if windowed:
        window.show()
    else:
        window.showFullScreen()
    if not quit_after_first_tap:  # the probe's lines are all a measurement reads
        print("kiosk: running; Ctrl+C here stops it", flush=True)
    code = app.exec()
    lock.unlock()
    return code
