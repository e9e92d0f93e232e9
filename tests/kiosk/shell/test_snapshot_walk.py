"""`kiosk snapshot`'s walk: every screen in the language asked for, and the print sheet shot
once its preview is there, waited for on the sheet's own signal (no polling)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import load_config
from kiosk.shell.app import build_window
from kiosk.shell.snapshot import each_screen, seed_scratch
from kiosk.ui.manager.area import ManagerArea

DEMO = Path(__file__).resolve().parents[3] / "assets" / "demo.toml"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_print_sheet_is_shot_with_its_preview(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    config = load_config(DEMO)
    clock = seed_scratch(tmp_path, config)
    window, _session = build_window(qapp, config, tmp_path, (1280, 800), False, clock=clock)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    seen: list[str] = []
    try:
        for name in each_screen(qapp, window, "es", tmp_path):
            seen.append(name)
            assert window.switcher.language == "es", name
            if name == "manager-print":
                manager = window.current()
                assert isinstance(manager, ManagerArea)
                assert manager.title.text() == "Área de administración"
                sheet = manager.print_sheet
                assert sheet.pages[0].isVisible() and sheet.pages[1].isVisible()
                assert sheet.preview_label.text() == "Vista previa: las primeras páginas"
    finally:
        window.switcher.set_language("en")
        window.leave_kiosk()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert seen[-1] == "manager-print"
