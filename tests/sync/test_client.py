"""The client's own rules: where it may connect in plain http, how Retry-After is read, and
that only the receiver's own answer counts as a success (never a captive portal's page)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Portal, Receiver

from sync.client import DistrictClient, check_endpoint, retry_after_seconds
from sync.errors import NotTheReceiver, SyncConfigError
from sync.protocol import Heartbeat


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
