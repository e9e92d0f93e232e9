"""Office managers' answers to follow-up requests travel as records of their own, once each."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import requests
from fake_clock import FakeClock
from kiosk_sync import answer, seed, stored_answers, uploader
from receiver_harness import DISTRICT_TOKEN, KIOSK_ID, Receiver

from kiosk.core.card import Card
from kiosk.store.cards import CardStore


def test_answers_go_once_and_a_new_answer_is_a_new_record(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 3)
    answer(store, ids[0], clock(), "Ms. Ortiz", "Llamé a la familia.")
    answer(store, ids[1], clock(), "Ms. Ortiz", "Left a voicemail.")
    up = uploader(store, receiver.url)
    try:
        report = up.run_cycle()
        assert report.followups_sent == 2
        assert store.sync_status().followups_pending == 0
        assert up.run_cycle().followups_sent == 0  # nothing is sent twice

        clock.advance(hours=2)
        answer(store, ids[1], clock(), "Mr. Lee", "Spoke with the parent.")
        assert up.run_cycle().followups_sent == 1
    finally:
        up.close()
    held = stored_answers(receiver)
    assert [card_id for card_id, _ in held] == sorted([ids[0], ids[1], ids[1]])
    headers = {"Authorization": f"Bearer {DISTRICT_TOKEN}"}
    with requests.get(f"{receiver.url}/v1/followups?since=0", headers=headers, timeout=10) as r:
        page = r.json()
    assert [a["answer"]["note"] for a in page["answers"]] == [
        "Llamé a la familia.",
        "Left a voicemail.",
        "Spoke with the parent.",
    ]
    assert {a["kiosk_id"] for a in page["answers"]} == {KIOSK_ID}
    assert store.sync_status().followups_pending == 0


def test_answer_given_again_while_on_the_wire_stays_pending(
    store: CardStore, clock: FakeClock
) -> None:
    (card_id,) = seed(store, clock, 1)
    first = clock()
    answer(store, card_id, first, "Ms. Ortiz", "first")
    (record,) = store.followup_outbox(10)
    clock.advance(minutes=5)
    answer(store, card_id, clock(), "Ms. Ortiz", "second")
    assert store.mark_followups_delivered([(record.card_id, record.answered_at)]) == 0
    assert [r.note for r in store.followup_outbox(10)] == ["second"]


def test_an_answer_the_protocol_cannot_carry_does_not_block_the_others(
    store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 2)
    answer(store, ids[0], clock(), "Ms. Ortiz", "x" * 2001)  # longer than the protocol allows
    clock.advance(minutes=1)
    answer(store, ids[1], clock(), "Ms. Ortiz", "Called back.")
    up = uploader(store, receiver.url)
    try:
        assert up.run_cycle().followups_sent == 1
    finally:
        up.close()
    assert [card_id for card_id, _ in stored_answers(receiver)] == [ids[1]]
    assert [r.card_id for r in store.followup_outbox(10)] == [ids[0]]


def test_an_answer_whose_card_is_held_back_waits_and_goes_after_it(
    store: CardStore,
    clock: FakeClock,
    database_url: str,
    tokens_file: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The card is too large for this receiver's body limit, so it stays pending; its answer is
    # small and goes, but the receiver has no such card yet: "retry later" (404.2), not final.
    card = Card.new(2, "en", KIOSK_ID, "0.1.0", clock)
    card.comment = "\N{SCHOOL}" * 2000  # about 8 kB on the wire
    store.create(card)
    store.finalise(card.id)
    answer(store, card.id, clock(), "Ms. Ortiz", "Called back.")
    small = Receiver(database_url, tokens_file, max_body_bytes=4000).start()
    up = uploader(store, small.url)
    try:
        with caplog.at_level(logging.INFO, logger="sync.uploader"):
            up.run_cycle()
    finally:
        up.close()
        small.stop()
    assert stored_answers(small) == []
    assert [r.card_id for r in store.followup_outbox(10)] == [card.id]  # still pending
    assert "1 answer(s) wait for their card" in caplog.text
    assert "follow-up answers refused" not in caplog.text

    roomy = Receiver(database_url, tokens_file).start()  # the limit raised
    up = uploader(store, roomy.url)
    try:
        report = up.run_cycle()
    finally:
        up.close()
        roomy.stop()
    assert report.followups_sent == 1
    assert store.followup_outbox(10) == []
    assert roomy.card_ids() == [card.id]
    assert [card_id for card_id, _ in stored_answers(roomy)] == [card.id]
