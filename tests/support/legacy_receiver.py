"""A database as the receiver before migrations made and filled it: its DDL frozen here (what
its ``metadata.create_all`` made, the people's tables included) and rows stored the way it
stored them (the body as received, its SHA-256, the moment of receipt; no columns of the card's
fields). The migration tests upgrade such a database."""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from sync.protocol import FollowupAnswer, WireCard

legacy = MetaData()
_Seq = BigInteger().with_variant(Integer(), "sqlite")

cards = Table(
    "cards",
    legacy,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("body_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)
followups = Table(
    "followups",
    legacy,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("answer_key", String(100), nullable=False, unique=True),
    Column("card_id", String(36), nullable=False, index=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("body_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)
kiosks = Table(
    "kiosks",
    legacy,
    Column("kiosk_id", String(64), primary_key=True),
    Column("last_heartbeat_at", DateTime(timezone=True), nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("pending", Integer, nullable=False),
    Column("oldest_pending_age_seconds", Float),
    Column("last_error", String(500)),
    Column("disk_free_bytes", BigInteger),
    Column("last_heartbeat_sent_at", DateTime(timezone=True)),
)
schools = Table(
    "schools",
    legacy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
)
users = Table(
    "users",
    legacy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(120), nullable=False),
    Column("username_key", String(120), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("school_id", Integer, ForeignKey("schools.id"), index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
web_sessions = Table(
    "web_sessions",
    legacy,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)
sign_in_failures = Table(
    "sign_in_failures", legacy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username_key", String(120), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)  # fmt: skip

CHIPS = ["friendly", "quick", "clear_answers", "long_wait", "hard_to_find", "parking"]
ROLES = [None, "parent", "student", "visitor", "staff"]
OFFSETS = [timezone(timedelta(hours=h)) for h in (-8, -6, -5, 0, 5.5)]


@dataclass
class Filled:
    cards: list[WireCard]
    answers: list[FollowupAnswer]


def _sha(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def make_cards(count: int, kiosk_ids: list[str], seed: int = 12) -> list[WireCard]:
    """``count`` cards of every shape: chips (a chip twice, too), comments, follow-ups with
    contacts, resolutions, kiosks in several UTC offsets, over two years."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    made = []
    for i in range(count):
        created = (start + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))).astimezone(
            rng.choice(OFFSETS)
        )
        followup = rng.random() < 0.2
        went = rng.sample(CHIPS[:3], rng.randrange(3))
        fields: dict[str, Any] = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "kiosk_id": kiosk_ids[i % len(kiosk_ids)],
            "app_version": rng.choice(["0.1.0", "0.2.0"]),
            "rating": rng.randrange(1, 6),
            "language": rng.choice(["en", "es"]),
            "role": rng.choice(ROLES),
            "went_well": went + went[:1] if i % 97 == 0 else went,
            "could_improve": rng.sample(CHIPS[3:], rng.randrange(3)),
            "comment": rng.choice([None, "Muy amables", "<b>not html</b>", "Long wait 😕"]),
            "followup_requested": followup,
            "contact_name": "Ana López" if followup else None,
            "contact_phone": "555-421-4000" if followup else None,
            "contact_email": "ana@example.org" if followup and i % 2 else None,
            "created_at": created,
            "finalised_at": created + timedelta(seconds=40) if i % 3 else None,
            "resolution": rng.choice([None, "yes", "partly", "not_yet"]),
        }
        made.append(WireCard(**fields))
    return made


def fill(
    engine: Engine, cards_: list[WireCard], heartbeats: list[str], first_release: bool = False
) -> Filled:
    """Store the cards, an answer to half of the follow-ups (two to some), and a heartbeat of
    each of ``heartbeats``, as the receiver before migrations did (``first_release``: one
    that kept no heartbeat's sent_at)."""
    received = datetime(2026, 11, 30, 12, tzinfo=UTC)
    answers = []
    for n, card in enumerate(c for c in cards_ if c.followup_requested):
        if n % 2:
            continue
        for k in range(1 + (n % 3 == 0)):
            answers.append(
                FollowupAnswer(
                    card_id=card.id,
                    answered_at=card.created_at + timedelta(hours=3 + 30 * k),
                    answered_by="Office manager" if k == 0 else None,
                    note="Called back" if k == 0 else None,
                )
            )
    by_id = {c.id: c for c in cards_}
    with engine.begin() as conn:
        rows = []
        for card in cards_:
            body = card.wire_json()
            rows.append(
                {"id": str(card.id), "kiosk_id": card.kiosk_id, "body": body,
                 "body_sha256": _sha(body), "received_at": received}
            )  # fmt: skip
        for start in range(0, len(rows), 500):
            conn.execute(cards.insert(), rows[start : start + 500])
        conn.execute(
            followups.insert(),
            [
                {"answer_key": a.key, "card_id": str(a.card_id),
                 "kiosk_id": by_id[a.card_id].kiosk_id, "body": a.model_dump_json(),
                 "body_sha256": _sha(a.model_dump_json()), "received_at": received}
                for a in answers
            ],
        )  # fmt: skip
        for kiosk_id in heartbeats:
            beat = {
                "kiosk_id": kiosk_id, "last_heartbeat_at": received, "app_version": "0.2.0",
                "pending": 3, "oldest_pending_age_seconds": 120.5, "last_error": None,
                "disk_free_bytes": 10**10,
            }  # fmt: skip
            if not first_release:
                beat["last_heartbeat_sent_at"] = received
            conn.execute(kiosks.insert().values(beat))
    return Filled(cards_, answers)
