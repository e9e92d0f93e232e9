"""The served OpenAPI document tells the truth: standard formats, the 400 Problems the receiver
sends (not FastAPI's default 422), and 503 with Retry-After."""

from __future__ import annotations

import json
from typing import Any

import requests
from receiver_harness import Receiver


def document(receiver: Receiver) -> dict[str, Any]:
    with requests.get(receiver.url + "/openapi.json", timeout=10) as r:
        assert r.status_code == 200
        spec: dict[str, Any] = r.json()
        return spec


def test_formats_are_standard(receiver: Receiver) -> None:
    text = json.dumps(document(receiver))
    assert '"format": "uuid4"' not in text
    schemas = document(receiver)["components"]["schemas"]
    assert schemas["WireCard"]["properties"]["id"]["format"] == "uuid"
    assert schemas["FollowupAnswer"]["properties"]["card_id"]["format"] == "uuid"
    assert schemas["WireCard"]["properties"]["created_at"]["format"] == "date-time"


def test_each_operation_documents_the_problems_it_sends(receiver: Receiver) -> None:
    spec = document(receiver)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, (method, path)
            for status in ("401", "403", "503"):
                assert responses[status]["content"]["application/json"]["schema"] == problem
            assert "Retry-After" in responses["503"]["headers"]
            reads_input = method == "post" or operation.get("parameters")
            assert ("400" in responses) == bool(reads_input), (method, path)
    assert "400.1" in spec["paths"]["/v1/cards"]["post"]["responses"]["400"]["description"]


def test_limits_are_in_the_document(receiver: Receiver) -> None:
    spec = document(receiver)
    beat = spec["components"]["schemas"]["Heartbeat"]["properties"]
    assert beat["pending"]["maximum"] == 2**31 - 1
    since = next(p for p in spec["paths"]["/v1/cards"]["get"]["parameters"] if p["name"] == "since")
    assert since["schema"]["maximum"] == 2**53 - 1
