"""The chosen face stays in sight on every step, confirms the tap, and changes the same card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.card import Delivery
from kiosk.core.config import Config
from kiosk.ui.faces import CONFIRM_MS


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, Config())


def test_the_first_step_confirms_the_chosen_face_for_a_moment(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    first = w.steps[0]
    chosen = first.chosen_face
    assert chosen.isVisible()
    assert chosen.text().strip() == "Saved: Good" and chosen.confirming()
    assert chosen.accessibleName() == "Your answer: Good. Tap to change it."
    assert chosen.confirm_timer.isActive() and chosen.confirm_timer.interval() == CONFIRM_MS
    width = chosen.width()
    title = first.title.geometry()
    chosen.end_confirmation()  # what the timer does after CONFIRM_MS
    QApplication.processEvents()
    assert chosen.text().strip() == "Good" and not chosen.confirming()
    assert chosen.width() == width and first.title.geometry() == title  # nothing moved
    kiosk.tap(first.next_button)
    later = w.current()
    assert later is w.steps[1]
    assert later.chosen_face.isVisible() and later.chosen_face.text().strip() == "Good"
    assert not later.chosen_face.confirming()


def test_tapping_the_chosen_face_changes_the_rating_of_the_same_card(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[0])
    kiosk.tap(w.details.could_improve.buttons["wait_time"])
    kiosk.tap(w.details.next_button)
    kiosk.tap(w.role.chosen_face)
    assert w.current() is w.welcome
    assert [f.isChecked() for f in w.welcome.faces] == [True, False, False, False, False]
    kiosk.tap(w.welcome.faces[1])
    card = kiosk.only_card()
    assert card.rating == 2 and card.delivery is Delivery.DRAFT
    assert card.could_improve == ["wait_time"]  # what the step gave is kept
    assert w.current() is w.steps[0]
    assert w.steps[0].chosen_face.text().strip() == "Saved: Bad"
    assert w.comment.chosen_face.text().strip() == "Bad"


def test_the_chosen_face_speaks_the_visitors_language_and_is_gone_for_the_next(
    kiosk: Kiosk,
) -> None:
    w = kiosk.window
    kiosk.tap(w.language_button)
    kiosk.tap(w.welcome.faces[4])
    assert w.steps[0].chosen_face.text().strip() == "Guardado: Excelente"
    kiosk.tap(w.language_button)
    assert w.steps[0].chosen_face.text().strip() == "Saved: Excellent"
    kiosk.tap(w.details.done_button)
    kiosk.tap(w.thanks.restart_button)
    assert all(step.chosen_face.rating is None for step in w.steps)
    assert not w.steps[0].chosen_face.confirm_timer.isActive()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (800, 1280)])
def test_every_step_with_its_chosen_face_still_fits_the_screen(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config(), size=size):
        w = kiosk.window
        kiosk.tap(w.welcome.faces[3])
        w.details.went_well.buttons["quick"].setChecked(True)
        for language in ("en", "es"):
            w.switcher.set_language(language)
            for step in w.steps:
                w.stack.setCurrentWidget(step)
                QApplication.processEvents()
                assert step.chosen_face.isVisible()
                assert step.chosen_face.height() >= 64
                assert w.minimumSizeHint().height() <= size[1], type(step).__name__
                assert w.size().height() == size[1]
