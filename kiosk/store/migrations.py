"""The store's schema, as named migrations (sqlite-utils): each applied once, in order, with its
record in the same transaction. A new one goes at the end; a published one never changes."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")


@migrations(name="0001_cards")
def _m0001_cards(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE cards (
            id TEXT PRIMARY KEY,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            language TEXT NOT NULL,
            role TEXT,
            went_well TEXT NOT NULL DEFAULT '[]',
            could_improve TEXT NOT NULL DEFAULT '[]',
            comment TEXT,
            followup_requested INTEGER NOT NULL DEFAULT 0,
            contact_name TEXT,
            contact_phone TEXT,
            contact_email TEXT,
            created_at TEXT NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            local_date TEXT NOT NULL,
            finalised_at TEXT,
            kiosk_id TEXT NOT NULL,
            app_version TEXT NOT NULL,
            delivery TEXT NOT NULL DEFAULT 'draft'
                CHECK (delivery IN ('draft', 'pending', 'delivered', 'rejected')),
            delivery_error TEXT,
            delivered_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX cards_outbox ON cards (delivery, created_at)")
    db.execute("CREATE INDEX cards_local_date ON cards (local_date, created_at)")


@migrations(name="0002_followup_answers")
def _m0002_followup_answers(db: sqlite_utils.Database) -> None:
    # The manager's answer to a follow-up request travels to the district on its own, so the
    # card itself is never rewritten after delivery.
    db.execute("ALTER TABLE cards ADD COLUMN followup_answered_at TEXT")
    db.execute("ALTER TABLE cards ADD COLUMN followup_answered_by TEXT")
    db.execute("ALTER TABLE cards ADD COLUMN followup_note TEXT")
    db.execute(
        "ALTER TABLE cards ADD COLUMN followup_delivery TEXT "
        "CHECK (followup_delivery IN ('pending', 'delivered'))"
    )
    db.execute(
        "CREATE INDEX cards_followups ON cards (followup_requested, followup_answered_at) "
        "WHERE followup_requested = 1"
    )


@migrations(name="0003_sync_state")
def _m0003_sync_state(db: sqlite_utils.Database) -> None:
    # One row: how the last sync went, so the UI and `kiosk sync` read the same status.
    db.execute(
        """
        CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_attempt_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            last_error_kind TEXT
        )
        """
    )
    db.execute("INSERT INTO sync_state (id) VALUES (1)")
    db.execute(
        "CREATE INDEX cards_followup_outbox ON cards (followup_delivery, followup_answered_at) "
        "WHERE followup_delivery = 'pending'"
    )


# --- the office manager's area ------------------------------------------------------------


@migrations(name="0004_manager_settings")
def _m0004_manager_settings(db: sqlite_utils.Database) -> None:
    # What the manager changes at the kiosk lives beside the cards, apart from IT's config file;
    # every change is kept in a log so a district can see who changed what and when.
    db.execute(
        "CREATE TABLE manager_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
        "changed_at TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE manager_settings_log (id INTEGER PRIMARY KEY, changed_at TEXT NOT NULL, "
        "key TEXT NOT NULL, old_value TEXT, new_value TEXT)"
    )


@migrations(name="0005_manager_report_indexes")
def _m0005_manager_report_indexes(db: sqlite_utils.Database) -> None:
    # Covering index: a day's or a month's face counts are read from the index alone, which
    # keeps the manager's summary fast with a million cards.
    db.execute("CREATE INDEX cards_date_rating ON cards (local_date, rating)")


@migrations(name="0006_card_resolution")
def _m0006_card_resolution(db: sqlite_utils.Database) -> None:
    # "Did you get what you came for today?": yes, partly or not_yet; NULL when not asked or not
    # answered, as every card made before this question was.
    db.execute("ALTER TABLE cards ADD COLUMN resolution TEXT")


@migrations(name="0007_resolution_index")
def _m0007_resolution_index(db: sqlite_utils.Database) -> None:
    # Covering index for "resolved on the first visit" over a week or a month: the manager's
    # summary reads the answers from the index alone (a month of a million-card file took half
    # a second from the table). Partial: cards whose visitor did not answer are not in it.
    db.execute(
        "CREATE INDEX cards_date_resolution ON cards (local_date, resolution) "
        "WHERE resolution IS NOT NULL"
    )
