"""The receiver's tables and queries, SQLAlchemy Core: one code path for SQLite and PostgreSQL.

Dedup lives in the database: a UNIQUE key on the card id (and on the follow-up answer's key),
written with INSERT ... ON CONFLICT DO NOTHING, so two concurrent copies of one card cannot both
land. The stored body's SHA-256 tells a harmless resend (same body: "duplicate") from a
conflicting one (same id, other body: rejected, 409.1).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    make_url,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite

from sync.protocol import (
    PROBLEM_TITLES,
    FollowupAnswer,
    Heartbeat,
    ItemResult,
    KioskInfo,
    Outcome,
    ProblemCode,
    StoredAnswer,
    StoredCard,
    WireCard,
)

metadata = MetaData()
"""Every table of the receiver (district.accounts adds the people's). The schema a database has
is made by the Alembic migrations in district/migrations, never by ``create_all``; a test checks
that the migrated schema is exactly this metadata."""

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
_Seq = BigInteger().with_variant(Integer(), "sqlite")

cards = Table(
    "cards",
    metadata,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("body_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),  # as received: the duplicate check compares it
    Column("received_at", DateTime(timezone=True), nullable=False),
    # The card's fields as columns, filled at receipt, so pages aggregate in SQL.
    Column("school_id", Integer, ForeignKey("schools.id")),  # the kiosk's school on arrival
    Column("rating", SmallInteger, nullable=False),
    Column("language", String(2), nullable=False),
    Column("role", String(40)),
    Column("comment", Text),
    Column("followup_requested", Boolean, nullable=False),
    Column("contact_name", String(120)),
    Column("contact_phone", String(30)),
    Column("contact_email", String(120)),
    Column("created_at_utc", DateTime(timezone=True), nullable=False),
    Column("created_offset_minutes", SmallInteger, nullable=False),
    # In the kiosk's own local time (created_at's offset): the day and hour the visitor saw.
    Column("local_date", Date, nullable=False),
    Column("local_hour", SmallInteger, nullable=False),
    Column("local_weekday", SmallInteger, nullable=False),  # 0 = Monday .. 6 = Sunday
    Column("finalised_at_utc", DateTime(timezone=True)),
    Column("app_version", String(40), nullable=False),
    Column("resolution", String(8)),
    Index("ix_cards_school_id_local_date", "school_id", "local_date"),
    Index("ix_cards_local_date", "local_date"),
    Index("ix_cards_followups", "followup_requested", "school_id", "created_at_utc"),
    # A school's latest comments, newest first, without reading the period's other cards.
    Index(
        "ix_cards_comments",
        "school_id",
        "local_date",
        "created_at_utc",
        postgresql_where=text("comment IS NOT NULL"),
        sqlite_where=text("comment IS NOT NULL"),
    ),
)

card_choices = Table(
    "card_choices",
    metadata,
    Column("card_seq", _Seq, ForeignKey("cards.seq"), primary_key=True, autoincrement=False),
    Column("kind", String(16), primary_key=True),  # CHOICE_KINDS
    Column("choice", String(40), primary_key=True),
    Index("ix_card_choices_kind_choice", "kind", "choice"),
)

CHOICE_KINDS = ("went_well", "could_improve")
"""card_choices.kind: the WireCard list each chip came from."""

followups = Table(
    "followups",
    metadata,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("answer_key", String(100), nullable=False, unique=True),
    Column("card_id", String(36), nullable=False, index=True),
    Column("kiosk_id", String(64), nullable=False),
    Column("body_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    # A card's follow-up is answered by its earliest answer (the kiosk's clock, in UTC).
    Column("answered_at_utc", DateTime(timezone=True), nullable=False),
    Column("answered_by", String(80)),
    Column("note", Text),
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("school_id", Integer, ForeignKey("schools.id"), index=True),  # NULL: not assigned
    Column("label", String(120)),
    Column("registered_at", DateTime(timezone=True)),  # NULL: known only from its heartbeats
    # The last heartbeat; all NULL for a registered kiosk that never called.
    Column("last_heartbeat_at", DateTime(timezone=True)),  # the receiver's clock
    Column("app_version", String(40)),
    Column("pending", Integer),
    Column("oldest_pending_age_seconds", Float),
    Column("last_error", String(500)),
    Column("disk_free_bytes", BigInteger),
    Column("last_heartbeat_sent_at", DateTime(timezone=True)),  # the kiosk's clock
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Only the token's SHA-256: a copy of the database lets nobody call as a kiosk.
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("kiosk_id", String(64), ForeignKey("kiosks.kiosk_id")),
    Column("tool_name", String(64)),  # a district reading tool
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    CheckConstraint("(kiosk_id IS NULL) <> (tool_name IS NULL)", name="ck_api_tokens_one_owner"),
    # At most one live token per kiosk and per tool: rotation revokes the old one first.
    Index(
        "uq_api_tokens_live_kiosk", "kiosk_id", unique=True,
        sqlite_where=text("revoked_at IS NULL AND kiosk_id IS NOT NULL"),
        postgresql_where=text("revoked_at IS NULL AND kiosk_id IS NOT NULL"),
    ),
    Index(
        "uq_api_tokens_live_tool", "tool_name", unique=True,
        sqlite_where=text("revoked_at IS NULL AND tool_name IS NOT NULL"),
        postgresql_where=text("revoked_at IS NULL AND tool_name IS NOT NULL"),
    ),
)  # fmt: skip


class SchemaOutOfDate(Exception):
    """The database is not at this receiver's newest revision; the message says what to run."""


def open_database(url: str, busy_timeout_ms: int = 10_000) -> Engine:
    """An engine for ``url`` (``postgresql://`` means psycopg 3). It makes no tables: the
    migrations do (district.schema).

    ``busy_timeout_ms``: how long a SQLite write waits for another writer before the request
    is answered 503 (database unavailable)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    # pre_ping: a connection the database dropped (a restart) is replaced, not handed to a
    # request that would then fail.
    engine = create_engine(parsed, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout_ms))
    return engine


def _sqlite_pragmas(busy_timeout_ms: int, dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside the writer; FULL makes an acknowledged card durable.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.close()


def _insert(conn: Connection, table: Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _sha256(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


_SEQ_ORDER_LOCK = 7_310_425  # an arbitrary, fixed advisory lock id for the inserts


def store_items(
    conn: Connection, table: Table, key: str, rows: Sequence[dict[str, Any]]
) -> tuple[dict[str, ItemResult], dict[str, int]]:
    """Insert rows keyed by ``key``; each row has that key, ``body`` and the table's other
    columns. Returns each key's result (accepted, duplicate, or rejected as a conflict) and
    the seq of each row inserted now."""
    if not rows:
        return {}, {}
    if conn.dialect.name == "postgresql":
        # Readers page by seq (`?since=`). PostgreSQL hands out sequence numbers outside the
        # transaction, so two kiosks' inserts could commit out of seq order and a reader past
        # the later one would never see the earlier. One writer at a time keeps seq order.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEQ_ORDER_LOCK})
    received_at = _now()
    values = [{**r, "body_sha256": _sha256(r["body"]), "received_at": received_at} for r in rows]
    column = table.c[key]
    inserted: dict[str, int] = {}
    # In slices: a full batch of cards with every column would pass SQLite's bound-parameter cap.
    for start in range(0, len(values), _ROWS_PER_INSERT):
        statement = (
            _insert(conn, table)
            .values(values[start : start + _ROWS_PER_INSERT])
            .on_conflict_do_nothing(index_elements=[key])
            .returning(column, table.c.seq)
        )
        inserted.update((k, seq) for k, seq in conn.execute(statement))
    rest = [v for v in values if v[key] not in inserted]
    stored: dict[str, str] = {}
    if rest:
        found = select(column, table.c.body_sha256).where(column.in_([v[key] for v in rest]))
        stored = {k: digest for k, digest in conn.execute(found)}
    results = {k: ItemResult(id=k, outcome=Outcome.ACCEPTED) for k in inserted}
    for v in rest:
        if stored.get(v[key]) == v["body_sha256"]:
            results[v[key]] = ItemResult(id=v[key], outcome=Outcome.DUPLICATE)
        else:
            results[v[key]] = ItemResult(
                id=v[key],
                outcome=Outcome.REJECTED,
                code=ProblemCode.ID_CONFLICT.value,
                reason=PROBLEM_TITLES[ProblemCode.ID_CONFLICT],
            )
    return results, inserted


_ROWS_PER_INSERT = 250


def card_row(card: WireCard, school_id: int | None) -> dict[str, Any]:
    """The row of a card: its body as received and its fields as columns."""
    created = card.created_at
    offset = created.utcoffset()
    assert offset is not None  # a Moment always has its offset
    return {
        "id": str(card.id),
        "kiosk_id": card.kiosk_id,
        "body": card.wire_json(),
        "school_id": school_id,
        "rating": card.rating,
        "language": card.language,
        "role": card.role,
        "comment": card.comment,
        "followup_requested": card.followup_requested,
        "contact_name": card.contact_name,
        "contact_phone": card.contact_phone,
        "contact_email": card.contact_email,
        # In UTC: SQLite keeps a moment's wall-clock digits and drops its offset.
        "created_at_utc": created.astimezone(UTC),
        "created_offset_minutes": int(offset.total_seconds() // 60),
        "local_date": created.date(),
        "local_hour": created.hour,
        "local_weekday": created.weekday(),
        "finalised_at_utc": card.finalised_at.astimezone(UTC) if card.finalised_at else None,
        "app_version": card.app_version,
        "resolution": card.resolution,
    }


def choice_rows(seq: int, card: WireCard) -> list[dict[str, Any]]:
    """The card_choices rows of a stored card: each chip once per kind."""
    return [
        {"card_seq": seq, "kind": kind, "choice": choice}
        for kind in CHOICE_KINDS
        for choice in dict.fromkeys(getattr(card, kind))
    ]


def kiosk_school(conn: Connection, kiosk_id: str) -> int | None:
    query = select(kiosks.c.school_id).where(kiosks.c.kiosk_id == kiosk_id)
    return conn.execute(query).scalar_one_or_none()


def store_cards(
    conn: Connection, kiosk_id: str, batch: Sequence[WireCard]
) -> dict[str, ItemResult]:
    """Store one kiosk's cards with their columns and chips, in the caller's transaction."""
    school_id = kiosk_school(conn, kiosk_id)
    results, inserted = store_items(conn, cards, "id", [card_row(c, school_id) for c in batch])
    chips = [
        row for c in batch if str(c.id) in inserted for row in choice_rows(inserted[str(c.id)], c)
    ]
    if chips:
        conn.execute(card_choices.insert(), chips)
    return results


def card_kiosks(conn: Connection, card_ids: Iterable[str]) -> dict[str, str]:
    """The kiosk of each of these cards that the receiver holds."""
    ids = list(card_ids)
    found = select(cards.c.id, cards.c.kiosk_id).where(cards.c.id.in_(ids))
    return {card_id: kiosk_id for card_id, kiosk_id in conn.execute(found)}


def followup_row(kiosk_id: str, answer: FollowupAnswer) -> dict[str, Any]:
    return {
        "answer_key": answer.key,
        "card_id": str(answer.card_id),
        "kiosk_id": kiosk_id,
        "body": answer.model_dump_json(),
        "answered_at_utc": answer.answered_at.astimezone(UTC),
        "answered_by": answer.answered_by,
        "note": answer.note,
    }


def store_answers(
    conn: Connection, kiosk_id: str, answers: Sequence[FollowupAnswer]
) -> dict[str, ItemResult]:
    rows = [followup_row(kiosk_id, a) for a in answers]
    return store_items(conn, followups, "answer_key", rows)[0]


def kiosk_known(conn: Connection, kiosk_id: str) -> bool:
    query = select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == kiosk_id)
    return conn.execute(query).first() is not None


def save_heartbeat(conn: Connection, kiosk_id: str, beat: Heartbeat) -> None:
    values = {
        "last_heartbeat_at": _now(),
        "app_version": beat.app_version,
        "pending": beat.pending,
        "oldest_pending_age_seconds": beat.oldest_pending_age_seconds,
        "last_error": beat.last_error,
        "disk_free_bytes": beat.disk_free_bytes,
        # In UTC: SQLite keeps a moment's wall-clock digits and drops its offset.
        "last_heartbeat_sent_at": beat.sent_at.astimezone(UTC),
    }
    stmt = _insert(conn, kiosks).values(kiosk_id=kiosk_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["kiosk_id"], set_=values))


def cards_since(conn: Connection, since: int, limit: int) -> list[StoredCard]:
    rows = conn.execute(
        select(cards.c.seq, cards.c.received_at, cards.c.body)
        .where(cards.c.seq > since)
        .order_by(cards.c.seq)
        .limit(limit)
    )
    return [
        StoredCard(seq=seq, received_at=_aware(at), card=WireCard.model_validate_json(body))
        for seq, at, body in rows
    ]


def answers_since(conn: Connection, since: int, limit: int) -> list[StoredAnswer]:
    rows = conn.execute(
        select(followups.c.seq, followups.c.received_at, followups.c.kiosk_id, followups.c.body)
        .where(followups.c.seq > since)
        .order_by(followups.c.seq)
        .limit(limit)
    )
    return [
        StoredAnswer(
            seq=seq,
            received_at=_aware(at),
            kiosk_id=kiosk_id,
            answer=FollowupAnswer.model_validate_json(body),
        )
        for seq, at, kiosk_id, body in rows
    ]


def kiosk_list(conn: Connection) -> list[KioskInfo]:
    """Every kiosk registered, heard from, or with cards here, with its card count."""
    counts: dict[str, int] = dict(
        (k, n)
        for k, n in conn.execute(select(cards.c.kiosk_id, func.count()).group_by(cards.c.kiosk_id))
    )
    beats = {r.kiosk_id: r for r in conn.execute(select(kiosks))}
    infos = []
    for kiosk_id in sorted(set(beats) | set(counts)):
        beat = beats.get(kiosk_id)
        received = _maybe_aware(beat.last_heartbeat_at) if beat else None
        sent = _maybe_aware(beat.last_heartbeat_sent_at) if beat else None
        infos.append(
            KioskInfo(
                kiosk_id=kiosk_id,
                cards_received=counts.get(kiosk_id, 0),
                last_heartbeat_at=received,
                last_heartbeat_sent_at=sent,
                clock_skew_seconds=(sent - received).total_seconds() if sent and received else None,
                app_version=beat.app_version if beat else None,
                pending=beat.pending if beat else None,
                oldest_pending_age_seconds=beat.oldest_pending_age_seconds if beat else None,
                last_error=beat.last_error if beat else None,
                disk_free_bytes=beat.disk_free_bytes if beat else None,
            )
        )
    return infos


def _maybe_aware(moment: datetime | None) -> datetime | None:
    return _aware(moment) if moment else None


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
