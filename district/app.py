"""The receiver's HTTP API (protocol v1). Every failure answers a Problem with a stable code,
and a refused request stores nothing.

No ``from __future__ import annotations`` here: FastAPI reads the endpoints' annotations at
run time, and the dependencies they name are local to create_app().
"""

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from district import db
from district.tokens import Principal, Tokens
from sync import __version__
from sync.protocol import (
    API_PREFIX,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AnswerPage,
    BatchResult,
    CardBatch,
    CardPage,
    FollowupBatch,
    Heartbeat,
    ItemResult,
    KioskInfo,
    Outcome,
    Problem,
    ProblemCode,
    problem,
)

DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
"""Comfortably above a full batch (1000 cards of the longest comments) and far below harm."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class ProblemError(Exception):
    def __init__(self, code: ProblemCode, detail: str | None = None) -> None:
        super().__init__(code.value)
        self.problem = problem(code, detail)


def _problem_response(p: Problem) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if p.status == 401 else None
    return JSONResponse(p.model_dump(mode="json"), status_code=p.status, headers=headers)


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
        too_large = _problem_response(problem(ProblemCode.BODY_TOO_LARGE))
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
                message["headers"] = [*message.get("headers", ()), _MARKER]
            await send(message)

        await self.app(scope, receive, marked)


_MARKER = (PROTOCOL_HEADER.lower().encode(), PROTOCOL_VERSION.encode())
_bearer = HTTPBearer(auto_error=False, description="A kiosk token or a district token.")


def create_app(
    engine: Engine, tokens: Tokens, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
) -> FastAPI:
    app = FastAPI(
        title="School feedback kiosk: district receiver",
        version=__version__,
        description="Protocol v1. Errors are Problem objects with stable codes.",
    )
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(ProtocolMarker)  # added last, so outermost: it marks BodyLimit's 413 too
    errors: dict[int | str, dict[str, Any]] = {
        status: {"model": Problem} for status in (400, 401, 403, 404, 413)
    }

    @app.exception_handler(ProblemError)
    async def _on_problem(_request: Request, exc: ProblemError) -> JSONResponse:
        return _problem_response(exc.problem)

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        if first.get("type") == "json_invalid":
            return _problem_response(problem(ProblemCode.MALFORMED_JSON, str(first.get("msg"))))
        where = ".".join(str(p) for p in first.get("loc", ()))
        detail = f"{where}: {first.get('msg')}"
        return _problem_response(problem(ProblemCode.SCHEMA_MISMATCH, detail))

    def principal(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise ProblemError(ProblemCode.TOKEN_MISSING)
        who = tokens.who(credentials.credentials)
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
        if claimed not in tokens.kiosk_ids:
            raise ProblemError(ProblemCode.UNKNOWN_KIOSK, claimed)
        raise ProblemError(ProblemCode.OTHER_KIOSK, f"{claimed} is not {token_kiosk}")

    @app.post(f"{API_PREFIX}/cards", responses=errors)
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
        rows = [db.card_row(c) for c in batch.cards if str(c.id) not in foreign]
        with engine.begin() as conn:
            stored = db.store_items(conn, db.cards, "id", rows)
        results = {**stored, **foreign}
        return BatchResult(results=[results[str(c.id)] for c in batch.cards])

    @app.post(f"{API_PREFIX}/followups", responses=errors)
    def post_followups(
        batch: FollowupBatch, kiosk_id: Annotated[str, Depends(kiosk)]
    ) -> BatchResult:
        """Store office managers' answers to follow-up requests, deduplicated like cards."""
        same_kiosk(batch.kiosk_id, kiosk_id)
        rows = [db.followup_row(kiosk_id, a) for a in batch.answers]
        with engine.begin() as conn:
            stored = db.store_items(conn, db.followups, "answer_key", rows)
        return BatchResult(results=[stored[a.key] for a in batch.answers])

    @app.post(f"{API_PREFIX}/kiosks/{{kiosk_id}}/heartbeat", status_code=204, responses=errors)
    def post_heartbeat(
        kiosk_id: str, beat: Heartbeat, token_kiosk: Annotated[str, Depends(kiosk)]
    ) -> Response:
        """Record a kiosk's health, sent once per sync cycle."""
        same_kiosk(kiosk_id, token_kiosk)
        with engine.begin() as conn:
            db.save_heartbeat(conn, kiosk_id, beat)
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/cards", responses=errors)
    def get_cards(
        _who: Annotated[Principal, Depends(district)],
        since: Annotated[int, Query(ge=0, description="Cursor: the last seq already read.")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> CardPage:
        """Cards in order of arrival after the cursor ``since`` (district token)."""
        with engine.connect() as conn:
            page = db.cards_since(conn, since, limit)
        return CardPage(cards=page, next_since=page[-1].seq if page else since)

    @app.get(f"{API_PREFIX}/followups", responses=errors)
    def get_followups(
        _who: Annotated[Principal, Depends(district)],
        since: Annotated[int, Query(ge=0, description="Cursor: the last seq already read.")] = 0,
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    ) -> AnswerPage:
        """Answers to follow-up requests in order of arrival after ``since`` (district token)."""
        with engine.connect() as conn:
            page = db.answers_since(conn, since, limit)
        return AnswerPage(answers=page, next_since=page[-1].seq if page else since)

    @app.get(f"{API_PREFIX}/kiosks", responses=errors)
    def get_kiosks(_who: Annotated[Principal, Depends(district)]) -> list[KioskInfo]:
        """Every kiosk: cards received, last heartbeat, version, pending (district token)."""
        with engine.connect() as conn:
            return db.kiosk_list(conn, tokens.kiosk_ids)

    return app
