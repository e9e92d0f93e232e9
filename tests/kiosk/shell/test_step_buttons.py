"""Skip is never the main action, and the step buttons keep their place when a label changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.ui.widgets import StepScreen


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, Config())


def role(button: QPushButton) -> str:
    return str(button.property("role"))


def test_a_step_with_nothing_chosen_has_no_primary_action(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    details = w.details
    assert (details.next_button.text(), details.done_button.text()) == ("Skip", "Done")
    assert role(details.next_button) == role(details.done_button) == "secondary"
    kiosk.tap(details.went_well.buttons["quick"])
    assert details.next_button.text() == "Next"
    assert role(details.next_button) == "primary" and role(details.done_button) == "secondary"
    kiosk.tap(details.went_well.buttons["quick"])  # taken back: nothing chosen again
    assert role(details.next_button) == "secondary"


def test_the_last_step_sends_as_its_primary_only_with_a_request(kiosk: Kiosk) -> None:
    followup = kiosk.window.followup
    followup.update_next_label()
    assert followup.done_button.text() == "Done" and role(followup.done_button) == "secondary"
    followup.name.setText("Ana")
    assert followup.done_button.text() == "Send" and role(followup.done_button) == "primary"


def _answers(kiosk: Kiosk) -> list[tuple[StepScreen, Callable[[], None]]]:
    w = kiosk.window
    return [
        (w.details, lambda: w.details.could_improve.buttons["parking"].setChecked(True)),
        (w.role, lambda: w.role.buttons["parent"].setChecked(True)),
        (w.comment, lambda: w.comment.editor.setPlainText("Muy amables")),
        (w.followup, lambda: w.followup.name.setText("Ana")),
    ]


def _places(kiosk: Kiosk, step: StepScreen) -> list[QRect]:
    QApplication.processEvents()
    buttons = (step.back_button, step.done_button, step.next_button)
    return [QRect(b.mapTo(kiosk.window, b.rect().topLeft()), b.size()) for b in buttons]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (800, 1280)])
@pytest.mark.parametrize("language", ["en", "es"])
def test_buttons_keep_their_place_when_their_label_changes(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, size: tuple[int, int], language: str
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config(), size=size):
        w = kiosk.window
        w.switcher.set_language(language)
        for step, answer in _answers(kiosk):
            w.stack.setCurrentWidget(step)
            empty = _places(kiosk, step)
            before = (step.next_button.text(), step.done_button.text())
            answer()
            assert (step.next_button.text(), step.done_button.text()) != before
            assert _places(kiosk, step) == empty, f"{type(step).__name__} in {language}"
            for button in (step.done_button, step.next_button):
                text = button.fontMetrics().horizontalAdvance(button.text())
                assert text < button.width(), f"{button.text()!r} does not fit"
