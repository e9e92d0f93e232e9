"""A receiver (or the proxy in front of it) that refuses a body as too large, 413: the kiosk halves
the batch until it fits, and a card too large even alone stays on the kiosk, pending, without
holding back the cards after it."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_sync import answer, seed, stored_answers, sync_once, uploader, write_config
from pytestqt.qtbot import QtBot
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Fault, Receiver

from kiosk.core.card import Card, Delivery
from kiosk.core.config import Config, SyncConfig
from kiosk.outbox.uploader import to_wire
from kiosk.shell.sync_worker import SyncWorker
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.ui.manager.sync_page import SyncPage
from sync.backoff import Backoff
from sync.protocol import CardBatch

MakeReceiver = Callable[[int], Receiver]


@pytest.fixture
def receiver_with_limit(database_url: str, tokens_file: Path) -> Iterator[MakeReceiver]:
    """Starts the reference receiver with the given body limit; stops each one at the end."""
    started: list[Receiver] = []

    def make(max_body_bytes: int) -> Receiver:
        started.append(Receiver(database_url, tokens_file, max_body_bytes=max_body_bytes).start())
        return started[-1]

    yield make
    for receiver in started:
        receiver.stop()


def body_bytes(cards: list[Card]) -> int:
    """The size of the request that would carry these cards."""
    batch = CardBatch(kiosk_id=KIOSK_ID, cards=[to_wire(c) for c in cards])
    return len(batch.model_dump_json().encode())


def oversized_card(store: CardStore, clock: FakeClock) -> str:
    """A card at the protocol's longest comment, 2,000 emoji: about 8 kB on the wire."""
    card = Card.new(2, "en", KIOSK_ID, "0.1.0", clock)
    card.comment = "\N{SCHOOL}" * 2000
    store.create(card)
    store.finalise(card.id)
    clock.advance(seconds=1)
    return card.id


def test_a_batch_too_large_is_halved_until_it_fits(
    store: CardStore, clock: FakeClock, receiver_with_limit: MakeReceiver
) -> None:
    ids = seed(store, clock, 250)
    limit = body_bytes(store.outbox(30))  # 30 cards fit, 50 do not
    receiver = receiver_with_limit(limit)
    up = uploader(store, receiver.url, batch_size=100)
    try:
        report = up.run_cycle()
    finally:
        up.close()
    assert sorted(receiver.card_ids()) == sorted(ids)
    assert store.count(Delivery.DELIVERED) == 250
    assert (report.sent, report.accepted, report.too_large, report.pending) == (250, 250, 0, 0)
    status = store.sync_status()
    assert (status.pending, status.held, status.last_error) == (0, 0, None)
    assert status.last_success is not None
    assert receiver.heartbeat().pending == 0
    # The first 100: refused, 50 refused, 25 + 25, the other 50 refused, 25 + 25 (7 requests);
    # the other 150 go 25 at a time (6), not 100 at a time halved again each time.
    assert receiver.faults.requests.count("/v1/cards") == 13


def test_a_proxy_413_without_a_problem_body_is_halved_too(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 40)
    receiver.faults.add(Fault("/v1/cards", "status", status=413))  # e.g. nginx, HTML body
    up = uploader(store, receiver.url, batch_size=40)
    try:
        report = up.run_cycle()
    finally:
        up.close()
    assert sorted(receiver.card_ids()) == sorted(ids)
    assert (report.accepted, report.pending) == (40, 0)
    assert receiver.faults.requests.count("/v1/cards") == 3  # 40 refused, then 20 and 20
    assert store.sync_status().last_error is None


def test_a_card_too_large_alone_stays_pending_and_does_not_block_the_rest(
    store: CardStore,
    clock: FakeClock,
    receiver_with_limit: MakeReceiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    before = seed(store, clock, 20)
    big = oversized_card(store, clock)
    after = seed(store, clock, 20)
    stored = store.get(big)
    assert stored is not None
    limit = 4000
    assert body_bytes([stored]) > limit > body_bytes(store.outbox(5))
    receiver = receiver_with_limit(limit)
    up = uploader(store, receiver.url, batch_size=250)
    try:
        with caplog.at_level(logging.ERROR, logger="sync.uploader"):
            report = up.run_cycle()  # the cycle gets through: no exception
    finally:
        up.close()

    # Every other card reached the receiver, the ones after the big card included.
    assert sorted(receiver.card_ids()) == sorted(before + after)
    assert (report.accepted, report.too_large, report.pending) == (40, 1, 1)
    # The big card is kept as it was, pending, with the reason; only its delivery note changed.
    kept = store.get(big)
    assert kept is not None and kept.delivery is Delivery.PENDING
    assert "too large for the receiver" in (kept.delivery_error or "")
    assert kept == dataclasses.replace(stored, delivery_error=kept.delivery_error)
    # What the manager's Sync page, `kiosk sync` and the district see.
    status = store.sync_status()
    assert (status.pending, status.held, status.last_error_kind) == (1, 1, "too_large")
    assert "1 card(s) too large for the receiver" in (status.last_error or "")
    assert status.last_success is not None  # the rest went: the sync itself works
    beat = receiver.heartbeat()
    assert beat.pending == 1 and "too large" in beat.last_error
    assert big in caplog.text

    # Once the receiver takes larger bodies, the next sync delivers it.
    bigger = receiver_with_limit(64 * 1024)
    up = uploader(store, bigger.url)
    try:
        report = up.run_cycle()
    finally:
        up.close()
    assert (report.accepted, report.too_large, report.pending) == (1, 0, 0)
    assert sorted(bigger.card_ids()) == sorted([*before, big, *after])
    delivered = store.get(big)
    assert delivered is not None and delivered.delivery is Delivery.DELIVERED
    assert delivered.delivery_error is None
    status = store.sync_status()
    assert (status.pending, status.held, status.last_error) == (0, 0, None)


def test_answers_too_large_are_halved_and_one_too_large_alone_waits(
    store: CardStore, clock: FakeClock, receiver_with_limit: MakeReceiver
) -> None:
    ids = seed(store, clock, 7)
    for card_id in ids[:6]:
        answer(store, card_id, clock(), "Ms. Ortiz", "Called back. " + "x" * 1000)
        clock.advance(minutes=1)
    answer(store, ids[6], clock(), "Ms. Ortiz", "\N{SCHOOL}" * 2000)  # about 8 kB alone
    receiver = receiver_with_limit(4000)  # cards go 3 or so at a time, answers 2 or 3
    up = uploader(store, receiver.url)
    try:
        report = up.run_cycle()
    finally:
        up.close()
    assert report.followups_sent == 6
    assert [card_id for card_id, _ in stored_answers(receiver)] == sorted(ids[:6])
    assert [r.card_id for r in store.followup_outbox(10)] == [ids[6]]
    assert sorted(receiver.card_ids()) == sorted(ids)


def test_sync_page_and_kiosk_sync_say_a_card_is_too_large(
    qtbot: QtBot,
    tmp_path: Path,
    data_dir: Path,
    store: CardStore,
    clock: FakeClock,
    receiver_with_limit: MakeReceiver,
) -> None:
    seed(store, clock, 3)
    big = oversized_card(store, clock)
    seed(store, clock, 3)
    receiver = receiver_with_limit(4000)

    # The running kiosk: its sync worker reports the status the manager's Sync page shows.
    sync = SyncConfig(endpoint=receiver.url, token=KIOSK_TOKEN, interval_seconds=3600)
    worker = SyncWorker(data_dir, Config(kiosk_id=KIOSK_ID, sync=sync), backoff=Backoff(rand=float))
    statuses: list[SyncStatus] = []
    worker.status_changed.connect(statuses.append)
    try:
        worker.start()
        qtbot.waitUntil(lambda: len(statuses) == 2, timeout=10_000)
    finally:
        worker.stop()
    status = statuses[-1]
    assert (status.pending, status.held, status.last_error_kind) == (1, 1, "too_large")
    page = SyncPage(configured=True)
    qtbot.addWidget(page)
    page.set_status(status)
    assert page.pending.text() == "Cards: 1, 1 of them too large for the district"
    assert page.last_error.text().startswith("1 card(s) too large for the receiver")
    assert receiver.count() == 6

    # `kiosk sync --once` from a shell: exit 1, the card still pending, the reason on stderr.
    code, out, err = sync_once(write_config(tmp_path, receiver.url), data_dir)
    assert code == 1
    assert out.startswith("sent 0, accepted 0, duplicate 0, rejected 0, still pending 1")
    assert "too large for the receiver" in err
    kept = store.get(big)
    assert kept is not None and kept.delivery is Delivery.PENDING
