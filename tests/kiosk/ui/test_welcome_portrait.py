"""Portrait (800x1280): the faces use the height, three over two, each still with its word."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.shell.app import build_window
from kiosk.ui.faces import face_word


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_portrait_faces_are_large_in_two_rows_with_their_words(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    window, _session = build_window(qapp, Config(), data_dir, (800, 1280), kiosk_mode=False)
    try:
        window.resize(800, 1280)
        window.show()
        qtbot.waitExposed(window)
        faces = window.welcome.faces
        assert all(face.iconSize().width() >= 200 for face in faces)  # one row left them 98 px
        rows = sorted({face.mapTo(window, face.rect().topLeft()).y() for face in faces})
        assert len(rows) == 2
        tops = [face.mapTo(window, face.rect().topLeft()) for face in faces]
        assert [t.y() for t in tops] == [rows[0]] * 3 + [rows[1]] * 2
        assert tops[0].x() < tops[1].x() < tops[2].x() and tops[3].x() < tops[4].x()
        for face in faces:
            assert face.text() == face_word(face.rating)
            top_left = face.mapTo(window, face.rect().topLeft())
            assert window.rect().contains(face.rect().translated(top_left))
    finally:
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
