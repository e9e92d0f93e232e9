"""The store follows the Card declaration: its table, its rows, the visitor's edits."""

from __future__ import annotations

from dataclasses import fields, replace

from card_strategies import stored_cards
from hypothesis import HealthCheck, given, settings

from kiosk.core.card import EDITABLE, Card, Delivery
from kiosk.store.card_columns import COLUMNS, KINDS, SELECT, from_row, named, to_row
from kiosk.store.cards import CardStore

# One store per test, emptied before each example: hypothesis runs many in one test call.
per_store = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def table_columns(store: CardStore) -> list[tuple[str, bool]]:
    """(name, may be NULL) of each column of ``cards`` as the migrations left it."""
    info = store.db.conn.execute("PRAGMA table_info(cards)").fetchall()
    return [(name, not notnull and not pk) for _, name, _, notnull, _, pk in info]


def test_every_column_of_the_cards_table_is_a_declared_field(store: CardStore) -> None:
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert sorted(name for name, _ in table_columns(store)) == sorted(COLUMNS)


def test_a_column_may_be_null_exactly_when_its_field_may_be_none(store: CardStore) -> None:
    declared = {c for kind in KINDS.values() if kind.optional for c in kind.columns}
    assert {name for name, nullable in table_columns(store) if nullable} == declared


@per_store
@given(card=stored_cards)
def test_any_card_round_trips_through_the_store(store: CardStore, card: Card) -> None:
    store.db.conn.execute("DELETE FROM cards")
    store.create(card)
    again = store.get(card.id)
    assert again == card
    assert again.created_at.utcoffset() == card.created_at.utcoffset()  # shown in its own time
    (row,) = named(store.db.conn.execute(f"SELECT {SELECT} FROM cards"))
    assert to_row(from_row(row)) == tuple(row)


def test_the_editable_fields_are_what_a_visitor_gives() -> None:
    # What the kiosk, the manager or the outbox set (identity, times, delivery) is never a
    # visitor's to change: widening this set is a decision, not a side effect of a new field.
    assert {
        "rating",
        "language",
        "role",
        "went_well",
        "could_improve",
        "comment",
        "followup_requested",
        "contact_name",
        "contact_phone",
        "contact_email",
    } == EDITABLE


@per_store
@given(draft=stored_cards, given_later=stored_cards)
def test_a_visitor_step_changes_the_editable_fields_and_no_other(
    store: CardStore, draft: Card, given_later: Card
) -> None:
    store.db.conn.execute("DELETE FROM cards")
    draft.delivery = Delivery.DRAFT
    store.create(draft)
    changes = {name: getattr(given_later, name) for name in EDITABLE}
    assert store.update(draft.id, **changes)
    assert store.get(draft.id) == replace(draft, **changes)
    for f in fields(Card):
        if f.name not in EDITABLE:
            try:
                store.update(draft.id, **{f.name: getattr(given_later, f.name)})
            except ValueError as exc:
                assert f.name in str(exc)
            else:
                raise AssertionError(f"a visitor's step changed {f.name}")
    assert store.get(draft.id) == replace(draft, **changes)
