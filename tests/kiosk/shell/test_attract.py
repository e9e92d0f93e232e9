"""The attract state: a calm invitation after minutes untouched, gone at the first touch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config, ConfigError, parse_config
from kiosk.ui.attract import FADE_MS, PHRASE_MS

ATTRACT = 120


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, Config(attract_after_seconds=ATTRACT))


def wait(kiosk: Kiosk, seconds: float) -> None:
    kiosk.monotonic.advance(seconds)
    kiosk.window.check_idle()


def test_welcome_invites_after_minutes_untouched_in_every_language(kiosk: Kiosk) -> None:
    w = kiosk.window
    attract = w.attract
    wait(kiosk, 45.5)  # the idle reset on Welcome does not count as a touch
    wait(kiosk, ATTRACT - 46)
    assert not attract.isVisible()
    wait(kiosk, 1)
    assert attract.isVisible() and attract.geometry() == w.welcome.rect()
    assert attract.invitation.text() == "How was your visit today?"
    assert attract.touch.text() == "Touch the screen to tell us."
    attract.next_phrase()  # what its timer does every PHRASE_MS: a fade out, then in
    assert attract.language() == "en"
    attract.fade.setCurrentTime(FADE_MS)  # the fade out ends (no waiting on the wall clock)
    assert attract.language() == "es" and attract.fade.endValue() == 1.0  # fading back in
    assert attract.invitation.text() == "¿Cómo fue su visita hoy?"
    assert attract.touch.text() == "Toque la pantalla para contarnos."
    assert w.switcher.language == "en"  # the screen's language is not changed by it


def test_it_changes_slowly_and_never_flashes(kiosk: Kiosk) -> None:
    attract = kiosk.window.attract
    wait(kiosk, ATTRACT)
    # WCAG 2.3.1: at most three flashes a second. One change of text every PHRASE_MS, each a
    # fade that takes FADE_MS out and as long back in, never a jump.
    assert attract.phrase_timer.isActive() and attract.phrase_timer.interval() == PHRASE_MS
    assert PHRASE_MS >= 5000 and FADE_MS >= 1000
    assert attract.fade.duration() == FADE_MS
    attract.next_phrase()
    assert attract.fade.endValue() == 0.0  # it fades; the text is not swapped yet
    assert attract.language() == "en"


def test_the_first_touch_brings_the_faces_back_without_rating(kiosk: Kiosk) -> None:
    w = kiosk.window
    wait(kiosk, ATTRACT)
    assert w.attract.isVisible()
    # The visitor's touch lands where a face is drawn underneath.
    kiosk.tap(w.attract, settle=True)
    assert not w.attract.isVisible()
    assert w.current() is w.welcome and not w.visit_open
    assert kiosk.cards() == []
    assert all(face.isVisible() for face in w.welcome.faces)
    kiosk.tap(w.welcome.faces[3])  # the next tap rates as usual
    assert kiosk.only_card().rating == 4


def test_a_key_also_ends_it_without_acting(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.welcome.faces[0].setFocus()
    wait(kiosk, ATTRACT)
    assert w.attract.isVisible()
    kiosk.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not w.attract.isVisible() and kiosk.cards() == []


def test_it_never_starts_during_a_visit_and_can_be_switched_off(
    qtbot: QtBot, data_dir: Path, clock: FakeClock
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config(attract_after_seconds=60)):
        w = kiosk.window
        kiosk.tap(w.welcome.faces[2])
        kiosk.tap(w.details.chosen_face)  # back on Welcome, with the visit open
        wait(kiosk, 40)
        assert not w.attract.isVisible()
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config(attract_after_seconds=0)):
        wait(kiosk, 3000)
        assert not kiosk.window.attract.isVisible()


def test_a_too_early_attract_state_is_refused_at_load() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"attract_after_seconds": 10}, "config.toml")
    assert str(caught.value) == (
        "config.toml: attract_after_seconds: must be 0 (never) or at least 30, so a visitor "
        "reading Welcome is not interrupted (got 10)"
    )
