"""Ctrl+C (SIGINT) or a plain `kill` (SIGTERM) stops the kiosk the way staff closing it does.

Python runs a signal handler only between two of its own instructions, and while Qt's event
loop waits inside C++ there are none: Ctrl+C would wait for the next touch, or forever on an
idle kiosk. ``signal.set_wakeup_fd`` has the C-level handler write a byte to a socket that a
QSocketNotifier watches, so the loop wakes at once and the Python handler runs in it.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def stop_on_signals(parent: QObject, stop: Callable[[str], None]) -> QSocketNotifier:
    """From now on SIGINT and SIGTERM call ``stop`` with the signal's name, in the GUI thread.

    The returned notifier, a child of ``parent``, keeps the wake-up socket open.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, parent)

    def drain() -> None:
        # Reading the byte is all: the Python handler has run by the time this slot does.
        with contextlib.suppress(BlockingIOError):
            reader.recv(64)

    notifier.activated.connect(drain)
    notifier.setProperty("sockets", (reader, writer))  # they live as long as the notifier
    for number in STOP_SIGNALS:
        signal.signal(number, lambda n, _frame: stop(signal.Signals(n).name))
    return notifier
