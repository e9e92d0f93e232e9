"""`kiosk run`'s start on a store whose check takes long: the window shows "Starting..." at
once and keeps handling events, takes no tap meanwhile, and the faces come when the check is
done, with every card that was in the file (kiosk.shell.store_start).

The check is the real one (kiosk.store.recover.check_store) on a real file, behind a gate the
test opens: the slow disk, held as long as the test needs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock, FakeMonotonic
from kiosk_sync import seed
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from store_faults import damage_cards

from kiosk.core.config import Config
from kiosk.shell.app import VisitorSession, build_window
from kiosk.shell.store_start import StoreStart
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.recover import Recovery, check_store
from kiosk.ui.window import SETTLE_SECONDS, KioskWindow


class GatedCheck:
    """The real check, run only once the test opens the gate; notes the thread it ran on."""

    def __init__(self, data_dir: Path, clock: FakeClock) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self) -> Recovery | None:
        self.thread = threading.current_thread()
        self.entered.set()
        assert self.gate.wait(timeout=60), "the test never opened the gate"
        return check_store(self.data_dir, self.clock)


def cards_in(data_dir: Path, clock: FakeClock) -> set[str]:
    store = CardStore.in_dir(data_dir, clock)
    try:
        return {c.id for c in store.cards(limit=100_000)}
    finally:
        store.close()


@pytest.fixture
def started(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, clock: FakeClock
) -> Iterator[tuple[KioskWindow, VisitorSession, GatedCheck, FakeMonotonic]]:
    check = GatedCheck(data_dir, clock)
    monotonic = FakeMonotonic()
    window, session = build_window(
        qapp,
        Config(kiosk_id="lincoln-1"),
        data_dir,
        (1280, 800),
        kiosk_mode=False,
        clock=clock,
        monotonic=monotonic,
        store_start=StoreStart(check, background=True),
    )
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window, session, check, monotonic
    check.gate.set()  # a test that failed early must not leave the thread waiting
    window.allow_close = True
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_window_answers_while_the_check_runs_and_no_card_is_lost(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    started: tuple[KioskWindow, VisitorSession, GatedCheck, FakeMonotonic],
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    before = set(seed(store, clock, 300, kiosk_id="lincoln-1"))
    store.close()
    window, session, check, monotonic = started
    assert check.entered.wait(timeout=30)
    assert check.thread is not threading.main_thread()
    # The GUI thread runs its event loop meanwhile: timers fire, the screen is painted.
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    timer.stop()
    assert not check.gate.is_set()
    assert window.current() is window.starting_screen
    assert window.starting_screen.title.text() == "Starting…"
    assert window.starting_screen.painted_at is not None
    assert session.store is None
    # A tap meanwhile rates nothing; nothing that looks tappable is shown.
    assert window.language_button.isHidden()
    assert window.speech.button.isHidden()
    rated: list[int] = []
    window.rated.connect(rated.append)
    monotonic.advance(SETTLE_SECONDS + 0.5)
    qtbot.mouseClick(window.starting_screen, Qt.MouseButton.LeftButton)
    window.open_staff_area()  # the staff shortcut
    assert rated == []
    assert window.current() is window.starting_screen

    check.gate.set()
    qtbot.waitUntil(lambda: window.current() is window.welcome)
    assert session.store is not None
    assert window.welcome.banner.isHidden()
    assert window.language_button.isVisible()
    # The settle guard holds back a tap aimed at "Starting...", then the faces take one.
    qtbot.mouseClick(window.welcome.faces[3], Qt.MouseButton.LeftButton)
    assert rated == []
    monotonic.advance(SETTLE_SECONDS + 0.5)
    qtbot.mouseClick(window.welcome.faces[3], Qt.MouseButton.LeftButton)
    assert rated == [4]
    window.reset_to_welcome()
    after = cards_in(data_dir, clock)
    assert before < after
    assert len(after) == len(before) + 1


def test_a_damaged_file_is_recovered_off_the_gui_thread(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    started: tuple[KioskWindow, VisitorSession, GatedCheck, FakeMonotonic],
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    ids = seed(store, clock, 400, kiosk_id="lincoln-1")
    store.close()
    lost = set(damage_cards(data_dir / DB_FILENAME, only=2))
    window, _session, check, _monotonic = started
    assert check.entered.wait(timeout=30)
    check.gate.set()
    qtbot.waitUntil(lambda: window.current() is window.welcome, timeout=30_000)
    assert check.thread is not threading.main_thread()
    assert window.welcome.banner.isHidden()
    assert len(list(data_dir.glob("cards.db.damaged-*"))) == 1
    assert cards_in(data_dir, clock) == set(ids) - lost


def test_a_store_that_cannot_be_opened_shows_the_plain_words_problem(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    data_dir = blocked / "data"
    window, session = build_window(
        qapp,
        Config(),
        data_dir,
        (1280, 800),
        kiosk_mode=False,
        clock=clock,
        store_start=StoreStart.for_dir(data_dir, background=True, clock=clock),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current() is window.welcome)
    assert session.store is None
    assert window.welcome.banner.isVisible()
    assert window.welcome.banner.text() == (
        "Answers cannot be saved right now. Please tell the front desk."
    )


def test_a_starting_screen_shown_for_a_moment_leaves_the_first_tap_to_the_faces(
    qtbot: QtBot,
    started: tuple[KioskWindow, VisitorSession, GatedCheck, FakeMonotonic],
) -> None:
    """A small, sound file: "Starting..." is painted for a moment only, no screen anyone could
    have tapped at, so the settle guard is not armed and the first tap on a face counts."""
    window, _session, check, _monotonic = started
    assert check.entered.wait(timeout=30)
    qtbot.waitUntil(lambda: window.starting_screen.painted_at is not None)
    check.gate.set()
    qtbot.waitUntil(lambda: window.current() is window.welcome)
    rated: list[int] = []
    window.rated.connect(rated.append)
    qtbot.mouseClick(window.welcome.faces[2], Qt.MouseButton.LeftButton)
    assert rated == [3]
    window.reset_to_welcome()
