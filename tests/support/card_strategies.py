"""Hypothesis strategies for whole cards: every field of the declaration, drawn on its own."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from kiosk.core.card import RESOLUTIONS, Card, Delivery

# Whole minutes, as UTC offsets are (the store keeps the offset in minutes).
_zones = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(datetime(2020, 1, 1), datetime(2040, 1, 1), timezones=_zones)
_text = st.text(max_size=300)
_chip = st.from_regex(r"[a-z0-9_]{1,40}", fullmatch=True)


def _maybe(s: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | s


# Text the wire carries: any character but NUL (PostgreSQL's text cannot hold one).
_wire_char = st.characters(codec="utf-8", exclude_characters="\x00")


def _fields(sendable: bool) -> dict[str, st.SearchStrategy[Any]]:
    # ``sendable``: the fields that go to the district within what the wire model takes.
    visitor_text = st.text(_wire_char, max_size=120).filter(bool)
    chips = st.lists(_chip, max_size=12) if sendable else st.lists(_text, max_size=5)
    return {
        "id": st.uuids(version=4).map(str) if sendable else st.text(min_size=1),
        "created_at": moments,
        "rating": st.integers(1, 5),
        "language": st.sampled_from(["en", "es"]) if sendable else _text,
        "role": _maybe(_chip if sendable else _text),
        "went_well": chips,
        "could_improve": chips,
        "comment": _maybe(st.text(_wire_char, max_size=2000) if sendable else _text),
        "followup_requested": st.booleans(),
        "contact_name": _maybe(visitor_text if sendable else _text),
        "contact_phone": _maybe(st.from_regex(r"[0-9 +()-]{7,30}", fullmatch=True)),
        "contact_email": _maybe(visitor_text if sendable else _text),
        "resolution": _maybe(st.sampled_from(RESOLUTIONS)),
        "followup_answered_at": _maybe(moments),
        "followup_answered_by": _maybe(_text),
        "followup_note": _maybe(_text),
        "followup_delivery": st.sampled_from([None, Delivery.PENDING, Delivery.DELIVERED]),
        "kiosk_id": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", fullmatch=True)
        if sendable
        else st.text(min_size=1),
        "app_version": st.text(_wire_char, min_size=1, max_size=40) if sendable else _text,
        "finalised_at": _maybe(moments),
        "delivery": st.sampled_from(Delivery),
        "delivery_error": _maybe(_text),
        "delivered_at": _maybe(moments),
    }


def _cards(sendable: bool) -> st.SearchStrategy[Card]:
    drawn = _fields(sendable)
    declared = {f.name for f in fields(Card)}
    # A field declared without a strategy here would go untested: fail loudly instead.
    assert set(drawn) == declared, f"strategies differ from Card: {set(drawn) ^ declared}"
    cards = st.builds(lambda values: Card(**values), st.fixed_dictionaries(drawn))
    # A sendable card is final no earlier than created (to_wire moves one that is not).
    return cards.map(_final_after_created) if sendable else cards


def _final_after_created(card: Card) -> Card:
    if card.finalised_at is not None and card.finalised_at < card.created_at:
        card.finalised_at = card.created_at + (card.created_at - card.finalised_at)
    return card


stored_cards = _cards(sendable=False)
"""Any card the store's table takes (its CHECKs: a rating 1-5, known delivery states)."""

sendable_cards = _cards(sendable=True)
"""Cards whose sent fields are within the wire model's limits."""
