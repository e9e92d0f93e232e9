"""The client's own rules: where it may connect in plain http, and how Retry-After is read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sync.client import check_endpoint, retry_after_seconds
from sync.errors import SyncConfigError


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
