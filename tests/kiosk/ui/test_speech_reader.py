"""Reading aloud, driven through the real window: what reaches the engine, in which language.

The engine is the kiosk's own silent one (kiosk.core.speech.SpeechEngine): it speaks nothing
and keeps every utterance it was asked for, exactly as the espeak-ng and Windows engines do
before they start their voice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.core.speech import SpeechEngine, Utterance


@pytest.fixture
def engine() -> SpeechEngine:
    return SpeechEngine()


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock, engine: SpeechEngine) -> Iterator[Kiosk]:
    config = Config(school_name="Lincoln Elementary", thanks_seconds=2)
    yield from open_kiosk(qtbot, data_dir, clock, config, speech=engine)


def last(engine: SpeechEngine) -> Utterance:
    assert engine.transcript, "the kiosk said nothing"
    return engine.transcript[-1]


def speaker_on(kiosk: Kiosk) -> None:
    button = kiosk.window.speech.button
    kiosk.tap(button)
    assert button.isChecked()


def test_the_speaker_button_is_on_every_visitor_screen_and_starts_off(kiosk: Kiosk) -> None:
    w = kiosk.window
    button = w.speech.button
    assert button.text() == "Listen" and not button.isChecked()
    for screen in (w.welcome, *w.steps, w.thanks):
        w.stack.setCurrentWidget(screen)
        assert button.isVisible(), type(screen).__name__
    assert button.height() >= 64 and button.width() >= 64


def test_speaker_on_reads_the_question_and_the_faces_in_english(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    assert not engine.transcript  # nothing is read until the visitor asks
    speaker_on(kiosk)
    intro, said = engine.transcript
    assert intro.language == said.language == "en"
    assert intro.text.startswith("Reading aloud is on. Touch a button once to hear it")
    question = said.text.index("How was your visit today?")
    words = [said.text.index(w) for w in ("Very bad", "Bad.", "Okay", "Good", "Excellent")]
    assert question < words[0] and words == sorted(words)  # in reading order


def test_switching_to_spanish_reads_the_screen_again_in_spanish(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    speaker_on(kiosk)
    toggle = kiosk.window.language_button
    kiosk.tap(toggle)  # the first touch names the switch, in the language it offers
    assert last(engine) == Utterance("Español.", "es")
    assert kiosk.window.switcher.language == "en"
    kiosk.tap(toggle)  # the second switches
    said = last(engine)
    assert kiosk.window.switcher.language == "es"
    assert said.language == "es"
    assert "¿Cómo fue su visita hoy?" in said.text
    assert all(w in said.text for w in ("Muy mal", "Regular", "Bien", "Excelente"))
    assert kiosk.window.speech.button.text() == "Escuchar"


def test_a_first_touch_reads_a_face_and_a_second_chooses_it(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    speaker_on(kiosk)
    good = kiosk.window.welcome.faces[3]
    kiosk.tap(good)
    assert last(engine) == Utterance("Good, not selected.", "en")
    assert kiosk.window.current() is kiosk.window.welcome
    assert good.hasFocus()  # its focus ring shows what is being read
    assert kiosk.cards() == []  # only read: no card yet
    kiosk.tap(good)
    assert kiosk.only_card().rating == 4
    details = kiosk.window.details
    assert kiosk.window.current() is details
    said = last(engine)
    # The chosen face in the step's header comes first: it confirms the rating just given.
    assert said.text.startswith(
        "Your answer: Good. Tap to change it. Tell us a little more. Step 1 of 5."
    )
    assert "What went well?" in said.text and "Friendly staff" in said.text


def test_a_chip_says_its_new_state_after_the_second_touch(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    speaker_on(kiosk)
    face = kiosk.window.welcome.faces[4]
    kiosk.tap(face)
    kiosk.tap(face)
    chip = kiosk.window.details.went_well.buttons["friendly"]
    kiosk.tap(chip)
    assert last(engine) == Utterance("Friendly staff, not selected.", "en")
    assert not chip.isChecked()
    kiosk.tap(chip)
    assert chip.isChecked()
    kiosk.qtbot.waitUntil(lambda: last(engine).text == "Friendly staff, selected.")
    # Another control then needs its own first touch.
    skip = kiosk.window.details.next_button
    kiosk.tap(skip)
    assert last(engine) == Utterance("Next.", "en")
    assert kiosk.window.current() is kiosk.window.details


def test_tab_reads_the_control_it_moves_to(kiosk: Kiosk, engine: SpeechEngine) -> None:
    speaker_on(kiosk)
    w = kiosk.window
    w.welcome.faces[0].setFocus(Qt.FocusReason.OtherFocusReason)
    kiosk.qtbot.keyClick(w.welcome.faces[0], Qt.Key.Key_Tab)
    assert w.welcome.faces[1].hasFocus()
    assert last(engine) == Utterance("Bad, not selected.", "en")
    kiosk.qtbot.keyClick(w.welcome.faces[1], Qt.Key.Key_Backtab)
    assert last(engine) == Utterance("Very bad, not selected.", "en")


def test_tab_goes_from_the_speaker_button_to_the_language_switch_and_reads_it(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    kiosk.qtbot.keyClick(w.speech.button, Qt.Key.Key_Tab)
    assert w.language_button.hasFocus()
    assert last(engine) == Utterance("Español.", "es")
    kiosk.qtbot.keyClick(w.language_button, Qt.Key.Key_Backtab)
    assert last(engine) == Utterance("Listen. Reading aloud is on.", "en")


def test_a_text_field_is_read_by_its_label(kiosk: Kiosk, engine: SpeechEngine) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    w.stack.setCurrentWidget(w.followup)
    assert "Name. text field." in last(engine).text
    kiosk.tap(w.followup.phone)
    assert last(engine) == Utterance("Phone, text field.", "en")


def test_a_key_of_the_on_screen_keyboard_is_read_then_typed(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    w.stack.setCurrentWidget(w.comment)
    w.comment.focus_first()
    key = w.comment.keyboard.keys["ñ"]
    kiosk.tap(key)
    assert last(engine) == Utterance("ñ.", "en")
    assert w.comment.editor.toPlainText() == ""
    kiosk.tap(key)
    assert w.comment.editor.toPlainText() == "ñ"
    kiosk.tap(w.comment.keyboard.keys[","])
    assert last(engine) == Utterance(",", "en")  # said by name, with no full stop after it


def test_the_thank_you_is_read_and_the_next_visitor_starts_with_speech_off(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    for control in (w.welcome.faces[2], w.details.done_button):
        kiosk.tap(control)
        kiosk.tap(control)
    assert w.current() is w.thanks
    said = last(engine)
    assert said.text.startswith("Thank you!") and "Start over" in said.text
    kiosk.tap(w.thanks.restart_button)
    kiosk.tap(w.thanks.restart_button)
    assert w.current() is w.welcome and not w.speech.button.isChecked()
    heard = len(engine.transcript)
    kiosk.tap(w.welcome.faces[4])  # a new visitor: one touch chooses, nothing is read
    assert w.current() is w.details
    assert len(engine.transcript) == heard


def test_the_idle_reset_turns_speech_off(kiosk: Kiosk, engine: SpeechEngine) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    kiosk.monotonic.advance(w.idle_seconds + 1)  # untouched for the whole idle timeout
    w.check_idle()
    assert not w.speech.button.isChecked() and not w.speech.on


def test_the_speaker_button_turns_off_at_the_first_touch(
    kiosk: Kiosk, engine: SpeechEngine
) -> None:
    speaker_on(kiosk)
    kiosk.tap(kiosk.window.speech.button)
    assert not kiosk.window.speech.button.isChecked()
    assert last(engine) == Utterance("Reading aloud is off.", "en")
    kiosk.tap(kiosk.window.welcome.faces[0])  # off: a touch chooses again
    assert kiosk.window.current() is kiosk.window.details


def test_staff_screens_are_never_read(kiosk: Kiosk, engine: SpeechEngine) -> None:
    w = kiosk.window
    speaker_on(kiosk)
    w.open_staff_area()  # the staff shortcut or the corner: the visit ends, speech too
    assert w.current() is w.pin
    assert not w.speech.button.isVisible() and not w.speech.on
    heard = len(engine.transcript)
    kiosk.tap(w.pin.keys["1"])
    assert w.pin.entered == "1" and len(engine.transcript) == heard


def test_no_speaker_button_when_the_config_turns_it_off(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, engine: SpeechEngine
) -> None:
    config = Config(speech_button=False)
    for kiosk in open_kiosk(qtbot, data_dir, clock, config, speech=engine):
        assert not kiosk.window.speech.button.isVisible()
        kiosk.tap(kiosk.window.welcome.faces[3])
        assert kiosk.window.current() is kiosk.window.details
    assert not engine.transcript


def test_no_speaker_button_without_an_engine(
    qtbot: QtBot, data_dir: Path, clock: FakeClock
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config()):
        assert not kiosk.window.speech.button.isVisible()
