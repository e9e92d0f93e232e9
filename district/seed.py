"""A realistic district for demos and benchmarks: schools, their kiosks (some offline, some never
seen), and years of cards with ratings, chips, roles, languages and comments as visitors give
them, follow-up requests (some overdue) and their answers.

Fast: rows are made in batches and written with one executemany per batch, or on PostgreSQL
with COPY, which writes a batch in one round trip. Deterministic: the same seed gives the same
district. Writes into an empty district only (the schools' short names would clash)."""

from __future__ import annotations

import hashlib
import json
import queue
import random
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text
from sqlalchemy.sql import TableClause

from district.web.queries.tables import card_choices, cards, followups, kiosks, schools

BATCH = 20_000

PLACES = (
    "Lincoln", "Roosevelt", "Washington", "Jefferson", "Franklin", "Madison", "Adams", "Jackson",
    "Kennedy", "King", "Chavez", "Douglass", "Tubman", "Parks", "Hamilton", "Monroe", "Grant",
    "Sequoia", "Oak Grove", "Maple", "Cedar", "Willow", "Pine Ridge", "Riverside", "Lakeview",
    "Hillcrest", "Sunnyside", "Valley", "Mesa", "Bayview", "Eastside", "Westwood", "Northgate",
    "Southridge", "Brookside", "Fairview", "Greenfield", "Highland", "Meadow", "Park",
)  # fmt: skip
KINDS = (("elem", "Elementary School"), ("middle", "Middle School"), ("high", "High School"))
WENT_WELL = ("friendly", "quick", "clear_info", "clean", "safe", "language_help")
COULD_IMPROVE = ("wait_time", "unclear_info", "staff_attitude", "signage", "language_access",
                 "parking")  # fmt: skip
ROLES: tuple[tuple[str | None, int], ...] = (
    ("parent", 55),
    ("student", 15),
    ("staff", 8),
    ("community", 10),
    ("other", 5),
    (None, 7),
)
LANGUAGES: tuple[tuple[str, int], ...] = (("en", 68), ("es", 27), ("vi", 3), ("zh", 2))
VERSIONS = ("1.4.2", "1.4.2", "1.4.2", "1.4.1", "1.3.9")
DISK_ERROR = "disk almost full: 180 MB left"
ERRORS = ("receiver unreachable: connection timed out", "TLS: certificate has expired", DISK_ERROR)
COMMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "good": ("The office staff were so kind to my son.", "Quick and friendly, thank you!",
                 "Ms. Rivera helped me register in five minutes.", "Very welcoming front desk.",
                 "Clear answers about the bus schedule."),
        "bad": ("I waited 25 minutes and nobody said hello.", "Nobody could tell me where the "
                "nurse was.", "The phone line is always busy.", "Parking is impossible at "
                "pickup.", "I was sent to three different offices."),
    },
    "es": {
        "good": ("El personal fue muy amable con mi hija.", "Me atendieron rápido, gracias.",
                 "Me explicaron todo en español.", "Muy buena atención en la oficina."),
        "bad": ("Esperé mucho tiempo para que me atendieran.", "No había nadie que hablara "
                "español.", "No entendí el formulario de inscripción.", "No hay "
                "estacionamiento para visitantes."),
    },
}  # fmt: skip
NAMES = ("Maria Garcia", "James Smith", "Nguyen Van An", "Ana Lopez", "Li Wei", "Aisha Johnson",
         "Carlos Hernandez", "Emily Davis", "Jose Martinez", "Fatima Ali")  # fmt: skip
ANSWERERS = ("office.manager", "principal", "front.desk", "counselor")
HOUR_WEIGHTS = [0] * 7 + [6, 14, 12, 9, 8, 9, 8, 9, 12, 6, 2] + [0] * 6
WEEKDAY_WEIGHTS = (20, 19, 18, 18, 16, 2, 0)


Rows = list[dict[str, Any]]
Batch = tuple[Rows, Rows, Rows]
"""A batch of cards, their chips and the answers to their follow-up requests."""


@dataclass(frozen=True)
class Plan:
    schools: int = 200
    kiosks: int = 1000
    cards: int = 1_000_000
    days: int = 730
    seed: int = 2026

    def __post_init__(self) -> None:
        if self.schools < 1:
            raise ValueError("schools: at least 1")
        if self.kiosks < self.schools:
            raise ValueError("kiosks: at least one per school")
        if self.cards < 0 or self.days < 1:
            raise ValueError("cards: 0 or more; days: at least 1")


@dataclass(frozen=True)
class Seeded:
    schools: int
    kiosks: int
    cards: int
    followups: int
    answers: int


def _offset(day: date) -> int:
    # US Eastern: daylight time from the second Sunday of March to the first Sunday of November.
    return -240 if (3, 10) <= (day.month, day.day) < (11, 3) else -300


class _Writer:
    """Inserts batches of rows: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.copy = conn.dialect.name == "postgresql"

    def write(self, table: TableClause | Table, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if not self.copy:
            self.conn.execute(insert(table), rows)
            return
        names = list(rows[0])
        raw: Any = self.conn.connection.driver_connection
        with raw.cursor() as cursor:
            columns = ", ".join(names)
            with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[n] for n in names])


CardsMaker = Callable[
    [Engine, "Plan", datetime, dict[int, float], int, Callable[[str], None]], tuple[int, int, int]
]
"""Makes the cards in the database instead of here (district.seed_postgres)."""


def seed(
    engine: Engine,
    plan: Plan,
    now: datetime,
    progress: Callable[[str], None],
    make_cards: CardsMaker | None = None,
) -> Seeded:
    """Fill the (empty) district database with ``plan``, the last card ``now``; the cards are
    built here and written in batches, or made by ``make_cards``."""
    rng = random.Random(plan.seed)
    today = now.date()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(schools)).scalar_one():
            raise ValueError("the database has schools already: seed an empty district")
        writer = _Writer(conn)
        school_rows = _schools(plan, rng)
        writer.write(schools, school_rows)
        ids = {r["slug"]: r["id"] for r in school_rows}
        if writer.copy:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('schools', 'id'), :n)"),
                         {"n": len(school_rows)})  # fmt: skip
        kiosk_rows = _kiosks(plan, rng, list(ids.values()), now)
        writer.write(kiosks, kiosk_rows)
    progress(f"{len(school_rows)} schools, {len(kiosk_rows)} kiosks")
    quality = {r["id"]: rng.uniform(3.0, 4.6) for r in school_rows}
    by_school: dict[int, list[str]] = {}
    for k in kiosk_rows:
        by_school.setdefault(k["school_id"], []).append(k["kiosk_id"])
    with engine.connect() as conn:
        start_seq = int(conn.execute(select(func.coalesce(func.max(cards.c.seq), 0))).scalar_one())
    if make_cards is not None:
        made, requests, answers = make_cards(engine, plan, now, quality, start_seq, progress)
    else:
        made, requests, answers = _write_batches(
            engine, _cards(plan, rng, today, now, quality, by_school, start_seq), progress
        )
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for table in ("cards", "followups"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'seq'), "
                        f"(SELECT coalesce(max(seq), 1) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    return Seeded(len(school_rows), len(kiosk_rows), made, requests, answers)


def _write_batches(
    engine: Engine, batches: Iterator[Batch], progress: Callable[[str], None]
) -> tuple[int, int, int]:
    """Write the batches with executemany, each in its own transaction."""
    made = requests = answers = 0
    # The next batch is made here while the database writes the last one (another process):
    # a writer thread and a queue of two batches, so neither waits for the other for long.
    ready: queue.Queue[Batch | None] = queue.Queue(maxsize=2)
    failed: list[BaseException] = []

    def write_all() -> None:
        try:
            while (batch := ready.get()) is not None:
                with engine.begin() as conn:
                    writer = _Writer(conn)
                    for table, rows in zip((cards, card_choices, followups), batch, strict=True):
                        writer.write(table, rows)
        except BaseException as exc:  # handed to the main thread, which stops making batches
            failed.append(exc)
            while ready.get() is not None:
                pass

    thread = threading.Thread(target=write_all, name="seed-writer")
    thread.start()
    try:
        for batch in batches:
            if failed:
                break
            ready.put(batch)
            made += len(batch[0])
            requests += sum(1 for r in batch[0] if r["followup_requested"])
            answers += len(batch[2])
            progress(f"{made:,} cards")
    finally:
        ready.put(None)
        thread.join()
    if failed:
        raise failed[0]
    return made, requests, answers


def _schools(plan: Plan, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for i in range(plan.schools):
        place = PLACES[i % len(PLACES)]
        slug_kind, kind = KINDS[(i // len(PLACES)) % len(KINDS)]
        round_ = i // (len(PLACES) * len(KINDS))
        suffix = f"-{round_ + 1}" if round_ else ""
        name = f"{place} {kind}" + (f" {round_ + 1}" if round_ else "")
        slug = f"{place.lower().replace(' ', '-')}-{slug_kind}{suffix}"
        rows.append({"id": i + 1, "slug": slug, "name": name})
    return rows


def _kiosks(
    plan: Plan, rng: random.Random, school_ids: list[int], now: datetime
) -> list[dict[str, Any]]:
    rows = []
    places = ("Front office", "Main entrance", "Family center", "Attendance office")
    registered = now - timedelta(days=plan.days + 30)
    # One draw per kiosk from its own slice of [0, 1), shuffled: each share below (never seen,
    # online, waiting, offline) is kept within a kiosk, so a district of 50 kiosks or more has
    # some of every kind (independent draws left the demo's 72 with none never seen).
    lucks = [(i + rng.random()) / plan.kiosks for i in range(plan.kiosks)]
    rng.shuffle(lucks)
    for i in range(plan.kiosks):
        school_id = school_ids[i % len(school_ids)]
        n = i // len(school_ids)
        row: dict[str, Any] = {
            "kiosk_id": f"k{school_id:04d}-{n + 1}",
            "school_id": school_id,
            "label": places[n % len(places)],
            "registered_at": registered,
            "last_heartbeat_at": None, "last_heartbeat_sent_at": None, "app_version": None,
            "pending": None, "oldest_pending_age_seconds": None, "last_error": None,
            "disk_free_bytes": None,
        }  # fmt: skip
        luck = lucks[i]
        if luck >= 0.02:  # 2 % were registered and never called
            if luck < 0.90:
                quiet = timedelta(seconds=rng.uniform(1, 100))
            elif luck < 0.95:
                quiet = timedelta(minutes=rng.uniform(3, 25))
            else:
                quiet = timedelta(hours=rng.uniform(1, 240))
            beat = now - quiet
            skew = rng.gauss(0, 2) if rng.random() < 0.97 else rng.uniform(-900, 900)
            offline = quiet > timedelta(minutes=30)
            error = rng.choice(ERRORS) if offline or rng.random() < 0.02 else None
            disk = int(rng.uniform(0.2, 60) * 1024**3)
            if error == DISK_ERROR:  # the disk it reports is the one its error is about
                disk = 180 * 1024**2
            row.update(
                last_heartbeat_at=beat,
                last_heartbeat_sent_at=beat + timedelta(seconds=skew),
                app_version=rng.choice(VERSIONS),
                pending=rng.randint(5, 400) if offline else rng.choice((0, 0, 0, 1, 2)),
                oldest_pending_age_seconds=quiet.total_seconds() if offline else None,
                last_error=error,
                disk_free_bytes=disk,
            )
        rows.append(row)
    return rows


def _rating(rng: random.Random, quality: float) -> int:
    return max(1, min(5, round(rng.gauss(quality, 1.0))))


def _cards(
    plan: Plan,
    rng: random.Random,
    today: date,
    now: datetime,
    quality: dict[int, float],
    by_school: dict[int, list[str]],
    start_seq: int,
) -> Iterator[Batch]:
    school_ids = list(by_school)
    first = today - timedelta(days=plan.days - 1)
    # Days weighted by weekday and the school year (summer is quiet); the last day is today.
    days = [first + timedelta(days=i) for i in range(plan.days)]
    weights = [
        WEEKDAY_WEIGHTS[d.weekday()] * (0.25 if d.month in (7,) else 1.0) + 0.01 for d in days
    ]
    hours = list(range(24))
    language_values = [code for code, _ in LANGUAGES]
    language_weights = [w for _, w in LANGUAGES]
    role_values = [r for r, _ in ROLES]
    role_weights = [w for _, w in ROLES]
    seq = start_seq
    left = plan.cards
    while left > 0:
        n = min(BATCH, left)
        left -= n
        card_rows: list[dict[str, Any]] = []
        choice_rows: list[dict[str, Any]] = []
        answer_rows: list[dict[str, Any]] = []
        # Drawn a batch at a time: one call per batch instead of one per card.
        chosen_days = rng.choices(days, weights=weights, k=n)
        chosen_hours = rng.choices(hours, weights=HOUR_WEIGHTS, k=n)
        chosen_schools = rng.choices(school_ids, k=n)
        chosen_languages = rng.choices(language_values, weights=language_weights, k=n)
        chosen_roles = rng.choices(role_values, weights=role_weights, k=n)
        for day, hour, school_id, language, role in zip(
            chosen_days, chosen_hours, chosen_schools, chosen_languages, chosen_roles, strict=True
        ):
            seq += 1
            kiosk_id = rng.choice(by_school[school_id])
            offset = _offset(day)
            local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))
            created = (local - timedelta(minutes=offset)).replace(tzinfo=UTC)
            if created > now:  # today's cards stop at now, and stay in the office's hours:
                local_now = (now + timedelta(minutes=offset)).replace(tzinfo=None)
                opening = datetime.combine(day, time(7))
                if local_now > opening:  # earlier today
                    local = opening + (local_now - opening) * rng.random()
                elif day - timedelta(days=7) >= first:  # else that hour a week before
                    day -= timedelta(days=7)
                    offset = _offset(day)
                    local = datetime.combine(day, local.time())
                else:  # a district of less than a week: just before now
                    local = local_now - timedelta(minutes=rng.uniform(1, 60))
                local = local.replace(microsecond=0)
                created = (local - timedelta(minutes=offset)).replace(tzinfo=UTC)
                day, hour = local.date(), local.hour
            # A school's quality drifts a little across the two years.
            drift = 0.3 * ((day - first).days / plan.days - 0.5) * (1 if school_id % 3 else -1)
            rating = _rating(rng, quality[school_id] + drift)
            comment = None
            if rng.random() < 0.22:
                pool = COMMENTS.get(language, COMMENTS["en"])["good" if rating >= 4 else "bad"]
                comment = rng.choice(pool)
            well = rng.sample(WENT_WELL, rng.choice((0, 1, 1, 2))) if rating >= 3 else []
            better = rng.sample(COULD_IMPROVE, rng.choice((0, 1, 1, 2))) if rating <= 3 else []
            asks = rng.random() < (0.12 if rating <= 2 else 0.02)
            contact: dict[str, Any] = {
                "contact_name": None, "contact_phone": None, "contact_email": None,
            }  # fmt: skip
            if asks:
                name = rng.choice(NAMES)
                contact = {
                    "contact_name": name,
                    "contact_phone": f"555-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
                    "contact_email": name.lower().replace(" ", ".") + "@example.org",
                }
            card_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            stamp = local.replace(tzinfo=timezone(timedelta(minutes=offset)))
            finalised = created + timedelta(seconds=rng.uniform(20, 120))
            body_fields = {
                "schema_version": 1, "id": card_id, "kiosk_id": kiosk_id, "app_version": "1.4.2",
                "rating": rating, "language": language, "role": role, "went_well": well,
                "could_improve": better, "comment": comment, "followup_requested": asks,
                **contact, "created_at": stamp.isoformat(),
                "finalised_at": finalised.astimezone(stamp.tzinfo).isoformat(),
            }  # fmt: skip
            body = json.dumps(body_fields, separators=(",", ":"), ensure_ascii=False)
            card_rows.append(
                {
                    "seq": seq, "id": card_id, "kiosk_id": kiosk_id,
                    "body_sha256": hashlib.sha256(body.encode()).hexdigest(), "body": body,
                    "received_at": finalised + timedelta(seconds=rng.uniform(1, 90)),
                    "school_id": school_id, "rating": rating, "language": language,
                    "role": role, "comment": comment, "followup_requested": asks, **contact,
                    "created_at_utc": created, "created_offset_minutes": offset,
                    "local_date": day, "local_hour": hour, "local_weekday": day.weekday(),
                    "finalised_at_utc": finalised, "app_version": "1.4.2", "resolution": None,
                }
            )  # fmt: skip
            choice_rows += [{"card_seq": seq, "kind": "went_well", "choice": c} for c in well]
            choice_rows += [{"card_seq": seq, "kind": "could_improve", "choice": c} for c in better]
            if asks:
                answer = _answer(rng, card_id, kiosk_id, created, now)
                if answer is not None:
                    answer_rows.append(answer)
        yield card_rows, choice_rows, answer_rows


def _answer(
    rng: random.Random, card_id: str, kiosk_id: str, asked: datetime, now: datetime
) -> dict[str, Any] | None:
    """Most requests are answered within a day; one in ten waits longer or is never answered."""
    if rng.random() < 0.08:
        return None
    wait = timedelta(hours=rng.lognormvariate(1.3, 0.9))
    answered = asked + wait
    if answered > now:
        return None
    by = rng.choice(ANSWERERS)
    body = json.dumps(
        {"card_id": card_id, "answered_at": answered.isoformat(), "answered_by": by},
        separators=(",", ":"),
    )
    return {
        "answer_key": f"{card_id}@{answered.isoformat()}",
        "card_id": card_id,
        "kiosk_id": kiosk_id,
        "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "body": body,
        "received_at": answered + timedelta(seconds=rng.uniform(5, 120)),
        "answered_at_utc": answered,
        "answered_by": by,
        "note": None,
    }
