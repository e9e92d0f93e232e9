"""The rollups of the overview over long periods, a school's page and the follow-ups page, kept
by the database like card_days (rollup.py): triggers in the same transaction as each card,
chip, answer or change of a card's school; per row on SQLite, per statement on PostgreSQL (from
transition tables).

- ``card_weeks``: card_days summed by ISO week (Monday to Sunday), kept by triggers on
  card_days itself, so it follows every change there (new cards, a card moved to a school).
  The overview over a long period reads a row per school and whole week, and card_days only
  for the days at its ends.
- ``card_day_facets``: per school and local day, how many cards had each value of a facet:
  ``role`` ('' for none), ``language``, ``hour`` ('weekday-hour', Monday 0) and each chip kind
  (``went_well``, ``could_improve``: the chip). A school's page over a year reads some 12,000
  of these rows instead of the year's cards and chips. A count can fall to 0 (a card moved to
  another school): readers keep only what is above 0.
- ``open_followups`` (migration 0003's) gets its card's school, so the follow-ups page counts
  each school's open and overdue requests from it alone.
- ``first_answers``: each follow-up request's first answer (earliest ``answered_at``, then the
  first stored), with the request's school, day and moment, so the follow-ups page lists the
  answered requests and each school's median time to answer from one indexed table.

Created, filled from what the database holds, and dropped by migration 0004_page_rollups."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
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

from district.web.queries import rollup
from district.web.queries.rollup import RATINGS

metadata = MetaData()

card_weeks = Table(
    "card_weeks",
    metadata,
    Column("school_id", Integer, primary_key=True),
    Column("week", Date, primary_key=True),  # its Monday
    *(Column(f"r{n}", Integer, nullable=False) for n in RATINGS),
)

_R = ", ".join(f"r{n}" for n in RATINGS)


def week_of(day: str, postgres: bool) -> str:
    """SQL of the Monday of ``day``'s ISO week."""
    if postgres:
        return f"CAST(date_trunc('week', {day}) AS date)"
    return f"date({day}, 'weekday 0', '-6 days')"  # the Sunday on or after it, less 6 days


def _weeks_upsert(postgres: bool) -> str:
    table = "card_weeks." if postgres else ""
    added = ", ".join(f"r{n} = {table}r{n} + excluded.r{n}" for n in RATINGS)
    return f"ON CONFLICT (school_id, week) DO UPDATE SET {added}"


def _weeks_from(source: str, values: str, postgres: bool) -> str:
    """An upsert into card_weeks of ``values`` (r1..r5 sums) of the card_days rows in
    ``source`` (aliased d)."""
    week = week_of("d.local_date", postgres)
    return f"""INSERT INTO card_weeks (school_id, week, {_R})
       SELECT d.school_id, {week}, {values} FROM {source}
       WHERE true GROUP BY d.school_id, {week} {_weeks_upsert(postgres)}"""


_SUMS = ", ".join(f"sum(d.r{n})" for n in RATINGS)
_CHANGES = ", ".join(f"sum(d.r{n} - o.r{n})" for n in RATINGS)

FACETS_OF_CARDS = ("role", "language", "hour")
CHIP_FACETS = ("went_well", "could_improve")

card_day_facets = Table(
    "card_day_facets",
    metadata,
    Column("school_id", Integer, primary_key=True),
    Column("local_date", Date, primary_key=True),
    Column("facet", String(16), primary_key=True),
    Column("value", String(40), primary_key=True),
    Column("cards", Integer, nullable=False),
)

first_answers = Table(
    "first_answers",
    metadata,
    Column("card_id", String(36), primary_key=True),
    Column("school_id", Integer),  # the request's card's school (NULL: kiosk not assigned)
    Column("local_date", Date, nullable=False),  # the request's local day
    Column("created_at_utc", DateTime(timezone=True), nullable=False),  # when it was asked
    Column("answered_at_utc", DateTime(timezone=True), nullable=False),
    Column("answered_by", String(80)),
    Column("answer_seq", BigInteger, nullable=False),  # followups.seq: ties go to the first
    Index("ix_first_answers_school_day", "school_id", "local_date", "created_at_utc"),
    Index("ix_first_answers_day", "local_date", "created_at_utc"),
)

# The three facets of a card's own columns, as (facet, SQL of its value over alias ``c``).
_VALUES: dict[str, Callable[[str], str]] = {
    "role": lambda c: f"coalesce({c}.role, '')",
    "language": lambda c: f"{c}.language",
    "hour": lambda c: f"{c}.local_weekday || '-' || {c}.local_hour",
}

_UPSERT = "ON CONFLICT (school_id, local_date, facet, value) DO UPDATE SET "
_ADD_PG = _UPSERT + "cards = card_day_facets.cards + EXCLUDED.cards"
_ADD_SQLITE = _UPSERT + "cards = cards + excluded.cards"


def _card_facets(source: str, sign: str, where: str, add: str) -> list[str]:
    """Upserts adding (sign '') or taking away ('-') the facets of the cards in ``source``
    (aliased c), grouped, one statement per facet."""
    return [
        f"""INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
           SELECT c.school_id, c.local_date, '{facet}', {value("c")}, {sign}count(*)
           FROM {source} WHERE {where} GROUP BY c.school_id, c.local_date, {value("c")}
           {add}"""
        for facet, value in _VALUES.items()
    ]


def _chip_facets(source: str, sign: str, where: str, add: str) -> str:
    """An upsert of the chips of the cards in ``source`` (aliased c, joined to their chips)."""
    return f"""INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
       SELECT c.school_id, c.local_date, ch.kind, ch.choice, {sign}count(*)
       FROM {source} WHERE {where} GROUP BY c.school_id, c.local_date, ch.kind, ch.choice
       {add}"""


_EARLIER_PG = (
    "WHERE (EXCLUDED.answered_at_utc, EXCLUDED.answer_seq)"
    " < (first_answers.answered_at_utc, first_answers.answer_seq)"
)
_TAKE_ANSWER = """ON CONFLICT (card_id) DO UPDATE SET answered_at_utc = EXCLUDED.answered_at_utc,
   answered_by = EXCLUDED.answered_by, answer_seq = EXCLUDED.answer_seq """


def _semi(statements: list[str]) -> str:
    return ";\n".join(statements) + ";"


_MOVED = "old_cards o JOIN new_cards n USING (seq)"
_MOVED_WHERE = "o.school_id IS DISTINCT FROM n.school_id"

_POSTGRES = [
    f"""CREATE FUNCTION card_weeks_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN {_weeks_from("new_days d", _SUMS, True)}; RETURN NULL; END $$""",
    """CREATE TRIGGER card_weeks_on_insert AFTER INSERT ON card_days
       REFERENCING NEW TABLE AS new_days FOR EACH STATEMENT EXECUTE FUNCTION card_weeks_add()""",
    f"""CREATE FUNCTION card_weeks_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         {_weeks_from("new_days d JOIN old_days o USING (school_id, local_date)", _CHANGES, True)};
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER card_weeks_on_update AFTER UPDATE ON card_days
       REFERENCING OLD TABLE AS old_days NEW TABLE AS new_days
       FOR EACH STATEMENT EXECUTE FUNCTION card_weeks_change()""",
    f"""CREATE FUNCTION card_day_facets_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         {_semi(_card_facets("new_cards c", "", "c.school_id IS NOT NULL", _ADD_PG))}
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER card_day_facets_on_insert AFTER INSERT ON cards
       REFERENCING NEW TABLE AS new_cards FOR EACH STATEMENT
       EXECUTE FUNCTION card_day_facets_add()""",
    f"""CREATE FUNCTION card_day_facets_chips() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         {
        _chip_facets(
            "new_chips ch JOIN cards c ON c.seq = ch.card_seq",
            "",
            "c.school_id IS NOT NULL",
            _ADD_PG,
        )
    };
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER card_day_facets_on_chips AFTER INSERT ON card_choices
       REFERENCING NEW TABLE AS new_chips FOR EACH STATEMENT
       EXECUTE FUNCTION card_day_facets_chips()""",
    # A card moved to another school: its facets and chips out of the old school's days and
    # into the new one's; its request's first answer goes with it.
    f"""CREATE FUNCTION page_rollups_move() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         {
        _semi(
            [
                *_card_facets(
                    f"(SELECT o.* FROM {_MOVED} WHERE {_MOVED_WHERE}) c",
                    "-",
                    "c.school_id IS NOT NULL",
                    _ADD_PG,
                ),
                *_card_facets(
                    f"(SELECT n.* FROM {_MOVED} WHERE {_MOVED_WHERE}) c",
                    "",
                    "c.school_id IS NOT NULL",
                    _ADD_PG,
                ),
                _chip_facets(
                    f"(SELECT o.* FROM {_MOVED} WHERE {_MOVED_WHERE}) c "
                    "JOIN card_choices ch ON ch.card_seq = c.seq",
                    "-",
                    "c.school_id IS NOT NULL",
                    _ADD_PG,
                ),
                _chip_facets(
                    f"(SELECT n.* FROM {_MOVED} WHERE {_MOVED_WHERE}) c "
                    "JOIN card_choices ch ON ch.card_seq = c.seq",
                    "",
                    "c.school_id IS NOT NULL",
                    _ADD_PG,
                ),
                f'''UPDATE first_answers a SET school_id = n.school_id FROM {_MOVED}
                WHERE {_MOVED_WHERE} AND a.card_id = n.id''',
                f'''UPDATE open_followups f SET school_id = n.school_id FROM {_MOVED}
                WHERE {_MOVED_WHERE} AND f.card_id = n.id''',
            ]
        )
    }
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER page_rollups_on_school AFTER UPDATE ON cards
       REFERENCING OLD TABLE AS old_cards NEW TABLE AS new_cards
       FOR EACH STATEMENT EXECUTE FUNCTION page_rollups_move()""",
    # The batch's earliest answer per request, kept if earlier than the one already there.
    f"""CREATE FUNCTION first_answers_add() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO first_answers (card_id, school_id, local_date, created_at_utc,
                                    answered_at_utc, answered_by, answer_seq)
         SELECT DISTINCT ON (a.card_id) a.card_id, c.school_id, c.local_date, c.created_at_utc,
                a.answered_at_utc, a.answered_by, a.seq
         FROM new_answers a JOIN cards c ON c.id = a.card_id
         WHERE c.followup_requested
         ORDER BY a.card_id, a.answered_at_utc, a.seq
         {_TAKE_ANSWER} {_EARLIER_PG};
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER first_answers_on_answer AFTER INSERT ON followups
       REFERENCING NEW TABLE AS new_answers
       FOR EACH STATEMENT EXECUTE FUNCTION first_answers_add()""",
]


def _sqlite_card(row: str, sign: str) -> list[str]:
    """Per-row upserts of one card's three facets (``row``: NEW or OLD)."""
    return [
        f"""INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
           SELECT {row}.school_id, {row}.local_date, '{facet}', {value(row)}, {sign}1
           WHERE {row}.school_id IS NOT NULL {_ADD_SQLITE}"""
        for facet, value in _VALUES.items()
    ]


def _sqlite_chips(row: str, sign: str) -> str:
    return f"""INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
       SELECT {row}.school_id, {row}.local_date, ch.kind, ch.choice, {sign}1
       FROM card_choices ch WHERE ch.card_seq = {row}.seq AND {row}.school_id IS NOT NULL
       {_ADD_SQLITE}"""


_SQLITE = [
    f"""CREATE TRIGGER card_weeks_on_insert AFTER INSERT ON card_days
       BEGIN
         INSERT INTO card_weeks (school_id, week, {_R})
         VALUES (NEW.school_id, {week_of("NEW.local_date", False)},
                 {", ".join(f"NEW.r{n}" for n in RATINGS)})
         {_weeks_upsert(False)};
       END""",
    f"""CREATE TRIGGER card_weeks_on_update AFTER UPDATE ON card_days
       BEGIN
         INSERT INTO card_weeks (school_id, week, {_R})
         VALUES (NEW.school_id, {week_of("NEW.local_date", False)},
                 {", ".join(f"NEW.r{n} - OLD.r{n}" for n in RATINGS)})
         {_weeks_upsert(False)};
       END""",
    f"""CREATE TRIGGER card_day_facets_on_insert AFTER INSERT ON cards
       WHEN NEW.school_id IS NOT NULL
       BEGIN {_semi(_sqlite_card("NEW", ""))} END""",
    f"""CREATE TRIGGER card_day_facets_on_chips AFTER INSERT ON card_choices
       BEGIN
         INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
         SELECT c.school_id, c.local_date, NEW.kind, NEW.choice, 1
         FROM cards c WHERE c.seq = NEW.card_seq AND c.school_id IS NOT NULL
         {_ADD_SQLITE};
       END""",
    f"""CREATE TRIGGER page_rollups_on_school AFTER UPDATE OF school_id ON cards
       WHEN OLD.school_id IS NOT NEW.school_id
       BEGIN
         {_semi(_sqlite_card("OLD", "-"))}
         {_semi(_sqlite_card("NEW", ""))}
         {_sqlite_chips("OLD", "-")};
         {_sqlite_chips("NEW", "")};
         UPDATE first_answers SET school_id = NEW.school_id WHERE card_id = NEW.id;
         UPDATE open_followups SET school_id = NEW.school_id WHERE card_id = NEW.id;
       END""",
    f"""CREATE TRIGGER first_answers_on_answer AFTER INSERT ON followups
       BEGIN
         INSERT INTO first_answers (card_id, school_id, local_date, created_at_utc,
                                    answered_at_utc, answered_by, answer_seq)
         SELECT NEW.card_id, c.school_id, c.local_date, c.created_at_utc,
                NEW.answered_at_utc, NEW.answered_by, NEW.seq
         FROM cards c WHERE c.id = NEW.card_id AND c.followup_requested
         {_TAKE_ANSWER}
         WHERE (excluded.answered_at_utc, excluded.answer_seq)
               < (first_answers.answered_at_utc, first_answers.answer_seq);
       END""",
]

# open_followups gets its card's school: a column, its index, and the insert that fills it.
_OPEN_SCHOOL = [
    "ALTER TABLE open_followups ADD COLUMN school_id INTEGER",
    "CREATE INDEX ix_open_followups_school ON open_followups (school_id, created_at_utc)",
]
_OPEN_SCHOOL_POSTGRES = [*_OPEN_SCHOOL, rollup.card_days_add_postgres(with_school=True)]
_OPEN_SCHOOL_SQLITE = [
    *_OPEN_SCHOOL,
    "DROP TRIGGER open_followups_on_card",
    rollup.open_on_card_sqlite(with_school=True),
]

_TRIGGERS = {
    "card_weeks_on_insert": "card_days",
    "card_weeks_on_update": "card_days",
    "card_day_facets_on_insert": "cards",
    "card_day_facets_on_chips": "card_choices",
    "page_rollups_on_school": "cards",
    "first_answers_on_answer": "followups",
}
_FUNCTIONS = (
    "card_weeks_add",
    "card_weeks_change",
    "card_day_facets_add",
    "card_day_facets_chips",
    "page_rollups_move",
    "first_answers_add",
)

FILL_BATCH = 2_000_000
"""About this many cards per backfill batch."""


def _fill(in_days: str) -> list[str]:
    """The rollups of the cards of some local days (``in_days``, over alias c): their facets,
    chips and first answers, as plain inserts (no batch meets another's rows)."""
    at_school = f"{in_days} AND c.school_id IS NOT NULL"
    # The three facets of the cards' own columns in one pass over them.
    facets = " UNION ALL ".join(f"SELECT '{facet}' AS facet" for facet in _VALUES)
    value = " ".join(f"WHEN '{facet}' THEN {v('c')}" for facet, v in _VALUES.items())
    value = f"CASE f.facet {value} END"
    return [
        f"""INSERT INTO card_day_facets (school_id, local_date, facet, value, cards)
           SELECT c.school_id, c.local_date, f.facet, {value}, count(*)
           FROM cards c CROSS JOIN ({facets}) AS f WHERE {at_school}
           GROUP BY c.school_id, c.local_date, f.facet, {value}""",
        _chip_facets("cards c JOIN card_choices ch ON ch.card_seq = c.seq", "", at_school, ""),
        f"""INSERT INTO first_answers (card_id, school_id, local_date, created_at_utc,
                                       answered_at_utc, answered_by, answer_seq)
           SELECT card_id, school_id, local_date, created_at_utc, answered_at_utc,
                  answered_by, seq
           FROM (SELECT c.id AS card_id, c.school_id, c.local_date, c.created_at_utc,
                        f.answered_at_utc, f.answered_by, f.seq,
                        row_number() OVER (PARTITION BY f.card_id
                                           ORDER BY f.answered_at_utc, f.seq) AS nth
                 FROM cards c JOIN followups f ON f.card_id = c.id
                 WHERE {in_days} AND c.followup_requested) AS answered
           WHERE nth = 1""",
    ]


def _day_batches(conn: Connection) -> list[str]:
    """Conditions on c.local_date that split the cards into runs of days of about FILL_BATCH
    cards each (counted from card_days), the first and last open-ended so that every card is
    in one (those of no school too). Each batch's rollup rows are its own: no batch adds to
    another's, so each is a plain insert rather than an upsert per row."""
    per_day = text(
        "SELECT local_date, sum(r1 + r2 + r3 + r4 + r5) FROM card_days"
        " GROUP BY local_date ORDER BY local_date"
    )
    starts: list[str] = []
    held = 0
    for day, n in conn.execute(per_day):
        if held >= FILL_BATCH:
            starts.append(str(day))
            held = 0
        held += int(n or 0)
    bounds = [None, *starts, None]
    conditions = []
    for first, after in itertools.pairwise(bounds):
        parts = [f"c.local_date >= '{first}'"] if first else []
        parts += [f"c.local_date < '{after}'"] if after else []
        conditions.append(" AND ".join(parts) or "true")
    return conditions


def fill(conn: Connection, progress: Callable[[str], None] = lambda _line: None) -> None:
    """Fill the (empty) rollups from the cards, chips, answers and card_days there."""
    postgres = conn.dialect.name == "postgresql"
    if postgres:  # each batch's groups fit in memory: no aggregate spills to disk
        conn.execute(text("SET LOCAL work_mem = '256MB'"))
    conn.execute(text(_weeks_from("card_days d", _SUMS, postgres)))
    conn.execute(
        text(
            "UPDATE open_followups SET school_id ="
            " (SELECT c.school_id FROM cards c WHERE c.id = open_followups.card_id)"
        )
    )
    batches = _day_batches(conn)
    for done, in_days in enumerate(batches, 1):
        for statement in _fill(in_days):
            conn.execute(text(statement))
        progress(f"page rollups: batch {done} of {len(batches)}")
    if postgres:  # the planner's statistics for the new tables, before the first page
        conn.execute(text("ANALYZE card_weeks, card_day_facets, first_answers"))


def create(conn: Connection, progress: Callable[[str], None] = lambda _line: None) -> None:
    """The tables, the triggers that keep them, then their rows from what is there. Triggers
    first: creating one locks its table against writes until this transaction commits, so no
    card can arrive between the backfill and the trigger and be missed."""
    postgres = conn.dialect.name == "postgresql"
    metadata.create_all(conn)
    for statement in _OPEN_SCHOOL_POSTGRES if postgres else _OPEN_SCHOOL_SQLITE:
        conn.execute(text(statement))
    for statement in _POSTGRES if postgres else _SQLITE:
        conn.execute(text(statement))
    fill(conn, progress)


def set_triggers(conn: Connection, enabled: bool) -> None:
    """PostgreSQL: switch the triggers off for a bulk load into empty tables (the seed), which
    then fills the rollups once with ``fill``, and on again."""
    state = "ENABLE" if enabled else "DISABLE"
    for trigger, table in _TRIGGERS.items():
        conn.execute(text(f"ALTER TABLE {table} {state} TRIGGER {trigger}"))


def drop(conn: Connection) -> None:
    postgres = conn.dialect.name == "postgresql"
    for trigger, table in _TRIGGERS.items():
        on = f" ON {table}" if postgres else ""
        conn.execute(text(f"DROP TRIGGER IF EXISTS {trigger}{on}"))
    if postgres:
        for function in _FUNCTIONS:
            conn.execute(text(f"DROP FUNCTION IF EXISTS {function}()"))
        conn.execute(text(rollup.card_days_add_postgres(with_school=False)))
    else:
        conn.execute(text("DROP TRIGGER open_followups_on_card"))
        conn.execute(text(rollup.open_on_card_sqlite(with_school=False)))
    conn.execute(text("DROP INDEX ix_open_followups_school"))
    conn.execute(text("ALTER TABLE open_followups DROP COLUMN school_id"))
    metadata.drop_all(conn)
