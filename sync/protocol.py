"""The v1 wire protocol between a kiosk and the district receiver: the one source of truth.

The uploader builds these models and the receiver validates requests with the same ones, so
both ends agree by construction and the receiver's OpenAPI schema is generated from here.
Problem codes are stable: a retired code is never reused (after ODK Central's problem.js).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    UUID4,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)

API_PREFIX = "/v1"
PROTOCOL_HEADER = "Feedback-Protocol"
"""Sent with every answer of a receiver, value ``PROTOCOL_VERSION``. An answer without it is
not the receiver's: a Wi-Fi sign-in page or a proxy in between. A captive portal that answers
every request with 200 and a web page cannot send it by accident."""
PROTOCOL_VERSION = "1"
FIELDS_HEADER = "Feedback-Fields"
"""Sent by a receiver with every answer: the optional card fields added to v1 since its first
release that it stores, comma-separated (``resolution``). A kiosk sends such a field only to a
receiver that names it; one that does not (a first-release receiver) gets the card without it."""
ADDED_CARD_FIELDS = ("resolution",)
"""Optional card fields added to protocol v1 after its first release, in the order added."""
Resolution = Literal["yes", "partly", "not_yet"]
RECEIVER_HEADERS = {PROTOCOL_HEADER: PROTOCOL_VERSION, FIELDS_HEADER: ",".join(ADDED_CARD_FIELDS)}
"""The headers a receiver sends with every answer, errors included."""
MAX_BATCH = 1000
"""Most cards (or follow-up answers) in one request; the kiosk's batch_size is capped below it."""

# Every number on the wire fits the column that keeps it, on SQLite and PostgreSQL alike, and
# is exact in any JSON reader: above 2^53 a double (JavaScript, many validators) rounds it
# (RFC 8259, section 6), so a 64-bit column is bounded there too.
MAX_INT32 = 2**31 - 1
MAX_JSON_INT = 2**53 - 1

# Strict on the wire: JSON's own types only (no "5", 4.0 or true for a number, no number for a
# time), so what the receiver stores is exactly what the kiosk meant. Each rule is also in the
# JSON Schema, so the OpenAPI document says what the receiver accepts.
_UUID4_TEXT = (
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
)
# RFC 3339 with its offset; years 1900 to 2999 (a kiosk with a dead clock battery says 1970 or
# 2000), so every moment converts to UTC and fits both databases.
_MOMENT_TEXT = (
    r"^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3])"
    r":[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
_NO_NUL = r"^[^\x00]*$"  # PostgreSQL's text cannot hold NUL


def _text_matching(pattern: str, what: str) -> Any:
    compiled = re.compile(pattern)

    def check(value: Any) -> Any:
        # Python objects (the kiosk's own UUIDs and datetimes) pass; text must have the form.
        if isinstance(value, str) and not compiled.match(value):
            raise ValueError(f"must be {what}")
        if isinstance(value, bool | int | float):
            raise ValueError(f"must be {what}, as text")
        return value

    return BeforeValidator(check)


def _integer(value: Any) -> Any:
    if type(value) is not int:
        raise ValueError("must be an integer")
    return value


CardId = Annotated[
    UUID4,
    _text_matching(_UUID4_TEXT, "a version 4 UUID (8-4-4-4-12 hexadecimal digits)"),
    WithJsonSchema({"type": "string", "format": "uuid", "pattern": _UUID4_TEXT}),
]
Moment = Annotated[
    AwareDatetime,
    _text_matching(_MOMENT_TEXT, "an RFC 3339 date and time with its UTC offset"),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _MOMENT_TEXT}),
]


KIOSK_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
KioskId = Annotated[StrictStr, Field(pattern=KIOSK_ID_PATTERN)]
ChoiceId = Annotated[StrictStr, Field(pattern=r"^[a-z0-9_]{1,40}$")]
# Free text: at most so many characters, never a NUL.
ShortText = Annotated[StrictStr, Field(min_length=1, max_length=120, pattern=_NO_NUL)]
AppVersion = Annotated[StrictStr, Field(min_length=1, max_length=40, pattern=_NO_NUL)]
Phone = Annotated[StrictStr, Field(max_length=30, pattern=_NO_NUL)]
Name = Annotated[StrictStr, Field(max_length=80, pattern=_NO_NUL)]
ErrorText = Annotated[StrictStr, Field(max_length=500, pattern=_NO_NUL)]
LongText = Annotated[StrictStr, Field(max_length=2000, pattern=_NO_NUL)]


class _Wire(BaseModel):
    # Unknown fields are an error on both ends: a typo must not silently drop data.
    model_config = ConfigDict(extra="forbid", frozen=True)


class WireCard(_Wire):
    """One visitor's card as the district stores it. Final: never changed once sent."""

    schema_version: Annotated[Literal[1], BeforeValidator(_integer)] = 1
    id: CardId
    kiosk_id: KioskId
    app_version: AppVersion
    rating: Annotated[StrictInt, Field(ge=1, le=5)]
    language: Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]
    role: ChoiceId | None = None
    went_well: Annotated[list[ChoiceId], Field(max_length=12)] = []
    could_improve: Annotated[list[ChoiceId], Field(max_length=12)] = []
    comment: LongText | None = None
    followup_requested: StrictBool = False
    contact_name: ShortText | None = None
    contact_phone: Phone | None = None
    contact_email: ShortText | None = None
    created_at: Moment = Field(description="Kiosk local time with its UTC offset.")
    finalised_at: Moment | None = Field(
        default=None, description="When the card became final: not before created_at."
    )
    resolution: Resolution | None = Field(
        default=None,
        description="Added after the first release: 'Did you get what you came for today?' "
        "Absent when the visitor did not answer; sent only to a receiver whose Feedback-Fields "
        "header names it.",
    )

    @model_validator(mode="after")
    def _final_after_created(self) -> WireCard:
        if self.finalised_at is not None and self.finalised_at < self.created_at:
            raise ValueError("finalised_at is before created_at")
        return self

    def wire_json(self, receiver_fields: frozenset[str] = frozenset(ADDED_CARD_FIELDS)) -> str:
        """The card's JSON without the added fields that have no value or that the receiver
        does not name (``receiver_fields``, from its FIELDS_HEADER). A card with no added
        field set is byte for byte what the first release sent and stored, so a resend across
        an upgrade still matches its stored body."""
        left_out = {
            name
            for name in ADDED_CARD_FIELDS
            if getattr(self, name) is None or name not in receiver_fields
        }
        return self.model_dump_json(exclude=left_out)


class CardBatch(_Wire):
    """Body of ``POST /v1/cards``."""

    kiosk_id: KioskId
    cards: Annotated[list[WireCard], Field(min_length=1, max_length=MAX_BATCH)]

    @model_validator(mode="after")
    def _ids_unique(self) -> CardBatch:
        if len({c.id for c in self.cards}) != len(self.cards):
            raise ValueError("a card id appears twice in one batch")
        return self

    def wire_json(self, receiver_fields: frozenset[str]) -> str:
        """The batch as sent to a receiver that names ``receiver_fields`` (WireCard.wire_json)."""
        cards = ",".join(card.wire_json(receiver_fields) for card in self.cards)
        return f'{{"kiosk_id":{json.dumps(self.kiosk_id)},"cards":[{cards}]}}'


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # stored now
    DUPLICATE = "duplicate"  # already stored with the same body: delivered all the same
    REJECTED = "rejected"  # refused for good; the kiosk keeps it with the reason


class ItemResult(_Wire):
    """The receiver's answer for one card or one follow-up answer of a batch."""

    id: str
    outcome: Outcome
    code: str | None = Field(default=None, description="Stable problem code when rejected.")
    reason: str | None = None

    @property
    def retry_later(self) -> bool:
        """Rejected for now only: send it again at the next sync (see RETRY_LATER)."""
        return self.outcome is Outcome.REJECTED and self.code in RETRY_LATER


class BatchResult(_Wire):
    """Body of the 200 answer to ``POST /v1/cards`` and ``POST /v1/followups``: one per item."""

    results: list[ItemResult]


class FollowupAnswer(_Wire):
    """The office manager's answer to a visitor's follow-up request: a record of its own.

    Its identity is (card_id, answered_at), so a later answer to the same card is a new record.
    """

    card_id: CardId
    answered_at: Moment
    answered_by: Name | None = None
    note: LongText | None = None

    @property
    def key(self) -> str:
        return f"{self.card_id}@{self.answered_at.isoformat()}"


class FollowupBatch(_Wire):
    """Body of ``POST /v1/followups``."""

    kiosk_id: KioskId
    answers: Annotated[list[FollowupAnswer], Field(min_length=1, max_length=MAX_BATCH)]

    @model_validator(mode="after")
    def _keys_unique(self) -> FollowupBatch:
        # Two bodies under one key in one request: one would be stored, both acknowledged.
        if len({a.key for a in self.answers}) != len(self.answers):
            raise ValueError("an answer (card_id, answered_at) appears twice in one batch")
        return self


class Heartbeat(_Wire):
    """Body of ``POST /v1/kiosks/{kiosk_id}/heartbeat``, sent once per sync cycle."""

    app_version: AppVersion
    sent_at: Moment = Field(description="The kiosk's clock when it sent the heartbeat.")
    pending: Annotated[StrictInt, Field(ge=0, le=MAX_INT32)]
    oldest_pending_age_seconds: (
        Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)] | None
    ) = None
    last_error: ErrorText | None = None
    disk_free_bytes: Annotated[StrictInt, Field(ge=0, le=MAX_JSON_INT)] | None = None


class KioskInfo(_Wire):
    """One row of ``GET /v1/kiosks``: what the district knows of a kiosk."""

    kiosk_id: KioskId
    cards_received: int
    last_heartbeat_at: datetime | None = Field(
        default=None, description="The receiver's clock when the last heartbeat arrived."
    )
    last_heartbeat_sent_at: datetime | None = Field(
        default=None, description="The kiosk's clock when it sent that heartbeat."
    )
    clock_skew_seconds: float | None = Field(
        default=None,
        description="last_heartbeat_sent_at minus last_heartbeat_at: how far the kiosk's clock "
        "is ahead (negative: behind), give or take the time the heartbeat took to arrive.",
    )
    app_version: str | None = None
    pending: int | None = None
    oldest_pending_age_seconds: float | None = None
    last_error: str | None = None
    disk_free_bytes: int | None = None


class StoredCard(_Wire):
    seq: int = Field(description="Receiver's order of arrival; pass the last one as ?since=.")
    received_at: datetime
    card: WireCard


class CardPage(_Wire):
    """Body of ``GET /v1/cards?since=N``: cards received after cursor N, oldest first."""

    cards: list[StoredCard]
    next_since: int = Field(description="Cursor for the next page (equal to since when empty).")


class StoredAnswer(_Wire):
    seq: int = Field(description="Receiver's order of arrival; pass the last one as ?since=.")
    received_at: datetime
    kiosk_id: KioskId
    answer: FollowupAnswer


class AnswerPage(_Wire):
    """Body of ``GET /v1/followups?since=N``: answers received after cursor N, oldest first."""

    answers: list[StoredAnswer]
    next_since: int = Field(description="Cursor for the next page (equal to since when empty).")


class Problem(_Wire):
    """Body of every 4xx/5xx answer. ``code`` is stable; ``status`` is its integer part."""

    code: str
    status: int
    title: str
    detail: str | None = None


class ProblemCode(StrEnum):
    """Stable problem codes: ``<http status>.<n>``. Never renumber; retire, don't reuse."""

    MALFORMED_JSON = "400.1"
    SCHEMA_MISMATCH = "400.2"
    TOO_DEEP = "400.3"
    TOKEN_MISSING = "401.1"
    TOKEN_UNKNOWN = "401.2"
    WRONG_SCOPE = "403.1"
    OTHER_KIOSK = "403.2"
    CARD_OF_OTHER_KIOSK = "403.3"
    ANSWER_OF_OTHER_KIOSK = "403.4"
    UNKNOWN_KIOSK = "404.1"
    CARD_NOT_RECEIVED = "404.2"
    NO_SUCH_PATH = "404.3"
    METHOD_NOT_ALLOWED = "405.1"
    ID_CONFLICT = "409.1"
    BODY_TOO_LARGE = "413.1"
    INTERNAL = "500.1"
    DATABASE_UNAVAILABLE = "503.1"


SENDER_PROBLEMS = frozenset(
    {
        ProblemCode.TOKEN_MISSING,
        ProblemCode.TOKEN_UNKNOWN,
        ProblemCode.WRONG_SCOPE,
        ProblemCode.OTHER_KIOSK,
        ProblemCode.CARD_OF_OTHER_KIOSK,
        ProblemCode.ANSWER_OF_OTHER_KIOSK,
    }
)
"""Refusals about who sends (the token, the kiosk), not about what is sent: never final for an
item. A card refused with one of these (e.g. 403.3 after its kiosk's id was changed) stays on the
kiosk until the kiosk that made it sends it."""

PROBLEM_TITLES: dict[ProblemCode, str] = {
    ProblemCode.MALFORMED_JSON: "the body is not valid JSON",
    ProblemCode.SCHEMA_MISMATCH: "the body does not match protocol v1",
    ProblemCode.TOO_DEEP: "the body is nested deeper than this receiver reads",
    ProblemCode.TOKEN_MISSING: "no bearer token was given",
    ProblemCode.TOKEN_UNKNOWN: "the bearer token is not known to this receiver",
    ProblemCode.WRONG_SCOPE: "this token may not use this endpoint",
    ProblemCode.OTHER_KIOSK: "the kiosk id does not match the token's kiosk",
    ProblemCode.CARD_OF_OTHER_KIOSK: "the card belongs to another kiosk",
    ProblemCode.ANSWER_OF_OTHER_KIOSK: "the answer's card belongs to another kiosk",
    ProblemCode.UNKNOWN_KIOSK: "no such kiosk",
    ProblemCode.CARD_NOT_RECEIVED: "the answer's card has not reached the receiver yet",
    ProblemCode.NO_SUCH_PATH: "no such endpoint",
    ProblemCode.METHOD_NOT_ALLOWED: "this endpoint does not take this method",
    ProblemCode.ID_CONFLICT: "this id is already stored with a different body",
    ProblemCode.BODY_TOO_LARGE: "the body is larger than this receiver accepts",
    ProblemCode.INTERNAL: "the receiver failed (its log has the cause)",
    ProblemCode.DATABASE_UNAVAILABLE: "the receiver's database cannot be reached",
}

RETRY_LATER: frozenset[str] = frozenset({ProblemCode.CARD_NOT_RECEIVED.value})
"""Per-item codes that are not final: the item stays pending on the kiosk and goes again at the
next sync (an answer sent before its card arrived). Every other rejection is final."""


def problem(code: ProblemCode, detail: str | None = None) -> Problem:
    return Problem(
        code=code.value,
        status=int(code.value.split(".")[0]),
        title=PROBLEM_TITLES[code],
        detail=detail,
    )
