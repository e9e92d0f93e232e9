"""The seed's cards on PostgreSQL, made by the database itself: INSERT ... SELECT over
generate_series, a chunk at a time, from the same distributions as district.seed's Python path
(weekday and hour weights, each school's quality drifting over the years, languages, roles,
comments, chips, follow-up requests and their answers). Ten million cards this way take minutes
where rows built in Python and sent over take an hour: nothing crosses the connection but the
statements.

Reproducible: the same plan, seed and "now" make the same cards. Every random number of a card
is a hash of its seq, the draw's place in the statement and the plan's seed (PostgreSQL's
hashint8extended, the stable hash its hash partitioning relies on), and its id a version 4
UUID from an md5 of the same: nothing depends on the order the database happens to compute
rows in, as random() and gen_random_uuid() would. The schools and kiosks are made in Python."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, text

from district import seed as plan_of
from district.web.queries import page_rollups

CHUNK = 250_000


def _weighted(pairs: tuple[tuple[object, int], ...]) -> list[str]:
    """Each value repeated by its weight, for a uniform pick that follows the weights."""
    return [("" if v is None else str(v)) for v, w in pairs for _ in range(w)]


def _setup(
    conn: Connection, plan: plan_of.Plan, now: datetime, qualities: dict[int, float]
) -> None:
    first = now.date() - timedelta(days=plan.days - 1)
    weekdays = [d for d, w in enumerate(plan_of.WEEKDAY_WEIGHTS) for _ in range(w)]
    hours = [h for h, w in enumerate(plan_of.HOUR_WEIGHTS) for _ in range(w)]
    conn.execute(text("SET jit = off"))  # its compile time is most of a chunk's
    conn.execute(text("DROP TABLE IF EXISTS seed_school"))
    conn.execute(
        text(
            "CREATE TEMP TABLE seed_school AS SELECT k.school_id, q.quality, "
            "array_agg(k.kiosk_id ORDER BY k.kiosk_id) AS kiosks FROM kiosks k "
            "JOIN unnest(CAST(:ids AS int[]), CAST(:qs AS float8[])) AS q(school_id, quality) "
            "ON q.school_id = k.school_id GROUP BY k.school_id, q.quality"
        ),
        {"ids": list(qualities), "qs": list(qualities.values())},
    )
    conn.execute(text("DROP TABLE IF EXISTS seed_pick"))
    conn.execute(
        text(
            "CREATE TEMP TABLE seed_pick AS SELECT CAST(:weekdays AS int[]) AS weekdays, "
            "CAST(:first_weekday AS int) AS first_weekday, CAST(:weeks AS int) AS n_weeks, "
            "CAST(:hours AS int[]) AS hours, CAST(:langs AS text[]) AS langs, "
            "CAST(:roles AS text[]) AS roles, CAST(:well AS text[]) AS well, "
            "CAST(:better AS text[]) AS better, CAST(:names AS text[]) AS names, "
            "CAST(:by AS text[]) AS answerers, CAST(:first AS date) AS first_day, "
            "CAST(:n AS int) AS n_days, CAST(:now AS timestamptz) AS now, "
            "CAST(:schools AS int) AS n_schools, CAST(:en_good AS text[]) AS en_good, "
            "CAST(:en_bad AS text[]) AS en_bad, CAST(:es_good AS text[]) AS es_good, "
            "CAST(:es_bad AS text[]) AS es_bad"
        ),
        {
            "weekdays": weekdays, "first_weekday": first.weekday(),
            "weeks": (plan.days + 6) // 7, "hours": hours,
            "langs": _weighted(plan_of.LANGUAGES), "roles": _weighted(plan_of.ROLES),
            "well": list(plan_of.WENT_WELL), "better": list(plan_of.COULD_IMPROVE),
            "names": list(plan_of.NAMES), "by": list(plan_of.ANSWERERS), "first": first,
            "n": plan.days, "now": now, "schools": len(qualities),
            "en_good": list(plan_of.COMMENTS["en"]["good"]),
            "en_bad": list(plan_of.COMMENTS["en"]["bad"]),
            "es_good": list(plan_of.COMMENTS["es"]["good"]),
            "es_bad": list(plan_of.COMMENTS["es"]["bad"]),
        },
    )  # fmt: skip


# One chunk of cards, as a temp table first: the cards, their chips and their answers are all
# made from it, so a card's body, columns and chips agree. Each random() is replaced by a keyed
# draw below (_drawn).
_CHUNK_DRAWS = """
CREATE TEMP TABLE seed_chunk AS
WITH g AS (
  SELECT n AS seq,
         1 + floor(random() * p.n_schools)::int AS school_id_pick,
         -- A week at random, then a weekday by its weight, counted from the first day.
         least(7 * floor(random() * p.n_weeks)::int
               + (p.weekdays[1 + floor(random() * array_length(p.weekdays, 1))::int]
                  - p.first_weekday + 7) % 7, p.n_days - 1) AS day_index,
         p.hours[1 + floor(random() * array_length(p.hours, 1))::int] AS hour,
         floor(random() * 3600)::int AS second_of_hour,
         p.langs[1 + floor(random() * array_length(p.langs, 1))::int] AS language,
         nullif(p.roles[1 + floor(random() * array_length(p.roles, 1))::int], '') AS role,
         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS noise,
         random() AS r_comment, random() AS r_ask, random() AS r_pick
  FROM generate_series(CAST(:lo AS bigint), CAST(:hi AS bigint)) AS n, seed_pick p
), placed AS (
  SELECT g.*, s.kiosks[1 + floor(g.r_pick * array_length(s.kiosks, 1))::int] AS kiosk_id,
         s.quality + 0.3 * (g.day_index::float8 / p.n_days - 0.5)
           * (CASE WHEN g.school_id_pick % 3 = 0 THEN -1 ELSE 1 END) AS mean,
         (p.first_day + g.day_index) AS day0, p.now
  FROM g JOIN seed_school s ON s.school_id = g.school_id_pick, seed_pick p
), timed AS (
  SELECT placed.*,
         CASE WHEN (extract(month FROM day0), extract(day FROM day0)) >= (3, 10)
               AND (extract(month FROM day0), extract(day FROM day0)) < (11, 3)
              THEN -240 ELSE -300 END AS offset_minutes
  FROM placed
), made AS (
  SELECT timed.*,
         least(
           (day0 + make_interval(hours => hour, secs => second_of_hour)
              - make_interval(mins => offset_minutes)) AT TIME ZONE 'UTC',
           now - make_interval(secs => 60 + floor(r_pick * 36000)::int)
         ) AS created_at_utc,
         greatest(1, least(5, round(mean + noise)))::smallint AS rating
  FROM timed
)
SELECT seq,
       substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8'
         || substr(h, 18, 3) || '-' || substr(h, 21, 12) AS id,
       kiosk_id, school_id_pick AS school_id, rating,
       language, role, offset_minutes, created_at_utc,
       (created_at_utc AT TIME ZONE 'UTC' + make_interval(mins => offset_minutes)) AS local_at,
       CASE WHEN r_comment >= 0.22 THEN NULL
            WHEN language = 'es' AND rating >= 4 THEN p.es_good[1 + floor(random() * 4)::int]
            WHEN language = 'es' THEN p.es_bad[1 + floor(random() * 4)::int]
            WHEN rating >= 4 THEN p.en_good[1 + floor(random() * 5)::int]
            ELSE p.en_bad[1 + floor(random() * 5)::int] END AS comment,
       r_ask < CASE WHEN rating <= 2 THEN 0.12 ELSE 0.02 END AS asks,
       -- Two different chips of six: the first at random, the second one to five further on.
       CASE WHEN rating < 3 OR n_well = 0 THEN ARRAY[]::text[]
            WHEN n_well = 1 THEN ARRAY[p.well[1 + c1]]
            ELSE ARRAY[p.well[1 + c1], p.well[1 + (c1 + c2) % 6]] END AS went_well,
       CASE WHEN rating > 3 OR n_better = 0 THEN ARRAY[]::text[]
            WHEN n_better = 1 THEN ARRAY[p.better[1 + c1]]
            ELSE ARRAY[p.better[1 + c1], p.better[1 + (c1 + c2) % 6]] END AS could_improve,
       p.names[1 + floor(random() * array_length(p.names, 1))::int] AS contact_name,
       created_at_utc + make_interval(secs => 20 + floor(random() * 100)::int) AS finalised_at,
       exp(1.3 + 0.9 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS answer_hours,
       random() < 0.92 AS answers
FROM (
  SELECT made.*, md5(CAST(:salt AS text) || ':' || seq) AS h,
         floor(random() * 6)::int AS c1, 1 + floor(random() * 5)::int AS c2,
         (ARRAY[0, 1, 1, 2])[1 + floor(random() * 4)::int] AS n_well,
         (ARRAY[0, 1, 1, 2])[1 + floor(random() * 4)::int] AS n_better
  FROM made
) AS made, seed_pick p
"""


def _drawn(sql: str) -> str:
    """``sql`` with its n-th random() replaced by a uniform draw in [0, 1) keyed by the card's
    seq (the column ``n`` until the CTE ``placed``, ``seq`` after), n and the plan's seed."""
    head, tail = sql.split("), placed AS (", 1)
    parts: list[str] = []
    draws = 0
    for piece, column in ((head, "n"), (tail, "seq")):
        pieces = piece.split("random()")
        out = pieces[0]
        for rest in pieces[1:]:
            draws += 1
            out += (
                f"((hashint8extended({column} * 64 + {draws}, CAST(:salt AS bigint))"
                f" & 2147483647)::float8 / 2147483648.0)" + rest
            )
        parts.append(out)
    assert draws < 64
    return "), placed AS (".join(parts)


_CHUNK = _drawn(_CHUNK_DRAWS)

_CARDS = """
INSERT INTO cards (seq, id, kiosk_id, body_sha256, body, received_at, school_id, rating,
  language, role, comment, followup_requested, contact_name, contact_phone, contact_email,
  created_at_utc, created_offset_minutes, local_date, local_hour, local_weekday,
  finalised_at_utc, app_version, resolution)
SELECT seq, id, kiosk_id, encode(sha256(convert_to(body, 'UTF8')), 'hex'), body,
  finalised_at + interval '30 seconds', school_id, rating, language, role, comment, asks,
  CASE WHEN asks THEN contact_name END, CASE WHEN asks THEN '555-0' || (seq % 900 + 100) END,
  CASE WHEN asks THEN lower(replace(contact_name, ' ', '.')) || '@example.org' END,
  created_at_utc, offset_minutes, local_at::date, extract(hour FROM local_at)::smallint,
  (extract(isodow FROM local_at) - 1)::smallint, finalised_at, '1.4.2', NULL
FROM (
  SELECT c.*, json_build_object(
    'schema_version', 1, 'id', id, 'kiosk_id', kiosk_id, 'app_version', '1.4.2',
    'rating', rating, 'language', language, 'role', role, 'went_well', to_json(went_well),
    'could_improve', to_json(could_improve), 'comment', comment, 'followup_requested', asks,
    'created_at', to_char(local_at, 'YYYY-MM-DD"T"HH24:MI:SS') ||
      CASE WHEN offset_minutes = -240 THEN '-04:00' ELSE '-05:00' END
  )::text AS body FROM seed_chunk c
) AS bodied
"""

_CHOICES = """
INSERT INTO card_choices (card_seq, kind, choice)
SELECT seq, 'went_well', unnest(went_well) FROM seed_chunk
UNION ALL
SELECT seq, 'could_improve', unnest(could_improve) FROM seed_chunk
"""

_ANSWERS = """
INSERT INTO followups (answer_key, card_id, kiosk_id, body_sha256, body, received_at,
  answered_at_utc, answered_by, note)
SELECT id || '@' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00',
  id, kiosk_id, encode(sha256(convert_to(body, 'UTF8')), 'hex'), body,
  at + interval '1 minute', at, answered_by, NULL
FROM (
  SELECT c.id, c.kiosk_id, a.at, a.answered_by,
    json_build_object('card_id', c.id, 'answered_at', a.at, 'answered_by', a.answered_by)::text
      AS body
  FROM seed_chunk c,
  LATERAL (SELECT c.created_at_utc + make_interval(secs => (c.answer_hours * 3600)::int) AS at,
                  (SELECT answerers[1 + (c.seq % array_length(answerers, 1))::int]
                   FROM seed_pick) AS answered_by) a
  WHERE c.asks AND c.answers AND a.at <= (SELECT now FROM seed_pick)
) AS answered
"""


def cards(
    engine: Engine,
    plan: plan_of.Plan,
    now: datetime,
    qualities: dict[int, float],
    start_seq: int,
    progress: Callable[[str], None],
) -> tuple[int, int, int]:
    """Make ``plan.cards`` cards after ``start_seq``; returns (cards, requests, answers)."""
    made = requests = answers = 0
    with engine.connect() as conn:
        _setup(conn, plan, now, qualities)
        # Into empty tables, the plain indexes are built once at the end, which is several
        # times faster than keeping them up to date row by row; unique ones stay (the id).
        rebuild = _plain_indexes(conn) if start_seq == 0 else []
        for name, _definition in rebuild:
            conn.execute(text(f'DROP INDEX "{name}"'))
        # Likewise the page rollups are filled once at the end, not upserted chunk by chunk.
        if start_seq == 0:
            page_rollups.set_triggers(conn, enabled=False)
        conn.commit()
        try:
            made, requests, answers = _chunks(conn, plan, start_seq, progress)
        finally:
            conn.rollback()
            for name, definition in rebuild:
                progress(f"index {name}")
                conn.execute(text(definition))
            if start_seq == 0:
                page_rollups.fill(conn, progress)
                page_rollups.set_triggers(conn, enabled=True)
            conn.commit()
    return made, requests, answers


def _plain_indexes(conn: Connection) -> list[tuple[str, str]]:
    rows = conn.execute(
        text(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname IN ('cards', 'card_choices') AND NOT x.indisunique "
            "AND NOT x.indisprimary"
        )
    )
    return [(name, definition) for name, definition in rows]


def _chunks(
    conn: Connection, plan: plan_of.Plan, start_seq: int, progress: Callable[[str], None]
) -> tuple[int, int, int]:
    made = requests = answers = 0
    for lo in range(start_seq + 1, start_seq + plan.cards + 1, CHUNK):
        hi = min(lo + CHUNK - 1, start_seq + plan.cards)
        conn.execute(text("DROP TABLE IF EXISTS seed_chunk"))
        conn.execute(text(_CHUNK), {"lo": lo, "hi": hi, "salt": plan.seed})
        conn.execute(text(_CARDS))
        conn.execute(text(_CHOICES))
        answers += conn.execute(text(_ANSWERS)).rowcount
        asked = conn.execute(text("SELECT count(*) FROM seed_chunk WHERE asks"))
        requests += int(asked.scalar_one())
        made += hi - lo + 1
        # Each chunk is its own transaction: a long seed can be stopped and its cards kept.
        conn.commit()
        progress(f"{made:,} cards")
    return made, requests, answers


def seed(
    engine: Engine, plan: plan_of.Plan, now: datetime, progress: Callable[[str], None]
) -> plan_of.Seeded:
    """district.seed.seed, with the cards made by PostgreSQL itself when it is PostgreSQL."""
    maker = cards if engine.dialect.name == "postgresql" else None
    return plan_of.seed(engine, plan, now, progress, maker)
