"""The PIN keypad on the real widget: tries left, a lock that counts down live, keys disabled.

The lock's clock is a hand-stepped monotonic clock; its timer is fired by hand after each step,
so no test waits for real time to pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_clock import FakeMonotonic
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.core.pin import hash_pin, verify_pin
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.screens.staff import LOCKOUT_SECONDS, MAX_ATTEMPTS, PinScreen

PIN = "2468"
STORED = hash_pin(PIN)


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def pin(qtbot: QtBot, monotonic: FakeMonotonic) -> Iterator[PinScreen]:
    screen = PinScreen(lambda typed: verify_pin(typed, STORED), monotonic)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    yield screen


def tap_pin(qtbot: QtBot, screen: PinScreen, typed: str) -> None:
    for key in [*typed, "ok"]:
        qtbot.mouseClick(screen.keys[key], Qt.MouseButton.LeftButton)


def step(screen: PinScreen, monotonic: FakeMonotonic, seconds: float) -> None:
    """Time passes; the lock's timer wakes the screen as it would have by then."""
    monotonic.advance(seconds)
    if screen.lock_timer.isActive():
        screen.lock_timer.timeout.emit()


def test_each_wrong_pin_says_how_many_tries_are_left(qtbot: QtBot, pin: PinScreen) -> None:
    seen = []
    for _ in range(MAX_ATTEMPTS - 1):
        tap_pin(qtbot, pin, "1111")
        seen.append(pin.message.text())
    assert seen == [
        "Wrong PIN. 4 tries left.",
        "Wrong PIN. 3 tries left.",
        "Wrong PIN. 2 tries left.",
        "Wrong PIN. 1 try left, then the keypad locks for a minute.",
    ]
    assert all(key.isEnabled() for key in pin.keys.values())


def test_the_lock_counts_down_live_with_the_keypad_disabled(
    qtbot: QtBot, pin: PinScreen, monotonic: FakeMonotonic
) -> None:
    for _ in range(MAX_ATTEMPTS):
        tap_pin(qtbot, pin, "1111")
    locked = "Too many wrong PINs. The keypad is locked. Try again in {} seconds."
    assert pin.message.text() == locked.format(LOCKOUT_SECONDS)
    assert not any(key.isEnabled() for key in pin.keys.values())
    assert pin.cancel_button.isEnabled()  # staff can always leave
    # The timer wakes the screen when the number next changes, not a second late.
    assert pin.lock_timer.isActive() and pin.lock_timer.interval() == 1000
    step(pin, monotonic, 1)
    assert pin.message.text() == locked.format(LOCKOUT_SECONDS - 1)
    step(pin, monotonic, 0.4)  # 58.6 s left: still "59", and the timer wakes at 58.0
    assert pin.message.text() == locked.format(LOCKOUT_SECONDS - 1)
    assert abs(pin.lock_timer.interval() - 600) <= 1  # rounded up: never wakes early
    step(pin, monotonic, 0.6)
    assert pin.message.text() == locked.format(LOCKOUT_SECONDS - 2)
    step(pin, monotonic, 36)
    assert pin.message.text() == locked.format(LOCKOUT_SECONDS - 38)
    step(pin, monotonic, 21)
    assert pin.message.text() == "Too many wrong PINs. The keypad is locked. Try again in 1 second."
    # Neither the tapped keys nor a keyboard reach the PIN while it is locked.
    with qtbot.assertNotEmitted(pin.unlocked):
        tap_pin(qtbot, pin, PIN)
        for digit in PIN:
            qtbot.keyClick(pin, digit)
        qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert pin.dots.text() == "–"
    step(pin, monotonic, 1)
    assert pin.message.text() == "You can enter the PIN again."
    assert all(key.isEnabled() for key in pin.keys.values())
    assert not pin.lock_timer.isActive()
    with qtbot.waitSignal(pin.unlocked):
        tap_pin(qtbot, pin, PIN)


def test_a_lock_outlives_leaving_and_reopening_the_keypad(
    qtbot: QtBot, pin: PinScreen, monotonic: FakeMonotonic
) -> None:
    for _ in range(MAX_ATTEMPTS):
        tap_pin(qtbot, pin, "1111")
    qtbot.mouseClick(pin.cancel_button, Qt.MouseButton.LeftButton)
    monotonic.advance(20)  # the screen is hidden; its timer may not have run
    pin.reset()  # as the window does when staff open the keypad again
    assert pin.message.text().endswith("Try again in 40 seconds.")
    assert not pin.keys["ok"].isEnabled()
    monotonic.advance(41)
    pin.reset()
    assert pin.message.text() == ""
    assert pin.keys["ok"].isEnabled()


def test_the_keypad_speaks_spanish_and_follows_a_switch(
    qtbot: QtBot, pin: PinScreen, monotonic: FakeMonotonic
) -> None:
    switcher = LanguageSwitcher()
    switcher.set_language("es")
    tap_pin(qtbot, pin, "1111")
    assert pin.message.text() == "PIN incorrecto. Le quedan 4 intentos."
    for _ in range(3):
        tap_pin(qtbot, pin, "1111")
    assert pin.message.text() == (
        "PIN incorrecto. Le queda 1 intento; después, el teclado se bloqueará por un minuto."
    )
    tap_pin(qtbot, pin, "1111")
    assert pin.message.text() == (
        "Demasiados PIN incorrectos. El teclado está bloqueado. Vuelva a intentarlo en 60 segundos."
    )
    step(pin, monotonic, 59)
    assert pin.message.text().endswith("Vuelva a intentarlo en 1 segundo.")
    switcher.set_language("en")
    assert pin.message.text().endswith("Try again in 1 second.")
    switcher.set_language("es")
    step(pin, monotonic, 1)
    assert pin.message.text() == "Ya puede volver a escribir el PIN."
