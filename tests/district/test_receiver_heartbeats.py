"""Each heartbeat's sent_at (the kiosk's clock) is kept, so GET /v1/kiosks shows each kiosk's
clock skew (a database made before that column existed gets it from the migrations:
tests/district/test_migrations.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from receiver_calls import get, heartbeat, post
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, OTHER_TOKEN, Receiver


def kiosk_row(receiver: Receiver, kiosk_id: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = get(receiver, "/v1/kiosks").json()
    (row,) = [k for k in rows if k["kiosk_id"] == kiosk_id]
    return row


def test_clock_skew_of_each_kiosk(receiver: Receiver) -> None:
    # One kiosk's clock is an hour ahead, in its own offset; the other's is right.
    ahead = (datetime.now(UTC) + timedelta(hours=1)).astimezone(timezone(timedelta(hours=-6)))
    assert (
        post(
            receiver, f"/v1/kiosks/{KIOSK_ID}/heartbeat", heartbeat(sent_at=ahead.isoformat())
        ).status_code
        == 204
    )
    beat = heartbeat(sent_at=datetime.now(UTC).isoformat())
    answer = post(receiver, f"/v1/kiosks/{OTHER_KIOSK_ID}/heartbeat", beat, token=OTHER_TOKEN)
    assert answer.status_code == 204

    fast, right = kiosk_row(receiver, KIOSK_ID), kiosk_row(receiver, OTHER_KIOSK_ID)
    assert datetime.fromisoformat(fast["last_heartbeat_sent_at"]) == ahead
    assert 3590 < fast["clock_skew_seconds"] <= 3600
    assert abs(right["clock_skew_seconds"]) < 10


def test_a_kiosk_never_heard_from_has_no_skew(receiver: Receiver) -> None:
    row = kiosk_row(receiver, OTHER_KIOSK_ID)
    assert (row["last_heartbeat_sent_at"], row["clock_skew_seconds"]) == (None, None)
