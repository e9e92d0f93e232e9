"""A follow-up answer is tied to its card's kiosk: an answer for another kiosk's card is refused
for good, one whose card has not arrived is refused for now (the kiosk sends it again), on both
databases; neither is stored."""

from __future__ import annotations

import uuid
from typing import Any

from receiver_calls import batch, get, outcomes, post, wire_card
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, OTHER_TOKEN, Receiver

from sync.protocol import ItemResult


def answers(*card_ids: str, kiosk_id: str = KIOSK_ID) -> dict[str, Any]:
    return {
        "kiosk_id": kiosk_id,
        "answers": [
            {"card_id": i, "answered_at": "2026-11-24T10:00:00-06:00", "note": "Called back."}
            for i in card_ids
        ],
    }


def test_answers_only_for_this_kiosks_cards_that_arrived(receiver: Receiver) -> None:
    mine = wire_card()
    theirs = wire_card(kiosk_id=OTHER_KIOSK_ID)
    assert outcomes(post(receiver, "/v1/cards", batch(mine))) == [("accepted", None)]
    post(receiver, "/v1/cards", batch(theirs, kiosk_id=OTHER_KIOSK_ID), token=OTHER_TOKEN)
    never_sent = str(uuid.uuid4())

    answer = post(receiver, "/v1/followups", answers(mine["id"], theirs["id"], never_sent))
    assert outcomes(answer) == [("accepted", None), ("rejected", "403.4"), ("rejected", "404.2")]
    results = [ItemResult.model_validate(r) for r in answer.json()["results"]]
    assert [r.retry_later for r in results] == [False, False, True]
    page = get(receiver, "/v1/followups").json()
    assert [a["answer"]["card_id"] for a in page["answers"]] == [mine["id"]]


def test_an_answer_sent_before_its_card_is_taken_once_the_card_is_in(receiver: Receiver) -> None:
    card = wire_card(followup_requested=True, contact_name="Ana")
    assert outcomes(post(receiver, "/v1/followups", answers(card["id"]))) == [("rejected", "404.2")]
    post(receiver, "/v1/cards", batch(card))
    assert outcomes(post(receiver, "/v1/followups", answers(card["id"]))) == [("accepted", None)]
    assert outcomes(post(receiver, "/v1/followups", answers(card["id"]))) == [("duplicate", None)]
