"""The Sync page names the cards made under an earlier kiosk id, after a real sync refused to send
them as the new one, in the manager's language."""

from __future__ import annotations

from fake_clock import FakeClock
from kiosk_sync import seed, uploader
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, Receiver

from kiosk.core.config import Config, SyncConfig
from kiosk.core.resources import locale_dir
from kiosk.store.cards import CardStore
from kiosk.ui.manager import ManagerArea


def test_sync_page_shows_cards_of_an_earlier_kiosk_id(
    qtbot: QtBot, qapp: QApplication, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 12, kiosk_id=OTHER_KIOSK_ID)
    seed(store, clock, 2, kiosk_id=KIOSK_ID)
    up = uploader(store, receiver.url)
    up.run_cycle()
    up.close()
    config = Config(kiosk_id=KIOSK_ID, sync=SyncConfig(endpoint=receiver.url, token="t"))
    area = ManagerArea(store, config, clock)
    qtbot.addWidget(area)
    area.show_screen("sync")
    area.show()
    page = area.sync
    assert page.pending.text() == "Cards: 12"
    assert page.other_count.isVisible() and page.other_caption.isVisible()
    assert page.other_caption.text() == "Made under an earlier kiosk id"
    assert page.other_count.text() == (
        f"Cards: 12 ({OTHER_KIOSK_ID}). The district takes them only from that kiosk id: "
        "ask IT to send them with its token."
    )
    assert page.last_error.text().startswith("Some cards were made under an earlier kiosk id")
    translator = QTranslator()
    assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: page.pending.text() == "Opiniones: 12")
        assert page.other_caption.text() == "Hechas con un identificador de quiosco anterior"
        assert page.other_count.text().startswith(f"Opiniones: 12 ({OTHER_KIOSK_ID}).")
    finally:
        qapp.removeTranslator(translator)


def test_no_row_when_every_card_is_this_kiosks(
    qtbot: QtBot, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 3, kiosk_id=KIOSK_ID)
    config = Config(kiosk_id=KIOSK_ID, sync=SyncConfig(endpoint=receiver.url, token="t"))
    area = ManagerArea(store, config, clock)
    qtbot.addWidget(area)
    area.show_screen("sync")
    area.show()
    assert area.sync.pending.text() == "Cards: 3"
    assert not area.sync.other_count.isVisible()
