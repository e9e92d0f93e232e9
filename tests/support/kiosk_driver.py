"""Drives the real kiosk window in tests the way a visitor would: taps, with time moving on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fake_clock import FakeClock, FakeMonotonic
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.card import Card
from kiosk.core.config import Config
from kiosk.core.speech import SpeechEngine
from kiosk.shell.app import VisitorSession, build_window
from kiosk.store.cards import CardStore
from kiosk.ui.window import SETTLE_SECONDS, KioskWindow


@dataclass
class Kiosk:
    window: KioskWindow
    session: VisitorSession
    qtbot: QtBot
    monotonic: FakeMonotonic
    data_dir: Path
    clock: FakeClock

    def tap(self, widget: QWidget, settle: bool = True) -> None:
        """A visitor's tap; ``settle=False`` is a second tap right after the first."""
        if settle:
            self.monotonic.advance(SETTLE_SECONDS + 0.5)
        assert widget.isVisible(), f"{widget} is not on screen"
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def store_refuses_writes(self, refuse: bool = True) -> None:
        """SQLite refuses every write on the kiosk's own connection, as on a read-only or full
        disk (``refuse=False``: the disk is back)."""
        store = self.session.store
        assert store is not None
        store.db.conn.execute(f"PRAGMA query_only = {'ON' if refuse else 'OFF'}")

    def one_quick_visit(self, face: int = 4) -> None:
        """A visitor taps a face and Done, and the next one is welcomed."""
        self.tap(self.window.welcome.faces[face])
        self.tap(self.window.details.done_button)
        self.tap(self.window.thanks.restart_button)

    def cards(self) -> list[Card]:
        store = CardStore.in_dir(self.data_dir, self.clock)
        try:
            return store.cards()
        finally:
            store.close()

    def only_card(self) -> Card:
        cards = self.cards()
        assert len(cards) == 1, f"expected one card, found {len(cards)}"
        return cards[0]


def open_kiosk(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    config: Config,
    kiosk_mode: bool = True,
    size: tuple[int, int] = (1280, 800),
    speech: SpeechEngine | None = None,
) -> Iterator[Kiosk]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    monotonic = FakeMonotonic()
    window, session = build_window(
        app, config, data_dir, size, kiosk_mode, clock=clock, monotonic=monotonic, speech=speech
    )
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    yield Kiosk(window, session, qtbot, monotonic, data_dir, clock)
    window.allow_close = True
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
