"""`kiosk run`: the welcome screen on the display first, then the rest of the kiosk.

Start-up is split in two so a visitor sees the kiosk as soon as Qt can paint it:

1. Before the first frame: recall what Welcome shows from the last validation of this very
   config file (kiosk.core.config_seen), take the data folder's lock, load the typeface and the
   stylesheet, build the header and the welcome screen, show them. A config file this
   version has not validated before is validated here, first, so a wrong file never opens a
   window.
2. Right after the first frame (kiosk.shell.app.finish_start): the validated config, the log file,
   the visitor's steps, the card store, the manager's settings, sync and the crash handler.
   Taps and keys that arrive in between are held back by the window, as during a screen
   change, so none acts on a half-built kiosk.

This module imports neither tomllib, pydantic nor sqlite-utils nor the screens after Welcome,
and nothing on its path touches PySide6's ``Qt`` namespace (kiosk.ui.widgets): those are what
made the kiosk's start 3.6 times a minimal window's.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.core.config_seen import recall, remember
from kiosk.core.crash import enable_fault_log
from kiosk.core.exit_codes import EXIT_ALREADY_RUNNING, EXIT_CONFIG
from kiosk.core.first_frame import ConfigError, FirstFrame
from kiosk.core.paths import default_cache_dir, default_log_dir
from kiosk.shell.qt_log import QtMessages
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.theme import apply_theme
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")

# If the first frame is never painted (a display that is off), the rest starts anyway.
FINISH_WITHOUT_PAINT_MS = 2000


class FirstPaint(QObject):
    """Calls ``then`` once, on the event loop's next turn after the watched widget's first
    paint, or after FINISH_WITHOUT_PAINT_MS if no paint comes."""

    def __init__(self, widget: QObject, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then: Callable[[], None] | None = then
        self.painted_at: float | None = None
        widget.installEventFilter(self)
        QTimer.singleShot(FINISH_WITHOUT_PAINT_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.monotonic()
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()


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


def first_frame(
    app: QApplication, first: FirstFrame, size: tuple[int, int] | None, windowed: bool
) -> KioskWindow:
    """The header and the welcome screen, sized for the screen (or ``size``), not shown yet."""
    screen = app.primaryScreen().availableGeometry()
    width, height = size or (screen.width(), screen.height())
    fit = apply_theme(app, width, height, italics=False)  # KioskWindow.complete adds them
    switcher = LanguageSwitcher()
    switcher.set_language(first.default_language)
    window = KioskWindow(first, fit, switcher, kiosk_mode=not windowed)
    switcher.setParent(window)  # its translator goes with the window
    window.resize(width, height)
    return window


def _config_error(message: str) -> int:
    print(f"kiosk: configuration error: {message}", file=sys.stderr)
    return EXIT_CONFIG


def run_kiosk(
    config_file: Path | None,
    data_dir: Path,
    windowed: bool,
    size: tuple[int, int] | None = None,
    quit_after_first_tap: bool = False,
) -> int:
    """Run the kiosk until staff close it; returns the process's exit code.

    ``quit_after_first_tap`` (start-up measurements, smoke tests): see kiosk.shell.start_probe.
    """
    validated: Any = None  # a kiosk.core.config.Config, when it had to be validated up front
    first = FirstFrame.defaults()
    if config_file is not None:
        raw: bytes | None = None
        with contextlib.suppress(OSError):  # load_config below words the problem
            raw = config_file.read_bytes()
        recalled = recall(default_cache_dir(), raw) if raw is not None else None
        if recalled is None:
            from kiosk.core.config import load_config

            try:
                validated = load_config(config_file)
            except ConfigError as exc:
                return _config_error(str(exc))
            first = validated.first_frame()
            if raw is not None:
                remember(default_cache_dir(), raw, first)
        else:
            first = recalled
    if not windowed and not first.has_pin:
        # Without a PIN, staff could never leave kiosk mode.
        return _config_error(
            "admin_pin_hash is not set; kiosk mode needs it "
            "(make one with `kiosk pin-hash`), or use --windowed"
        )
    qt_messages = QtMessages(hold=True)
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

    window = first_frame(app, first, size, windowed)

    def finish() -> None:
        from kiosk.shell.app import finish_start

        finish_start(app, window, validated, config_file, data_dir, qt_messages)

    FirstPaint(window.welcome, finish)
    if quit_after_first_tap:
        from kiosk.shell.start_probe import StartProbe

        def leave() -> None:
            window.reset_to_welcome()  # the probe's card is final, as after an idle visitor
            window.exit_requested.emit()

        StartProbe(window, leave, lambda line: print(line, flush=True))
    if windowed:
        window.show()
    else:
        window.showFullScreen()
    code = app.exec()
    lock.unlock()
    return code
