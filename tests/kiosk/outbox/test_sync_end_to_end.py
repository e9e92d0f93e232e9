"""The kiosk's outbox reaches a real receiver: exactly once in its database, whatever fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_clock import FakeClock
from kiosk_sync import seed, uploader
from receiver_harness import OTHER_KIOSK_ID, Fault, Receiver

from kiosk.core.card import Delivery
from kiosk.store.cards import CardStore
from sync.errors import AuthError, NetworkError, RateLimited, RequestRefused, ServerError


def assert_all_delivered(store: CardStore, receiver: Receiver, ids: list[str]) -> None:
    held = receiver.card_ids()
    assert sorted(held) == sorted(ids)  # exactly those cards, none twice
    assert store.count(Delivery.PENDING) == 0
    assert store.count(Delivery.DELIVERED) == len(ids)


def test_outbox_reaches_receiver_exactly(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 250)
    up = uploader(store, receiver.url, batch_size=100)
    report = up.run_cycle()
    up.close()
    assert (report.sent, report.accepted, report.duplicate, report.pending) == (250, 250, 0, 0)
    assert_all_delivered(store, receiver, ids)
    status = store.sync_status()
    assert status.last_success is not None and status.last_error is None
    beat = receiver.heartbeat()
    assert (beat.pending, beat.app_version, beat.last_error) == (0, "0.1.0", None)
    assert beat.disk_free_bytes > 0


def test_receiver_down_then_up(
    store: CardStore, clock: FakeClock, database_url: str, tokens_file: Path
) -> None:
    ids = seed(store, clock, 30)
    receiver = Receiver(database_url, tokens_file)  # bound, not yet listening: refused
    up = uploader(store, receiver.url)
    try:
        with pytest.raises(NetworkError):
            up.run_cycle()
        assert store.sync_status().last_error_kind == "network"
        assert store.count(Delivery.PENDING) == 30
        receiver.start()
        assert up.run_cycle().accepted == 30
        assert_all_delivered(store, receiver, ids)
        assert store.sync_status().last_error is None
        # the heartbeat tells the district what went wrong before this cycle
        assert "cannot reach the receiver" in receiver.heartbeat().last_error
    finally:
        up.close()
        receiver.stop()


def test_server_errors_and_rate_limit(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 50)
    receiver.faults.add(
        Fault("/v1/cards", "status", status=500),
        Fault("/v1/cards", "status", status=429, retry_after="7"),
        Fault("/v1/cards", "status", status=503, retry_after="2"),
    )
    up = uploader(store, receiver.url, batch_size=20)
    try:
        with pytest.raises(ServerError):
            up.run_cycle()
        with pytest.raises(RateLimited) as limited:
            up.run_cycle()
        assert limited.value.retry_after == 7
        with pytest.raises(RateLimited) as unavailable:
            up.run_cycle()
        assert unavailable.value.retry_after == 2
        assert store.sync_status().last_error_kind == "rate_limited"
        up.run_cycle()
    finally:
        up.close()
    assert_all_delivered(store, receiver, ids)


def test_slow_receiver_past_the_timeout(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 40)
    receiver.faults.add(Fault("/v1/cards", "hold_before"))
    impatient = uploader(store, receiver.url, timeout=0.3, batch_size=40)
    try:
        with pytest.raises(NetworkError, match="no answer within"):
            impatient.run_cycle()
    finally:
        impatient.close()
    assert store.count(Delivery.PENDING) == 40
    receiver.faults.release()  # the held request now completes, long after the kiosk left
    # The retry gets a generous timeout: only the held request is meant to be slow.
    up = uploader(store, receiver.url, timeout=30, batch_size=40)
    try:
        report = up.run_cycle()
    finally:
        up.close()
    assert report.accepted + report.duplicate == 40
    assert_all_delivered(store, receiver, ids)


def test_answer_lost_after_commit_gives_duplicates(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 60)
    receiver.faults.add(Fault("/v1/cards", "cut_after_commit"))
    up = uploader(store, receiver.url, batch_size=60)
    try:
        with pytest.raises(NetworkError):
            up.run_cycle()
        assert receiver.faults.committed.is_set()
        assert receiver.count() == 60  # the receiver has them, the kiosk does not know
        assert store.count(Delivery.PENDING) == 60
        report = up.run_cycle()
    finally:
        up.close()
    assert (report.accepted, report.duplicate) == (0, 60)
    assert_all_delivered(store, receiver, ids)


def test_rejected_cards_are_kept_with_their_reason(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    good = seed(store, clock, 5)
    # Made before the kiosk was renamed: not refused for good, it waits (test_kiosk_id_changed).
    (foreign,) = seed(store, clock, 1, kiosk_id=OTHER_KIOSK_ID)
    (unsendable,) = seed(store, clock, 1)
    store.db.conn.execute(
        "UPDATE cards SET went_well = '[\"Not A Chip\"]' WHERE id = ?", [unsendable]
    )
    up = uploader(store, receiver.url)
    report = up.run_cycle()
    up.close()
    assert (report.accepted, report.rejected, report.pending) == (5, 1, 1)
    assert sorted(receiver.card_ids()) == sorted(good)
    foreign_card, unsendable_card = store.get(foreign), store.get(unsendable)
    assert foreign_card is not None and unsendable_card is not None
    assert foreign_card.delivery is Delivery.PENDING
    assert "cannot be sent" in (unsendable_card.delivery_error or "")
    assert store.sync_status().rejected == 1


def test_wrong_token_stops_with_not_authorised(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 3)
    up = uploader(store, receiver.url, token="not-a-token-of-this-receiver")
    with pytest.raises(AuthError, match="not authorised"):
        up.run_cycle()
    up.close()
    status = store.sync_status()
    assert (status.last_error_kind, status.pending) == ("auth", 3)
    assert receiver.count() == 0


def test_a_redirect_is_not_followed(store: CardStore, clock: FakeClock, receiver: Receiver) -> None:
    """A proxy's redirect on the receiver's own host (e.g. to https) names where to point."""
    seed(store, clock, 2)
    receiver.faults.add(
        Fault("/v1/cards", "status", status=308, location=f"{receiver.url}/elsewhere/v1/cards")
    )
    up = uploader(store, receiver.url)
    with pytest.raises(RequestRefused, match="redirects"):
        up.run_cycle()
    up.close()
    assert (store.count(Delivery.PENDING), receiver.count()) == (2, 0)
    assert store.sync_status().last_error_kind == "refused"
