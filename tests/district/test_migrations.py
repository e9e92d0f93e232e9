"""The schema migrations (district/migrations), on SQLite and PostgreSQL: a database made by
the receiver before migrations, full of cards, upgrades with every card still there, paged the
same by ``GET /v1/cards``, and queryable by its new columns; a new database migrates to exactly
the tables the receiver declares."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import legacy_receiver
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from receiver_calls import get
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, Receiver
from sqlalchemy import Engine, create_engine, func, select, text

from district import accounts, db, kiosks, schema
from district.cli import main
from district.web.queries import page_rollups, rollup
from sync.protocol import FollowupAnswer, WireCard

BEFORE_MIGRATIONS = "0001_baseline"


# Every table the code declares: the receiver's, and the pages' rollups (kept by triggers).
DECLARED = [db.metadata, rollup.metadata, page_rollups.metadata]


def differences(engine: Engine, metadata: Any) -> list[Any]:
    with engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))


@pytest.fixture
def engine(database_url: str) -> Any:
    made = db.open_database(database_url)
    yield made
    made.dispose()


def test_a_new_database_migrates_to_exactly_the_declared_tables(engine: Engine) -> None:
    assert schema.current_revision(engine) is None
    assert schema.upgrade(engine) == (None, schema.newest_revision())
    assert differences(engine, DECLARED) == []
    assert schema.upgrade(engine)[0] == schema.newest_revision()  # again: nothing to do


def test_the_baseline_is_the_schema_of_the_receiver_before_migrations(engine: Engine) -> None:
    schema.upgrade(engine, BEFORE_MIGRATIONS)
    assert differences(engine, legacy_receiver.legacy) == []


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_serve_refuses_postgres_until_migrated_in_one_line(database_url: str) -> None:
    url = database_url
    result = CliRunner().invoke(main, ["serve", "--database", url])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "run `kiosk-receiver migrate` first" in line
    migrated = CliRunner().invoke(main, ["migrate", "--database", url])
    assert migrated.exit_code == 0, migrated.output
    assert f"to {schema.newest_revision()}" in migrated.output
    again = CliRunner().invoke(main, ["migrate", "--database", url])
    assert again.output == f"the database is at the newest revision, {schema.newest_revision()}\n"


def test_the_first_releases_database_gets_the_heartbeats_sent_at(engine: Engine) -> None:
    legacy_receiver.legacy.create_all(engine)
    with engine.begin() as conn:  # the kiosks table as the first release made it
        conn.execute(text("ALTER TABLE kiosks DROP COLUMN last_heartbeat_sent_at"))
    made = legacy_receiver.make_cards(10, [KIOSK_ID])
    legacy_receiver.fill(engine, made, [KIOSK_ID], first_release=True)
    schema.upgrade(engine)
    assert differences(engine, DECLARED) == []
    with engine.connect() as conn:
        beat = conn.execute(select(db.kiosks)).one()
    assert beat.kiosk_id == KIOSK_ID and beat.last_heartbeat_sent_at is None


CARDS = 2_500  # more than two backfill batches


@pytest.mark.slow
def test_a_full_database_of_the_receiver_before_migrations_upgrades(
    database_url: str, tokens_file: Path
) -> None:
    old = create_engine(database_url)
    legacy_receiver.legacy.create_all(old)
    made = legacy_receiver.make_cards(CARDS, [KIOSK_ID, OTHER_KIOSK_ID])
    filled = legacy_receiver.fill(old, made, [KIOSK_ID])
    with old.connect() as conn:
        before = conn.execute(select(legacy_receiver.cards).order_by(text("seq"))).all()
    old.dispose()

    receiver = Receiver(database_url, tokens_file).start()  # migrates, as `migrate` does
    try:
        engine = receiver.engine
        assert differences(engine, DECLARED) == []
        # Every card is there, paged by /v1/cards as before: same seq, moment and body.
        paged: list[dict[str, Any]] = []
        since = 0
        while page := get(receiver, f"/v1/cards?since={since}&limit=1000").json()["cards"]:
            paged += page
            since = page[-1]["seq"]
        assert [p["seq"] for p in paged] == [r.seq for r in before]
        assert [p["card"]["id"] for p in paged] == [r.id for r in before]
        by_id = {str(c.id): c for c in made}
        assert all(WireCard(**p["card"]) == by_id[p["card"]["id"]] for p in paged)

        with engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(db.cards))}
            chips = Counter(
                (kind, choice)
                for kind, choice in conn.execute(
                    select(db.card_choices.c.kind, db.card_choices.c.choice)
                )
            )
            answers = conn.execute(select(db.followups)).all()
        assert [rows[r.id].body for r in before] == [r.body for r in before]  # bodies as stored
        # The columns are what the receiver now fills at receipt.
        for card in made:
            row = rows[str(card.id)]
            expected = db.card_row(card, None)
            got = {k: getattr(row, k) for k in expected}
            for k in ("created_at_utc", "finalised_at_utc"):
                got[k] = db._maybe_aware(got[k])
            assert got == expected
        expected_chips = Counter(
            (kind, choice)
            for card in made
            for kind in db.CHOICE_KINDS
            for choice in set(getattr(card, kind))
        )
        assert chips == expected_chips
        assert len(answers) == len(filled.answers)
        for answer in answers:
            wire = FollowupAnswer.model_validate_json(answer.body)
            assert db._aware(answer.answered_at_utc) == wire.answered_at
            assert (answer.answered_by, answer.note) == (wire.answered_by, wire.note)

        # Queryable by the new columns: a day, a school once its kiosk is assigned, a chip.
        day = made[0].created_at.date()
        with engine.begin() as conn:
            on_day = conn.execute(
                select(func.count()).select_from(db.cards).where(db.cards.c.local_date == day)
            ).scalar_one()
            accounts.add_school(conn, "lincoln-elem", "Lincoln Elementary")
            kiosks.assign(conn, KIOSK_ID, "lincoln-elem")
            lincoln = accounts.school_by_slug(conn, "lincoln-elem")
            assert lincoln is not None
            at_school = conn.execute(
                select(func.count()).select_from(db.cards).where(db.cards.c.school_id == lincoln.id)
            ).scalar_one()
            friendly = conn.execute(
                select(func.count(func.distinct(db.card_choices.c.card_seq))).where(
                    db.card_choices.c.kind == "went_well", db.card_choices.c.choice == "friendly"
                )
            ).scalar_one()
        assert on_day == sum(c.created_at.date() == day for c in made)
        assert at_school == sum(c.kiosk_id == KIOSK_ID for c in made)
        assert friendly == sum("friendly" in c.went_well for c in made)
        # The heartbeat's kiosk is still there, with its numbers.
        (beat,) = [k for k in get(receiver, "/v1/kiosks").json() if k["kiosk_id"] == KIOSK_ID]
        assert (beat["pending"], beat["cards_received"]) == (3, CARDS // 2)
    finally:
        receiver.stop()


def test_a_body_that_does_not_read_stops_the_migration_naming_the_card(database_url: str) -> None:
    old = create_engine(database_url)
    legacy_receiver.legacy.create_all(old)
    legacy_receiver.fill(old, legacy_receiver.make_cards(5, [KIOSK_ID]), [])
    with old.begin() as conn:
        first = select(legacy_receiver.cards.c.id).order_by(legacy_receiver.cards.c.seq).limit(1)
        bad = conn.execute(first).scalar_one()
        conn.execute(
            legacy_receiver.cards.update()
            .where(legacy_receiver.cards.c.id == bad)
            .values(body='{"id": "not a card"}')
        )
    result = CliRunner().invoke(main, ["migrate", "--database", database_url])
    assert result.exit_code == 1 and "Traceback" not in result.output + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert f"the migration stopped and was rolled back: card {bad} (seq 1)" in line
    with old.connect() as conn:
        assert (
            conn.execute(select(func.count()).select_from(legacy_receiver.cards)).scalar_one() == 5
        )
    assert differences(old, legacy_receiver.legacy) == []  # the schema as it was
    old.dispose()
