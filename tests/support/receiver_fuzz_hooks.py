"""Schemathesis hooks for the receiver's fuzz test (loaded by SCHEMATHESIS_HOOKS).

A positive (schema-valid) body is made this kiosk's own, still valid, so it reaches the
database instead of stopping at the kiosk-id checks: the token's kiosk id, card and answer keys
unique in the batch, and every other answer tied to a card the fuzzer has sent (the rest stay
"card not received", as a kiosk would see them). It is also held to the rules protocol v1 adds
to what JSON Schema can state: a card final no earlier than created, and integers written as
integers (JSON Schema counts 4.0 as an integer; the receiver refuses it). Negative bodies are
sent as generated.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import schemathesis
from receiver_harness import KIOSK_ID

_sent_cards: list[str] = []


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.upper())  # Python 3.11 reads no lower-case t or z


def _own_card(card: dict[str, Any]) -> None:
    card["kiosk_id"] = KIOSK_ID
    card["id"] = str(uuid.uuid4())
    created, final = card.get("created_at"), card.get("finalised_at")
    if created and final and _moment(final) < _moment(created):
        card["finalised_at"] = created
    _sent_cards.append(card["id"])


def _integers_as_integers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integers_as_integers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integers_as_integers(v) for v in value]
    return value


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return
    body = case.body = _integers_as_integers(case.body)
    if "kiosk_id" in body:
        body["kiosk_id"] = KIOSK_ID
    for card in body.get("cards", []):
        _own_card(card)
    answers = body.get("answers", [])
    for i, answer in enumerate(answers):
        if i % 2 == 0 and _sent_cards:
            answer["card_id"] = _sent_cards[i % len(_sent_cards)]
    keys = {(a["card_id"], a["answered_at"]) for a in answers}
    if len(keys) != len(answers):  # one answer per key, as protocol v1 asks
        body["answers"] = answers[:1]
