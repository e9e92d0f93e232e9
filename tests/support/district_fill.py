"""A small district with known cards for the pages' tests, sent the way kiosks send them (the
receiver's API), so the card columns are filled by the receiver's own code: two schools with
cards, comments and follow-up requests (one overdue, one open, one answered), kiosks online
and never seen, and markers that say whose data a page shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from receiver_calls import batch, heartbeat, outcomes, post, wire_card
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, OTHER_TOKEN
from web_harness import Site

from district import kiosks

LOCAL = timezone(timedelta(hours=-6))

# What each school's data says, so a test can tell whose data a page or an export holds.
LINCOLN_COMMENT = 'Lincoln: <b>the office</b> was "great" & quick'
ROOSEVELT_COMMENT = "Roosevelt: the wait was long"
LINCOLN_CONTACT = "lucia.lincoln@example.org"
ROOSEVELT_CONTACT = "rafael.roosevelt@example.org"
FORMULA_COMMENT = '=HYPERLINK("http://evil.example","x")'
NEVER_SEEN = "washington-3"


@dataclass(frozen=True)
class Filled:
    overdue_card: str
    answered_card: str
    open_card: str


def _card(kiosk: str, at: datetime, rating: int, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {"comment": None, "went_well": [], **changes}
    return wire_card(
        id=str(uuid.uuid4()), kiosk_id=kiosk, rating=rating,
        created_at=at.astimezone(LOCAL).isoformat(), **values,
    )  # fmt: skip


def fill(site: Site) -> Filled:
    """Cards of the last days before the site's clock, which is set to the real time (the
    receiver stamps heartbeats with it)."""
    now = datetime.now(UTC).replace(microsecond=0)
    site.clock.now = now
    with site.server.engine.begin() as conn:
        kiosks.assign(conn, KIOSK_ID, "lincoln-elem")
        kiosks.assign(conn, OTHER_KIOSK_ID, "roosevelt-high")
        kiosks.add_kiosk(conn, NEVER_SEEN, "washington-middle", "Front office", now)
    overdue = _card(
        KIOSK_ID, now - timedelta(hours=30), 1, comment="Nobody called me back",
        could_improve=["wait_time"], followup_requested=True, contact_name="Lucia Lincoln",
        contact_email=LINCOLN_CONTACT, contact_phone="555-0101",
    )  # fmt: skip
    answered = _card(
        KIOSK_ID, now - timedelta(hours=50), 2, followup_requested=True,
        contact_name="Leo Lincoln", contact_email="leo@example.org",
    )  # fmt: skip
    lincoln = [
        overdue,
        answered,
        _card(KIOSK_ID, now - timedelta(hours=3), 5, comment=LINCOLN_COMMENT,
              went_well=["friendly", "quick"], role="parent"),
        _card(KIOSK_ID, now - timedelta(hours=4), 4, went_well=["friendly"], role="student",
              language="en"),
        _card(KIOSK_ID, now - timedelta(days=2), 4, comment=FORMULA_COMMENT),
    ]  # fmt: skip
    opened = _card(
        OTHER_KIOSK_ID, now - timedelta(hours=2), 3, comment=ROOSEVELT_COMMENT,
        followup_requested=True, contact_name="Rafael Roosevelt",
        contact_email=ROOSEVELT_CONTACT,
    )  # fmt: skip
    roosevelt = [opened, _card(OTHER_KIOSK_ID, now - timedelta(hours=5), 2, role="parent")]
    assert {o for o, _ in outcomes(post(site.server, "/v1/cards", batch(*lincoln)))} == {"accepted"}
    sent = post(site.server, "/v1/cards", batch(*roosevelt, kiosk_id=OTHER_KIOSK_ID), OTHER_TOKEN)
    assert {o for o, _ in outcomes(sent)} == {"accepted"}
    answer = {
        "kiosk_id": KIOSK_ID,
        "answers": [
            {
                "card_id": answered["id"],
                "answered_at": (now - timedelta(hours=44)).astimezone(LOCAL).isoformat(),
                "answered_by": "office.manager",
            }
        ],
    }
    assert outcomes(post(site.server, "/v1/followups", answer)) == [("accepted", None)]
    beat = post(site.server, f"/v1/kiosks/{KIOSK_ID}/heartbeat", heartbeat())
    assert beat.status_code == 204
    return Filled(str(overdue["id"]), str(answered["id"]), str(opened["id"]))
