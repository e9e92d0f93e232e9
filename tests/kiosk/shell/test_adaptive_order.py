"""After a low rating "What could be better?" comes first; after a high one "What went well?"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, Config())


@pytest.mark.parametrize(
    ("face", "first"),
    [
        (0, "What could be better?"),
        (1, "What could be better?"),
        (2, "What went well?"),
        (3, "What went well?"),
        (4, "What went well?"),
    ],
)
def test_the_group_the_rating_points_to_comes_first(kiosk: Kiosk, face: int, first: str) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[face])
    QApplication.processEvents()
    details = w.details
    assert details.groups()[0].title.text() == first
    left, right = details.groups()
    assert left.x() < right.x()  # first on screen too, not only in the list


def test_changing_the_face_reorders_the_groups_and_keeps_the_chips(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[4])
    kiosk.tap(w.details.went_well.buttons["friendly"])
    kiosk.tap(w.details.chosen_face)
    kiosk.tap(w.welcome.faces[0])
    QApplication.processEvents()
    assert w.details.groups()[0] is w.details.could_improve
    assert w.details.could_improve.x() < w.details.went_well.x()
    assert w.details.went_well.buttons["friendly"].isChecked()
    kiosk.tap(w.details.done_button)
    kiosk.tap(w.thanks.restart_button)
    assert w.details.groups()[0] is w.details.went_well  # the next visitor starts plain


def test_tab_follows_the_order_on_screen(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[1])
    details = w.details
    details.chosen_face.setFocus()
    seen = []
    for _ in range(len(details.could_improve.buttons) + 1):
        kiosk.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    first_group = list(details.could_improve.buttons.values())
    assert seen[: len(first_group)] == first_group
    assert seen[len(first_group)] is next(iter(details.went_well.buttons.values()))
