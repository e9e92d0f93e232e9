"""Crash safety: an unhandled error in the GUI is logged and the kiosk goes back to Welcome.

PySide6 hands an exception raised in a slot or a virtual method to ``sys.excepthook`` and keeps
the event loop running, so the hook decides what the visitor sees: the welcome screen, with the
card they had started finalised (it was saved at the first tap). Errors that keep coming
(``MAX_CRASHES`` within ``WINDOW_SECONDS``) mean the kiosk is wedged; it then exits with
``EXIT_CRASHED`` so the autostart (systemd ``Restart=on-failure``, or Task Scheduler's "restart
on failure") starts a fresh process. A hard crash (segfault) leaves a trace in ``faults.log``.

No visitor text is ever logged: the traceback names code, not data, and the hook logs nothing
but the exception's type, message and stack.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from kiosk.core.exit_codes import EXIT_CRASHED

log = logging.getLogger("kiosk.crash")

MAX_CRASHES = 5
WINDOW_SECONDS = 60.0


class CrashHandler:
    """The ``sys.excepthook`` of a running kiosk (see the module docstring)."""

    def __init__(
        self,
        reset: Callable[[], None],
        quit_app: Callable[[int], None],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.reset = reset
        self.quit_app = quit_app
        self.monotonic = monotonic
        self.recent: deque[float] = deque(maxlen=MAX_CRASHES)
        self.previous = sys.excepthook

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self.quit_app(130 if issubclass(kind, KeyboardInterrupt) else 0)
            return
        log.critical("unhandled error; returning to the welcome screen", exc_info=(kind, error, tb))
        now = self.monotonic()
        self.recent.append(now)
        if len(self.recent) == MAX_CRASHES and now - self.recent[0] < WINDOW_SECONDS:
            log.critical(
                "%d errors within %.0f s: exiting so the autostart starts a fresh kiosk",
                MAX_CRASHES,
                WINDOW_SECONDS,
            )
            self.quit_app(EXIT_CRASHED)
            return
        try:
            self.reset()
        except Exception:
            log.critical("cannot return to the welcome screen; exiting", exc_info=True)
            self.quit_app(EXIT_CRASHED)

    def install(self) -> CrashHandler:
        self.previous = sys.excepthook
        sys.excepthook = self
        threading.excepthook = _log_thread_error
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous
        threading.excepthook = threading.__excepthook__


def _log_thread_error(args: threading.ExceptHookArgs) -> None:
    """A worker thread's error: logged; the worker's owner reports it on the GUI thread."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else "?"
    log.critical(
        "unhandled error in thread %s",
        name,
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


def enable_fault_log(log_dir: Path | None) -> IO[str] | None:
    """Write the Python stack of a hard crash (segfault, abort) to faults.log in ``log_dir``."""
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        stream = (log_dir / "faults.log").open("a", encoding="utf-8")
    except OSError as exc:
        log.warning("cannot open faults.log in %s: %s", log_dir, exc)
        return None
    faulthandler.enable(stream)
    return stream
