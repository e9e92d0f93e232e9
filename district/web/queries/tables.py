"""The tables the pages read, by the names the data model fixes (district-schema in the
project's notes; district.db owns and migrates them). Light references, not definitions:
nothing here creates or alters a table, except the rollup this package owns (rollup.py)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    SmallInteger,
    String,
    Text,
    column,
    table,
)

schools = table(
    "schools",
    column("id", Integer),
    column("slug", String),
    column("name", String),
)

kiosks = table(
    "kiosks",
    column("kiosk_id", String),
    column("school_id", Integer),
    column("label", String),
    column("registered_at", DateTime(timezone=True)),
    column("last_heartbeat_at", DateTime(timezone=True)),
    column("last_heartbeat_sent_at", DateTime(timezone=True)),
    column("app_version", String),
    column("pending", Integer),
    column("oldest_pending_age_seconds", Float),
    column("last_error", String),
    column("disk_free_bytes", BigInteger),
)

cards = table(
    "cards",
    column("seq", BigInteger),
    column("id", String),
    column("kiosk_id", String),
    column("body_sha256", String),
    column("body", Text),
    column("received_at", DateTime(timezone=True)),
    column("school_id", Integer),
    column("rating", SmallInteger),
    column("language", String),
    column("role", String),
    column("comment", Text),
    column("followup_requested", Boolean),
    column("contact_name", String),
    column("contact_phone", String),
    column("contact_email", String),
    column("created_at_utc", DateTime(timezone=True)),
    column("created_offset_minutes", SmallInteger),
    column("local_date", Date),
    column("local_hour", SmallInteger),
    column("local_weekday", SmallInteger),
    column("finalised_at_utc", DateTime(timezone=True)),
    column("app_version", String),
    column("resolution", String),
)

card_choices = table(
    "card_choices",
    column("card_seq", BigInteger),
    column("kind", String),
    column("choice", String),
)

followups = table(
    "followups",
    column("seq", BigInteger),
    column("answer_key", String),
    column("card_id", String),
    column("kiosk_id", String),
    column("body_sha256", String),
    column("body", Text),
    column("received_at", DateTime(timezone=True)),
    column("answered_at_utc", DateTime(timezone=True)),
    column("answered_by", String),
    column("note", Text),
)
