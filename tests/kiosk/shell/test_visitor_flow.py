"""The visitor's flow on the real widgets, offscreen, with a real card database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.card import Delivery
from kiosk.core.config import Config
from kiosk.core.pin import hash_pin
from kiosk.ui.manager.area import ManagerArea
from kiosk.ui.window import CORNER_PX, LONG_PRESS_MS

PIN = "2468"
PIN_HASH = hash_pin(PIN)


@pytest.fixture
def config() -> Config:
    return Config(
        school_name="Lincoln Elementary",
        kiosk_id="lincoln-1",
        admin_pin_hash=PIN_HASH,
        thanks_qr_url="https://example.org/survey",
        thanks_seconds=2,
    )


@pytest.fixture
def kiosk(qtbot: QtBot, data_dir: Path, clock: FakeClock, config: Config) -> Iterator[Kiosk]:
    yield from open_kiosk(qtbot, data_dir, clock, config)


def test_welcome_shows_the_question_and_five_faces_with_words(kiosk: Kiosk) -> None:
    w = kiosk.window
    assert w.current() is w.welcome
    assert w.welcome.question.text() == "How was your visit today?"
    assert [f.text() for f in w.welcome.faces] == ["Very bad", "Bad", "Okay", "Good", "Excellent"]
    assert w.school.text() == "Lincoln Elementary"
    assert w.language_button.text() == "Español"


def test_one_tap_saves_a_card_at_once(kiosk: Kiosk) -> None:
    kiosk.tap(kiosk.window.welcome.faces[3])
    card = kiosk.only_card()
    assert (card.rating, card.language, card.kiosk_id) == (4, "en", "lincoln-1")
    assert card.delivery is Delivery.DRAFT
    assert kiosk.window.current() is kiosk.window.details


def test_the_whole_flow_in_english(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[1])
    assert w.details.next_button.text() == "Skip"
    kiosk.tap(w.details.could_improve.buttons["wait_time"])
    kiosk.tap(w.details.could_improve.buttons["signage"])
    assert w.details.next_button.text() == "Next"
    kiosk.tap(w.details.next_button)
    assert w.current() is w.role
    kiosk.tap(w.role.buttons["parent"])
    kiosk.tap(w.role.next_button)
    assert w.resolution is not None and w.current() is w.resolution
    assert w.resolution.title.text() == "Did you get what you came for today?"
    kiosk.tap(w.resolution.buttons["partly"])
    kiosk.tap(w.resolution.next_button)
    assert w.current() is w.comment
    kiosk.qtbot.keyClicks(w.comment.editor, "Long wait at the desk")
    kiosk.tap(w.comment.keyboard.keys["?"])
    kiosk.tap(w.comment.next_button)
    assert w.current() is w.followup
    kiosk.tap(w.followup.name)  # the on-screen keyboard types where the visitor touched
    kiosk.qtbot.keyClicks(w.followup.name, "Ana P")
    kiosk.tap(w.followup.keyboard.keys["é"])
    kiosk.qtbot.keyClicks(w.followup.name, "rez")
    kiosk.tap(w.followup.email)
    for key in "ana@":
        kiosk.tap(w.followup.keyboard.keys[key])
    kiosk.qtbot.keyClicks(w.followup.email, "example.org")
    kiosk.tap(w.followup.consent)
    assert w.followup.done_button.text() == "Send"
    kiosk.tap(w.followup.done_button)

    assert w.current() is w.thanks
    assert w.thanks.body.text() == "Your answer was saved. Someone will contact you soon."
    assert w.thanks.qr.isVisible()
    card = kiosk.only_card()
    assert card.rating == 2
    assert card.could_improve == ["wait_time", "signage"] and card.went_well == []
    assert card.role == "parent"
    assert card.resolution == "partly"
    assert card.comment == "Long wait at the desk?"
    assert card.followup_requested
    assert (card.contact_name, card.contact_email, card.contact_phone) == (
        "Ana Pérez",
        "ana@example.org",
        None,
    )
    assert card.delivery is Delivery.PENDING


def test_the_whole_flow_in_spanish(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.language_button)
    assert w.welcome.question.text() == "¿Cómo fue su visita hoy?"
    assert [f.text() for f in w.welcome.faces] == ["Muy mal", "Mal", "Regular", "Bien", "Excelente"]
    assert w.language_button.text() == "English"
    kiosk.tap(w.welcome.faces[4])
    assert w.details.title.text() == "Cuéntenos un poco más"
    assert w.details.went_well.buttons["friendly"].text() == "Personal amable"
    assert w.details.next_button.text() == "Omitir"
    assert w.details.progress.text() == "Paso 1 de 5"
    kiosk.tap(w.details.went_well.buttons["friendly"])
    kiosk.tap(w.details.next_button)
    assert w.role.buttons["parent"].text() == "Padre, madre o tutor"
    kiosk.tap(w.role.next_button)
    assert w.resolution is not None
    assert w.resolution.title.text() == "¿Consiguió hoy lo que vino a buscar?"
    assert [b.text() for b in w.resolution.buttons.values()] == ["Sí", "En parte", "Todavía no"]
    kiosk.tap(w.resolution.next_button)  # skipped
    for key in ["m", "u", "y", " ", "a", "m", "a", "b", "l", "e", "s", "¡"]:
        w.comment.keyboard.press(key)
    assert w.comment.counter.text() == "12 de 500 caracteres"
    kiosk.tap(w.comment.done_button)
    assert w.current() is w.thanks
    assert w.thanks.title.text() == "¡Gracias!"
    card = kiosk.only_card()
    assert (card.rating, card.language, card.went_well) == (5, "es", ["friendly"])
    assert card.comment == "muy amables¡"
    assert card.resolution is None
    assert not card.followup_requested


def test_skipping_every_step_still_leaves_a_valid_card(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[2])
    for step in w.steps[:-1]:
        kiosk.tap(step.next_button)
    kiosk.tap(w.followup.done_button)
    assert w.current() is w.thanks
    card = kiosk.only_card()
    assert card.rating == 3 and card.delivery is Delivery.PENDING
    assert card.comment is None and card.role is None and not card.followup_requested
    assert card.resolution is None


def test_done_on_the_first_step_finishes_the_card(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[4])
    kiosk.tap(w.details.went_well.buttons["quick"])
    kiosk.tap(w.details.done_button)
    assert w.current() is w.thanks
    card = kiosk.only_card()
    assert card.went_well == ["quick"] and card.delivery is Delivery.PENDING


def test_back_to_the_faces_changes_the_rating_of_the_same_card(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[0])
    kiosk.tap(w.details.back_button)
    assert w.current() is w.welcome
    assert w.welcome.faces[0].isChecked()
    kiosk.tap(w.welcome.faces[2])
    card = kiosk.only_card()
    assert card.rating == 3


def test_esc_goes_back_one_step(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.next_button)
    assert w.current() is w.role
    kiosk.qtbot.keyClick(w.role, Qt.Key.Key_Escape)
    assert w.current() is w.details


def test_keyboard_only_visitor_can_rate_with_tab_and_enter(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.welcome.setFocus()
    for _ in range(3):
        kiosk.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused in w.welcome.faces
    kiosk.monotonic.advance(1)
    kiosk.qtbot.keyClick(focused, Qt.Key.Key_Return)
    kiosk.qtbot.waitUntil(lambda: w.current() is w.details)
    assert kiosk.only_card().rating == focused.rating


def test_a_double_tap_makes_one_card_and_does_not_act_on_the_next_screen(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[4])
    chip = w.details.went_well.buttons["friendly"]
    kiosk.tap(chip, settle=False)  # the second tap of a double tap lands on the new screen
    assert not chip.isChecked()
    for face in w.welcome.faces:  # and a burst of taps on faces from the same visitor
        w.welcome.rated.emit(face.rating)
    assert len(kiosk.cards()) == 1


def test_the_first_tap_after_start_up_is_taken_at_once(kiosk: Kiosk) -> None:
    """The settle guard is for a screen change; the start (and a reset of a Welcome already
    shown) changes no screen, so the first visitor is not made to wait."""
    w = kiosk.window
    w.reset_to_welcome()
    kiosk.tap(w.welcome.faces[2], settle=False)
    assert kiosk.only_card().rating == 3
    assert w.current() is w.details


def test_idle_timeout_finalises_the_card_with_what_was_given(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.language_button)
    kiosk.tap(w.welcome.faces[1])
    kiosk.tap(w.details.could_improve.buttons["parking"])  # chosen, but "Next" never pressed
    kiosk.monotonic.advance(w.idle_seconds + 1)
    w.check_idle()
    assert w.current() is w.welcome
    card = kiosk.only_card()
    assert card.could_improve == ["parking"]
    assert card.delivery is Delivery.PENDING
    assert w.welcome.question.text() == "How was your visit today?"  # back to the default
    assert not any(f.isChecked() for f in w.welcome.faces)
    assert not w.details.could_improve.buttons["parking"].isChecked()


def test_the_next_visitor_gets_a_new_card(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[4])
    kiosk.tap(w.details.done_button)
    kiosk.tap(w.thanks.restart_button)
    assert w.current() is w.welcome
    kiosk.tap(w.welcome.faces[0])
    ratings = sorted(c.rating for c in kiosk.cards())
    assert ratings == [1, 5]


def test_thanks_returns_to_welcome_by_itself(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.done_button)
    assert w.thanks.countdown.text() == "Starting over in 2 seconds"
    kiosk.monotonic.advance(1)
    w.check_thanks()  # what the window's timer does each second
    assert w.current() is w.thanks
    assert w.thanks.countdown.text() == "Starting over in 1 second"
    kiosk.monotonic.advance(1)
    w.check_thanks()
    assert w.current() is w.welcome


def test_language_switch_mid_flow_keeps_the_answers_and_records_the_language(
    kiosk: Kiosk,
) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.went_well.buttons["clean"])
    kiosk.tap(w.language_button)
    assert w.details.went_well.buttons["clean"].isChecked()
    assert w.details.went_well.buttons["clean"].text() == "Lugar limpio y acogedor"
    assert w.details.back_button.text() == "Atrás"
    kiosk.tap(w.details.next_button)
    assert w.role.title.text() == "¿Quién es usted?"
    kiosk.tap(w.language_button)
    assert w.role.title.text() == "Who are you?"
    kiosk.tap(w.language_button)
    kiosk.tap(w.role.done_button)
    card = kiosk.only_card()
    assert card.went_well == ["clean"] and card.language == "es"


@pytest.mark.parametrize(
    ("name", "phone", "email", "consent", "message"),
    [
        ("", "555 123 4567", "", True, "Please enter your name."),
        ("Ana", "", "", True, "Please enter a phone number or an email address."),
        ("Ana", "55", "", True, "That phone number does not look right."),
        ("Ana", "", "ana@x", True, "That email address does not look right."),
        ("Ana", "555 123 4567", "", False, "Please tick the box so we may contact you."),
    ],
)
def test_a_follow_up_request_is_checked_before_it_is_accepted(
    kiosk: Kiosk, name: str, phone: str, email: str, consent: bool, message: str
) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[0])
    for step in w.steps[:-1]:
        kiosk.tap(step.next_button)
    w.followup.name.setText(name)
    w.followup.phone.setText(phone)
    w.followup.email.setText(email)
    w.followup.consent.setChecked(consent)
    kiosk.tap(w.followup.done_button)
    assert w.current() is w.followup
    assert w.followup.error.isVisible() and w.followup.error.text() == message
    assert not kiosk.only_card().followup_requested


def test_a_long_paste_is_cut_to_the_limit_and_stored_clean(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[2])
    kiosk.tap(w.details.next_button)
    kiosk.tap(w.role.next_button)
    assert w.resolution is not None
    kiosk.tap(w.resolution.next_button)
    w.comment.editor.setPlainText("😀 ok\x07 " + "x" * 10_000)
    assert len(w.comment.editor.toPlainText()) == 500
    assert w.comment.counter.text() == "500 of 500 characters"
    kiosk.tap(w.comment.done_button)
    comment = kiosk.only_card().comment
    assert comment is not None and comment.startswith("😀 ok ") and "\x07" not in comment
    assert len(comment) <= 500


def test_close_and_context_menus_are_refused_in_kiosk_mode(kiosk: Kiosk) -> None:
    w = kiosk.window
    event = QCloseEvent()
    QApplication.sendEvent(w, event)
    assert not event.isAccepted()
    assert w.isVisible()
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10), QPoint(10, 10))
    assert w.eventFilter(w.welcome, menu) is True


def test_window_has_no_frame_and_stays_on_top_in_kiosk_mode(kiosk: Kiosk) -> None:
    hints = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
    assert kiosk.window.windowFlags() & hints == hints


def open_pin(kiosk: Kiosk) -> None:
    w = kiosk.window
    corner = QPoint(CORNER_PX // 2, CORNER_PX // 2)
    kiosk.monotonic.advance(1)
    kiosk.qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=corner)
    kiosk.qtbot.waitUntil(lambda: w.current() is w.pin, timeout=LONG_PRESS_MS + 2000)
    kiosk.qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=corner)


def enter_pin(kiosk: Kiosk, pin: str) -> None:
    for digit in pin:
        kiosk.window.pin.press(digit)
    kiosk.window.pin.press("ok")


def test_a_long_press_in_the_corner_and_the_pin_open_the_staff_menu(kiosk: Kiosk) -> None:
    w = kiosk.window
    open_pin(kiosk)
    enter_pin(kiosk, "1111")
    assert w.current() is w.pin
    assert w.pin.message.text() == "Wrong PIN. 4 tries left."
    assert w.pin.dots.text() == "–"
    enter_pin(kiosk, PIN)
    assert w.current() is w.staff
    kiosk.tap(w.staff.back_button)
    assert w.current() is w.welcome


def test_a_short_press_in_the_corner_does_nothing(kiosk: Kiosk) -> None:
    w = kiosk.window
    corner = QPoint(10, 10)
    kiosk.monotonic.advance(1)
    kiosk.qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=corner)
    kiosk.qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=corner)
    assert not w.long_press.isActive()
    assert w.current() is w.welcome


def test_five_wrong_pins_lock_the_keypad(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.open_staff_area()
    for _ in range(5):
        enter_pin(kiosk, "0000")
    assert w.pin.message.text().endswith("Try again in 60 seconds.")
    assert not w.pin.keys["ok"].isEnabled()
    enter_pin(kiosk, PIN)
    assert w.current() is w.pin  # even the right PIN waits out the lock
    kiosk.monotonic.advance(61)
    enter_pin(kiosk, PIN)
    assert w.current() is w.staff


def test_staff_can_close_the_kiosk_with_the_pin(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[2])  # a visitor walked away mid-flow
    kiosk.qtbot.keyClick(
        w,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier,
    )
    assert w.current() is w.pin
    assert kiosk.only_card().delivery is Delivery.PENDING  # finalised before staff take over
    enter_pin(kiosk, PIN)
    kiosk.tap(w.staff.exit_button)
    with kiosk.qtbot.waitSignal(w.exit_requested):
        kiosk.tap(w.confirm_exit.act)
    assert not w.isVisible()


def test_an_unwritable_store_shows_a_message_and_keeps_the_saved_cards(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.one_quick_visit()
    kiosk.store_refuses_writes()
    kiosk.tap(w.welcome.faces[0])
    assert w.current() is w.details  # the visitor is not stopped
    kiosk.tap(w.details.went_well.buttons["quick"])
    kiosk.tap(w.details.done_button)
    assert w.thanks.body.text() == (
        "Sorry, your answer could not be saved. Please tell the front desk."
    )
    kiosk.tap(w.thanks.restart_button)
    assert w.welcome.banner.isVisible()
    assert w.welcome.banner.text() == (
        "Answers cannot be saved right now. Please tell the front desk."
    )
    assert [c.rating for c in kiosk.cards()] == [5]
    kiosk.store_refuses_writes(False)  # the disk is back
    kiosk.tap(w.welcome.faces[1])
    assert not w.welcome.banner.isVisible()
    # The visit the disk refused is saved too, whole and final, at the next save.
    cards = {c.rating: c for c in kiosk.cards()}
    assert sorted(cards) == [1, 2, 5]
    assert cards[1].went_well == ["quick"] and cards[1].delivery is Delivery.PENDING


def test_a_disk_that_comes_back_mid_visit_still_gets_the_visit(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.one_quick_visit()
    kiosk.store_refuses_writes()
    kiosk.tap(w.welcome.faces[2])  # refused
    kiosk.store_refuses_writes(False)
    kiosk.tap(w.details.could_improve.buttons["parking"])
    kiosk.tap(w.details.next_button)  # written now, with the rating and the chip
    kiosk.tap(w.role.buttons["parent"])
    kiosk.tap(w.role.done_button)
    assert w.thanks.body.text() == "Your answer was saved. It helps our school get better."
    cards = {c.rating: c for c in kiosk.cards()}
    assert sorted(cards) == [3, 5]
    assert cards[3].could_improve == ["parking"] and cards[3].role == "parent"
    assert cards[3].delivery is Delivery.PENDING


def test_back_from_an_empty_step_keeps_the_visit(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    for step in w.steps[:-1]:
        kiosk.tap(step.next_button)
    kiosk.tap(w.followup.back_button)
    assert w.current() is w.comment and w.visit_open
    kiosk.qtbot.keyClick(w.comment, Qt.Key.Key_Escape)
    assert w.current() is w.resolution
    card = kiosk.only_card()
    assert card.rating == 4 and card.delivery is Delivery.DRAFT


def test_the_thanks_countdown_does_not_pull_staff_out(kiosk: Kiosk) -> None:
    w = kiosk.window
    kiosk.tap(w.welcome.faces[3])
    kiosk.tap(w.details.done_button)
    w.open_staff_area()
    enter_pin(kiosk, PIN)
    assert w.current() is w.staff
    assert not w.thanks_timer.isActive()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (800, 1280)])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_screen_fits_the_screen_with_64_px_targets(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    config: Config,
    size: tuple[int, int],
    language: str,
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, config, size=size):
        w = kiosk.window
        w.switcher.set_language(language)
        hint = w.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1]
        for screen in (w.welcome, *w.steps, w.thanks, w.pin, w.staff):
            w.stack.setCurrentWidget(screen)
            QApplication.processEvents()
            for button in screen.findChildren(QAbstractButton):
                if button.isVisible():
                    side = min(button.width(), button.height())
                    assert side >= 64, f"{button.text()!r} on {type(screen).__name__}: {side} px"


def test_staff_open_the_manager_area_and_see_todays_cards(kiosk: Kiosk) -> None:
    w = kiosk.window
    for face in (4, 4, 0):
        kiosk.tap(w.welcome.faces[face])
        kiosk.tap(w.details.done_button)
        kiosk.tap(w.thanks.restart_button)
    w.open_staff_area()
    enter_pin(kiosk, PIN)
    assert w.staff.manager_button.isVisible()
    kiosk.tap(w.staff.manager_button)
    manager = w.current()
    assert isinstance(manager, ManagerArea)
    assert manager.summary.summary is not None
    assert manager.summary.summary.tally.faces == (1, 0, 0, 0, 2)
    kiosk.tap(manager.close_button)
    assert w.current() is w.welcome


def test_the_managers_settings_change_the_pin_and_the_idle_timeout(kiosk: Kiosk) -> None:
    w = kiosk.window
    w.open_staff_area()
    enter_pin(kiosk, PIN)
    kiosk.tap(w.staff.manager_button)
    manager = w.current()
    assert isinstance(manager, ManagerArea)
    manager.show_screen("settings")
    page = manager.settings
    page.pin.setText("975310")
    page.repeat.setText("975310")
    page.idle.setText("90")
    kiosk.tap(page.save)
    assert w.idle_seconds == 90
    kiosk.tap(manager.close_button)
    w.open_staff_area()
    enter_pin(kiosk, PIN)
    assert w.current() is w.pin  # the old PIN no longer opens it
    enter_pin(kiosk, "975310")
    assert w.current() is w.staff


def test_the_resolution_answer_can_be_taken_back_and_the_question_switched_off(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, config: Config
) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, config):
        w = kiosk.window
        resolution = w.resolution
        assert resolution is not None
        kiosk.tap(w.welcome.faces[0])
        kiosk.tap(w.details.next_button)
        kiosk.tap(w.role.next_button)
        assert w.current() is resolution and resolution.progress.text() == "Step 3 of 5"
        kiosk.tap(resolution.buttons["yes"])
        kiosk.tap(resolution.buttons["not_yet"])  # one answer at a time
        assert [b.isChecked() for b in resolution.buttons.values()] == [False, False, True]
        kiosk.tap(resolution.next_button)
        assert kiosk.only_card().resolution == "not_yet"  # saved as the visitor moves on
        kiosk.tap(w.comment.back_button)
        kiosk.tap(resolution.buttons["not_yet"])  # taken back
        kiosk.tap(resolution.done_button)
        assert kiosk.only_card().resolution is None
    off = config.model_copy(update={"ask_resolution": False})
    for kiosk in open_kiosk(qtbot, data_dir, clock, off):
        w = kiosk.window
        assert w.resolution is None and len(w.steps) == 4
        kiosk.tap(w.welcome.faces[3])
        kiosk.tap(w.details.next_button)
        kiosk.tap(w.role.next_button)
        assert w.current() is w.comment and w.comment.progress.text() == "Step 3 of 4"
