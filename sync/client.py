"""HTTP calls to the district receiver: one requests Session, a timeout on every call, and every
failure turned into a typed SyncError. Knows the protocol's URLs, nothing of the store."""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from pydantic import BaseModel, ValidationError

from sync.errors import (
    AuthError,
    NetworkError,
    NotTheReceiver,
    PayloadTooLarge,
    RateLimited,
    RequestRefused,
    ServerError,
    SyncConfigError,
    UntrustedCertificate,
)
from sync.protocol import (
    ADDED_CARD_FIELDS,
    API_PREFIX,
    FIELDS_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    BatchResult,
    CardBatch,
    FollowupBatch,
    Heartbeat,
    Problem,
)

log = logging.getLogger("sync.client")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Probe:
    """The receiver's answer to ``DistrictClient.probe``: its status and problem code."""

    status: int
    problem_code: str | None
    protocol: bool  # it carried the protocol's marker: the receiver, not a portal or a proxy
    portal: bool  # it looks like a captive portal's answer (see _from_a_portal)
    server_date: datetime | None = None  # the answer's Date header: the receiver's clock


def check_endpoint(endpoint: str, allow_insecure_http: bool) -> str:
    """The endpoint without a trailing slash; plain http only to this machine unless allowed."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncConfigError(f"sync endpoint {endpoint!r} is not an http(s) URL")
    if parts.scheme == "http" and not allow_insecure_http and not is_loopback(parts.hostname):
        raise SyncConfigError(
            f"sync endpoint {endpoint!r} is plain http to another machine; use https "
            "(or set allow_insecure_http = true on a test network)"
        )
    return endpoint.rstrip("/")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a Retry-After header: delta seconds or an HTTP date. None when absent or garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class DistrictClient:
    """The kiosk's side of protocol v1. TLS certificates are always verified (requests' default,
    never turned off here)."""

    def __init__(
        self,
        endpoint: str,
        token: str,
        timeout: float,
        allow_insecure_http: bool = False,
        session: requests.Session | None = None,
    ) -> None:
        self.base = check_endpoint(endpoint, allow_insecure_http) + API_PREFIX
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.receiver_fields: frozenset[str] | None = None
        """The added card fields the receiver last said it stores (FIELDS_HEADER); None
        until it has answered."""

    def close(self) -> None:
        self.session.close()

    # Only the protocol's own answer is a success: its exact status, its marker header, and for
    # a batch a body that validates. A portal's 200 page is none of these.
    def send_cards(self, batch: CardBatch) -> BatchResult:
        """Send the batch. A card's added fields go only to a receiver that names them. A card
        is final once accepted, so before sending a field the receiver has not (yet) named, it
        is asked again: the district may have upgraded since its last answer."""
        carried = {
            name for card in batch.cards for name in ADDED_CARD_FIELDS if getattr(card, name)
        }
        if not carried <= (self.receiver_fields or frozenset()):
            self.probe()
        body = batch.wire_json(self.receiver_fields or frozenset())
        return _answer(self._post("/cards", body, 200), BatchResult)

    def send_followups(self, batch: FollowupBatch) -> BatchResult:
        return _answer(self._post("/followups", batch, 200), BatchResult)

    def send_heartbeat(self, kiosk_id: str, heartbeat: Heartbeat) -> None:
        self._post(f"/kiosks/{kiosk_id}/heartbeat", heartbeat, 204)

    def probe(self) -> Probe:
        """Ask the receiver about this token with no side effect: ``GET /v1/kiosks``, which
        protocol v1 answers a kiosk token it knows with 403 and problem 403.1 (the listing
        needs a district token). Nothing is sent, read or recorded. Raises NetworkError."""
        try:
            response = self.session.get(
                self.base + "/kiosks", timeout=self.timeout, allow_redirects=False
            )
        except requests.exceptions.SSLError as exc:
            raise UntrustedCertificate(
                f"the server's TLS certificate is not trusted ({_reason(exc)})"
            ) from exc
        except requests.Timeout as exc:
            raise NetworkError(f"no answer within {self.timeout:g} s") from exc
        except requests.RequestException as exc:
            raise NetworkError(f"cannot reach the receiver ({_reason(exc)})") from exc
        protocol = _is_protocol_answer(response)
        self._note_fields(response)
        return Probe(
            response.status_code,
            _problem_code(response.content),
            protocol,
            portal=not protocol and _from_a_portal(response),
            server_date=_http_date(response.headers.get("Date")),
        )

    def _note_fields(self, response: requests.Response) -> None:
        if _is_protocol_answer(response):
            named = response.headers.get(FIELDS_HEADER, "")
            self.receiver_fields = frozenset(f.strip() for f in named.split(",") if f.strip())

    def _post(self, path: str, body: BaseModel | str, expected: int) -> bytes:
        data = body if isinstance(body, str) else body.model_dump_json()
        try:
            response = self.session.post(
                self.base + path,
                data=data.encode(),
                headers={"Content-Type": "application/json"},
                timeout=self.timeout,
                # A redirect would turn the POST into a GET or carry the token elsewhere.
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise NetworkError(f"no answer within {self.timeout:g} s") from exc
        except requests.RequestException as exc:
            # Includes an answer cut off half way: requests reads the whole body in post().
            raise NetworkError(f"cannot reach the receiver ({_reason(exc)})") from exc
        self._note_fields(response)
        self._raise_for_status(response, response.content, expected)
        return response.content

    @staticmethod
    def _raise_for_status(response: requests.Response, content: bytes, expected: int) -> None:
        status = response.status_code
        if not _is_protocol_answer(response) and _from_a_portal(response):
            raise NotTheReceiver(status)
        if status == expected:
            return
        if status < 300:
            raise RequestRefused(f"the receiver answered HTTP {status}, not {expected}")
        if status < 400:
            where = response.headers.get("Location", "?")
            raise RequestRefused(f"the receiver redirects to {where}; set that as the endpoint")
        detail = _problem_text(content) or f"HTTP {status}"
        if status in (401, 403):
            raise AuthError(detail)
        if status in (429, 503):
            raise RateLimited(status, retry_after_seconds(response.headers.get("Retry-After")))
        if status == 413:
            raise PayloadTooLarge(f"the receiver refused the request as too large: {detail}")
        if status >= 500:
            raise ServerError(f"receiver error: {detail}")
        raise RequestRefused(f"receiver refused the request: {detail}")


def _reason(exc: BaseException) -> str:
    """The innermost cause in a few words ("Connection refused"), not urllib3's whole chain."""
    for _ in range(10):
        reason = getattr(exc, "reason", None)
        inner = (
            exc.__cause__
            or next((a for a in exc.args if isinstance(a, BaseException)), None)
            or (reason if isinstance(reason, BaseException) else None)
        )
        if inner is None:
            break
        exc = inner
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _answer(content: bytes, model: type[M]) -> M:
    try:
        return model.model_validate_json(content)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise RequestRefused(
            f"the receiver's answer breaks protocol v1 ({where}: {first['msg']})"
        ) from exc


def _http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _is_protocol_answer(response: requests.Response) -> bool:
    return response.headers.get(PROTOCOL_HEADER) == PROTOCOL_VERSION


def _from_a_portal(response: requests.Response) -> bool:
    """An answer without the protocol's marker that a captive portal gives: a page (2xx), 511
    Network Authentication Required, or a redirect to another host (its sign-in page). A
    proxy's own errors (nginx's 413, a 502 while the receiver restarts) and its redirect on
    the same host (http to https) keep their meaning."""
    status = response.status_code
    if status < 300 or status == 511:
        return True
    if status < 400:
        target = urlsplit(urljoin(response.url, response.headers.get("Location", "")))
        return target.hostname != urlsplit(response.url).hostname
    return False


def _problem_code(content: bytes) -> str | None:
    try:
        return Problem.model_validate_json(content).code
    except ValidationError:
        return None


def _problem_text(content: bytes) -> str | None:
    try:
        p = Problem.model_validate_json(content)
    except ValidationError:
        return None
    return f"{p.title} ({p.code})" + (f": {p.detail}" if p.detail else "")
