"""Typed sync failures: the uploader raises them, the UI and the CLI decide what to show.

After Anki's sync errors: an auth failure needs a person, a rate limit says when to come back,
network and server failures are retried with backoff, a refused request points at a bug or a
misconfigured receiver.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure. ``kind`` is stable and stored in the sync status."""

    kind = "error"


class SyncConfigError(SyncError):
    """The [sync] settings cannot work (no endpoint, unreadable token, insecure URL)."""

    kind = "config"


class AuthError(SyncError):
    """401/403: the receiver does not accept this kiosk's token. Retrying will not help."""

    kind = "auth"

    def __init__(self, detail: str) -> None:
        super().__init__(f"kiosk not authorised: {detail}")


class RateLimited(SyncError):
    """429/503: the receiver asked us to come back after ``retry_after`` seconds."""

    kind = "rate_limited"

    def __init__(self, status: int, retry_after: float | None) -> None:
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        super().__init__(f"receiver busy (HTTP {status}{wait})")
        self.retry_after = retry_after


class NetworkError(SyncError):
    """The receiver could not be reached or did not answer in time."""

    kind = "network"


class UntrustedCertificate(NetworkError):
    """TLS verification failed: a wrong clock, a district certificate the machine does not
    trust, or something in the way of the connection."""


class NotTheReceiver(SyncError):
    """Something other than the receiver answered (no protocol marker): most often a Wi-Fi
    sign-in page (a captive portal). Nothing was delivered; retried with backoff."""

    kind = "portal"

    def __init__(self, status: int) -> None:
        super().__init__(
            f"the network answered with a web page (HTTP {status}) instead of the district "
            "server; is this Wi-Fi asking for a sign-in?"
        )
        self.status = status


class ServerError(SyncError):
    """The receiver failed (5xx other than 503)."""

    kind = "server"


class RequestRefused(SyncError):
    """Any other 4xx, or an answer that breaks the protocol: needs a fix, not a retry soon."""

    kind = "refused"


class PayloadTooLarge(RequestRefused):
    """413: the receiver (or a proxy in front of it, e.g. nginx's 1 MiB default) will not take a
    body this large. The uploader halves the batch and sends again; only a body of one item that
    is still too large is left behind, so it never propagates from a card batch."""

    kind = "too_large"
