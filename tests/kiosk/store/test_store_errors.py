"""The store's one choke point for the machine's failures: every statement, COMMIT included,
ends as StoreEnvironmentError with the problem named, or as the bug it is; no card is lost."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils
from fake_clock import FakeClock
from manager_fixtures import seeded_store
from store_faults import CommitBlocker, damage_cards, disk_full, read_only

from kiosk.core.card import Card, Delivery
from kiosk.core.config import Config
from kiosk.store import reports
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.errors import StoreEnvironmentError, StoreProblem
from kiosk.store.manager_settings import ManagerSettings, SettingsChange
from kiosk.store.migrations import migrations


def final_cards(store: CardStore, clock: FakeClock, n: int) -> list[str]:
    ids = []
    for _ in range(n):
        card = Card.new(3, "en", "lincoln-1", "0.1.0", clock)
        card.comment = "x" * 500  # rows large enough that a batch of them needs new pages
        store.create(card)
        store.finalise(card.id)
        ids.append(card.id)
    return ids


def test_a_commit_the_machine_refuses_is_an_environment_error_and_loses_nothing(
    data_dir: Path, clock: FakeClock
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    ids = final_cards(store, clock, 3)
    blocker = CommitBlocker()
    blocker.block(store)
    try:
        with pytest.raises(StoreEnvironmentError) as refused, store.transaction():
            assert store.mark_delivered(ids) == 3  # the statements pass; the COMMIT cannot
    finally:
        blocker.release()
    assert refused.value.problem is StoreProblem.LOCKED
    assert store.count(Delivery.PENDING) == 3  # rolled back: still waiting to be sent
    assert store.mark_delivered(ids) == 3  # and the store carries on once the lock is gone


def _read_only(store: CardStore, clock: FakeClock) -> None:
    read_only(store)
    final_cards(store, clock, 1)


def _full(store: CardStore, clock: FakeClock) -> None:
    disk_full(store)
    final_cards(store, clock, 50)


def _damaged(store: CardStore, clock: FakeClock) -> None:
    store.close()
    damage_cards(store.path)
    CardStore(store.path, clock).read(reports.day_summary, clock().date())


@pytest.mark.parametrize(
    ("fault", "problem"),
    [
        (_read_only, StoreProblem.READ_ONLY),
        (_full, StoreProblem.FULL),
        (_damaged, StoreProblem.DAMAGED),
    ],
)
def test_each_failure_of_the_machine_names_its_problem(
    data_dir: Path,
    clock: FakeClock,
    fault: Callable[[CardStore, FakeClock], None],
    problem: StoreProblem,
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    final_cards(store, clock, 20)
    with pytest.raises(StoreEnvironmentError) as failed:
        fault(store, clock)
    assert failed.value.problem is problem
    assert str(data_dir) in str(failed.value)  # the log line names the file


def test_reads_for_other_layers_run_through_the_store_and_are_mapped(
    data_dir: Path, clock: FakeClock
) -> None:
    store = seeded_store(data_dir, clock)
    today = clock().date()
    assert store.read(reports.day_summary, today).tally.cards > 0
    report = store.read(reports.period_report, today - timedelta(days=2), today)
    assert [p.day for p in report.days] == [today - timedelta(days=d) for d in (2, 1, 0)]
    store.close()
    damage_cards(store.path)
    damaged = CardStore(store.path, clock)  # opens: its schema and migrations are intact
    with pytest.raises(StoreEnvironmentError, match="damaged") as failed:
        damaged.read(reports.period_report, today, today)
    assert failed.value.problem is StoreProblem.DAMAGED


def test_a_query_that_is_wrong_is_a_bug_not_the_machine(store: CardStore) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("SELECT no_such_column FROM cards")

    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        store.read(broken)


def test_the_managers_settings_on_a_read_only_store_are_an_environment_error(
    data_dir: Path, clock: FakeClock
) -> None:
    store = read_only(CardStore.in_dir(data_dir, clock))
    settings = ManagerSettings(store)
    with pytest.raises(StoreEnvironmentError) as refused:
        settings.save(SettingsChange(idle_timeout="120", retention_days="30"), Config())
    assert refused.value.problem is StoreProblem.READ_ONLY
    assert settings.overrides() == {}  # reads still work, and nothing half-saved


def test_a_backup_that_cannot_be_written_stops_the_migration_as_the_machines_fault(
    data_dir: Path, clock: FakeClock
) -> None:
    path = data_dir / DB_FILENAME
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="0002_followup_answers")
    old.close()
    # Folders where the backup would go: the copy fails there as it would on a full disk.
    blocked = data_dir / f"cards.db.before-0002_followup_answers-{clock():%Y%m%d%H%M%S}.bak"
    (blocked / DB_FILENAME).mkdir(parents=True)
    with pytest.raises(StoreEnvironmentError, match="cannot be backed up") as failed:
        CardStore(path, clock)
    assert failed.value.problem is StoreProblem.IO
    assert blocked.is_dir()  # what was there is left alone
    applied = {r["name"] for r in sqlite_utils.Database(path)["_sqlite_migrations"].rows}
    assert "0002_followup_answers" not in applied  # not migrated without its backup
