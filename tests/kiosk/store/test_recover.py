"""A damaged card file, made by overwriting real pages: every card still readable goes into a fresh
file with its delivery state, the manager's settings too, and the damaged file is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_sync import filled
from store_faults import damage_cards

from kiosk.core.card import Delivery
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.manager_settings import ManagerSettings
from kiosk.store.recover import (
    RECOVERING_SUFFIX,
    is_damaged,
    open_checked,
    recover_file,
    recover_in_place,
)


def states(store: CardStore) -> dict[str, Delivery]:
    return {c.id: c.delivery for c in store.cards(limit=10_000)}


def test_a_damaged_page_costs_only_its_cards(data_dir: Path, clock: FakeClock) -> None:
    before, path = filled(data_dir, clock)
    assert not is_damaged(path)
    lost = set(damage_cards(path, only=3))
    assert 0 < len(lost) < 100
    assert is_damaged(path)

    recovery = recover_file(path, clock)

    assert recovery.lost == len(lost) and set(recovery.lost_ids) == lost
    assert recovery.cards == 600 - len(lost)
    assert recovery.damaged.name.startswith("cards.db.damaged-") and recovery.damaged.exists()
    assert not path.with_name(path.name + RECOVERING_SUFFIX).exists()
    assert not is_damaged(path)
    store = CardStore(path, clock)
    try:
        after = states(store)
        # Each readable card once, in the state it had: delivered ones are not sent again,
        # pending ones still go.
        assert after == {i: d for i, d in before.items() if i not in lost}
        assert recovery.pending == sum(d is Delivery.PENDING for d in after.values())
        assert ManagerSettings(store).overrides() == {"idle_timeout_seconds": "90"}
    finally:
        store.close()


def test_a_sound_file_is_left_alone(data_dir: Path, clock: FakeClock) -> None:
    before, _ = filled(data_dir, clock)
    store, recovery = open_checked(data_dir, clock)
    try:
        assert recovery is None and states(store) == before
    finally:
        store.close()
    assert list(data_dir.glob("cards.db.damaged-*")) == []


def test_open_checked_recovers_at_start(data_dir: Path, clock: FakeClock) -> None:
    _, path = filled(data_dir, clock)
    damage_cards(path)  # every leaf of the cards table: no card reads, the settings do
    store, recovery = open_checked(data_dir, clock)
    try:
        assert recovery is not None and recovery.cards == 0 and recovery.lost == 600
        assert recovery.settings >= 1
        assert store.count() == 0 and not is_damaged(path)
        assert ManagerSettings(store).overrides() == {"idle_timeout_seconds": "90"}
    finally:
        store.close()
    assert len(list(data_dir.glob("cards.db.damaged-*"))) == 1


def test_not_a_database_at_all(data_dir: Path, clock: FakeClock) -> None:
    path = data_dir / DB_FILENAME
    path.write_bytes(b"\x5a" * 8192)
    store, recovery = open_checked(data_dir, clock)
    store.close()
    assert recovery is not None and (recovery.cards, recovery.lost) == (0, 0)
    assert recovery.damaged.read_bytes() == b"\x5a" * 8192


@pytest.mark.parametrize("crash_after", ["fresh built", "old moved aside"])
def test_a_crash_during_the_switch_is_finished_at_the_next_start(
    data_dir: Path, clock: FakeClock, crash_after: str
) -> None:
    before, path = filled(data_dir, clock)
    lost = set(damage_cards(path, only=0))
    # Recover into a copy, to stand for a recovery that stopped in the middle.
    scratch = data_dir / "scratch"
    scratch.mkdir()
    (scratch / DB_FILENAME).write_bytes(path.read_bytes())
    recover_file(scratch / DB_FILENAME, clock)
    fresh = path.with_name(path.name + RECOVERING_SUFFIX)
    (scratch / DB_FILENAME).rename(fresh)
    if crash_after == "old moved aside":
        path.rename(path.with_name(f"{path.name}.damaged-20261201-000000"))
    store, _ = open_checked(data_dir, clock)
    try:
        # "fresh built": the old file is still in place, so the fresh one may be incomplete and
        # is built again; "old moved aside": the fresh one was complete and is put in place.
        assert states(store) == {i: d for i, d in before.items() if i not in lost}
    finally:
        store.close()
    assert not fresh.exists()


def test_another_connection_sees_the_file_was_replaced(data_dir: Path, clock: FakeClock) -> None:
    """The sync worker's own store: after the kiosk's recovery it must read the fresh file."""
    _, path = filled(data_dir, clock)
    worker = CardStore(path, clock)
    kiosk = CardStore(path, clock)
    try:
        assert not worker.replaced()
        worker.close()  # the worker is between cycles; its connection would follow the old file
        kiosk_recovery = recover_in_place(kiosk)
        assert kiosk_recovery.cards == 600
        assert worker.replaced()
        worker.reopen()
        assert not worker.replaced() and worker.count() == 600
    finally:
        worker.close()
        kiosk.close()
