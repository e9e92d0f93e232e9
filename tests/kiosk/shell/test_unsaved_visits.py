"""Visits the card database refused are never lost silently: they are kept aside, staff hear
of them when they close the kiosk, the manager's Sync page counts them, and the next start
moves them into the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from pytestqt.qtbot import QtBot

from kiosk.core.card import Delivery
from kiosk.core.config import Config
from kiosk.core.pin import hash_pin
from kiosk.store.journal import journal_path
from kiosk.ui.manager.area import ManagerArea

PIN = "2468"


@pytest.fixture
def config() -> Config:
    return Config(kiosk_id="lincoln-1", admin_pin_hash=hash_pin(PIN))


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock, config: Config) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, config)


def three_visits(kiosk: Kiosk) -> None:
    w = kiosk.window
    for face, chip in ((0, "parking"), (2, "wait_time"), (4, None)):
        kiosk.tap(w.welcome.faces[face])
        if chip:
            kiosk.tap(w.details.could_improve.buttons[chip])
        kiosk.tap(w.details.done_button)
        kiosk.tap(w.thanks.restart_button)


def unlock_staff_menu(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.open_staff_area()
    for digit in PIN:
        w.pin.press(digit)
    w.pin.press("ok")
    assert w.current() is w.staff


def test_refused_visits_survive_closing_the_kiosk(
    qtbot: QtBot, kiosk: Kiosk, data_dir: Path, clock: FakeClock, config: Config
) -> None:
    w = kiosk.window
    kiosk.store_refuses_writes()
    three_visits(kiosk)
    assert kiosk.cards() == []
    assert kiosk.session.unsaved_visits() == (3, True)

    unlock_staff_menu(kiosk)
    with qtbot.assertNotEmitted(w.exit_requested):
        kiosk.tap(w.staff.exit_button)
    assert w.confirm_exit.isVisible()  # the question names the visits before anything closes
    assert "Visits not saved yet: 3. They are kept safely" in w.confirm_exit.text.text()
    with qtbot.waitSignal(w.exit_requested):
        kiosk.tap(w.confirm_exit.act)
    session_store = kiosk.session.store
    assert session_store is not None
    session_store.close()

    # The next start, with the disk writable again, moves them in and removes the journal.
    restarted = open_kiosk(qtbot, data_dir, clock, config)
    again = next(restarted)
    try:
        cards = sorted(again.cards(), key=lambda c: c.created_at)
        assert [c.rating for c in cards] == [1, 3, 5]
        assert cards[0].could_improve == ["parking"]
        assert {c.delivery for c in cards} == {Delivery.PENDING}
        aside = journal_path(data_dir)
        assert aside is not None and not aside.exists()
        assert again.session.unsaved_visits() == (0, True)
    finally:
        next(restarted, None)


def test_the_sync_page_counts_the_visits_kept_aside(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.store_refuses_writes()
    three_visits(kiosk)
    unlock_staff_menu(kiosk)
    kiosk.tap(w.staff.manager_button)
    manager = w.current()
    assert isinstance(manager, ManagerArea)
    manager.show_screen("sync")
    page = manager.sync
    assert page.unsaved_count.isVisible()
    assert page.unsaved_count.text() == ("Visits: 3, kept aside until the card database takes them")


def test_nothing_unsaved_closes_once_confirmed(qtbot: QtBot, kiosk: Kiosk) -> None:
    w = kiosk.window
    three_visits(kiosk)
    unlock_staff_menu(kiosk)
    kiosk.tap(w.staff.exit_button)
    assert "not saved" not in w.confirm_exit.text.text()
    with qtbot.waitSignal(w.exit_requested):
        kiosk.tap(w.confirm_exit.act)
    assert len(kiosk.cards()) == 3


def test_a_step_the_disk_refused_is_written_with_the_next_one(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[1])  # saved
    kiosk.store_refuses_writes()
    kiosk.tap(w.details.went_well.buttons["friendly"])
    kiosk.tap(w.details.next_button)  # refused
    kiosk.store_refuses_writes(False)  # the disk is back
    kiosk.tap(w.role.buttons["parent"])
    kiosk.tap(w.role.done_button)
    card = kiosk.only_card()
    assert (card.rating, card.went_well, card.role) == (2, ["friendly"], "parent")
    assert card.delivery is Delivery.PENDING
