"""Protocol v1 models: what the kiosk produces the receiver accepts, byte for byte stable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kiosk.core.card import Card, Delivery
from kiosk.outbox.uploader import to_wire
from sync.protocol import MAX_BATCH, CardBatch, ProblemCode, WireCard, problem

chip = st.from_regex(r"[a-z0-9_]{1,40}", fullmatch=True)
SURROGATES: tuple[Literal["Cs"]] = ("Cs",)  # not text: UTF-8 cannot hold them
# No NUL either: protocol v1 refuses it (PostgreSQL's text cannot hold one).
text = st.text(
    st.characters(codec="utf-8", exclude_categories=SURROGATES, exclude_characters="\x00"),
    max_size=200,
)
moment = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.astimezone(timezone(timedelta(hours=-6))))


@st.composite
def cards(draw: st.DrawFn) -> Card:
    card = Card.new(draw(st.integers(1, 5)), draw(st.sampled_from(["en", "es"])), "k-1", "0.1.0",
                    lambda: draw(moment))  # fmt: skip
    card.went_well = draw(st.lists(chip, max_size=12))
    card.could_improve = draw(st.lists(chip, max_size=12))
    card.comment = draw(st.none() | text)
    card.role = draw(st.none() | chip)
    # Final at or after creation: the protocol refuses a card finalised before it was created.
    later = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=2))
    card.finalised_at = draw(st.none() | later.map(lambda d: card.created_at + d))
    card.delivery = Delivery.PENDING
    return card


# No deadline: on a loaded 2-core CI machine one example may take longer than hypothesis's 200 ms.
@settings(deadline=None)
@given(cards())
def test_a_card_survives_the_wire_unchanged(card: Card) -> None:
    wire = to_wire(card)
    again = WireCard.model_validate_json(wire.model_dump_json())
    assert again == wire
    assert again.model_dump_json() == wire.model_dump_json()  # the receiver's hash is stable
    assert str(again.id) == card.id
    assert again.created_at == card.created_at
    assert again.created_at.utcoffset() == card.created_at.utcoffset()


@settings(deadline=None, max_examples=50)
@given(st.lists(cards(), min_size=1, max_size=5))
def test_batches_validate_on_the_receiving_side(batch: list[Card]) -> None:
    body = CardBatch(kiosk_id="k-1", cards=[to_wire(c) for c in batch]).model_dump_json()
    assert len(CardBatch.model_validate_json(body).cards) == len(batch)


def test_batch_limits() -> None:
    card = to_wire(Card.new(3, "en", "k-1", "0.1.0", lambda: datetime.now(UTC)))
    with pytest.raises(ValidationError, match="twice"):
        CardBatch(kiosk_id="k-1", cards=[card, card])
    with pytest.raises(ValidationError):
        CardBatch(kiosk_id="k-1", cards=[card] * (MAX_BATCH + 1))


def test_problem_status_is_the_code_integer_part() -> None:
    for code in ProblemCode:
        p = problem(code)
        assert p.status == int(code.value.split(".")[0]) and p.title
