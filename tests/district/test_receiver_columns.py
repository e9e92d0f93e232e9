"""Each accepted card's fields land in their columns and its chips in card_choices, in the
insert's transaction, under its kiosk's school; each answer fills the follow-up's columns; a
resend (duplicate) or a conflicting body changes none of them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from receiver_calls import batch, heartbeat, outcomes, post, wire_card
from receiver_harness import KIOSK_ID, Receiver
from sqlalchemy import select

from district import accounts, db, kiosks
from sync.protocol import WireCard


def card_row(receiver: Receiver, card_id: str) -> Any:
    with receiver.engine.connect() as conn:
        return conn.execute(select(db.cards).where(db.cards.c.id == card_id)).one()


def choices(receiver: Receiver) -> list[tuple[str, str]]:
    query = select(db.card_choices.c.kind, db.card_choices.c.choice).order_by(
        db.card_choices.c.kind, db.card_choices.c.choice
    )
    with receiver.engine.connect() as conn:
        return [(k, c) for k, c in conn.execute(query)]


def test_a_cards_fields_become_columns_in_local_time(receiver: Receiver) -> None:
    card = wire_card(
        rating=2, language="en", role="parent", went_well=["friendly", "friendly"],
        could_improve=["long_wait"], followup_requested=True, contact_name="Ana",
        contact_phone="555-421-4000", contact_email="ana@example.org",
        created_at="2026-11-29T23:45:10.5-06:00", finalised_at="2026-11-30T00:01:00-06:00",
        resolution="partly",
    )  # fmt: skip
    assert outcomes(post(receiver, "/v1/cards", batch(card))) == [("accepted", None)]
    row = card_row(receiver, card["id"])
    assert row._asdict() | {"seq": 0, "body": "", "body_sha256": "", "received_at": None} == {
        "seq": 0, "id": card["id"], "kiosk_id": KIOSK_ID, "body_sha256": "", "body": "",
        "received_at": None, "school_id": None, "rating": 2, "language": "en", "role": "parent",
        "comment": "¡Muy amables!", "followup_requested": True, "contact_name": "Ana",
        "contact_phone": "555-421-4000", "contact_email": "ana@example.org",
        "created_at_utc": row.created_at_utc, "created_offset_minutes": -360,
        "local_date": date(2026, 11, 29), "local_hour": 23, "local_weekday": 6,
        "finalised_at_utc": row.finalised_at_utc, "app_version": "0.1.0", "resolution": "partly",
    }  # fmt: skip
    assert db._aware(row.created_at_utc) == datetime(2026, 11, 30, 5, 45, 10, 500000, UTC)
    assert db._aware(row.finalised_at_utc) == datetime(2026, 11, 30, 6, 1, tzinfo=UTC)
    assert choices(receiver) == [("could_improve", "long_wait"), ("went_well", "friendly")]


def test_a_resend_or_a_conflict_adds_no_chips(receiver: Receiver) -> None:
    card = wire_card(went_well=["quick"])
    post(receiver, "/v1/cards", batch(card))
    assert outcomes(post(receiver, "/v1/cards", batch(card))) == [("duplicate", None)]
    other = {**card, "went_well": ["parking"]}
    assert outcomes(post(receiver, "/v1/cards", batch(other))) == [("rejected", "409.1")]
    assert choices(receiver) == [("went_well", "quick")]
    assert card_row(receiver, card["id"]).body == WireCard(**card).wire_json()


def test_a_card_is_filed_under_its_kiosks_school_on_arrival(receiver: Receiver) -> None:
    early = wire_card()
    post(receiver, "/v1/cards", batch(early))
    with receiver.engine.begin() as conn:
        lincoln = accounts.add_school(conn, "lincoln-elem", "Lincoln Elementary")
        roosevelt = accounts.add_school(conn, "roosevelt", "Roosevelt High")
        kiosks.assign(conn, KIOSK_ID, "lincoln-elem")  # the early card had no school: it goes
    assert card_row(receiver, early["id"]).school_id == lincoln.id
    at_lincoln = wire_card()
    post(receiver, "/v1/cards", batch(at_lincoln))
    with receiver.engine.begin() as conn:
        kiosks.assign(conn, KIOSK_ID, "roosevelt")  # moved: cards keep their school
    later = wire_card()
    post(receiver, "/v1/cards", batch(later))
    assert card_row(receiver, at_lincoln["id"]).school_id == lincoln.id
    assert card_row(receiver, later["id"]).school_id == roosevelt.id


def test_an_answer_fills_the_followups_columns(receiver: Receiver) -> None:
    card = wire_card(followup_requested=True, contact_name="Ana")
    post(receiver, "/v1/cards", batch(card))
    answer = {"card_id": card["id"], "answered_at": "2026-11-24T11:00:00-06:00",
              "answered_by": "Office", "note": "Called back"}  # fmt: skip
    sent = post(receiver, "/v1/followups", {"kiosk_id": KIOSK_ID, "answers": [answer]})
    assert outcomes(sent) == [("accepted", None)]
    with receiver.engine.connect() as conn:
        row = conn.execute(select(db.followups)).one()
    assert db._aware(row.answered_at_utc) == datetime(2026, 11, 24, 17, tzinfo=UTC)
    assert (row.answered_by, row.note) == ("Office", "Called back")


def test_a_heartbeat_keeps_the_kiosks_registration(receiver: Receiver) -> None:
    with receiver.engine.begin() as conn:
        accounts.add_school(conn, "lincoln-elem", "Lincoln Elementary")
        kiosks.assign(conn, KIOSK_ID, "lincoln-elem")
    assert post(receiver, f"/v1/kiosks/{KIOSK_ID}/heartbeat", heartbeat()).status_code == 204
    row = receiver.heartbeat()
    assert row is not None and row.school_id is not None and row.registered_at is not None
    assert (row.pending, row.app_version) == (3, "0.1.0")
