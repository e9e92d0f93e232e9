"""Qt's own messages, routed to the 'qt' logger so they land in the kiosk's log file."""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class QtMessages:
    """Qt's own warnings go to the 'qt' logger, so they land in the log file.

    With ``hold``, messages wait until ``release()`` (called once the log file is set up):
    before that, logging has no handler and would print them on the console.
    """

    def __init__(self, hold: bool = False) -> None:
        self.held: list[tuple[int, str]] | None = [] if hold else None
        qInstallMessageHandler(self._handle)

    def _handle(self, kind: QtMsgType, _context: object, message: str) -> None:
        level = _QT_LEVELS.get(kind, logging.WARNING)
        if self.held is not None:
            self.held.append((level, message))
        else:
            qt_log.log(level, "%s", message)

    def release(self) -> None:
        held, self.held = self.held or [], None
        for level, message in held:
            qt_log.log(level, "%s", message)
