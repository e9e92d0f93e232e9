"""The thank-you read aloud is heard whole: the screen starts over once its voice has finished.

The real window and the kiosk's own speech worker, with a stand-in voice (tests/support/
stand_in_voice.py) whose utterance ends when the test says, and the window's clock moved by
hand: the countdown's end, the voice's end and the cap are each reached on purpose.
"""

from __future__ import annotations

import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from pytestqt.qtbot import QtBot
from stand_in_voice import StandInVoice

from kiosk.core.config import Config
from kiosk.core.speech import EspeakEngine, SpeechEngine, system_engine
from kiosk.ui.window import THANKS_VOICE_CAP_SECONDS

THANKS_SECONDS = 4


@pytest.fixture
def voice(tmp_path: Path) -> StandInVoice:
    return StandInVoice(tmp_path)


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock, voice: StandInVoice) -> Iterator[Kiosk]:
    config = Config(school_name="Lincoln Elementary", thanks_seconds=THANKS_SECONDS)
    kiosks = open_kiosk(qtbot, data_dir, clock, config, speech=voice)
    yield next(kiosks)
    voice.close()  # silent before the window goes: nothing is left to tell it
    next(kiosks, None)


def thanks_read_aloud(kiosk: Kiosk, language: str = "en") -> None:
    """A visitor who listens taps a face and Done (each twice: the first touch reads it)."""
    w = kiosk.window
    if language != "en":
        kiosk.tap(w.language_button)
    kiosk.tap(w.speech.button)
    for control in (w.welcome.faces[3], w.details.done_button):
        kiosk.tap(control)
        kiosk.tap(control)
    assert w.current() is w.thanks
    said = w.speech.engine.transcript[-1] if w.speech.engine else None
    assert said is not None and said.text.startswith(w.thanks.title.text())
    assert said.language == language


def after(kiosk: Kiosk, seconds: float) -> None:
    """``seconds`` after the thank-you appeared, the window looks at the clock."""
    w = kiosk.window
    kiosk.monotonic.now = w.thanks_since + seconds
    w.check_thanks()


@pytest.mark.parametrize(
    ("language", "waiting"),
    [("en", "Starting over once the reading ends"),
     ("es", "Volvemos al inicio cuando termine la lectura")],
)  # fmt: skip
def test_the_reset_waits_for_the_thank_you_to_be_read_to_its_end(
    kiosk: Kiosk, voice: StandInVoice, language: str, waiting: str
) -> None:
    w = kiosk.window
    thanks_read_aloud(kiosk, language)
    after(kiosk, THANKS_SECONDS + 5)  # the countdown is over, the voice is not
    assert w.current() is w.thanks and voice.speaking()
    assert w.thanks.countdown.text() == waiting
    with kiosk.qtbot.waitSignal(w.speech.quiet):  # from the worker, when the child has ended
        voice.finish()
    assert w.current() is w.welcome  # at once, not at the next tick
    assert not w.speech.button.isChecked()  # the next visitor starts with it off


def test_a_voice_done_before_the_countdown_leaves_the_countdown_as_it_was(
    kiosk: Kiosk, voice: StandInVoice
) -> None:
    w = kiosk.window
    thanks_read_aloud(kiosk)
    with kiosk.qtbot.waitSignal(w.speech.quiet):
        voice.finish()
    assert w.current() is w.thanks and not voice.speaking()
    after(kiosk, THANKS_SECONDS - 1)
    assert w.thanks.countdown.text() == "Starting over in 1 second"
    after(kiosk, THANKS_SECONDS)
    assert w.current() is w.welcome


def test_a_voice_that_goes_on_is_cut_at_the_cap(kiosk: Kiosk, voice: StandInVoice) -> None:
    w = kiosk.window
    thanks_read_aloud(kiosk)
    after(kiosk, THANKS_VOICE_CAP_SECONDS - 0.5)
    assert w.current() is w.thanks and voice.speaking()
    with kiosk.qtbot.waitSignal(w.speech.quiet):  # the kiosk stops it as it starts over
        after(kiosk, THANKS_VOICE_CAP_SECONDS + 0.1)  # just past it
        assert w.current() is w.welcome
    assert not voice.speaking()


def test_without_reading_aloud_the_countdown_alone_decides(
    kiosk: Kiosk, voice: StandInVoice
) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.done_button)
    assert w.current() is w.thanks and not voice.transcript  # nothing was read
    assert w.thanks.countdown.text() == f"Starting over in {THANKS_SECONDS} seconds"
    after(kiosk, THANKS_SECONDS - 0.5)
    assert w.current() is w.thanks
    after(kiosk, THANKS_SECONDS)
    assert w.current() is w.welcome


@pytest.mark.skipif(sys.platform != "linux", reason="espeak-ng is the Linux engine")
def test_the_cap_leaves_room_for_the_longest_thank_you(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """Spanish, not saved, with the survey's QR code: espeak-ng reads it well inside the cap."""
    listener = SpeechEngine()  # keeps what the kiosk says
    config = Config(school_name="Lincoln Elementary", thanks_qr_url="https://example.org/s")
    kiosks = open_kiosk(qtbot, data_dir, clock, config, speech=listener)
    kiosk = next(kiosks)
    w = kiosk.window
    w.show_storage_problem(True)
    thanks_read_aloud(kiosk, "es")
    said = listener.transcript[-1]
    assert "no se pudo guardar" in said.text and "Escanee este código" in said.text
    next(kiosks, None)
    espeak = system_engine()
    assert isinstance(espeak, EspeakEngine), "install espeak-ng (scripts/dev.sh setup does)"
    wav = tmp_path / "thanks.wav"
    espeak.render(said.text, said.language, wav)
    with wave.open(str(wav), "rb") as f:
        seconds = f.getnframes() / f.getframerate()
    assert 10 < seconds < THANKS_VOICE_CAP_SECONDS * 0.75, seconds
