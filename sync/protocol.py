"""The v1 wire protocol between a kiosk and the district receiver: the one source of truth.

The uploader builds these models and the receiver validates requests with the same ones, so
both ends agree by construction and the receiver's OpenAPI schema is generated from here.
Problem codes are stable: a retired code is never reused (after ODK Central's problem.js).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import UUID4, AwareDatetime, BaseModel, ConfigDict, Field, model_validator

API_PREFIX = "/v1"
PROTOCOL_HEADER = "Feedback-Protocol"
"""Sent with every answer of a receiver, value ``PROTOCOL_VERSION``. An answer without it is
not the receiver's: a Wi-Fi sign-in page or a proxy in between. A captive portal that answers
every request with 200 and a web page cannot send it by accident."""
PROTOCOL_VERSION = "1"
MAX_BATCH = 1000
"""Most cards (or follow-up answers) in one request; the kiosk's batch_size is capped below it."""

KioskId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
ChoiceId = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,40}$")]
ShortText = Annotated[str, Field(min_length=1, max_length=120)]


class _Wire(BaseModel):
    # Unknown fields are an error on both ends: a typo must not silently drop data.
    model_config = ConfigDict(extra="forbid", frozen=True)


class WireCard(_Wire):
    """One visitor's card as the district stores it. Final: never changed once sent."""

    schema_version: Literal[1] = 1
    id: UUID4
    kiosk_id: KioskId
    app_version: Annotated[str, Field(min_length=1, max_length=40)]
    rating: Annotated[int, Field(ge=1, le=5)]
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    role: ChoiceId | None = None
    went_well: Annotated[list[ChoiceId], Field(max_length=12)] = []
    could_improve: Annotated[list[ChoiceId], Field(max_length=12)] = []
    comment: Annotated[str, Field(max_length=2000)] | None = None
    followup_requested: bool = False
    contact_name: ShortText | None = None
    contact_phone: Annotated[str, Field(max_length=30)] | None = None
    contact_email: ShortText | None = None
    created_at: AwareDatetime = Field(description="Kiosk local time with its UTC offset.")
    finalised_at: AwareDatetime | None = None


class CardBatch(_Wire):
    """Body of ``POST /v1/cards``."""

    kiosk_id: KioskId
    cards: Annotated[list[WireCard], Field(min_length=1, max_length=MAX_BATCH)]

    @model_validator(mode="after")
    def _ids_unique(self) -> CardBatch:
        if len({c.id for c in self.cards}) != len(self.cards):
            raise ValueError("a card id appears twice in one batch")
        return self


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


class BatchResult(_Wire):
    """Body of the 200 answer to ``POST /v1/cards`` and ``POST /v1/followups``: one per item."""

    results: list[ItemResult]


class FollowupAnswer(_Wire):
    """The office manager's answer to a visitor's follow-up request: a record of its own.

    Its identity is (card_id, answered_at), so a later answer to the same card is a new record.
    """

    card_id: UUID4
    answered_at: AwareDatetime
    answered_by: Annotated[str, Field(max_length=80)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None

    @property
    def key(self) -> str:
        return f"{self.card_id}@{self.answered_at.isoformat()}"


class FollowupBatch(_Wire):
    """Body of ``POST /v1/followups``."""

    kiosk_id: KioskId
    answers: Annotated[list[FollowupAnswer], Field(min_length=1, max_length=MAX_BATCH)]


class Heartbeat(_Wire):
    """Body of ``POST /v1/kiosks/{kiosk_id}/heartbeat``, sent once per sync cycle."""

    app_version: Annotated[str, Field(min_length=1, max_length=40)]
    sent_at: AwareDatetime
    pending: Annotated[int, Field(ge=0)]
    oldest_pending_age_seconds: Annotated[float, Field(ge=0)] | None = None
    last_error: Annotated[str, Field(max_length=500)] | None = None
    disk_free_bytes: Annotated[int, Field(ge=0)] | None = None


class KioskInfo(_Wire):
    """One row of ``GET /v1/kiosks``: what the district knows of a kiosk."""

    kiosk_id: KioskId
    cards_received: int
    last_heartbeat_at: datetime | None = None
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
    TOKEN_MISSING = "401.1"
    TOKEN_UNKNOWN = "401.2"
    WRONG_SCOPE = "403.1"
    OTHER_KIOSK = "403.2"
    CARD_OF_OTHER_KIOSK = "403.3"
    UNKNOWN_KIOSK = "404.1"
    ID_CONFLICT = "409.1"
    BODY_TOO_LARGE = "413.1"


PROBLEM_TITLES: dict[ProblemCode, str] = {
    ProblemCode.MALFORMED_JSON: "the body is not valid JSON",
    ProblemCode.SCHEMA_MISMATCH: "the body does not match protocol v1",
    ProblemCode.TOKEN_MISSING: "no bearer token was given",
    ProblemCode.TOKEN_UNKNOWN: "the bearer token is not known to this receiver",
    ProblemCode.WRONG_SCOPE: "this token may not use this endpoint",
    ProblemCode.OTHER_KIOSK: "the kiosk id does not match the token's kiosk",
    ProblemCode.CARD_OF_OTHER_KIOSK: "the card belongs to another kiosk",
    ProblemCode.UNKNOWN_KIOSK: "no such kiosk",
    ProblemCode.ID_CONFLICT: "this id is already stored with a different body",
    ProblemCode.BODY_TOO_LARGE: "the body is larger than this receiver accepts",
}


def problem(code: ProblemCode, detail: str | None = None) -> Problem:
    return Problem(
        code=code.value,
        status=int(code.value.split(".")[0]),
        title=PROBLEM_TITLES[code],
        detail=detail,
    )
