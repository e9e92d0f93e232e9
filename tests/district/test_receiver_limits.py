"""No 5xx from a client's data: every number is bounded by its column, NUL and non-finite numbers
are refused, and the wire's types are strict. Each case is what a fuzzer found (or what was
accepted and should not have been), against the real receiver on both databases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from receiver_calls import batch, get, heartbeat, outcomes, post, wire_card
from receiver_harness import KIOSK_ID, Receiver

BEAT = f"/v1/kiosks/{KIOSK_ID}/heartbeat"

REFUSED_HEARTBEATS = {
    "pending 2^31 (PostgreSQL's integer)": dict(pending=2**31),
    "pending 2^63": dict(pending=2**63),
    "disk_free_bytes 2^63": dict(disk_free_bytes=2**63),
    "disk_free_bytes past 2^53": dict(disk_free_bytes=2**53),
    "NUL in last_error": dict(last_error="disk\x00full"),
    "NUL in app_version": dict(app_version="0.1\x00"),
    "pending true": dict(pending=True),
    "pending as text": dict(pending="5"),
    "pending 4.0": dict(pending=4.0),
    "age as text": dict(oldest_pending_age_seconds="1.5"),
    "sent_at as a number": dict(sent_at=1_700_000_000),
    "sent_at without an offset": dict(sent_at="2026-11-24T09:30:00"),
}


@pytest.mark.parametrize("change", REFUSED_HEARTBEATS.values(), ids=list(REFUSED_HEARTBEATS))
def test_out_of_range_or_loose_heartbeat_is_a_400_problem(
    receiver: Receiver, change: dict[str, Any]
) -> None:
    answer = post(receiver, BEAT, heartbeat(**change))
    assert (answer.status_code, answer.json()["code"]) == (400, "400.2"), answer.text
    assert receiver.heartbeat() is None


@pytest.mark.parametrize("number", [b"1e400", b"-1e400", b"NaN", b"Infinity"])
def test_non_finite_age_is_refused(receiver: Receiver, number: bytes) -> None:
    # Python's json reads 1e400 as infinity and NaN as a number; neither is JSON's, nor storable.
    body = json.dumps(heartbeat(oldest_pending_age_seconds=0.5)).encode().replace(b"0.5", number)
    answer = post(receiver, BEAT, None, raw=body)
    assert (answer.status_code, answer.json()["code"]) == (400, "400.2"), answer.text
    assert receiver.heartbeat() is None


def test_largest_values_the_columns_hold_are_stored(receiver: Receiver) -> None:
    beat = heartbeat(pending=2**31 - 1, disk_free_bytes=2**53 - 1, last_error="ñ" * 500)
    assert post(receiver, BEAT, beat).status_code == 204
    stored = receiver.heartbeat()
    assert (stored.pending, stored.disk_free_bytes) == (2**31 - 1, 2**53 - 1)
    (kiosk,) = [k for k in get(receiver, "/v1/kiosks").json() if k["kiosk_id"] == KIOSK_ID]
    assert (kiosk["pending"], kiosk["disk_free_bytes"]) == (2**31 - 1, 2**53 - 1)


@pytest.mark.parametrize("path", ["/v1/cards", "/v1/followups"])
@pytest.mark.parametrize("since", [2**63, 2**53, 10**30, -1])
def test_a_cursor_past_what_seq_holds_is_a_400_problem(
    receiver: Receiver, path: str, since: int
) -> None:
    answer = get(receiver, f"{path}?since={since}")
    assert (answer.status_code, answer.json()["code"]) == (400, "400.2"), answer.text


def test_the_largest_cursor_answers_an_empty_page(receiver: Receiver) -> None:
    answer = get(receiver, f"/v1/cards?since={2**53 - 1}")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"cards": [], "next_since": 2**53 - 1}


LOOSE_CARDS = {
    "rating true": dict(rating=True),
    "rating as text": dict(rating="5"),
    "rating 4.0": dict(rating=4.0),
    "schema_version true": dict(schema_version=True),
    "followup_requested 1": dict(followup_requested=1),
    "created_at as a number": dict(created_at=0),
    "created_at as digits": dict(created_at="1700000000"),
    "finalised before created": dict(
        created_at="2026-11-24T09:30:00-06:00", finalised_at="2026-11-24T09:29:59-06:00"
    ),
    "id without its hyphens": dict(id="0f8e4b5a9c2d4e1f8a7b6c5d4e3f2a1b"),
    "id of another UUID version": dict(id="6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
    "NUL in the comment": dict(comment="hola\x00"),
    "a lone surrogate in the comment": dict(comment="\ud800"),
}


@pytest.mark.parametrize("change", LOOSE_CARDS.values(), ids=list(LOOSE_CARDS))
def test_loose_or_impossible_card_is_a_400_problem(
    receiver: Receiver, change: dict[str, Any]
) -> None:
    answer = post(receiver, "/v1/cards", batch(wire_card(**change)))
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] in ("400.1", "400.2")
    assert receiver.count() == 0


def test_a_card_final_at_its_creation_in_another_offset_is_taken(receiver: Receiver) -> None:
    # The same moment written with two offsets: final is not before created.
    card = wire_card(
        created_at="2026-11-24T09:30:00-06:00", finalised_at="2026-11-24T15:30:00+00:00"
    )
    assert outcomes(post(receiver, "/v1/cards", batch(card))) == [("accepted", None)]
