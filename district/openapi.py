"""The OpenAPI document as the receiver behaves: the Problems each operation really answers, with
their codes, and none of FastAPI's default 422 (this receiver answers 400 Problems instead)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from sync.protocol import PROBLEM_TITLES, Problem, ProblemCode

_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}},
    503: {
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "string", "pattern": "^[0-9]+$"},
        }
    },
}


def errors(*codes: ProblemCode) -> dict[int | str, dict[str, Any]]:
    """The error answers of an operation that answers these problem codes, by status."""
    by_status: dict[int, list[ProblemCode]] = {}
    for code in codes:
        by_status.setdefault(int(code.value.split(".")[0]), []).append(code)
    answers: dict[int | str, dict[str, Any]] = {}
    for status, listed in sorted(by_status.items()):
        answer: dict[str, Any] = {
            "model": Problem,
            "description": "; ".join(f"{c.value}: {PROBLEM_TITLES[c]}" for c in listed),
        }
        if status in _HEADERS:
            answer["headers"] = _HEADERS[status]
        answers[status] = answer
    return answers


def install(app: FastAPI) -> None:
    """Serve the document without the 422 answers FastAPI adds to every operation."""
    plain = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = plain()
            for operations in spec["paths"].values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
            schemas = spec.get("components", {}).get("schemas", {})
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
