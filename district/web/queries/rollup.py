"""The overview's rollup: cards per school, local day and rating, kept by the database itself.

A trigger on ``cards`` adds each inserted card to its row in the same transaction as the insert
(per row on SQLite; on PostgreSQL per statement, from the statement's transition table, so a
batch or a COPY adds its counts in one upsert). The overview then reads a few thousand rows
instead of millions of cards. Created, filled from the cards already there, and dropped by the
migration that introduced it (district/migrations)."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Date, Integer, MetaData, SmallInteger, Table, text

metadata = MetaData()

card_days = Table(
    "card_days",
    metadata,
    Column("school_id", Integer, primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("rating", SmallInteger, primary_key=True),
    Column("cards", Integer, nullable=False),
)

_SQLITE = [
    """CREATE TRIGGER card_days_on_insert AFTER INSERT ON cards
       WHEN NEW.school_id IS NOT NULL
       BEGIN
         INSERT INTO card_days (school_id, local_date, rating, cards)
         VALUES (NEW.school_id, NEW.local_date, NEW.rating, 1)
         ON CONFLICT (school_id, local_date, rating) DO UPDATE SET cards = cards + 1;
       END""",
]

_POSTGRES = [
    """CREATE FUNCTION card_days_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO card_days (school_id, local_date, rating, cards)
         SELECT school_id, local_date, rating, count(*) FROM new_cards
         WHERE school_id IS NOT NULL GROUP BY school_id, local_date, rating
         ON CONFLICT (school_id, local_date, rating)
         DO UPDATE SET cards = card_days.cards + EXCLUDED.cards;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER card_days_on_insert AFTER INSERT ON cards
       REFERENCING NEW TABLE AS new_cards FOR EACH STATEMENT EXECUTE FUNCTION card_days_add()""",
]

_FILL = """INSERT INTO card_days (school_id, local_date, rating, cards)
           SELECT school_id, local_date, rating, count(*) FROM cards
           WHERE school_id IS NOT NULL GROUP BY school_id, local_date, rating"""


def create(conn: Connection) -> None:
    """The table, filled from the cards there are, and the trigger that keeps it."""
    card_days.create(conn)
    conn.execute(text(_FILL))
    for statement in _POSTGRES if conn.dialect.name == "postgresql" else _SQLITE:
        conn.execute(text(statement))


def drop(conn: Connection) -> None:
    conn.execute(text("DROP TRIGGER IF EXISTS card_days_on_insert" + _on(conn)))
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP FUNCTION IF EXISTS card_days_add()"))
    card_days.drop(conn)


def _on(conn: Connection) -> str:
    return " ON cards" if conn.dialect.name == "postgresql" else ""
