"""Logging: a rotating file in the standard log folder, one named logger per subsystem.

Contact details and comments are never logged; log card ids only.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOGGER_NAMES = ("kiosk", "kiosk.ui", "kiosk.store", "kiosk.sync", "kiosk.app", "qt")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, level: str = "INFO") -> Path | None:
    """Log to stderr and, when ``log_dir`` can be written, to a rotating file there."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler()
    console.setFormatter(logging.Formatter(FORMAT))
    console.setLevel(logging.WARNING)
    root.addHandler(console)
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "kiosk.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("kiosk").warning("cannot write the log file in %s: %s", log_dir, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
