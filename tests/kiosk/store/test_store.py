"""The store on a real SQLite file: round trips, migrations, and a machine that misbehaves."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from fake_clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.card import Card, Delivery
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.migrations import migrations


def new_card(clock: FakeClock, rating: int = 4, language: str = "es") -> Card:
    return Card.new(rating, language, "lincoln-1", "0.1.0", clock)


def test_a_card_round_trips_with_everything_a_visitor_gave(
    data_dir: Path, clock: FakeClock
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    card = new_card(clock)
    store.create(card)
    assert store.update(
        card.id,
        role="parent",
        went_well=["friendly", "quick"],
        comment="¡Muy amables! 👍",
        followup_requested=True,
        contact_name="Ana",
        contact_email="ana@example.org",
    )
    clock.advance(seconds=30)
    assert store.finalise(card.id)
    store.close()

    again = CardStore.in_dir(data_dir, clock).get(card.id)
    assert again is not None
    assert again.rating == 4 and again.language == "es" and again.role == "parent"
    assert again.went_well == ["friendly", "quick"] and again.could_improve == []
    assert again.comment == "¡Muy amables! 👍"
    assert again.followup_requested and again.contact_email == "ana@example.org"
    assert again.created_at == card.created_at
    assert again.created_at.utcoffset() == card.created_at.utcoffset()
    assert again.finalised_at is not None
    assert again.delivery is Delivery.PENDING


def test_a_final_card_cannot_be_changed(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    card = new_card(clock)
    store.create(card)
    store.finalise(card.id)
    assert not store.update(card.id, comment="later edit")
    assert not store.finalise(card.id)
    got = store.get(card.id)
    assert got is not None and got.comment is None


def test_the_file_is_in_wal_mode_with_full_sync(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_are_recorded_by_name_and_applied_once(data_dir: Path, clock: FakeClock) -> None:
    CardStore.in_dir(data_dir, clock).close()
    CardStore.in_dir(data_dir, clock).close()
    db = sqlite_utils.Database(data_dir / DB_FILENAME)
    names = [r["name"] for r in db["_sqlite_migrations"].rows]
    assert names == [m.name for m in migrations._migrations]


def test_an_older_database_is_backed_up_then_migrated(data_dir: Path, clock: FakeClock) -> None:
    path = data_dir / DB_FILENAME
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="0002_followup_answers")
    old.execute(
        "INSERT INTO cards (id, rating, language, created_at, utc_offset_min, local_date, "
        "kiosk_id, app_version, delivery) VALUES ('c1', 5, 'en', '2026-11-01T10:00:00.000000Z', "
        "-360, '2026-11-01', 'k', '0.0.1', 'pending')"
    )
    old.conn.commit()
    old.close()

    store = CardStore(path, clock)
    backups = list(data_dir.glob("cards.db.before-0002_followup_answers-*.bak"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT count(*) FROM cards").fetchone()[0] == 1
    assert "followup_note" in store.db["cards"].columns_dict
    card = store.get("c1")
    assert card is not None and card.rating == 5


def test_a_database_from_a_newer_kiosk_is_refused(data_dir: Path, clock: FakeClock) -> None:
    CardStore.in_dir(data_dir, clock).close()
    db = sqlite_utils.Database(data_dir / DB_FILENAME)
    db.table("_sqlite_migrations").insert(
        {"migration_set": "kiosk", "name": "9999_from_the_future", "applied_at": "2030"}
    )
    db.close()
    with pytest.raises(StoreEnvironmentError, match="newer version of the kiosk"):
        CardStore.in_dir(data_dir, clock)


def test_a_corrupt_file_is_an_environment_error(data_dir: Path, clock: FakeClock) -> None:
    (data_dir / DB_FILENAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreEnvironmentError, match="not a kiosk database"):
        CardStore.in_dir(data_dir, clock)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_database_is_an_environment_error_and_keeps_its_cards(
    data_dir: Path, clock: FakeClock
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    store.create(new_card(clock))
    store.close()
    for f in data_dir.iterdir():
        f.chmod(0o444)
    data_dir.chmod(0o555)
    try:
        with pytest.raises(StoreEnvironmentError):
            CardStore.in_dir(data_dir, clock).create(new_card(clock))
    finally:
        data_dir.chmod(0o755)
        for f in data_dir.iterdir():
            f.chmod(0o644)
    assert CardStore.in_dir(data_dir, clock).count() == 1


def test_a_read_only_connection_is_an_environment_error_and_keeps_its_cards(
    data_dir: Path, clock: FakeClock
) -> None:
    # Works as root too: SQLite itself refuses to write through a query_only connection.
    store = CardStore.in_dir(data_dir, clock)
    saved = new_card(clock)
    store.create(saved)
    store.db.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreEnvironmentError, match="read-only"):
        store.create(new_card(clock))
    store.close()
    again = CardStore.in_dir(data_dir, clock)
    assert again.count() == 1 and again.get(saved.id) is not None


def test_a_locked_database_is_an_environment_error(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    other = sqlite3.connect(data_dir / DB_FILENAME, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    store.db.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(StoreEnvironmentError, match="locked"):
            store.create(new_card(clock))
    finally:
        other.rollback()
        other.close()
    store.create(new_card(clock))
    assert store.count() == 1


def test_a_data_folder_that_cannot_be_made_is_an_environment_error(
    tmp_path: Path, clock: FakeClock
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreEnvironmentError, match="data folder cannot be created"):
        CardStore.in_dir(blocker / "data", clock)


def test_a_disk_full_error_is_an_environment_error(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    store.create(new_card(clock))
    # SQLite's own limit stands in for a full disk: the next page cannot be allocated.
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreEnvironmentError, match="disk is full"):
        for _ in range(200):
            c = new_card(clock)
            store.create(c)
            store.update(c.id, comment="x" * 2000)
    assert store.count() >= 1


def test_drafts_left_by_a_crash_become_final(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    card = new_card(clock)
    store.create(card)
    store.close()
    again = CardStore.in_dir(data_dir, clock)
    assert again.finalise_abandoned() == 1
    got = again.get(card.id)
    assert got is not None and got.delivery is Delivery.PENDING


def test_outbox_and_delivery_state(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    cards = []
    for i in range(5):
        clock.advance(minutes=1)
        card = new_card(clock, rating=1 + i % 5)
        store.create(card)
        store.finalise(card.id)
        cards.append(card)
    draft = new_card(clock)
    store.create(draft)
    assert [c.id for c in store.outbox(10)] == [c.id for c in cards]
    assert store.mark_delivered([cards[0].id, cards[1].id, draft.id]) == 2
    assert store.mark_rejected({cards[2].id: "schema"}) == 1
    status = store.outbox_status()
    assert (status.pending, status.rejected) == (2, 1)
    assert status.oldest_pending == cards[3].created_at
    rejected = store.get(cards[2].id)
    assert rejected is not None and rejected.delivery_error == "schema"


def test_outbox_reads_on_past_a_card_held_back(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    cards = []
    for _ in range(4):  # one moment for all: the order they were stored in orders them
        card = new_card(clock)
        store.create(card)
        store.finalise(card.id)
        cards.append(card)
    order = [c.id for c in cards]
    assert [c.id for c in store.outbox(10)] == order
    first = store.outbox(1)[0]
    assert [c.id for c in store.outbox(2, after=first)] == order[1:3]
    assert store.mark_held({first.id: "too large for the receiver"}) == 1
    held = store.get(first.id)
    assert held is not None and held.delivery is Delivery.PENDING
    assert held.delivery_error == "too large for the receiver"
    assert (store.outbox_status().pending, store.sync_status().held) == (4, 1)
    store.mark_delivered([first.id])  # the receiver took it later: the note goes
    delivered = store.get(first.id)
    assert delivered is not None and delivered.delivery_error is None
    assert store.sync_status().held == 0


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=st.text(min_size=1, max_size=500))
def test_any_comment_text_round_trips(tmp_path: Path, comment: str) -> None:
    clock = FakeClock()
    data = tmp_path / "prop"
    shutil.rmtree(data, ignore_errors=True)
    store = CardStore.in_dir(data, clock)
    card = new_card(clock)
    store.create(card)
    store.update(card.id, comment=comment)
    got = store.get(card.id)
    store.close()
    assert got is not None and got.comment == comment
