"""A card goes on the wire as its declaration says: the fields marked SEND, and only those."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from card_strategies import sendable_cards
from hypothesis import given, settings

from kiosk.core.card import SENT_FIELDS, Card
from kiosk.outbox.uploader import to_wire
from sync.protocol import WireCard


def test_the_fields_sent_are_the_wire_models_fields() -> None:
    assert set(SENT_FIELDS) == set(WireCard.model_fields) - {"schema_version"}


@settings(deadline=None)
@given(card=sendable_cards)
def test_every_field_sent_arrives_with_its_value(card: Card) -> None:
    wire = to_wire(card)
    assert set(json.loads(wire.model_dump_json())) == {*SENT_FIELDS, "schema_version"}
    for name in SENT_FIELDS:
        value = getattr(wire, name)
        assert (str(value) if name == "id" else value) == getattr(card, name), name
    assert wire.created_at.utcoffset() == card.created_at.utcoffset()


@settings(deadline=None)
@given(card=sendable_cards, other=sendable_cards)
def test_fields_kept_on_the_kiosk_never_change_the_wire(card: Card, other: Card) -> None:
    same_sent = replace(other, **{name: getattr(card, name) for name in SENT_FIELDS})
    assert to_wire(same_sent).model_dump_json() == to_wire(card).model_dump_json()


def test_a_card_final_before_it_was_created_goes_as_final_when_created() -> None:
    # The kiosk's clock was set back between the first tap and Done.
    card = Card.new(4, "es", "k-1", "0.1.0", lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    card.finalised_at = card.created_at - timedelta(seconds=40)
    wire = to_wire(card)
    assert wire.finalised_at == card.created_at
    assert WireCard.model_validate_json(wire.model_dump_json()) == wire
