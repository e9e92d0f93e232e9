"""The running kiosk on a card file whose pages are overwritten: it stops trusting the file, goes
on with a fresh one holding every card that still reads, and the visitor's answer is saved
(not "saved" into a damaged file). At start the quick check does the same before any visit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_driver import Kiosk, open_kiosk
from kiosk_sync import seed
from pytestqt.qtbot import QtBot
from store_faults import damage_cards

from kiosk.core.card import Delivery
from kiosk.core.config import Config
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.recover import is_damaged


@pytest.fixture
def config() -> Config:
    return Config(kiosk_id="lincoln-1")


def pending_before(data_dir: Path, clock: FakeClock, n: int = 400) -> list[str]:
    store = CardStore.in_dir(data_dir, clock)
    ids = seed(store, clock, n, kiosk_id="lincoln-1")
    store.mark_delivered(ids[:100])
    store.close()
    return ids


def states(data_dir: Path, clock: FakeClock) -> dict[str, Delivery]:
    store = CardStore.in_dir(data_dir, clock)
    try:
        return {c.id: c.delivery for c in store.cards(limit=100_000)}
    finally:
        store.close()


def test_a_damaged_file_found_at_start_is_recovered_before_the_first_visit(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, config: Config
) -> None:
    ids = pending_before(data_dir, clock)
    lost = set(damage_cards(data_dir / DB_FILENAME, only=2))
    kiosks: Iterator[Kiosk] = open_kiosk(qtbot, data_dir, clock, config)
    kiosk = next(kiosks)
    try:
        assert kiosk.window.welcome.banner.isHidden()
        kiosk.one_quick_visit()
        assert not kiosk.window.storage_problem
    finally:
        next(kiosks, None)
    after = states(data_dir, clock)
    readable = [i for i in ids if i not in lost]
    assert {i: after[i] for i in readable} == {
        i: (Delivery.DELIVERED if ids.index(i) < 100 else Delivery.PENDING) for i in readable
    }
    assert len(after) == len(readable) + 1  # and the new visit
    assert len(list(data_dir.glob("cards.db.damaged-*"))) == 1


def test_damage_found_by_a_save_switches_to_a_fresh_file(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, config: Config
) -> None:
    ids = pending_before(data_dir, clock)
    kiosks: Iterator[Kiosk] = open_kiosk(qtbot, data_dir, clock, config)
    kiosk = next(kiosks)
    try:
        store = kiosk.session.store
        assert store is not None
        w = kiosk.window
        kiosk.tap(w.welcome.faces[3])  # a visit under way, saved in the sound file
        visit = kiosk.session.card_id
        # The disk overwrites the page new cards go to, while the kiosk runs; its page cache is
        # evicted (as in a kiosk running for weeks), so the next statement reads the damage.
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        lost = set(damage_cards(data_dir / DB_FILENAME, only=-1))
        assert visit in lost
        store.db.conn.execute("PRAGMA shrink_memory")
        kiosk.tap(w.details.went_well.buttons["friendly"])
        kiosk.tap(w.details.done_button)
        assert not w.storage_problem and w.welcome.banner.isHidden()
        assert w.thanks.saved
        assert not is_damaged(data_dir / DB_FILENAME)
        kiosk.tap(w.thanks.restart_button)
        kiosk.one_quick_visit()
    finally:
        next(kiosks, None)
    after = states(data_dir, clock)
    assert after[visit] is Delivery.PENDING  # the open visit, written again from memory
    readable = [i for i in ids if i not in lost]
    assert all(i in after for i in readable) and not (set(ids) & lost & set(after))
    assert len(after) == len(readable) + 2
    assert [p.name for p in data_dir.glob("cards.db.damaged-*") if "-wal" not in p.name]
