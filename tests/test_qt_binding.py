"""The Qt binding must not corrupt Python's own objects: a kiosk runs for weeks."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 released a reference to None on every void call; on Python 3.11, where None
    # is not immortal, the kiosk aborted ("none_dealloc") after a few thousand label updates.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100
