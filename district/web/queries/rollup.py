"""Tables the pages read instead of millions of cards, kept by the database itself in the same
transaction as the insert or update that changes them (triggers: per row on SQLite; on
PostgreSQL per statement, from its transition tables, so a batch or a COPY is one upsert).

- ``card_days``: cards per school and local day, by rating; the overview and a school's faces
  and trend read a row per school and day instead of every card. A card given a school later (its
  kiosk assigned after it sent) moves from "no school" to that school's row.
- ``open_followups``: the follow-up requests that have no answer yet (a card asking for
  contact adds one; its first answer removes it), so the follow-ups page counts the open and
  overdue ones without looking at every request ever made.

Created, filled from what the database holds, and dropped by the migration that brought them
(district/migrations/versions/0003_dashboard_rollups.py)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    text,
)

metadata = MetaData()

RATINGS = range(1, 6)

card_days = Table(
    "card_days",
    metadata,
    Column("school_id", Integer, primary_key=True),
    Column("local_date", Date, primary_key=True),
    # The day's cards by rating: r1 very bad .. r5 excellent (one row per school and day).
    *(Column(f"r{n}", Integer, nullable=False) for n in RATINGS),
)

_R = ", ".join(f"r{n}" for n in RATINGS)
_ADD = ", ".join(f"r{n} = card_days.r{n} + EXCLUDED.r{n}" for n in RATINGS)
_ADD_SQLITE = ", ".join(f"r{n} = r{n} + excluded.r{n}" for n in RATINGS)


def _counts(rating: str, sign: str = "") -> str:
    return ", ".join(f"{sign}count(*) FILTER (WHERE {rating} = {n})" for n in RATINGS)


def _flags(rating: str) -> str:
    return ", ".join(f"({rating} = {n})" for n in RATINGS)


open_followups = Table(
    "open_followups",
    metadata,
    Column("card_id", String(36), primary_key=True),
    Column("created_at_utc", DateTime(timezone=True), nullable=False),
    # Its card's school (migration 0004 added it): the open ones are counted per school
    # without reading a card each.
    Column("school_id", Integer),
    Index("ix_open_followups_created", "created_at_utc"),
    Index("ix_open_followups_school", "school_id", "created_at_utc"),
)

# open_followups as this migration (0003) made it; 0004 adds school_id.
_open_followups_0003 = Table(
    "open_followups",
    MetaData(),
    Column("card_id", String(36), primary_key=True),
    Column("created_at_utc", DateTime(timezone=True), nullable=False),
    Index("ix_open_followups_created", "created_at_utc"),
)


def open_on_card_sqlite(with_school: bool) -> str:
    """SQLite's trigger adding a card's request to open_followups (0003's, or 0004's with the
    card's school)."""
    school = (", school_id", ", NEW.school_id") if with_school else ("", "")
    return f"""CREATE TRIGGER open_followups_on_card AFTER INSERT ON cards
       WHEN NEW.followup_requested
       BEGIN
         INSERT OR IGNORE INTO open_followups (card_id, created_at_utc{school[0]})
         VALUES (NEW.id, NEW.created_at_utc{school[1]});
       END"""


def card_days_add_postgres(with_school: bool) -> str:
    """PostgreSQL's function behind the cards' insert trigger: card_days, and open_followups
    (0003's, or 0004's with the card's school)."""
    school = ", school_id" if with_school else ""
    return f"""CREATE OR REPLACE FUNCTION card_days_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO card_days (school_id, local_date, {_R})
         SELECT school_id, local_date, {_counts("rating")} FROM new_cards
         WHERE school_id IS NOT NULL GROUP BY school_id, local_date
         ON CONFLICT (school_id, local_date) DO UPDATE SET {_ADD};
         INSERT INTO open_followups (card_id, created_at_utc{school})
         SELECT id, created_at_utc{school} FROM new_cards WHERE followup_requested
         ON CONFLICT (card_id) DO NOTHING;
         RETURN NULL;
       END $$"""


_SQLITE = [
    f"""CREATE TRIGGER card_days_on_insert AFTER INSERT ON cards
       WHEN NEW.school_id IS NOT NULL
       BEGIN
         INSERT INTO card_days (school_id, local_date, {_R})
         VALUES (NEW.school_id, NEW.local_date, {_flags("NEW.rating")})
         ON CONFLICT (school_id, local_date) DO UPDATE SET {_ADD_SQLITE};
       END""",
    f"""CREATE TRIGGER card_days_on_school AFTER UPDATE OF school_id ON cards
       WHEN OLD.school_id IS NOT NEW.school_id
       BEGIN
         UPDATE card_days SET {", ".join(f"r{n} = r{n} - (OLD.rating = {n})" for n in RATINGS)}
         WHERE school_id = OLD.school_id AND local_date = OLD.local_date;
         INSERT INTO card_days (school_id, local_date, {_R})
         SELECT NEW.school_id, NEW.local_date, {_flags("NEW.rating")}
         WHERE NEW.school_id IS NOT NULL
         ON CONFLICT (school_id, local_date) DO UPDATE SET {_ADD_SQLITE};
       END""",
    open_on_card_sqlite(with_school=False),
    """CREATE TRIGGER open_followups_on_answer AFTER INSERT ON followups
       BEGIN DELETE FROM open_followups WHERE card_id = NEW.card_id; END""",
]

_POSTGRES = [
    card_days_add_postgres(with_school=False),
    """CREATE TRIGGER card_days_on_insert AFTER INSERT ON cards
       REFERENCING NEW TABLE AS new_cards FOR EACH STATEMENT EXECUTE FUNCTION card_days_add()""",
    # A card moved to another school (its kiosk assigned after it sent): out of the old
    # school's row, into the new one's.
    f"""CREATE FUNCTION card_days_move() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO card_days (school_id, local_date, {_R})
         SELECT o.school_id, o.local_date, {_counts("o.rating", "-")}
         FROM old_cards o JOIN new_cards n USING (seq)
         WHERE o.school_id IS DISTINCT FROM n.school_id AND o.school_id IS NOT NULL
         GROUP BY o.school_id, o.local_date
         ON CONFLICT (school_id, local_date) DO UPDATE SET {_ADD};
         INSERT INTO card_days (school_id, local_date, {_R})
         SELECT n.school_id, n.local_date, {_counts("n.rating")}
         FROM new_cards n JOIN old_cards o USING (seq)
         WHERE o.school_id IS DISTINCT FROM n.school_id AND n.school_id IS NOT NULL
         GROUP BY n.school_id, n.local_date
         ON CONFLICT (school_id, local_date) DO UPDATE SET {_ADD};
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER card_days_on_school AFTER UPDATE ON cards
       REFERENCING OLD TABLE AS old_cards NEW TABLE AS new_cards
       FOR EACH STATEMENT EXECUTE FUNCTION card_days_move()""",
    """CREATE FUNCTION open_followups_answered() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM open_followups o USING new_answers a WHERE o.card_id = a.card_id;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER open_followups_on_answer AFTER INSERT ON followups
       REFERENCING NEW TABLE AS new_answers
       FOR EACH STATEMENT EXECUTE FUNCTION open_followups_answered()""",
]

_FILL = [
    f"""INSERT INTO card_days (school_id, local_date, {_R})
       SELECT school_id, local_date,
              {", ".join(f"sum(CASE WHEN rating = {n} THEN 1 ELSE 0 END)" for n in RATINGS)}
       FROM cards WHERE school_id IS NOT NULL GROUP BY school_id, local_date""",
    """INSERT INTO open_followups (card_id, created_at_utc)
       SELECT c.id, c.created_at_utc FROM cards c
       WHERE c.followup_requested
         AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.card_id = c.id)""",
]

_TRIGGERS = {
    "card_days_on_insert": "cards",
    "card_days_on_school": "cards",
    "open_followups_on_card": "cards",
    "open_followups_on_answer": "followups",
}
_FUNCTIONS = ("card_days_add", "card_days_move", "open_followups_answered")


def create(conn: Connection) -> None:
    """The tables, filled from what is there, and the triggers that keep them."""
    metadata.create_all(conn, tables=[card_days])
    _open_followups_0003.create(conn)
    for statement in _FILL:
        conn.execute(text(statement))
    for statement in _POSTGRES if conn.dialect.name == "postgresql" else _SQLITE:
        conn.execute(text(statement))


def drop(conn: Connection) -> None:
    postgres = conn.dialect.name == "postgresql"
    for trigger, table in _TRIGGERS.items():
        on = f" ON {table}" if postgres else ""
        conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}{on}"))
    if postgres:
        for function in _FUNCTIONS:
            conn.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
    metadata.drop_all(conn)
