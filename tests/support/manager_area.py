"""The manager area on screen for a test, at 1280x800, saving reports into a test's folder."""

from __future__ import annotations

from pathlib import Path

from fake_clock import FakeClock
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.store.cards import CardStore
from kiosk.ui.manager.area import ManagerArea


def open_area(
    qtbot: QtBot,
    store: CardStore,
    clock: FakeClock,
    tmp_path: Path,
    saved_to: list[Path] | None = None,
    config: Config | None = None,
) -> ManagerArea:
    """``saved_to``, when given, collects every path the area asked to save a report to."""

    def ask_path(parent: QWidget, suggested: str, file_filter: str) -> Path:
        path = tmp_path / suggested
        if saved_to is not None:
            saved_to.append(path)
        return path

    area = ManagerArea(store, config or Config(), clock, ask_path=ask_path)
    qtbot.addWidget(area)
    area.resize(1280, 800)
    area.show()
    qtbot.waitExposed(area)
    return area
