"""A card's fields as columns, its chips as rows, kiosks at schools, tokens in the database.

- cards: the fields of each stored card's JSON body as columns (school, rating, language, role,
  comment, follow-up and contact, created at in UTC with its offset and in local time, finalised,
  app version, resolution), backfilled from the bodies read with sync.protocol.WireCard, a
  thousand cards at a time so that a large database never sits in memory; bodies stay as they
  are (the duplicate check compares them), and no card is dropped: a body that does not read
  stops the migration, naming the card, and the transaction leaves the database as it was.
- card_choices: one row per chip of each card.
- followups: the answer's moment, who answered and the note, backfilled the same way.
- kiosks: school, label and registration; heartbeat columns nullable (a kiosk registered with
  ``kiosk add`` has not called yet).
- api_tokens: kiosks' and tools' bearer tokens, as SHA-256 hashes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from alembic import op
from pydantic import ValidationError

from sync.protocol import FollowupAnswer, WireCard

revision = "0002_card_columns"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

BATCH = 1000
_Seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_Moment: sa.types.TypeEngine[Any] = sa.DateTime(timezone=True)

_CARD_COLUMNS: list[tuple[str, sa.types.TypeEngine[Any], bool]] = [
    # name, type, NOT NULL once backfilled
    ("school_id", sa.Integer(), False),
    ("rating", sa.SmallInteger(), True),
    ("language", sa.String(2), True),
    ("role", sa.String(40), False),
    ("comment", sa.Text(), False),
    ("followup_requested", sa.Boolean(), True),
    ("contact_name", sa.String(120), False),
    ("contact_phone", sa.String(30), False),
    ("contact_email", sa.String(120), False),
    ("created_at_utc", _Moment, True),
    ("created_offset_minutes", sa.SmallInteger(), True),
    ("local_date", sa.Date(), True),
    ("local_hour", sa.SmallInteger(), True),
    ("local_weekday", sa.SmallInteger(), True),
    ("finalised_at_utc", _Moment, False),
    ("app_version", sa.String(40), True),
    ("resolution", sa.String(8), False),
]
_FILLED = [name for name, _, _ in _CARD_COLUMNS if name != "school_id"]

_cards = sa.table(
    "cards",
    sa.column("seq", _Seq),
    sa.column("id", sa.String()),
    sa.column("body", sa.Text()),
    *(sa.column(name, kind) for name, kind, _ in _CARD_COLUMNS),
)
_choices = sa.table(
    "card_choices",
    sa.column("card_seq", _Seq),
    sa.column("kind", sa.String()),
    sa.column("choice", sa.String()),
)
_followups = sa.table(
    "followups",
    sa.column("seq", _Seq),
    sa.column("body", sa.Text()),
    sa.column("answered_at_utc", _Moment),
    sa.column("answered_by", sa.String()),
    sa.column("note", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("kiosks") as batch:
        batch.add_column(sa.Column("school_id", sa.Integer()))
        batch.add_column(sa.Column("label", sa.String(120)))
        batch.add_column(sa.Column("registered_at", _Moment))
        heartbeat: list[tuple[str, sa.types.TypeEngine[Any]]] = [
            ("last_heartbeat_at", _Moment),
            ("app_version", sa.String(40)),
            ("pending", sa.Integer()),
        ]
        for name, kind in heartbeat:
            batch.alter_column(name, existing_type=kind, nullable=True)
        batch.create_foreign_key("fk_kiosks_school_id", "schools", ["school_id"], ["id"])
        batch.create_index("ix_kiosks_school_id", ["school_id"])

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("kiosk_id", sa.String(64), sa.ForeignKey("kiosks.kiosk_id")),
        sa.Column("tool_name", sa.String(64)),
        sa.Column("issued_at", _Moment, nullable=False),
        sa.Column("revoked_at", _Moment),
        sa.CheckConstraint(
            "(kiosk_id IS NULL) <> (tool_name IS NULL)", name="ck_api_tokens_one_owner"
        ),
    )
    for owner in ("kiosk_id", "tool_name"):
        live = sa.text(f"revoked_at IS NULL AND {owner} IS NOT NULL")
        op.create_index(
            f"uq_api_tokens_live_{owner.split('_')[0]}", "api_tokens", [owner], unique=True,
            sqlite_where=live, postgresql_where=live,
        )  # fmt: skip

    with op.batch_alter_table("cards") as batch:  # new columns: a plain ALTER on both
        for name, kind, _ in _CARD_COLUMNS:
            batch.add_column(sa.Column(name, kind))
    op.create_table(
        "card_choices",
        sa.Column("card_seq", _Seq, sa.ForeignKey("cards.seq"), primary_key=True,
                  autoincrement=False),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("choice", sa.String(40), primary_key=True),
    )  # fmt: skip
    op.create_index("ix_card_choices_kind_choice", "card_choices", ["kind", "choice"])
    _backfill_cards(op.get_bind())
    with op.batch_alter_table("cards") as batch:  # SQLite copies the table here, once
        for name, kind, required in _CARD_COLUMNS:
            if required:
                batch.alter_column(name, existing_type=kind, nullable=False)
        batch.create_foreign_key("fk_cards_school_id", "schools", ["school_id"], ["id"])
        batch.create_index("ix_cards_school_id_local_date", ["school_id", "local_date"])
        batch.create_index("ix_cards_local_date", ["local_date"])
        batch.create_index(
            "ix_cards_followups", ["followup_requested", "school_id", "created_at_utc"]
        )

    with op.batch_alter_table("followups") as batch:
        batch.add_column(sa.Column("answered_at_utc", _Moment))
        batch.add_column(sa.Column("answered_by", sa.String(80)))
        batch.add_column(sa.Column("note", sa.Text()))
    _backfill_followups(op.get_bind())
    with op.batch_alter_table("followups") as batch:
        batch.alter_column("answered_at_utc", existing_type=_Moment, nullable=False)


def _batches(conn: sa.Connection, table: sa.TableClause) -> Iterator[Sequence[sa.Row[Any]]]:
    """The rows (seq, body, ...) in order of seq, BATCH at a time (keyset: no OFFSET scans)."""
    last = 0
    while True:
        rows = conn.execute(
            sa.select(table).where(table.c.seq > last).order_by(table.c.seq).limit(BATCH)
        ).all()
        if not rows:
            return
        yield rows
        last = rows[-1].seq


def _first(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"its stored body does not read ({where}: {first['msg']})"


def _card_values(card: WireCard) -> dict[str, Any]:
    # A copy of the receiver's row builder, on purpose: a migration is history and must fill
    # the columns as they were at this revision, whatever the receiver's code becomes.
    created = card.created_at
    offset = created.utcoffset()
    assert offset is not None
    return {
        "rating": card.rating,
        "language": card.language,
        "role": card.role,
        "comment": card.comment,
        "followup_requested": card.followup_requested,
        "contact_name": card.contact_name,
        "contact_phone": card.contact_phone,
        "contact_email": card.contact_email,
        "created_at_utc": created.astimezone(UTC),
        "created_offset_minutes": int(offset.total_seconds() // 60),
        "local_date": created.date(),
        "local_hour": created.hour,
        "local_weekday": created.weekday(),
        "finalised_at_utc": card.finalised_at.astimezone(UTC) if card.finalised_at else None,
        "app_version": card.app_version,
        "resolution": card.resolution,
    }


def _backfill_cards(conn: sa.Connection) -> None:
    fill = (
        sa.update(_cards)
        .where(_cards.c.seq == sa.bindparam("b_seq"))
        .values({name: sa.bindparam(f"b_{name}") for name in _FILLED})
    )
    for rows in _batches(conn, _cards):
        updates, chips = [], []
        for row in rows:
            try:
                card = WireCard.model_validate_json(row.body)
            except ValidationError as exc:
                raise ValueError(f"card {row.id} (seq {row.seq}): {_first(exc)}") from None
            values = _card_values(card)
            updates.append({"b_seq": row.seq, **{f"b_{k}": v for k, v in values.items()}})
            for kind in ("went_well", "could_improve"):
                for choice in dict.fromkeys(getattr(card, kind)):
                    chips.append({"card_seq": row.seq, "kind": kind, "choice": choice})
        conn.execute(fill, updates)
        if chips:
            conn.execute(_choices.insert(), chips)


def _backfill_followups(conn: sa.Connection) -> None:
    fill = (
        sa.update(_followups)
        .where(_followups.c.seq == sa.bindparam("b_seq"))
        .values(
            answered_at_utc=sa.bindparam("b_at"),
            answered_by=sa.bindparam("b_by"),
            note=sa.bindparam("b_note"),
        )
    )
    for rows in _batches(conn, _followups):
        updates = []
        for row in rows:
            try:
                answer = FollowupAnswer.model_validate_json(row.body)
            except ValidationError as exc:
                raise ValueError(f"follow-up answer seq {row.seq}: {_first(exc)}") from None
            updates.append({
                "b_seq": row.seq,
                "b_at": answer.answered_at.astimezone(UTC),
                "b_by": answer.answered_by,
                "b_note": answer.note,
            })  # fmt: skip
        conn.execute(fill, updates)


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only: restore the backup taken before")
