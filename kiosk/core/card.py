"""The visitor's card: what one visit said. Plain Python, no Qt.

A card is created at the first tap with its UUID and rating, then optional steps add to it until
it is final. Text from visitors is cleaned here, once, before it reaches the store.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields
from datetime import UTC, datetime
from enum import Flag, StrEnum, auto
from typing import Any

Clock = Callable[[], datetime]
"""Returns the current local time as an aware datetime; injected so tests control time."""


def system_clock() -> datetime:
    return datetime.now().astimezone()


RATINGS = (1, 2, 3, 4, 5)
RESOLUTIONS = ("yes", "partly", "not_yet")
"""The answers to "Did you get what you came for today?", as sync.protocol.Resolution has them."""
NAME_MAX = 80
PHONE_MAX = 30
EMAIL_MAX = 120


class Delivery(StrEnum):
    """Where a card stands on its way to the district."""

    DRAFT = "draft"  # the visitor may still add to it
    PENDING = "pending"  # final, waiting in the outbox
    DELIVERED = "delivered"  # the receiver acknowledged it (accepted or duplicate)
    REJECTED = "rejected"  # the receiver refused it; kept, with the reason, for the manager


class Use(Flag):
    """What the kiosk does with a card's field besides storing it (every field is stored)."""

    EDIT = auto()  # a visitor's step may change it while the card is a draft
    SEND = auto()  # it goes to the district: sync.protocol.WireCard has a field of this name
    EXPORT = auto()  # it is a column of the manager's CSV export, in declaration order
    LOCAL = auto()  # a moment kept in the kiosk's own time: stored with its UTC offset and day


def use(flags: Use) -> dict[str, Use]:
    """A field's metadata: ``field(metadata=use(Use.EDIT | Use.SEND))``."""
    return {"use": flags}


def uses(f: Field[Any]) -> Use:
    """What a Card field is used for; a field declared without ``use`` is only stored."""
    flags: Use = f.metadata.get("use", Use(0))
    return flags


_VISITOR = Use.EDIT | Use.SEND | Use.EXPORT  # what a visitor gives: changeable until Done


@dataclass(kw_only=True)
class Card:
    """One card as the store keeps it, and the one declaration of a card's fields.

    The rest follows these fields and their ``use``: the store's columns and rows
    (``kiosk.store.card_columns``), the fields a visitor's step may edit, the CSV export (in this
    order), the seed, and what goes to the district. A new field: declare it here, add a
    migration for its column, and a WireCard field if it is sent.
    """

    # Made at the first tap, then what the visitor gave.
    id: str = field(metadata=use(Use.SEND | Use.EXPORT))
    created_at: datetime = field(metadata=use(Use.SEND | Use.EXPORT | Use.LOCAL))
    rating: int = field(metadata=use(_VISITOR))
    language: str = field(metadata=use(_VISITOR))
    role: str | None = field(default=None, metadata=use(_VISITOR))
    went_well: list[str] = field(default_factory=list, metadata=use(_VISITOR))
    could_improve: list[str] = field(default_factory=list, metadata=use(_VISITOR))
    comment: str | None = field(default=None, metadata=use(_VISITOR))
    followup_requested: bool = field(default=False, metadata=use(_VISITOR))
    contact_name: str | None = field(default=None, metadata=use(_VISITOR))
    contact_phone: str | None = field(default=None, metadata=use(_VISITOR))
    contact_email: str | None = field(default=None, metadata=use(_VISITOR))
    # The office manager's answer to a follow-up request; it travels on its own, not with the
    # card, so a delivered card is never rewritten.
    followup_answered_at: datetime | None = field(default=None, metadata=use(Use.EXPORT))
    followup_answered_by: str | None = field(default=None, metadata=use(Use.EXPORT))
    followup_note: str | None = field(default=None, metadata=use(Use.EXPORT))
    followup_delivery: Delivery | None = None  # PENDING or DELIVERED once answered
    # Where the card was made, and how far it got on its way to the district.
    kiosk_id: str = field(metadata=use(Use.SEND | Use.EXPORT))
    app_version: str = field(metadata=use(Use.SEND))
    finalised_at: datetime | None = field(default=None, metadata=use(Use.SEND))
    delivery: Delivery = field(default=Delivery.DRAFT, metadata=use(Use.EXPORT))
    delivery_error: str | None = None
    delivered_at: datetime | None = None
    # Added after the first release, so last: the CSV's columns before it keep their places.
    # "Did you get what you came for today?": one of RESOLUTIONS, None when not answered.
    resolution: str | None = field(default=None, metadata=use(_VISITOR))

    @classmethod
    def new(cls, rating: int, language: str, kiosk_id: str, app_version: str, clock: Clock) -> Card:
        if rating not in RATINGS:
            raise ValueError(f"rating must be 1 to 5, got {rating!r}")
        return cls(
            id=str(uuid.uuid4()),
            rating=rating,
            language=language,
            kiosk_id=kiosk_id,
            app_version=app_version,
            created_at=clock(),
        )


EDITABLE_FIELDS = tuple(f.name for f in fields(Card) if Use.EDIT in uses(f))
"""What a visitor's steps change on a card after it is created (while it is a draft)."""
SENT_FIELDS = tuple(f.name for f in fields(Card) if Use.SEND in uses(f))
"""The fields that go to the district, as sync.protocol.WireCard's fields of the same names."""


# Cc (controls) and Cf (format) characters, except the ones real text needs: newline, tab,
# zero-width joiner (emoji sequences) and the bidi marks used in right-to-left text.
_KEEP = {"\n", "\t", "\u200d", "\u200e", "\u200f"}


def clean_text(value: str | None, limit: int) -> str | None:
    """Visitor text made safe to store and show: controls removed, NFC, trimmed to ``limit``.

    Returns None for text that is empty once cleaned.
    """
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value)
    value = "".join(
        ch for ch in value if ch in _KEEP or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    value = re.sub(r"[ \t]+", " ", value).strip()
    value = re.sub(r"\n{3,}", "\n\n", value)
    if len(value) > limit:
        value = value[:limit].rstrip()
    return value or None


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
_PHONE_CHARS = re.compile(r"^[+()\-.\s0-9]{7,30}$")


class ContactError(ValueError):
    """A follow-up request that cannot be accepted; ``field`` names the input to fix."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None
    email: str | None


def validate_contact(name: str, phone: str, email: str, consent: bool) -> Contact:
    """Check a follow-up request. Raises ContactError naming the first field to fix.

    ``reason`` is one of: "missing", "invalid", "consent" so the UI can word it in either language.
    """
    clean_name = clean_text(name, NAME_MAX)
    clean_phone = clean_text(phone, PHONE_MAX)
    clean_email = clean_text(email, EMAIL_MAX)
    if not clean_name:
        raise ContactError("name", "missing")
    if not clean_phone and not clean_email:
        raise ContactError("phone", "missing")
    if clean_phone and (
        not _PHONE_CHARS.match(clean_phone) or sum(c.isdigit() for c in clean_phone) < 7
    ):
        raise ContactError("phone", "invalid")
    if clean_email and not _EMAIL.match(clean_email):
        raise ContactError("email", "invalid")
    if not consent:
        raise ContactError("consent", "consent")
    return Contact(clean_name, clean_phone, clean_email)


def utc_iso(moment: datetime) -> str:
    """Stored form of a moment: UTC, ISO 8601, microseconds, 'Z'."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(stored: str) -> datetime:
    """The moment ``utc_iso`` stored, in UTC. ``fromisoformat`` reads that form at a fiftieth of
    ``strptime``'s cost, which counts when a report reads thousands of cards."""
    return datetime.fromisoformat(stored)


def offset_minutes(moment: datetime) -> int:
    delta = moment.utcoffset()
    return int(delta.total_seconds() // 60) if delta is not None else 0
