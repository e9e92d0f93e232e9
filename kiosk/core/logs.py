"""Logging: a rotating file in the standard log folder, one named logger per subsystem.

Folder: platformdirs' user log dir (Linux ``~/.local/state/feedback-kiosk/log``, Windows
``%LOCALAPPDATA%\\feedback-kiosk\\Logs``), file ``kiosk.log``, rotated at 2 MB with 5 old files
kept, so a kiosk running for months holds at most 12 MB of logs.

Subsystem loggers (after qutebrowser's utils/log.py): ``kiosk.shell.app`` (wiring, start/stop),
``kiosk.ui`` (screens), ``kiosk.store.cards`` (SQLite), ``kiosk.sync`` (uploader, heartbeat),
``kiosk.core.crash`` (unhandled errors), ``qt`` (Qt's own messages, routed by
``kiosk.shell.qt_log``).

Contact details and comments are never logged: log card ids, counts and error types only.
A test runs a visitor flow with a known comment and contact and greps the log file for them.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from kiosk import __version__

LOG_FILENAME = "kiosk.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Libraries that chatter at INFO/DEBUG (one line per HTTP connection, ...).
QUIET = ("urllib3", "requests", "PIL", "asyncio")


def setup_logging(log_dir: Path | None, level: str = "INFO") -> Path | None:
    """Log to stderr (warnings and worse) and, when ``log_dir`` can be written, to a rotating
    file there at ``level``. Returns the log file's path, or None when there is none."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    if sys.stderr is not None:  # None in a windowed Windows build
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(FORMAT))
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / LOG_FILENAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("kiosk").warning("cannot write the log file in %s: %s", log_dir, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    logging.getLogger("kiosk").info(
        "kiosk %s (%s), Python %s, %s",
        __version__,
        frozen,
        platform.python_version(),
        platform.platform(terse=True),
    )
    return path
