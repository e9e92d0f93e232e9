"""Closing the kiosk cannot be undone from the screen: the staff menu's "Close the kiosk" and
Settings' "Quit the kiosk app" ask first, in the kiosk's own sheet, on the real window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.core.pin import hash_pin
from kiosk.ui.manager.area import ManagerArea

PIN = "2468"


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    config = Config(admin_pin_hash=hash_pin(PIN))
    yield from open_kiosk(qtbot, data_dir, clock, config)


def staff_menu(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.open_staff_area()
    for digit in [*PIN, "ok"]:
        w.pin.press(digit)
    assert w.current() is w.staff


def test_close_the_kiosk_asks_and_keep_open_keeps_it(qtbot: QtBot, kiosk: Kiosk) -> None:
    w = kiosk.window
    staff_menu(kiosk)
    with qtbot.assertNotEmitted(w.exit_requested):
        kiosk.tap(w.staff.exit_button)
    sheet = w.confirm_exit
    assert sheet.isVisible() and sheet.geometry() == w.rect()  # over the whole screen
    assert sheet.title.text() == "Close the kiosk?"
    assert sheet.text.text() == "Visitors cannot give feedback until the kiosk is started again."
    with qtbot.assertNotEmitted(w.exit_requested):
        kiosk.tap(sheet.keep)
    assert not sheet.isVisible() and w.current() is w.staff

    kiosk.tap(w.staff.exit_button)
    with qtbot.waitSignal(w.exit_requested):
        kiosk.tap(sheet.act)
    assert not w.isVisible()


def test_quit_in_settings_asks_in_the_same_sheet(qtbot: QtBot, kiosk: Kiosk) -> None:
    w = kiosk.window
    staff_menu(kiosk)
    kiosk.tap(w.staff.manager_button)
    manager = w.current()
    assert isinstance(manager, ManagerArea)
    manager.show_screen("settings")
    with qtbot.assertNotEmitted(w.exit_requested):
        kiosk.tap(manager.settings.quit)
    assert w.confirm_exit.isVisible()
    kiosk.tap(w.confirm_exit.keep)
    assert w.current() is manager  # nothing closed, the manager is where they were


def test_the_dangerous_button_is_red_and_apart_from_the_safe_ones(kiosk: Kiosk) -> None:
    w = kiosk.window
    staff_menu(kiosk)
    menu = w.staff
    assert menu.exit_button.property("role") == "danger"
    top = menu.exit_button.mapTo(w, QPoint(0, 0)).y()
    safe_bottom = max(
        b.mapTo(w, QPoint(0, b.height())).y() for b in (menu.manager_button, menu.back_button)
    )
    assert top - safe_bottom >= 64  # a finger's width of space, not between the safe ones
    w.request_exit()
    sheet = w.confirm_exit
    gap = (
        sheet.act.mapTo(w, QPoint(0, 0)).x()
        - sheet.keep.mapTo(w, QPoint(sheet.keep.width(), 0)).x()
    )
    assert gap >= 64


def test_an_idle_return_to_welcome_closes_the_question(kiosk: Kiosk) -> None:
    w = kiosk.window
    staff_menu(kiosk)
    w.request_exit()
    w.reset_to_welcome()
    assert not w.confirm_exit.isVisible()
