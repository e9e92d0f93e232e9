"""Every failure the receiver answers is a Problem with a stable code (sync.protocol.ProblemCode).

FastAPI's own answers (``{"detail": ...}`` for a body it cannot parse, a path it does not know,
a method a path does not take) and a database that cannot be reached are turned into Problems
here, so a kiosk or a district tool reads one kind of error body whatever went wrong.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.routing import Match

from sync.protocol import RECEIVER_HEADERS, Problem, ProblemCode, problem

log = logging.getLogger("district")

DATABASE_RETRY_AFTER_SECONDS = 30
"""What a 503 for an unreachable database asks the kiosk to wait: long enough for a restart."""


class ProblemError(Exception):
    def __init__(self, code: ProblemCode, detail: str | None = None) -> None:
        super().__init__(code.value)
        self.problem = problem(code, detail)


def problem_response(p: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    if p.status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(p.model_dump(mode="json"), status_code=p.status, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes on this path (FastAPI names only the first route's)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods)


def no_such_path(request: Request) -> Response:
    """The answer to a path no route takes (the web pages give a browser their own page)."""
    return problem_response(problem(ProblemCode.NO_SUCH_PATH, request.url.path))


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into a Problem."""

    @app.exception_handler(ProblemError)
    async def _on_problem(_request: Request, exc: ProblemError) -> Response:
        return problem_response(exc.problem)

    @app.exception_handler(RequestValidationError)
    async def _on_invalid(_request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0]
        if first.get("type") == "json_invalid":
            return problem_response(problem(ProblemCode.MALFORMED_JSON, str(first.get("msg"))))
        where = ".".join(str(p) for p in first.get("loc", ()))
        detail = f"{where}: {first.get('msg')}"
        return problem_response(problem(ProblemCode.SCHEMA_MISMATCH, detail))

    @app.exception_handler(HTTPException)
    async def _on_http(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 405:
            allow = ", ".join(allowed_methods(request))
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={"Allow": allow})
            p = problem(ProblemCode.METHOD_NOT_ALLOWED, f"{request.method}; allowed: {allow}")
            return problem_response(p, {"Allow": allow})
        if exc.status_code == 404:
            return no_such_path(request)
        if exc.status_code == 400:
            # FastAPI could not read the body as JSON text: not UTF-8, or nested past Python's
            # recursion limit (a protocol v1 body is four levels deep).
            if isinstance(exc.__cause__, RecursionError):
                return problem_response(problem(ProblemCode.TOO_DEEP))
            detail = "not UTF-8" if isinstance(exc.__cause__, UnicodeError) else None
            return problem_response(problem(ProblemCode.MALFORMED_JSON, detail))
        log.error("unexpected HTTP %d from the framework: %s", exc.status_code, exc.detail)
        return problem_response(problem(ProblemCode.INTERNAL))

    async def _on_database_down(_request: Request, exc: Exception) -> Response:
        # The environment's, not the client's: the kiosk keeps its cards and comes back.
        log.error("database unavailable: %s", exc)
        return problem_response(
            problem(ProblemCode.DATABASE_UNAVAILABLE),
            {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )

    for kind in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(kind, _on_database_down)

    @app.exception_handler(Exception)
    async def _on_bug(_request: Request, _exc: Exception) -> Response:
        # Starlette logs the traceback after this answer is sent. This handler runs outside
        # every middleware, so it marks its answer as the receiver's itself.
        return problem_response(problem(ProblemCode.INTERNAL), RECEIVER_HEADERS)
