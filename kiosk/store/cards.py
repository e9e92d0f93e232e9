"""The kiosk's local store: one SQLite file, WAL, durable commits, versioned by named migrations.

Qt-free. Errors come in two kinds (after qutebrowser's misc/sql.py): StoreEnvironmentError for
what the machine did (disk full, read-only, locked, corrupt, cannot open), which the screens word
for a person, and everything else, which is a bug and propagates (kiosk.store.errors maps them).
Every statement of the kiosk runs here: other layers call the methods below, or hand one of the
store's query functions to ``read()``; the connection itself never leaves.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import sqlite_utils

from kiosk.core.card import Card, Clock, Delivery, parse_utc, system_clock, utc_iso
from kiosk.store.card_columns import INSERT, SELECT, edits, from_row, named, to_row
from kiosk.store.errors import (
    StoreEnvironmentError,
    StoreProblem,
    _mapped,
    os_environment_error,
    store_errors,
)
from kiosk.store.migrations import migrations

log = logging.getLogger("kiosk.store")

DB_FILENAME = "cards.db"
BUSY_TIMEOUT_MS = 3000

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class OutboxStatus:
    pending: int
    oldest_pending: datetime | None
    rejected: int
    held: int = 0  # of the pending: refused at the last attempt for now, e.g. too large (413)


@dataclass(frozen=True)
class FollowupRecord:
    """A manager's answer to a follow-up request, waiting to go to the district."""

    card_id: str
    answered_at: datetime
    answered_by: str | None
    note: str | None


@dataclass(frozen=True)
class SyncStatus:
    """What the UI and `kiosk sync` show about delivery to the district. The defaults are the
    status of a store never read: nothing counted, nothing tried."""

    pending: int = 0
    oldest_pending: datetime | None = None
    rejected: int = 0
    followups_pending: int = 0
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_kind: str | None = None  # "auth", "rate_limited", "network", "server", ...
    held: int = 0
    """Of the pending cards, those the receiver would not take at the last attempt but may take
    later (too large for its body limit): kept pending, tried again every sync, with the reason
    in their ``delivery_error``."""
    store_problem: StoreProblem | None = None
    """Set by the sync worker when the store itself stopped the last cycle (disk full,
    damaged): never written to the database, which may be what failed."""
    other_kiosks: tuple[tuple[str, int], ...] = ()
    """Of the pending cards, those made under another kiosk id than the one this kiosk sends as
    now (its ``kiosk_id`` was changed), by that id: the receiver takes a card only from the
    kiosk that made it, so they wait here until sent as that kiosk (`kiosk sync --as`)."""

    @property
    def other_kiosk(self) -> int:
        return sum(n for _, n in self.other_kiosks)


class CardStore:
    """All reads and writes of cards; one instance per thread (connections are not shared)."""

    def __init__(self, path: Path, clock: Clock = system_clock) -> None:
        self.path = path
        self.clock = clock
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_environment_error(
                exc, "the data folder cannot be created", path.parent
            ) from None
        with store_errors(path):
            self._open()

    @classmethod
    def in_dir(cls, data_dir: Path, clock: Clock = system_clock) -> CardStore:
        return cls(data_dir / DB_FILENAME, clock)

    def _open(self) -> None:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA schema_version").fetchone()  # the file exists from here on
        self._inode = os.stat(self.path).st_ino
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            log.warning("store: journal mode is %s, not WAL", mode)
        # FULL: a commit is on disk before the visitor sees the next screen (WAL alone with
        # NORMAL may lose the last commits on power loss, and a kiosk loses power).
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self._migrate()

    def _migrate(self) -> None:
        known = {m.name for m in migrations._migrations}
        applied = {m.name for m in migrations.applied(self.db)}
        newer = applied - known
        if newer:
            raise StoreEnvironmentError(
                StoreProblem.NEWER,
                f"the database was written by a newer version of the kiosk "
                f"(unknown migrations: {', '.join(sorted(newer))}; {self.path})",
            )
        pending = migrations.pending(self.db)
        if not pending:
            return
        if applied:
            backup = self.path.with_name(
                f"{self.path.name}.before-{pending[0].name}-{self.clock():%Y%m%d%H%M%S}.bak"
            )
            self.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
            try:
                shutil.copy2(self.path, backup)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    backup.unlink()  # a partial copy is no backup
                raise os_environment_error(
                    exc, "the database cannot be backed up", backup
                ) from None
            log.info("store: backed up to %s before migrating", backup)
        for m in pending:
            log.info("store: applying migration %s", m.name)
        migrations.apply(self.db)

    def close(self) -> None:
        self.db.close()

    def replaced(self) -> bool:
        """Whether the file at ``path`` is no longer the one this store has open (a recovery
        moved it aside for a fresh one): then ``reopen()``."""
        try:
            return os.stat(self.path).st_ino != self._inode
        except OSError:
            return True

    def reopen(self) -> None:
        """Open the file at ``path`` again (after kiosk.store.recover put a fresh one there):
        every holder of this store goes on with the new file."""
        with store_errors(self.path):
            self._open()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction (a savepoint inside another), committed when the block ends and
        rolled back if it raises. The connection it yields is for the store's own modules."""
        with store_errors(self.path), self.db.atomic():
            yield self.db.conn

    def read(
        self,
        query: Callable[Concatenate[sqlite3.Connection, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """Run one of the store's query functions (kiosk.store.reports, export_csv) on this
        store's connection, its failures mapped like every other statement's."""
        with store_errors(self.path):
            return query(self.db.conn, *args, **kwargs)

    # --- the visitor's card -------------------------------------------------------------

    @_mapped
    def create(self, card: Card) -> None:
        """Store a new card in one durable transaction."""
        with self.transaction() as conn:
            conn.execute(INSERT, to_row(card))
        log.debug("store: card %s created", card.id)

    @_mapped
    def update(self, card_id: str, /, **fields: Any) -> bool:
        """Change what a visitor gave on a card that is still a draft. False if it is final."""
        values = edits(fields)
        if not values:
            return self.get(card_id) is not None  # a step the visitor left empty
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as conn:
            cursor = conn.execute(
                f"UPDATE cards SET {sets} WHERE id = ? AND delivery = 'draft'",
                [*values.values(), card_id],
            )
        return cursor.rowcount == 1

    @_mapped
    def finalise(self, card_id: str) -> bool:
        """Close a card to further edits and put it in the outbox."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE cards SET delivery = 'pending', finalised_at = ? "
                "WHERE id = ? AND delivery = 'draft'",
                [utc_iso(self.clock()), card_id],
            )
        return cursor.rowcount == 1

    @_mapped
    def finalise_abandoned(self) -> int:
        """At start-up: drafts left by a crash or power cut are final with what they hold."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE cards SET delivery = 'pending', finalised_at = ? WHERE delivery = 'draft'",
                [utc_iso(self.clock())],
            )
        if cursor.rowcount:
            log.info("store: finalised %d card(s) left open by the last run", cursor.rowcount)
        return cursor.rowcount

    @_mapped
    def get(self, card_id: str) -> Card | None:
        rows = named(self.db.conn.execute(f"SELECT {SELECT} FROM cards WHERE id = ?", [card_id]))
        found = next(rows, None)
        return from_row(found) if found else None

    @_mapped
    def count(self, delivery: Delivery | None = None) -> int:
        if delivery is None:
            return int(self.db.conn.execute("SELECT count(*) FROM cards").fetchone()[0])
        return int(
            self.db.conn.execute(
                "SELECT count(*) FROM cards WHERE delivery = ?", [delivery.value]
            ).fetchone()[0]
        )

    @_mapped
    def cards(self, since: datetime | None = None, limit: int = 1000) -> list[Card]:
        """Cards newest first, optionally only those created at or after ``since``."""
        where, args = ("WHERE created_at >= ?", [utc_iso(since)]) if since else ("", [])
        rows = self.db.conn.execute(
            f"SELECT {SELECT} FROM cards {where} ORDER BY created_at DESC LIMIT ?",
            [*args, limit],
        )
        return [from_row(r) for r in named(rows)]

    # --- the outbox (sync) ----------------------------------------------------------------

    @_mapped
    def outbox(
        self, limit: int, after: Card | None = None, kiosk_id: str | None = None
    ) -> list[Card]:
        """Final cards not yet acknowledged by the district, oldest first (ties in the order
        they were stored, as the outbox index has them); only those after ``after`` when given,
        so a sync can pass over a card it leaves pending; only those made as ``kiosk_id`` when
        given (the receiver refuses a card from any other kiosk than the one that made it)."""
        where, args = "", []
        if after is not None:
            where = "AND (created_at, rowid) > (?, (SELECT rowid FROM cards WHERE id = ?))"
            args = [utc_iso(after.created_at), after.id]
        if kiosk_id is not None:
            where += " AND kiosk_id = ?"
            args.append(kiosk_id)
        rows = self.db.conn.execute(
            f"SELECT {SELECT} FROM cards WHERE delivery = 'pending' {where} "
            "ORDER BY created_at, rowid LIMIT ?",
            [*args, limit],
        )
        return [from_row(r) for r in named(rows)]

    @_mapped
    def mark_delivered(self, card_ids: Iterable[str]) -> int:
        """Record the receiver's acknowledgement; only pending cards change."""
        ids = list(card_ids)
        now = utc_iso(self.clock())
        with self.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE cards SET delivery = 'delivered', delivered_at = ?, delivery_error = NULL "
                "WHERE id = ? AND delivery = 'pending'",
                [(now, i) for i in ids],
            )
        return cursor.rowcount

    @_mapped
    def mark_rejected(self, reasons: dict[str, str]) -> int:
        with self.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE cards SET delivery = 'rejected', delivery_error = ? "
                "WHERE id = ? AND delivery = 'pending'",
                [(reason, i) for i, reason in reasons.items()],
            )
        return cursor.rowcount

    @_mapped
    def mark_held(self, reasons: dict[str, str]) -> int:
        """Note why the receiver would not take a card this time (e.g. too large for its limit):
        the card stays pending and is tried again; delivery clears the note."""
        with self.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE cards SET delivery_error = ? WHERE id = ? AND delivery = 'pending'",
                [(reason, i) for i, reason in reasons.items()],
            )
        return cursor.rowcount

    @_mapped
    def outbox_status(self) -> OutboxStatus:
        pending, oldest, held = self.db.conn.execute(
            "SELECT count(*), min(created_at), count(delivery_error) FROM cards "
            "WHERE delivery = 'pending'"
        ).fetchone()
        rejected = self.db.conn.execute(
            "SELECT count(*) FROM cards WHERE delivery = 'rejected'"
        ).fetchone()[0]
        return OutboxStatus(
            pending=int(pending),
            oldest_pending=parse_utc(oldest) if oldest else None,
            rejected=int(rejected),
            held=int(held),
        )

    # --- follow-up answers and sync status (sync) -----------------------------------------

    @_mapped
    def followup_outbox(
        self, limit: int, after: FollowupRecord | None = None, kiosk_id: str | None = None
    ) -> list[FollowupRecord]:
        """Answers to follow-up requests not yet acknowledged by the district, oldest first
        (ties in the order the cards were stored); only those after ``after`` when given, only
        answers to cards made as ``kiosk_id`` when given."""
        where, args = "", []
        if after is not None:
            where = (
                "AND (followup_answered_at, rowid) > (?, (SELECT rowid FROM cards WHERE id = ?))"
            )
            args = [utc_iso(after.answered_at), after.card_id]
        if kiosk_id is not None:
            where += " AND kiosk_id = ?"
            args.append(kiosk_id)
        rows = self.db.conn.execute(
            "SELECT id, followup_answered_at, followup_answered_by, followup_note FROM cards "
            f"WHERE followup_delivery = 'pending' AND followup_answered_at IS NOT NULL {where} "
            "ORDER BY followup_answered_at, rowid LIMIT ?",
            [*args, limit],
        )
        return [
            FollowupRecord(card_id=i, answered_at=parse_utc(at), answered_by=by, note=note)
            for i, at, by, note in rows
        ]

    @_mapped
    def mark_followups_delivered(self, answers: Iterable[tuple[str, datetime]]) -> int:
        """Record acknowledged answers, keyed by (card id, answered_at): an answer given again
        while the first was on the wire stays pending and goes with the next sync."""
        keys = [(card_id, utc_iso(at)) for card_id, at in answers]
        with self.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE cards SET followup_delivery = 'delivered' WHERE id = ? "
                "AND followup_answered_at = ? AND followup_delivery = 'pending'",
                keys,
            )
        return cursor.rowcount

    @_mapped
    def record_sync_result(
        self, error: str | None = None, kind: str | None = None, *, got_through: bool = False
    ) -> None:
        """Remember how a sync cycle ended: success when ``error`` is None. ``got_through``: the
        cycle ran to its end but left ``error`` behind (a card too large for the receiver), so
        it is a success that keeps the error to show."""
        now = utc_iso(self.clock())
        with self.transaction() as conn:
            if error is None or got_through:
                conn.execute(
                    "UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, "
                    "last_error = ?, last_error_kind = ? WHERE id = 1",
                    [now, now, error, kind],
                )
            else:
                conn.execute(
                    "UPDATE sync_state SET last_attempt_at = ?, last_error = ?, "
                    "last_error_kind = ? WHERE id = 1",
                    [now, error, kind],
                )

    @_mapped
    def followups_pending(self, kiosk_id: str | None = None) -> int:
        """Answers waiting for the district (to cards made as ``kiosk_id``, when given)."""
        where, args = ("AND kiosk_id = ?", [kiosk_id]) if kiosk_id is not None else ("", [])
        return int(
            self.db.conn.execute(
                "SELECT count(*) FROM cards WHERE followup_delivery = 'pending' "
                f"AND followup_answered_at IS NOT NULL {where}",
                args,
            ).fetchone()[0]
        )

    @_mapped
    def sync_status(self, kiosk_id: str | None = None) -> SyncStatus:
        """The status as a kiosk sending as ``kiosk_id`` sees it: pending cards made under any
        other id are counted in ``other_kiosks`` (when None, every card counts as its own)."""
        outbox = self.outbox_status()
        others: tuple[tuple[str, int], ...] = ()
        if kiosk_id is not None:
            others = tuple(
                (str(k), int(n))
                for k, n in self.db.conn.execute(
                    "SELECT kiosk_id, count(*) FROM cards WHERE delivery = 'pending' "
                    "AND kiosk_id != ? GROUP BY kiosk_id ORDER BY kiosk_id",
                    [kiosk_id],
                )
            )
        followups = self.followups_pending()
        attempt, success, error, kind = self.db.conn.execute(
            "SELECT last_attempt_at, last_success_at, last_error, last_error_kind "
            "FROM sync_state WHERE id = 1"
        ).fetchone()
        return SyncStatus(
            pending=outbox.pending,
            oldest_pending=outbox.oldest_pending,
            rejected=outbox.rejected,
            followups_pending=int(followups),
            last_attempt=parse_utc(attempt) if attempt else None,
            last_success=parse_utc(success) if success else None,
            last_error=error,
            last_error_kind=kind,
            held=outbox.held,
            other_kiosks=others,
        )

    # --- the office manager -----------------------------------------------------------------

    @_mapped
    def resolve_followup(self, card_id: str, note: str | None, answered_by: str) -> bool:
        """Record the manager's answer to a follow-up request; it goes to the district next.

        False when the card asked for no follow-up or was already answered.
        """
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE cards SET followup_answered_at = ?, followup_answered_by = ?, "
                "followup_note = ?, followup_delivery = 'pending' "
                "WHERE id = ? AND followup_requested = 1 AND followup_answered_at IS NULL",
                [utc_iso(self.clock()), answered_by, note, card_id],
            )
        if cursor.rowcount:
            log.info("store: follow-up on card %s answered by %s", card_id, answered_by)
        return cursor.rowcount == 1

    @_mapped
    def purge_contacts(self, older_than_days: int) -> int:
        """Forget the contact details of delivered cards created more than N days ago."""
        cutoff = utc_iso(self.clock() - timedelta(days=older_than_days))
        with self.transaction() as conn:
            cursor = conn.execute(
                "UPDATE cards SET contact_name = NULL, contact_phone = NULL, contact_email = NULL "
                "WHERE delivery = 'delivered' AND created_at < ? AND (contact_name IS NOT NULL "
                "OR contact_phone IS NOT NULL OR contact_email IS NOT NULL)",
                [cutoff],
            )
        if cursor.rowcount:
            log.info("store: removed contact details from %d delivered card(s)", cursor.rowcount)
        return cursor.rowcount
