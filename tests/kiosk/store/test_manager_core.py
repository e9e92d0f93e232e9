"""The manager's Qt-free core on a real SQLite file: answers, retention, settings, CSV."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_fixtures import SEEDED_CARDS, cards_on, face_counts, seeded_store

from kiosk.core.card import utc_iso
from kiosk.core.config import Config
from kiosk.core.pin import verify_pin
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.export_csv import HEADER, write_csv
from kiosk.store.manager_settings import (
    DEFAULT_RETENTION_DAYS,
    ManagerSettings,
    SettingsChange,
    SettingsError,
    effective_settings,
    purge_expired_contacts,
    validate,
)


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> CardStore:
    return seeded_store(data_dir, clock)


def test_seed_writes_the_cards_asked_for_over_the_days_asked_for(
    store: CardStore, clock: FakeClock
) -> None:
    days = {c.created_at.date() for c in store.cards(limit=SEEDED_CARDS)}
    assert store.count() == SEEDED_CARDS
    assert max(days) == clock().date()
    assert (clock().date() - min(days)).days <= 19
    assert all(c.created_at <= clock() for c in store.cards(limit=SEEDED_CARDS))


def test_day_summary_counts_match_the_cards(store: CardStore, clock: FakeClock) -> None:
    today = clock().date()
    cards = cards_on(store, today)
    summary = reports.day_summary(store.db.conn, today)
    assert summary.tally.faces == face_counts(cards)
    assert summary.tally.average == pytest.approx(sum(c.rating for c in cards) / len(cards))
    chips = {chip: sum(chip in c.went_well for c in cards) for c in cards for chip in c.went_well}
    assert dict(summary.went_well) == chips
    assert sum(t.cards for _, t in summary.by_role) == len(cards)
    assert {lang: t.cards for lang, t in summary.by_language} == {
        lang: sum(c.language == lang for c in cards) for lang in {c.language for c in cards}
    }


def test_trend_has_every_day_and_sums_to_the_cards(store: CardStore, clock: FakeClock) -> None:
    today = clock().date()
    trend = reports.trend(store.db.conn, today - timedelta(days=29), today)
    assert len(trend.days) == 30
    assert trend.tally.cards == SEEDED_CARDS


def test_resolved_followup_survives_reopening_and_waits_for_sync(
    store: CardStore, data_dir: Path, clock: FakeClock
) -> None:
    waiting = reports.open_followups(store.db.conn)
    assert waiting, "the seed leaves some follow-ups open"
    first = waiting[0]
    assert store.resolve_followup(first.id, "Called, all sorted", "Ms. Ortiz")
    assert not store.resolve_followup(first.id, "again", "someone else")
    store.close()
    reopened = CardStore.in_dir(data_dir, clock)
    row = reopened.db.conn.execute(
        "SELECT followup_note, followup_answered_by, followup_delivery FROM cards WHERE id = ?",
        [first.id],
    ).fetchone()
    assert row == ("Called, all sorted", "Ms. Ortiz", "pending")
    assert first.id not in {f.id for f in reports.open_followups(reopened.db.conn)}


def test_retention_removes_only_old_delivered_contacts(store: CardStore, clock: FakeClock) -> None:
    def with_contact(where: str) -> int:
        return int(
            store.db.conn.execute(
                f"SELECT count(*) FROM cards WHERE contact_name IS NOT NULL AND {where}"
            ).fetchone()[0]
        )

    cutoff = utc_iso(clock() - timedelta(days=7))
    old_delivered = with_contact(f"delivery = 'delivered' AND created_at < '{cutoff}'")
    kept = with_contact(f"NOT (delivery = 'delivered' AND created_at < '{cutoff}')")
    assert old_delivered and kept
    assert store.purge_contacts(7) == old_delivered
    assert with_contact("1") == kept


def test_purge_uses_the_managers_retention_setting(store: CardStore, clock: FakeClock) -> None:
    ManagerSettings(store).save(SettingsChange(retention_days="1"), Config())
    purge_expired_contacts(store, Config())
    left = store.db.conn.execute(
        "SELECT count(*) FROM cards WHERE contact_name IS NOT NULL AND delivery = 'delivered' "
        "AND local_date < ?",
        [(clock().date() - timedelta(days=2)).isoformat()],
    ).fetchone()[0]
    assert left == 0


def test_settings_override_it_config_and_log_each_change(store: CardStore) -> None:
    config = Config(idle_timeout_seconds=45)
    settings = ManagerSettings(store)
    assert settings.effective(config).idle_timeout_seconds == 45
    changed = settings.save(
        SettingsChange(
            new_pin="2468",
            repeat_pin="2468",
            idle_timeout="90",
            default_language="es",
            retention_days="14",
        ),
        config,
    )
    assert set(changed) == {
        "pin_hash",
        "idle_timeout_seconds",
        "default_language",
        "contact_retention_days",
    }
    now = settings.effective(config)
    assert (now.idle_timeout_seconds, now.default_language, now.contact_retention_days) == (
        90,
        "es",
        14,
    )
    assert verify_pin("2468", now.pin_hash)
    logged = {key: (old, new) for _, key, old, new in settings.history()}
    assert logged["pin_hash"] == (None, "(set)")  # the hash itself never reaches the log
    assert logged["idle_timeout_seconds"] == (None, "90")
    # Emptying the idle field hands the value back to IT.
    settings.save(SettingsChange(idle_timeout="", retention_days="14"), config)
    assert settings.effective(config).idle_timeout_seconds == 45


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (SettingsChange(new_pin="12", repeat_pin="12", retention_days="30"), "pin", "pin_format"),
        (
            SettingsChange(new_pin="1234", repeat_pin="1243", retention_days="30"),
            "repeat_pin",
            "pin_mismatch",
        ),
        (SettingsChange(idle_timeout="5", retention_days="30"), "idle_timeout", "out_of_range"),
        (SettingsChange(idle_timeout="soon", retention_days="30"), "idle_timeout", "not_a_number"),
        (SettingsChange(retention_days="0"), "retention_days", "out_of_range"),
        (
            SettingsChange(default_language="fr", retention_days="30"),
            "default_language",
            "language",
        ),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_stored(
    store: CardStore, change: SettingsChange, field: str, reason: str
) -> None:
    settings = ManagerSettings(store)
    with pytest.raises(SettingsError) as caught:
        settings.save(change, Config())
    assert (caught.value.field, caught.value.reason) == (field, reason)
    assert settings.overrides() == {} and settings.history() == []


def test_every_default_round_trips_through_validation() -> None:
    config = Config()
    defaults = effective_settings(config, {})
    assert defaults.contact_retention_days == DEFAULT_RETENTION_DAYS
    submitted = SettingsChange(
        idle_timeout=str(defaults.idle_timeout_seconds),
        default_language=defaults.default_language,
        retention_days=str(defaults.contact_retention_days),
    )
    stored = {k: v for k, v in validate(submitted, config).items() if v is not None}
    assert effective_settings(config, stored) == replace(defaults, overridden=frozenset(stored))


def test_a_language_it_withdrew_falls_back_to_its_default() -> None:
    config = Config(languages=["en"], default_language="en")
    assert effective_settings(config, {"default_language": "es"}).default_language == "en"


def test_csv_parsed_back_equals_the_database(
    store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    today = clock().date()
    first = today - timedelta(days=2)
    out = tmp_path / "cards.csv"
    rows = write_csv(store.db.conn, first, today, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        parsed = list(csv.DictReader(handle))
    assert list(parsed[0]) == list(HEADER)
    by_id = {c.id: c for c in store.cards(limit=SEEDED_CARDS)}
    expected = [c for c in by_id.values() if first <= c.created_at.date() <= today]
    assert rows == len(parsed) == len(expected)
    for row in parsed:
        card = by_id[row["id"]]
        assert row["created_at_local"] == card.created_at.strftime("%Y-%m-%dT%H:%M:%S")
        assert int(row["rating"]) == card.rating
        assert row["language"] == card.language
        assert row["role"] == (card.role or "")
        assert (row["went_well"].split(";") if row["went_well"] else []) == card.went_well
        assert (row["could_improve"].split(";") if row["could_improve"] else []) == (
            card.could_improve
        )
        assert row["comment"] == (card.comment or "")
        assert row["followup_requested"] == str(int(card.followup_requested))
        assert row["contact_name"] == (card.contact_name or "")
        assert row["delivery"] == card.delivery.value


def test_csv_keeps_spanish_text_intact(store: CardStore, clock: FakeClock, tmp_path: Path) -> None:
    spanish = store.db.conn.execute(
        "SELECT local_date, comment FROM cards WHERE comment LIKE '%ñ%' LIMIT 1"
    ).fetchone()
    assert spanish is not None
    day = date.fromisoformat(spanish[0])
    write_csv(store.db.conn, day, day, tmp_path / "es.csv")
    assert spanish[1] in (tmp_path / "es.csv").read_text(encoding="utf-8-sig")


def test_day_tallies_are_read_from_the_covering_index(store: CardStore) -> None:
    plan = store.db.conn.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM cards WHERE local_date = '2026-11-24' "
        "AND rating = 5"
    ).fetchall()
    assert any("cards_date_rating" in str(step) for step in plan)
