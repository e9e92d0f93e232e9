"""The kiosk's logging set up for one test or bench run, and the caller's handlers restored."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.core.logs import setup_logging


@contextmanager
def kiosk_logging(log_dir: Path, level: str = "INFO") -> Iterator[Path | None]:
    """``setup_logging`` into ``log_dir``; afterwards the root logger is as it was (pytest's
    capture handlers included), the kiosk's own handlers closed."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    try:
        yield setup_logging(log_dir, level)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved_handlers:
            root.addHandler(handler)
        root.setLevel(saved_level)
