"""The schema of the receiver before migrations: what its ``metadata.create_all`` made, the
people's tables included. Frozen here (never import the live tables into a migration).

On a database made by that receiver (tables, no revision) it creates only what is missing: the
people's tables of a receiver from before the web pages, and the heartbeat's ``sent_at`` column
that the first release lacked. So every such database reaches this revision, then the next.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None

_Seq = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _tables() -> list[tuple[str, list[SchemaItem]]]:
    return [
        ("cards", [
            sa.Column("seq", _Seq, primary_key=True, autoincrement=True),
            sa.Column("id", sa.String(36), nullable=False, unique=True),
            sa.Column("kiosk_id", sa.String(64), nullable=False, index=True),
            sa.Column("body_sha256", sa.String(64), nullable=False),
            sa.Column("body", sa.Text, nullable=False),
            sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        ]),
        ("followups", [
            sa.Column("seq", _Seq, primary_key=True, autoincrement=True),
            sa.Column("answer_key", sa.String(100), nullable=False, unique=True),
            sa.Column("card_id", sa.String(36), nullable=False, index=True),
            sa.Column("kiosk_id", sa.String(64), nullable=False),
            sa.Column("body_sha256", sa.String(64), nullable=False),
            sa.Column("body", sa.Text, nullable=False),
            sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        ]),
        ("kiosks", [
            sa.Column("kiosk_id", sa.String(64), primary_key=True),
            sa.Column("last_heartbeat_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("app_version", sa.String(40), nullable=False),
            sa.Column("pending", sa.Integer, nullable=False),
            sa.Column("oldest_pending_age_seconds", sa.Float),
            sa.Column("last_error", sa.String(500)),
            sa.Column("disk_free_bytes", sa.BigInteger),
            sa.Column("last_heartbeat_sent_at", sa.DateTime(timezone=True)),
        ]),
        ("schools", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("slug", sa.String(64), nullable=False, unique=True),
            sa.Column("name", sa.String(120), nullable=False),
        ]),
        ("users", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("username", sa.String(120), nullable=False),
            sa.Column("username_key", sa.String(120), nullable=False, unique=True),
            sa.Column("password_hash", sa.String(200), nullable=False),
            sa.Column("role", sa.String(16), nullable=False),
            sa.Column("school_id", sa.Integer, sa.ForeignKey("schools.id"), index=True),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        ]),
        ("web_sessions", [
            sa.Column("id_sha256", sa.String(64), primary_key=True),
            sa.Column(
                "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                nullable=False,
            ),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False, index=True),
        ]),
        ("sign_in_failures", [
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("username_key", sa.String(120), nullable=False, index=True),
            sa.Column("address", sa.String(64), nullable=False, index=True),
            sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        ]),
    ]  # fmt: skip


def upgrade() -> None:
    found = sa.inspect(op.get_bind())
    existing = set(found.get_table_names())
    for name, items in _tables():
        if name not in existing:
            op.create_table(name, *items)
    if "kiosks" in existing:
        columns = {c["name"] for c in found.get_columns("kiosks")}
        if "last_heartbeat_sent_at" not in columns:
            op.add_column("kiosks", sa.Column("last_heartbeat_sent_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only: restore the backup taken before")
