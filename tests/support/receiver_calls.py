"""Requests to the receiver as its tests make them: a card on the wire, a POST or GET with a
token, the outcomes of a batch. No kiosk here (the server-only install uses it too)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import requests
from receiver_harness import DISTRICT_TOKEN, KIOSK_ID, KIOSK_TOKEN, Receiver


def wire_card(**changes: Any) -> dict[str, Any]:
    card = {
        "schema_version": 1,
        "id": str(uuid.uuid4()),
        "kiosk_id": KIOSK_ID,
        "app_version": "0.1.0",
        "rating": 4,
        "language": "es",
        "went_well": ["friendly"],
        "comment": "¡Muy amables!",
        "created_at": "2026-11-24T09:30:00.000001-06:00",
    }
    card.update(changes)
    return card


def post(
    receiver: Receiver, path: str, body: Any, token: str | None = KIOSK_TOKEN, raw: bytes = b""
) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = raw or json.dumps(body).encode()
    with requests.post(receiver.url + path, data=data, headers=headers, timeout=10) as r:
        r.content  # noqa: B018  (read the body before the connection closes)
        return r


def get(receiver: Receiver, path: str, token: str = DISTRICT_TOKEN) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    with requests.get(receiver.url + path, headers=headers, timeout=10) as r:
        r.content  # noqa: B018
        return r


def outcomes(response: requests.Response) -> list[tuple[str, str | None]]:
    assert response.status_code == 200, response.text
    return [(r["outcome"], r["code"]) for r in response.json()["results"]]


def batch(*cards: dict[str, Any], kiosk_id: str = KIOSK_ID) -> dict[str, Any]:
    return {"kiosk_id": kiosk_id, "cards": list(cards)}


def heartbeat(**changes: Any) -> dict[str, Any]:
    beat: dict[str, Any] = {
        "app_version": "0.1.0",
        "sent_at": datetime.now(UTC).isoformat(),
        "pending": 3,
        "oldest_pending_age_seconds": 42.5,
        "last_error": None,
        "disk_free_bytes": 10**9,
    }
    beat.update(changes)
    return beat
