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
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    inspect,
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

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
_Seq = BigInteger().with_variant(Integer(), "sqlite")

cards = Table(
    "cards",
    metadata,
    Column("seq", _Seq, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("kiosk_id", String(64), nullable=False, index=True),
    Column("body_sha256", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
)

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
)

kiosks = Table(
    "kiosks",
    metadata,
    Column("kiosk_id", String(64), primary_key=True),
    Column("last_heartbeat_at", DateTime(timezone=True), nullable=False),
    Column("app_version", String(40), nullable=False),
    Column("pending", Integer, nullable=False),
    Column("oldest_pending_age_seconds", Float),
    Column("last_error", String(500)),
    Column("disk_free_bytes", BigInteger),
    # Added after the first release: nullable, and README says how to add it to a database
    # made before (check_schema refuses to start without it).
    Column("last_heartbeat_sent_at", DateTime(timezone=True)),
)

ADDED_COLUMNS = {("kiosks", "last_heartbeat_sent_at"): "TIMESTAMP WITH TIME ZONE"}
"""Columns added since tables were first created, with the type an ALTER TABLE gives them."""


class SchemaOutOfDate(Exception):
    """The database was created by an older receiver; the message says what to run."""


def open_database(url: str, busy_timeout_ms: int = 10_000) -> Engine:
    """An engine for ``url`` with the schema created. ``postgresql://`` means psycopg 3.

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
    try:
        metadata.create_all(engine)
        check_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def check_schema(engine: Engine) -> None:
    """Refuse to serve a database that lacks a column added since it was created (tables are
    created when missing, but never altered: that is a person's decision, see the README)."""
    found = inspect(engine)
    missing = [
        f"ALTER TABLE {table} ADD COLUMN {column} {kind};"
        for (table, column), kind in ADDED_COLUMNS.items()
        if column not in {c["name"] for c in found.get_columns(table)}
    ]
    if missing:
        raise SchemaOutOfDate(
            "the database was made by an older receiver; add the new column(s) first: "
            + " ".join(missing)
        )


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
) -> dict[str, ItemResult]:
    """Insert rows keyed by ``key``; each row has that key, ``body`` and the table's other
    columns. Returns each key's result: accepted, duplicate, or rejected as a conflict."""
    if not rows:
        return {}
    if conn.dialect.name == "postgresql":
        # Readers page by seq (`?since=`). PostgreSQL hands out sequence numbers outside the
        # transaction, so two kiosks' inserts could commit out of seq order and a reader past
        # the later one would never see the earlier. One writer at a time keeps seq order.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SEQ_ORDER_LOCK})
    received_at = _now()
    values = [{**r, "body_sha256": _sha256(r["body"]), "received_at": received_at} for r in rows]
    column = table.c[key]
    inserted = {
        k
        for (k,) in conn.execute(
            _insert(conn, table)
            .values(values)
            .on_conflict_do_nothing(index_elements=[key])
            .returning(column)
        )
    }
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
    return results


def card_row(card: WireCard) -> dict[str, Any]:
    return {"id": str(card.id), "kiosk_id": card.kiosk_id, "body": card.wire_json()}


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
    }


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


def kiosk_list(conn: Connection, known: frozenset[str]) -> list[KioskInfo]:
    """Every kiosk in the tokens file or with a heartbeat, with its card count."""
    counts: dict[str, int] = dict(
        (k, n)
        for k, n in conn.execute(select(cards.c.kiosk_id, func.count()).group_by(cards.c.kiosk_id))
    )
    beats = {r.kiosk_id: r for r in conn.execute(select(kiosks))}
    infos = []
    for kiosk_id in sorted(known | set(beats) | set(counts)):
        beat = beats.get(kiosk_id)
        received = _aware(beat.last_heartbeat_at) if beat else None
        sent = _aware(beat.last_heartbeat_sent_at) if beat and beat.last_heartbeat_sent_at else None
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


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
