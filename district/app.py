"""The receiver's HTTP API (protocol v1). Every failure answers a Problem with a stable code
(district.problems), and a refused request stores nothing.

No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at
run time, and the dependencies they name are local to create_app().
"""

from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from district import db, docs, openapi, problems, tokens
from district.accounts import Clock
from district.problems import ProblemError, problem_response
from district.tokens import Principal
from district.web import pages
from district.web.settings import WebSettings
from sync import __version__
from sync.protocol import (
    API_PREFIX,
    KIOSK_ID_PATTERN,
    MAX_JSON_INT,
    RECEIVER_HEADERS,
    AnswerPage,
    BatchResult,
    CardBatch,
    CardPage,
    FollowupAnswer,
    FollowupBatch,
    Heartbeat,
    ItemResult,
    KioskInfo,
    Outcome,
    ProblemCode,
    problem,
)

DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
"""Comfortably above a full batch (1000 cards of the longest comments) and far below harm."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodyLimit:
    """Refuse a body over ``max_bytes`` before it is parsed: by its Content-Length, or, for a
    chunked body, by reading it here up to the limit and handing it on when it fits."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = problem_response(problem(ProblemCode.BODY_TOO_LARGE))
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_bytes:
                await too_large(scope, receive, send)
                return
            await self.app(scope, receive, send)  # the server enforces the declared length
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await too_large(scope, receive, send)
                return
            if not message.get("more_body"):
                break
        body: bytes | None = b"".join(chunks)

        async def replay() -> Message:
            nonlocal body
            if body is None:
                return await receive()
            message, body = {"type": "http.request", "body": body, "more_body": False}, None
            return message

        await self.app(scope, replay, send)


class ProtocolMarker:
    """Mark every answer as this protocol's (PROTOCOL_HEADER), errors and 404s included, so a
    kiosk can tell its receiver from a captive portal that answers everything with 200."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *_MARKERS]
            await send(message)

        await self.app(scope, receive, marked)


_MARKERS = [(name.lower().encode(), value.encode()) for name, value in RECEIVER_HEADERS.items()]


Since = Annotated[
    int, Query(ge=0, le=MAX_JSON_INT, description="Cursor: the last seq already read.")
]


def _refusal(answer: FollowupAnswer, owners: dict[str, str], kiosk_id: str) -> ItemResult | None:
    """The refusal of an answer whose card is not this kiosk's (or not here yet), else None."""
    owner = owners.get(str(answer.card_id))
    if owner == kiosk_id:
        return None
    code = ProblemCode.CARD_NOT_RECEIVED if owner is None else ProblemCode.ANSWER_OF_OTHER_KIOSK
    reason = "send it again after its card" if owner is None else f"card of kiosk {owner}"
    return ItemResult(id=answer.key, outcome=Outcome.REJECTED, code=code.value, reason=reason)


_bearer = HTTPBearer(auto_error=False, description="A kiosk token or a district token.")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    engine: Engine,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    web: WebSettings | None = None,
    clock: Clock = _utc_now,
) -> FastAPI:
    """The receiver (``/v1/``) and the web pages for people (everything else), on a database
    at the newest revision (district.schema); tokens are looked up there on each request."""
    app = FastAPI(
        title="School feedback kiosk: district receiver",
        version=__version__,
        description="Protocol v1. Errors are Problem objects with stable codes.",
        docs_url=None,  # district.docs serves it, with no CDN
    )
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(ProtocolMarker)  # added last, so outermost: it marks BodyLimit's 413 too
    problems.install(app)
    openapi.install(app)
    docs.install(app)
    # What every operation may answer, then what reading a body or a query adds.
    anyone = [
        ProblemCode.TOKEN_MISSING,
        ProblemCode.TOKEN_UNKNOWN,
        ProblemCode.WRONG_SCOPE,
        ProblemCode.BODY_TOO_LARGE,
        ProblemCode.DATABASE_UNAVAILABLE,
    ]
    reads = [*anyone, ProblemCode.SCHEMA_MISMATCH]
    sends = [*reads, ProblemCode.MALFORMED_JSON, ProblemCode.TOO_DEEP]
    sends += [ProblemCode.OTHER_KIOSK, ProblemCode.UNKNOWN_KIOSK]

    def principal(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise ProblemError(ProblemCode.TOKEN_MISSING)
        with engine.connect() as conn:
            who = tokens.who(conn, credentials.credentials)
        if who is None:
            raise ProblemError(ProblemCode.TOKEN_UNKNOWN)
        return who

    def kiosk(who: Annotated[Principal, Depends(principal)]) -> str:
        if who.kiosk_id is None:
            raise ProblemError(ProblemCode.WRONG_SCOPE, "a district token cannot send cards")
        return who.kiosk_id

    def district(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if who.kiosk_id is not None:
            raise ProblemError(ProblemCode.WRONG_SCOPE, "a kiosk token cannot read the district")
        return who

    def same_kiosk(claimed: str, token_kiosk: str) -> None:
        if claimed == token_kiosk:
            return
        with engine.connect() as conn:
            known = db.kiosk_known(conn, claimed)
        if not known:
            raise ProblemError(ProblemCode.UNKNOWN_KIOSK, claimed)
        raise ProblemError(ProblemCode.OTHER_KIOSK, f"{claimed} is not {token_kiosk}")

    @app.post(f"{API_PREFIX}/cards", responses=openapi.errors(*sends))
    def post_cards(batch: CardBatch, kiosk_id: Annotated[str, Depends(kiosk)]) -> BatchResult:
        """Store a batch of final cards. Each card gets its own result; a resend of a stored
        card is "duplicate" (delivered), the same id with another body is rejected (409.1)."""
        same_kiosk(batch.kiosk_id, kiosk_id)
        foreign = {
            str(c.id): ItemResult(
                id=str(c.id),
                outcome=Outcome.REJECTED,
                code=ProblemCode.CARD_OF_OTHER_KIOSK.value,
                reason=f"card of kiosk {c.kiosk_id}",
            )
            for c in batch.cards
            if c.kiosk_id != kiosk_id
        }
        own = [c for c in batch.cards if str(c.id) not in foreign]
        with engine.begin() as conn:
            stored = db.store_cards(conn, kiosk_id, own)
        results = {**stored, **foreign}
        return BatchResult(results=[results[str(c.id)] for c in batch.cards])

    @app.post(f"{API_PREFIX}/followups", responses=openapi.errors(*sends))
    def post_followups(
        batch: FollowupBatch, kiosk_id: Annotated[str, Depends(kiosk)]
    ) -> BatchResult:
        """Store office managers' answers to follow-up requests, deduplicated like cards. An
        answer is taken only for a card this kiosk sent: one whose card has not arrived yet is
        rejected for now (404.2: the kiosk sends it again later), one for another kiosk's card
        for good (403.4)."""
        same_kiosk(batch.kiosk_id, kiosk_id)
        with engine.begin() as conn:
            owners = db.card_kiosks(conn, {str(a.card_id) for a in batch.answers})
            refused = {a.key: _refusal(a, owners, kiosk_id) for a in batch.answers}
            taken = [a for a in batch.answers if not refused[a.key]]
            stored = db.store_answers(conn, kiosk_id, taken)
        return BatchResult(results=[refused[a.key] or stored[a.key] for a in batch.answers])

    @app.post(
        f"{API_PREFIX}/kiosks/{{kiosk_id}}/heartbeat",
        status_code=204,
        responses=openapi.errors(*sends),
    )
    def post_heartbeat(
        kiosk_id: Annotated[str, Path(pattern=KIOSK_ID_PATTERN)],
        beat: Heartbeat,
        token_kiosk: Annotated[str, Depends(kiosk)],
    ) -> Response:
        """Record a kiosk's health, sent once per sync cycle."""
        same_kiosk(kiosk_id, token_kiosk)
        with engine.begin() as conn:
            db.save_heartbeat(conn, kiosk_id, beat)
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/cards", responses=openapi.errors(*reads))
    def get_cards(
        _who: Annotated[Principal, Depends(district)],
        since: Since = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> CardPage:
        """Cards in order of arrival after the cursor ``since`` (district token)."""
        with engine.connect() as conn:
            page = db.cards_since(conn, since, limit)
        return CardPage(cards=page, next_since=page[-1].seq if page else since)

    @app.get(f"{API_PREFIX}/followups", responses=openapi.errors(*reads))
    def get_followups(
        _who: Annotated[Principal, Depends(district)],
        since: Since = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> AnswerPage:
        """Answers to follow-up requests in order of arrival after ``since`` (district token)."""
        with engine.connect() as conn:
            page = db.answers_since(conn, since, limit)
        return AnswerPage(answers=page, next_since=page[-1].seq if page else since)

    @app.get(f"{API_PREFIX}/kiosks", responses=openapi.errors(*anyone))
    def get_kiosks(_who: Annotated[Principal, Depends(district)]) -> list[KioskInfo]:
        """Every kiosk: cards received, last heartbeat, version, pending (district token)."""
        with engine.connect() as conn:
            return db.kiosk_list(conn)

    pages.install(app, engine, web or WebSettings(), clock)
    return app
