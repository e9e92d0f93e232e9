"""'Still there?' before the idle reset (WCAG 2.2.1), on the real window with the injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from pytestqt.qtbot import QtBot

from kiosk.core.card import Delivery
from kiosk.core.config import IDLE_WARNING_SECONDS, Config, ConfigError, parse_config
from kiosk.core.speech import SpeechEngine, Utterance

TIMEOUT = 45


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, Config(idle_timeout_seconds=TIMEOUT))


def wait(kiosk: Kiosk, seconds: float) -> None:
    """Time passes with no touch; the window looks at the clock as its timer would."""
    kiosk.monotonic.advance(seconds)
    kiosk.window.check_idle()


def test_the_warning_takes_the_last_20_seconds_and_counts_down(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[1])
    kiosk.tap(w.details.could_improve.buttons["parking"])
    touched = kiosk.monotonic.now
    wait(kiosk, TIMEOUT - IDLE_WARNING_SECONDS - 0.5)
    assert not w.idle_warning.isVisible()
    # The timer is set to wake the window when the warning is due, not before, not later.
    assert abs(w.idle_timer.interval() - 500) <= 1
    kiosk.monotonic.now = touched + TIMEOUT - IDLE_WARNING_SECONDS
    w.check_idle()
    assert w.idle_warning.isVisible()
    assert w.idle_warning.title.text() == "Still there?"
    assert w.idle_warning.countdown.text() == "Starting over in 20 seconds"
    assert w.idle_warning.continue_button.hasFocus()
    assert w.idle_warning.geometry() == w.rect()  # it covers the whole window
    wait(kiosk, 12.5)
    assert w.idle_warning.countdown.text() == "Starting over in 8 seconds"
    assert abs(w.idle_timer.interval() - 500) <= 1  # wakes when the number next changes
    wait(kiosk, 7)
    assert w.idle_warning.countdown.text() == "Starting over in 1 second"
    assert w.current() is w.details and kiosk.only_card().delivery is Delivery.DRAFT
    wait(kiosk, 1.5)
    assert w.current() is w.welcome
    assert not w.idle_warning.isVisible()
    card = kiosk.only_card()
    assert card.delivery is Delivery.PENDING and card.could_improve == ["parking"]


def test_the_big_button_continues_the_visit_where_it_was(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.next_button)
    kiosk.tap(w.role.next_button)
    assert w.resolution is not None
    kiosk.tap(w.resolution.next_button)
    assert w.current() is w.comment and w.comment.editor.hasFocus()
    wait(kiosk, TIMEOUT - 5)
    assert w.idle_warning.isVisible()
    kiosk.tap(w.idle_warning.continue_button, settle=False)
    assert not w.idle_warning.isVisible()
    assert w.current() is w.comment and w.comment.editor.hasFocus()
    # The timeout counts again from that touch: a full calm period before the next warning.
    wait(kiosk, TIMEOUT - IDLE_WARNING_SECONDS - 1)
    assert not w.idle_warning.isVisible()
    wait(kiosk, 1)
    assert w.idle_warning.isVisible()
    assert kiosk.only_card().delivery is Delivery.DRAFT


def test_the_timeout_counts_from_the_last_touch(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[4])
    for _ in range(4):  # a visitor who reads slowly, touching now and then
        wait(kiosk, TIMEOUT - IDLE_WARNING_SECONDS - 2)
        kiosk.tap(w.details.went_well.buttons["quick"], settle=False)
    assert not w.idle_warning.isVisible() and w.current() is w.details
    wait(kiosk, TIMEOUT)
    assert w.current() is w.welcome


def test_a_welcome_with_no_visit_starts_over_without_a_warning(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.language_button)
    assert w.switcher.language == "es"
    wait(kiosk, TIMEOUT - 5)
    assert not w.idle_warning.isVisible()
    wait(kiosk, 5.5)
    assert w.switcher.language == "en" and w.current() is w.welcome


def test_the_warning_speaks_the_visitors_language(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.language_button)
    kiosk.tap(w.welcome.faces[2])
    wait(kiosk, TIMEOUT - 3)
    assert w.idle_warning.title.text() == "¿Sigue ahí?"
    assert w.idle_warning.countdown.text() == "Volvemos al inicio en 3 segundos"
    assert w.idle_warning.continue_button.text() == "Sigo aquí"


def test_a_managers_old_shorter_timeout_still_leaves_the_warning_its_time(kiosk: Kiosk) -> None:
    kiosk.window.set_idle_seconds(15)
    assert kiosk.window.idle_seconds == 30


@pytest.mark.parametrize("seconds", [10, 29])
def test_a_timeout_too_short_for_the_warning_is_refused_at_load(seconds: int) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"idle_timeout_seconds": seconds}, "config.toml")
    assert str(caught.value) == (
        f"config.toml: idle_timeout_seconds: Input should be greater than or equal to 30 "
        f'(got {seconds}); its last 20 seconds ask the visitor "Still there?" before the kiosk '
        "starts over"
    )


def test_a_visitor_who_listens_hears_the_warning(
    qtbot: QtBot, data_dir: Path, clock: FakeClock
) -> None:
    engine = SpeechEngine()  # the kiosk's silent engine: it keeps what it was asked to say
    config = Config(idle_timeout_seconds=TIMEOUT)
    for kiosk in open_kiosk(qtbot, data_dir, clock, config, speech=engine):
        w = kiosk.window
        kiosk.tap(w.language_button)
        kiosk.tap(w.speech.button)
        kiosk.tap(w.welcome.faces[3])
        kiosk.tap(w.welcome.faces[3])  # reading aloud: the first touch read it, this one rates
        assert w.current() is w.details
        wait(kiosk, TIMEOUT - IDLE_WARNING_SECONDS)
        assert engine.transcript[-1] == Utterance(
            "¿Sigue ahí? Volvemos al inicio en 20 segundos. Sus respuestas se guardan. Toque la "
            "pantalla para continuar con su visita. Sigo aquí.",
            "es",
        )
        heard = len(engine.transcript)
        wait(kiosk, 1)
        assert len(engine.transcript) == heard  # said once, not at every second
