"""The reference receiver over HTTP on both databases: dedup, refusals that store nothing, the
district's endpoints and the served OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, cast

import pytest
import requests
from receiver_calls import batch, get, outcomes, post, wire_card
from receiver_harness import (
    DISTRICT_TOKEN,
    KIOSK_ID,
    KIOSK_TOKEN,
    OTHER_KIOSK_ID,
    OTHER_TOKEN,
    Receiver,
)


def test_resend_is_duplicate_and_changed_body_is_conflict(receiver: Receiver) -> None:
    first, second = wire_card(), wire_card(rating=1)
    assert outcomes(post(receiver, "/v1/cards", batch(first))) == [("accepted", None)]
    changed = {**first, "rating": 5}
    assert outcomes(post(receiver, "/v1/cards", batch(first, second))) == [
        ("duplicate", None),
        ("accepted", None),
    ]
    assert outcomes(post(receiver, "/v1/cards", batch(changed))) == [("rejected", "409.1")]
    assert sorted(receiver.card_ids()) == sorted([first["id"], second["id"]])
    page = get(receiver, "/v1/cards").json()
    assert [c["card"]["rating"] for c in page["cards"]] == [4, 1]  # the first body was kept


def test_concurrent_copies_of_one_card_land_once(receiver: Receiver) -> None:
    cards = [wire_card() for _ in range(50)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: post(receiver, "/v1/cards", batch(*cards)), range(6)))
    results = [o for a in answers for o in outcomes(a)]
    assert results.count(("accepted", None)) == 50
    assert results.count(("duplicate", None)) == 250
    assert receiver.count() == 50


def test_card_of_another_kiosk_is_rejected_alone(receiver: Receiver) -> None:
    mine, foreign = wire_card(), wire_card(kiosk_id=OTHER_KIOSK_ID)
    assert outcomes(post(receiver, "/v1/cards", batch(mine, foreign))) == [
        ("accepted", None),
        ("rejected", "403.3"),
    ]
    assert receiver.card_ids() == [mine["id"]]


BAD_REQUESTS = {
    "malformed json": dict(raw=b'{"kiosk_id": "lincoln-1", "cards": [', status=400, code="400.1"),
    "wrong schema": dict(body=batch(wire_card(rating=9)), status=400, code="400.2"),
    "unknown field": dict(body=batch(wire_card(mood="sunny")), status=400, code="400.2"),
    "future schema": dict(body=batch(wire_card(schema_version=2)), status=400, code="400.2"),
    "naive time": dict(
        body=batch(wire_card(created_at="2026-11-24T09:30:00")), status=400, code="400.2"
    ),
    "empty batch": dict(body={"kiosk_id": KIOSK_ID, "cards": []}, status=400, code="400.2"),
    "no token": dict(body=batch(wire_card()), token=None, status=401, code="401.1"),
    "bad token": dict(body=batch(wire_card()), token="x" * 30, status=401, code="401.2"),
    "district token": dict(body=batch(wire_card()), token=DISTRICT_TOKEN, status=403, code="403.1"),
    "other kiosk": dict(body=batch(wire_card()), token=OTHER_TOKEN, status=403, code="403.2"),
    "unknown kiosk": dict(
        body=batch(wire_card(kiosk_id="ghost-9"), kiosk_id="ghost-9"), status=404, code="404.1"
    ),
}


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=list(BAD_REQUESTS))
def test_bad_request_is_refused_and_stores_nothing(receiver: Receiver, case: str) -> None:
    spec: dict[str, Any] = dict(cast(dict[str, Any], BAD_REQUESTS[case]))
    status, code = spec.pop("status"), spec.pop("code")
    answer = post(receiver, "/v1/cards", spec.pop("body", None), **spec)
    assert answer.status_code == status
    problem = answer.json()
    assert (problem["code"], problem["status"]) == (code, status)
    assert problem["title"]
    assert receiver.count() == 0


def test_oversize_body_is_refused(receiver: Receiver) -> None:
    cards = [wire_card(comment="x" * 2000) for _ in range(1000)]
    body = json.dumps(batch(*cards)).encode() + b" " * (16 * 1024 * 1024)
    answer = post(receiver, "/v1/cards", None, raw=body)
    assert answer.status_code == 413
    assert answer.json()["code"] == "413.1"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies as it streams in
        for i in range(0, len(body), 1 << 20):
            yield body[i : i + (1 << 20)]

    headers = {"Authorization": f"Bearer {KIOSK_TOKEN}", "Content-Type": "application/json"}
    with requests.post(receiver.url + "/v1/cards", data=chunks(), headers=headers, timeout=30) as r:
        assert (r.status_code, r.json()["code"]) == (413, "413.1")
    assert receiver.count() == 0


def test_district_reads_cards_by_cursor_and_kiosks(receiver: Receiver) -> None:
    cards = [wire_card() for _ in range(5)]
    post(receiver, "/v1/cards", batch(*cards))
    beat = {
        "app_version": "0.1.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "pending": 3,
        "oldest_pending_age_seconds": 42.5,
        "last_error": "receiver busy",
        "disk_free_bytes": 10**9,
    }
    assert post(receiver, f"/v1/kiosks/{KIOSK_ID}/heartbeat", beat).status_code == 204
    assert post(receiver, f"/v1/kiosks/{OTHER_KIOSK_ID}/heartbeat", beat).status_code == 403

    first = get(receiver, "/v1/cards?since=0&limit=3").json()
    rest = get(receiver, f"/v1/cards?since={first['next_since']}").json()
    got = [c["card"]["id"] for c in first["cards"] + rest["cards"]]
    assert got == [c["id"] for c in cards]
    assert get(receiver, f"/v1/cards?since={rest['next_since']}").json()["cards"] == []

    kiosks = {k["kiosk_id"]: k for k in get(receiver, "/v1/kiosks").json()}
    assert set(kiosks) == {KIOSK_ID, OTHER_KIOSK_ID}
    mine = kiosks[KIOSK_ID]
    assert (mine["cards_received"], mine["pending"], mine["last_error"]) == (5, 3, "receiver busy")
    assert mine["last_heartbeat_at"] is not None
    assert kiosks[OTHER_KIOSK_ID]["last_heartbeat_at"] is None

    assert get(receiver, "/v1/kiosks", token=KIOSK_TOKEN).json()["code"] == "403.1"


def test_openapi_is_served(receiver: Receiver) -> None:
    with requests.get(receiver.url + "/openapi.json", timeout=10) as r:
        spec = r.json()
    assert {"/v1/cards", "/v1/followups", "/v1/kiosks", "/v1/kiosks/{kiosk_id}/heartbeat"} <= set(
        spec["paths"]
    )
    assert "WireCard" in spec["components"]["schemas"]


def test_every_answer_carries_the_protocol_marker(receiver: Receiver) -> None:
    """Kiosks tell the receiver from a captive portal by this header, so it is on successes,
    refusals, unknown paths and the body limit's own answer alike."""
    answers = {
        "batch": post(receiver, "/v1/cards", batch(wire_card())),
        "heartbeat": post(
            receiver,
            f"/v1/kiosks/{KIOSK_ID}/heartbeat",
            {"app_version": "0.1.0", "sent_at": "2026-11-24T09:30:00Z", "pending": 0},
        ),
        "no token": post(receiver, "/v1/cards", batch(wire_card()), token=None),
        "malformed": post(receiver, "/v1/cards", None, raw=b"{not json"),
        "unknown path": get(receiver, "/v1/nothing-here"),
        "too large": post(receiver, "/v1/cards", None, raw=b" " * (17 * 1024 * 1024)),
        "openapi": get(receiver, "/openapi.json"),
    }
    statuses = {name: r.status_code for name, r in answers.items()}
    assert statuses == {
        "batch": 200,
        "heartbeat": 204,
        "no token": 401,
        "malformed": 400,
        "unknown path": 404,
        "too large": 413,
        "openapi": 200,
    }
    assert {
        name: (r.headers.get("Feedback-Protocol"), r.headers.get("Feedback-Fields"))
        for name, r in answers.items()
    } == dict.fromkeys(answers, ("1", "resolution"))


def test_a_card_without_an_added_field_keeps_its_first_release_body(receiver: Receiver) -> None:
    """A card a first-release receiver stored is resent after the upgrade: still a duplicate,
    because a card with no resolution is stored without the key, as the first release did."""
    old, new = wire_card(), wire_card(resolution="partly")
    assert outcomes(post(receiver, "/v1/cards", batch(old, new))) == [("accepted", None)] * 2
    for resend in (old, {**old, "resolution": None}):
        assert outcomes(post(receiver, "/v1/cards", batch(resend))) == [("duplicate", None)]
    stored = {c["card"]["id"]: c["card"] for c in get(receiver, "/v1/cards").json()["cards"]}
    assert stored[new["id"]]["resolution"] == "partly"
    refused = post(receiver, "/v1/cards", batch(wire_card(resolution="maybe")))
    assert (refused.status_code, refused.json()["code"]) == (400, "400.2")
