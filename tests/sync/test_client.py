"""The client's own rules: where it may connect in plain http, how Retry-After is read, and
that only the receiver's own answer counts as a success (never a captive portal's page)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from receiver_calls import get, wire_card
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Portal, Receiver

from sync.client import DistrictClient, check_endpoint, retry_after_seconds
from sync.errors import NotTheReceiver, SyncConfigError
from sync.protocol import CardBatch, Heartbeat, Outcome, WireCard


def heartbeat() -> Heartbeat:
    return Heartbeat(app_version="0.1.0", sent_at=datetime.now(UTC), pending=0)


@pytest.mark.parametrize("status", [200, 204, 302, 511])
def test_a_captive_portal_is_never_a_success(status: int) -> None:
    """Guest Wi-Fi that answers everything with a sign-in page (or a redirect to one): the
    heartbeat, a batch and the probe all see that it is not the receiver."""
    with Portal(status) as portal:
        client = DistrictClient(portal.url, KIOSK_TOKEN, timeout=5)
        try:
            with pytest.raises(NotTheReceiver, match="web page") as raised:
                client.send_heartbeat(KIOSK_ID, heartbeat())
            assert raised.value.kind == "portal"
            assert "\n" not in str(raised.value)
            probe = client.probe()
            assert (probe.status, probe.protocol, probe.portal) == (status, False, True)
        finally:
            client.close()
    assert portal.requests == [f"POST /v1/kiosks/{KIOSK_ID}/heartbeat", "GET /v1/kiosks"]


def test_the_receivers_own_answer_is_a_success(receiver: Receiver) -> None:
    client = DistrictClient(receiver.url, KIOSK_TOKEN, timeout=5)
    try:
        client.send_heartbeat(KIOSK_ID, heartbeat())
        probe = client.probe()
    finally:
        client.close()
    assert (probe.status, probe.problem_code, probe.protocol, probe.portal) == (
        403,
        "403.1",
        True,
        False,
    )
    assert receiver.heartbeat().last_heartbeat_at is not None


@pytest.mark.parametrize(
    "url",
    ["https://feedback.district.org/", "http://127.0.0.1:8080", "http://localhost", "http://[::1]"],
)
def test_allowed_endpoints(url: str) -> None:
    assert check_endpoint(url, allow_insecure_http=False) == url.rstrip("/")


@pytest.mark.parametrize("url", ["http://feedback.district.org", "http://10.0.0.5", "ftp://x.org"])
def test_refused_endpoints(url: str) -> None:
    with pytest.raises(SyncConfigError):
        check_endpoint(url, allow_insecure_http=False)


def test_plain_http_to_another_host_when_explicitly_allowed() -> None:
    assert check_endpoint("http://10.0.0.5", allow_insecure_http=True) == "http://10.0.0.5"


def test_retry_after_seconds_and_dates() -> None:
    now = datetime(2026, 11, 24, 15, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Tue, 24 Nov 2026 15:00:30 GMT", now) == 30
    assert retry_after_seconds("Tue, 24 Nov 2026 14:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


class FirstReleaseReceiver:
    """The receiver as its first release answered: no Feedback-Fields header, and a card
    field it does not know refused (its models forbid extra fields). Keeps the bodies sent."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.bodies: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, self._without_fields(send))
            return
        raw = b""
        while True:
            message = await receive()
            raw += message.get("body", b"")
            if not message.get("more_body"):
                break
        body = json.loads(raw)
        self.bodies.append(body)
        if any("resolution" in card for card in body.get("cards", [])):
            raw = b"{"  # what the first release did with it: 400, and nothing stored

        async def replay() -> dict[str, Any]:
            return {"type": "http.request", "body": raw, "more_body": False}

        await self.app(scope, replay, self._without_fields(send))

    @staticmethod
    def _without_fields(send: Any) -> Any:
        async def strip(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (k, v) for k, v in message["headers"] if k != b"feedback-fields"
                ]
            await send(message)

        return strip


def card(**changes: Any) -> WireCard:
    return WireCard.model_validate({**wire_card(), **changes})


def test_an_added_field_goes_only_to_a_receiver_that_names_it(receiver: Receiver) -> None:
    """A kiosk upgraded before its district: the first-release receiver gets every card (an
    answered one without its added field); the upgraded receiver gets the field."""
    old = FirstReleaseReceiver(receiver.faults.app)
    receiver.faults.app = old
    cards = [card(resolution="yes"), card()]
    client = DistrictClient(receiver.url, KIOSK_TOKEN, timeout=5)
    try:
        result = client.send_cards(CardBatch(kiosk_id=KIOSK_ID, cards=cards))
        assert [r.outcome for r in result.results] == [Outcome.ACCEPTED] * 2
        assert client.receiver_fields == frozenset()
        assert [set(c) & {"resolution"} for c in old.bodies[-1]["cards"]] == [set(), set()]

        receiver.faults.app = old.app  # the district upgrades
        newer = card(resolution="not_yet")
        client.send_cards(CardBatch(kiosk_id=KIOSK_ID, cards=[newer]))
        assert client.receiver_fields == {"resolution"}
    finally:
        client.close()
    stored = {c["card"]["id"]: c["card"] for c in get(receiver, "/v1/cards").json()["cards"]}
    assert stored[str(newer.id)]["resolution"] == "not_yet"
    assert stored[str(cards[0].id)]["resolution"] is None
