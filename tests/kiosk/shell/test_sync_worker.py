"""The kiosk's sync worker against a real receiver: it syncs on start and on demand, retries on
its own, and the GUI thread keeps running while the network is slow."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_sync import seed
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Fault, Receiver
from store_faults import CommitBlocker, disk_full

from kiosk.core.config import Config, SyncConfig
from kiosk.core.resources import locale_dir
from kiosk.shell.sync_worker import SyncWorker
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.store.errors import StoreProblem
from kiosk.ui.manager import ManagerArea
from sync.backoff import Backoff


def make_worker(data_dir: Path, receiver: Receiver, timeout: float = 10.0) -> SyncWorker:
    sync = SyncConfig(
        endpoint=receiver.url, token=KIOSK_TOKEN, interval_seconds=3600, timeout_seconds=timeout
    )
    # No jitter: a failed cycle is retried at once, so the test needs no waiting.
    return SyncWorker(data_dir, Config(kiosk_id=KIOSK_ID, sync=sync), backoff=Backoff(rand=float))


def test_syncs_on_start_and_on_demand(
    qtbot: QtBot, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 40)
    worker = make_worker(data_dir, receiver)
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(statuses) == 2, timeout=10_000)
        before, after = statuses
        assert (before.pending, before.last_success) == (40, None)  # at once, before the cycle
        assert (after.pending, after.last_error) == (0, None)
        assert after.last_success is not None

        ids += seed(store, clock, 5)
        with qtbot.waitSignal(worker.status_changed, timeout=10_000) as second:
            worker.sync_now()
        assert second.args[0].pending == 0
    finally:
        worker.stop()
    assert sorted(receiver.card_ids()) == sorted(ids)


def test_retries_by_itself_after_a_server_error(
    qtbot: QtBot, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 10)
    receiver.faults.add(Fault("/v1/cards", "status", status=500))
    worker = make_worker(data_dir, receiver)
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(statuses) >= 3 and statuses[-1].pending == 0, timeout=10_000)
    finally:
        worker.stop()
    assert (statuses[1].last_error_kind, statuses[1].pending) == ("server", 10)
    assert statuses[-1].last_error is None
    assert sorted(receiver.card_ids()) == sorted(ids)


def test_gui_thread_runs_while_the_receiver_hangs(
    qtbot: QtBot, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 3)
    receiver.faults.add(Fault("/v1/cards", "hold_before"))
    worker = make_worker(data_dir, receiver, timeout=5.0)
    ticks: list[int] = []
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: "/v1/cards" in receiver.faults.requests, timeout=10_000)
        # The request is held by the receiver; GUI-thread timers still fire.
        for i in range(3):
            QTimer.singleShot(0, lambda i=i: ticks.append(i))
        qtbot.waitUntil(lambda: len(ticks) == 3, timeout=1000)
        assert [s.pending for s in statuses] == [3]  # only the status from before the cycle
        receiver.faults.release()
        qtbot.waitUntil(lambda: len(statuses) == 2, timeout=10_000)
        assert statuses[-1].pending == 0
    finally:
        worker.stop()
    assert ticks == [0, 1, 2]


def test_unconfigured_sync_reports_why_and_stops_cleanly(
    qtbot: QtBot, data_dir: Path, store: CardStore, clock: FakeClock
) -> None:
    seed(store, clock, 2)
    worker = SyncWorker(data_dir, Config(kiosk_id=KIOSK_ID))  # no [sync] endpoint
    try:
        with qtbot.waitSignal(worker.status_changed, timeout=10_000) as got:
            worker.start()
    finally:
        worker.stop()
    status: SyncStatus = got.args[0]
    assert (status.last_error_kind, status.pending) == ("config", 2)
    assert "not configured" in (status.last_error or "")


def test_a_broken_card_store_is_logged_not_raised(
    qtbot: QtBot, tmp_path: Path, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "broken"
    data_dir.mkdir()
    (data_dir / "cards.db").write_bytes(b"not a database" * 200)  # the kiosk shows this itself
    worker = make_worker(data_dir, receiver)
    try:
        worker.start()
        qtbot.waitUntil(lambda: "cannot open the card store" in caplog.text, timeout=10_000)
    finally:
        worker.stop()


def test_sync_now_answers_with_the_status_when_sync_cannot_run(
    qtbot: QtBot, data_dir: Path, store: CardStore, receiver: Receiver
) -> None:
    sync = SyncConfig(endpoint=receiver.url, token_file=data_dir / "missing-token")
    worker = SyncWorker(data_dir, Config(kiosk_id=KIOSK_ID, sync=sync))
    try:
        with qtbot.waitSignal(worker.status_changed, timeout=10_000) as first:
            worker.start()
        assert "token file" in (first.args[0].last_error or "")
        with qtbot.waitSignal(worker.status_changed, timeout=10_000):  # "Sync now" is answered
            worker.sync_now()
    finally:
        worker.stop()


def test_partial_progress_resets_the_backoff(
    qtbot: QtBot, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    """Behind a lossy link: one batch gets through, the next answer is lost. The retry comes
    after the first step of the backoff, not after a wait grown by the earlier failures."""
    seed(store, clock, 20)
    sync = SyncConfig(
        endpoint=receiver.url, token=KIOSK_TOKEN, interval_seconds=3600, batch_size=10
    )
    backoff = Backoff(base=2.0, rand=lambda: 0.999)
    for _ in range(8):  # as after a long outage: the next wait would be near the 600 s cap
        backoff.failed()
    receiver.faults.add(Fault("/v1/cards", "pass"), Fault("/v1/cards", "cut_after_commit"))
    worker = SyncWorker(data_dir, Config(kiosk_id=KIOSK_ID, sync=sync), backoff=backoff)
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(statuses) >= 2, timeout=10_000)
        assert statuses[1].last_error_kind == "network"
        assert statuses[1].pending == 10  # the first batch was delivered
        assert backoff.failures == 1
        assert 0 < backoff.remaining() < 2.0
        qtbot.waitUntil(lambda: statuses[-1].pending == 0, timeout=10_000)
    finally:
        worker.stop()
    assert receiver.count() == 20


def test_a_full_disk_during_sync_shows_in_the_status_and_the_kiosk_stays_up(
    qtbot: QtBot,
    qapp: QApplication,
    data_dir: Path,
    store: CardStore,
    clock: FakeClock,
    receiver: Receiver,
) -> None:
    seed(store, clock, 100)
    sync = SyncConfig(endpoint=receiver.url, token=KIOSK_TOKEN, interval_seconds=3600)
    worker = SyncWorker(
        data_dir,
        Config(kiosk_id=KIOSK_ID, sync=sync),
        backoff=Backoff(rand=lambda: 1.0),  # the retry comes seconds later, after the test
        open_store=lambda: disk_full(CardStore.in_dir(data_dir, clock)),
    )
    area = ManagerArea(store, Config(sync=sync), clock)
    qtbot.addWidget(area)
    worker.status_changed.connect(area.set_sync_status)
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: any(s.store_problem for s in statuses), timeout=10_000)
    finally:
        worker.stop()
    assert statuses[-1].store_problem is StoreProblem.FULL
    assert statuses[-1].pending == 100  # nothing marked, nothing lost: they go next time
    assert area.sync.last_error.text() == "The disk is full. Ask IT to free space."
    translator = QTranslator()
    assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(
            lambda: (
                area.sync.last_error.text() == "El disco está lleno. Pida a TI que libere espacio."
            )
        )
    finally:
        qapp.removeTranslator(translator)


def test_a_commit_the_disk_refuses_is_retried_not_raised_on_the_gui_thread(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, receiver: Receiver
) -> None:
    seeding = CardStore.in_dir(data_dir, clock)
    ids = seed(seeding, clock, 10)
    seeding.close()  # the blocker needs the file to itself to leave WAL mode
    blocker = CommitBlocker()
    sync = SyncConfig(endpoint=receiver.url, token=KIOSK_TOKEN, interval_seconds=3600)
    worker = SyncWorker(
        data_dir,
        Config(kiosk_id=KIOSK_ID, sync=sync),
        backoff=Backoff(rand=lambda: 1.0),
        open_store=lambda: blocker.block(CardStore.in_dir(data_dir, clock)),
    )
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: any(s.store_problem for s in statuses), timeout=10_000)
        assert statuses[-1].store_problem is StoreProblem.LOCKED
        assert statuses[-1].pending == 10  # the receiver has them; the kiosk could not note it
        blocker.release()
        with qtbot.waitSignal(worker.status_changed, timeout=10_000) as after:
            worker.sync_now()
    finally:
        blocker.release()
        worker.stop()
    assert (after.args[0].pending, after.args[0].store_problem) == (0, None)
    assert sorted(receiver.card_ids()) == sorted(ids)  # sent again, stored once
