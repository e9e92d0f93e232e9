"""A damaged card file is not trusted again: it is kept aside as ``cards.db.damaged-<time>`` and
every card, setting and sync-state row that can still be read goes into a fresh file, with its
delivery state, so nothing pending is lost and nothing delivered is sent again (the receiver
deduplicates by card id in any case). Qt-free.

How cards are found in a file whose pages may be overwritten: the rowids come from every index
of the cards table (each holds every card's rowid) and from a scan of the table as far as it
reads; each card's row is then read by rowid ranges, and a range that fails is read one rowid at
a time, so one bad page costs only the cards on it. A card an index knows but whose row cannot be
read is counted as lost, by id when the primary-key index still has it.

The switch is crash-safe: the fresh file is built as ``cards.db.recovering`` and only renamed
into place once complete; ``recover_file`` finishes a switch a crash interrupted before anything
else.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.card import Clock, system_clock
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.errors import StoreProblem, os_environment_error, store_errors

log = logging.getLogger("kiosk.store")

RECOVERING_SUFFIX = ".recovering"
_CHUNK = 256
_SIDECARS = ("-wal", "-shm")
# Tables besides the cards moved row by row: the manager's settings and their log, the sync state.
_OTHER_TABLES = ("manager_settings", "manager_settings_log", "sync_state")


@dataclass(frozen=True)
class Recovery:
    """What a recovery did, for the log, the command line and the screens."""

    damaged: Path  # where the damaged file is kept
    cards: int  # cards moved into the fresh file
    pending: int  # of them, waiting for the district (drafts included: finalised at the open)
    delivered: int  # of them, already acknowledged by the district
    lost: int  # cards an index knew whose row could not be read
    lost_ids: list[str] = field(default_factory=list)
    settings: int = 0  # rows of the manager's settings, their log and the sync state moved

    def line(self) -> str:
        lost = f", {self.lost} could not be read" if self.lost else ""
        return (
            f"recovered {self.cards} card(s) ({self.pending} waiting to be sent, "
            f"{self.delivered} delivered{lost}) and {self.settings} settings row(s) into a fresh "
            f"database; the damaged file is kept as {self.damaged}"
        )


def is_damaged(path: Path) -> bool:
    """``PRAGMA quick_check`` on the store file (which must exist): True when SQLite finds it
    damaged or not a database. Raises StoreEnvironmentError for anything else the machine did
    (locked, unreadable)."""
    with store_errors(path):
        conn = sqlite3.connect(path, timeout=3.0)
        try:
            conn.execute("PRAGMA query_only = ON")
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if _damage(exc):
                return True
            raise
        finally:
            conn.close()
    return [r[0] for r in rows] != ["ok"]


def _damage(exc: sqlite3.Error) -> bool:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def open_checked(data_dir: Path, clock: Clock = system_clock) -> tuple[CardStore, Recovery | None]:
    """The store in ``data_dir``, recovered first into a fresh file when the quick check (or
    the opening itself) finds it damaged."""
    path = data_dir / DB_FILENAME
    recovery = _check(path, clock)
    return CardStore(path, clock), recovery


def check_store(data_dir: Path, clock: Clock = system_clock) -> Recovery | None:
    """The slow part of the kiosk's start, for a worker thread: the quick check, a recovery if
    the file is damaged, and the migrations. Leaves no connection open (a connection belongs to
    the thread that made it): the GUI thread then opens the checked file with ``CardStore``.
    Raises StoreEnvironmentError as ``CardStore`` does."""
    path = data_dir / DB_FILENAME
    recovery = _check(path, clock)
    CardStore(path, clock).close()
    return recovery


def _check(path: Path, clock: Clock) -> Recovery | None:
    if _interrupted(path) or (path.exists() and is_damaged(path)):
        return recover_file(path, clock)
    return None


def recover_in_place(store: CardStore) -> Recovery:
    """The running kiosk, when a statement found its file damaged: the same store object (the
    screens hold it) continues on a fresh file with everything readable from the old one."""
    store.close()
    try:
        return recover_file(store.path, store.clock)
    finally:
        store.reopen()  # the fresh file; the old one as it was if the recovery failed


def recover_file(path: Path, clock: Clock = system_clock) -> Recovery:
    """Keep the (damaged) file at ``path`` aside and put a fresh one with all it still holds in
    its place. No connection to ``path`` may be open."""
    fresh = path.with_name(path.name + RECOVERING_SUFFIX)
    finished = _finish_interrupted(path, fresh)
    if finished is not None:
        return finished
    _remove(fresh)
    stamp = f"{clock():%Y%m%d-%H%M%S}"
    damaged = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while damaged.exists():
        n += 1
        damaged = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    log.error("store: %s is damaged; recovering what can be read into a fresh file", path)
    target = CardStore(fresh, clock)  # the schema, by the migrations
    try:
        recovery = _copy(path, target, damaged)
    finally:
        target.close()  # the last connection: its log is checkpointed into the file
    _switch(path, fresh, damaged)
    log.warning("store: %s", recovery.line())
    return recovery


def _copy(path: Path, target: CardStore, damaged: Path) -> Recovery:
    with store_errors(path):
        source = sqlite3.connect(path, timeout=3.0)
    try:
        with contextlib.suppress(sqlite3.DatabaseError):
            source.execute("PRAGMA query_only = ON")
        new_columns = [r[1] for r in target.db.conn.execute("PRAGMA table_info(cards)")]
        old_columns = set(_columns(source, "cards"))
        columns = [c for c in new_columns if c in old_columns]
        known, ids = _known_rowids(source)
        copied: dict[str, int] = {"pending": 0, "delivered": 0, "draft": 0, "rejected": 0}
        lost: list[int] = []
        if columns:
            insert = (
                f"INSERT OR IGNORE INTO cards ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
            where = columns.index("delivery") if "delivery" in columns else None
            with target.transaction() as conn:
                for rowid, row in _rows(source, columns, sorted(known), lost):
                    try:
                        if conn.execute(insert, row).rowcount and where is not None:
                            state = str(row[where])
                            copied[state] = copied.get(state, 0) + 1
                    except sqlite3.IntegrityError:
                        lost.append(rowid)  # a row that reads but breaks the schema: garbage
        settings = _copy_others(source, target)
    finally:
        source.close()
    return Recovery(
        damaged=damaged,
        cards=sum(copied.values()),
        pending=copied["pending"] + copied["draft"],
        delivered=copied["delivered"],
        lost=len(lost),
        lost_ids=[ids[r] for r in lost if r in ids],
        settings=settings,
    )


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _known_rowids(source: sqlite3.Connection) -> tuple[set[int], dict[int, str]]:
    """Every rowid of the cards table any index or the table itself still shows, and the card
    id of each rowid the primary-key index still has."""
    rowids: set[int] = set()
    ids: dict[int, str] = {}
    try:
        indexes = [
            str(name)
            for (name,) in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cards'"
            )
        ]
    except sqlite3.DatabaseError:
        indexes = []
    for name in indexes:
        # Only what the index itself holds, so the table's (damaged) pages are not read; a
        # partial index cannot be forced and is passed over.
        if "id" in _index_columns(source, name):
            query = f'SELECT rowid, id FROM cards INDEXED BY "{name}"'
            pairs: list[tuple[int, str]] = []
            _collect(source, query, pairs.append)
            rowids.update(r for r, _ in pairs)
            ids.update(pairs)
        else:
            only: list[tuple[int]] = []
            _collect(source, f'SELECT rowid FROM cards INDEXED BY "{name}"', only.append)
            rowids.update(r for (r,) in only)
    scanned: list[tuple[int]] = []
    _collect(source, "SELECT rowid FROM cards NOT INDEXED", scanned.append)
    rowids.update(r for (r,) in scanned)
    return rowids, ids


def _index_columns(conn: sqlite3.Connection, index: str) -> list[str]:
    try:
        return [str(r[2]) for r in conn.execute(f'PRAGMA index_info("{index}")')]
    except sqlite3.DatabaseError:
        return []


def _collect(source: sqlite3.Connection, query: str, keep: Callable[[Any], object]) -> None:
    """Run ``query`` and hand each row to ``keep`` until the end or the first unreadable page."""
    try:
        for row in source.execute(query):
            keep(row)
    except sqlite3.DatabaseError as exc:
        if not _damage(exc):
            log.debug("store: recovery skipped %s: %s", query, exc)


def _rows(
    source: sqlite3.Connection, columns: list[str], rowids: list[int], lost: list[int]
) -> Iterable[tuple[int, tuple[object, ...]]]:
    """The rows of ``rowids`` that can be read, in ranges, one at a time where a range fails;
    the rowids that cannot be read go to ``lost``."""
    select = ", ".join(columns)
    for start in range(0, len(rowids), _CHUNK):
        chunk = rowids[start : start + _CHUNK]
        try:
            rows = source.execute(
                f"SELECT rowid, {select} FROM cards WHERE rowid BETWEEN ? AND ?",
                [chunk[0], chunk[-1]],
            ).fetchall()
        except sqlite3.DatabaseError:
            rows = []
            for rowid in chunk:
                with contextlib.suppress(sqlite3.DatabaseError):
                    rows += source.execute(
                        f"SELECT rowid, {select} FROM cards WHERE rowid = ?", [rowid]
                    ).fetchall()
        found = {r[0] for r in rows}
        lost += [r for r in chunk if r not in found]
        for row in rows:
            yield int(row[0]), tuple(row[1:])


def _copy_others(source: sqlite3.Connection, target: CardStore) -> int:
    """The manager's settings, their log and the sync state, as far as they read."""
    moved = 0
    for table in _OTHER_TABLES:
        theirs = set(_columns(source, table))
        ours = [r[1] for r in target.db.conn.execute(f"PRAGMA table_info({table})")]
        columns = [c for c in ours if c in theirs]
        if not columns:
            continue
        rows: list[tuple[object, ...]] = []
        _collect(source, f"SELECT {', '.join(columns)} FROM {table}", rows.append)
        with target.transaction() as conn:
            for row in rows:
                try:
                    conn.execute(
                        f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                        f"VALUES ({', '.join('?' for _ in columns)})",
                        row,
                    )
                    moved += 1
                except sqlite3.IntegrityError:
                    continue
    return moved


# --- the switch, and finishing one a crash interrupted ------------------------------------


def _switch(path: Path, fresh: Path, damaged: Path) -> None:
    """Old file aside (its log first, so a crash never leaves a log beside a file it does not
    belong to), then the fresh one in place."""
    try:
        for sidecar in _SIDECARS:
            old = path.with_name(path.name + sidecar)
            if old.exists():
                os.replace(old, damaged.with_name(damaged.name + sidecar))
        os.replace(path, damaged)
        os.replace(fresh, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise os_environment_error(exc, "the damaged database cannot be moved aside", path) from exc


def _orphan_log(path: Path) -> Path | None:
    """A damaged file's log moved aside while the file itself was not yet: the crash window."""
    for log_file in path.parent.glob(f"{path.name}.damaged-*-wal"):
        main = log_file.with_name(log_file.name[: -len("-wal")])
        if not main.exists():
            return main
    return None


def _interrupted(path: Path) -> bool:
    fresh = path.with_name(path.name + RECOVERING_SUFFIX)
    return fresh.exists() and (not path.exists() or _orphan_log(path) is not None)


def _finish_interrupted(path: Path, fresh: Path) -> Recovery | None:
    """Complete a switch a crash stopped after the fresh file was complete."""
    if not _interrupted(path):
        return None
    damaged = _orphan_log(path)
    try:
        if damaged is not None and path.exists():
            os.replace(path, damaged)
        os.replace(fresh, path)
    except OSError as exc:
        raise os_environment_error(
            exc, "the recovered database cannot be put in place", path
        ) from exc
    log.warning("store: finished moving the recovered database into place (%s)", path)
    return Recovery(damaged=damaged or path, cards=0, pending=0, delivered=0, lost=0)


def _remove(fresh: Path) -> None:
    for name in (fresh, *(fresh.with_name(fresh.name + s) for s in _SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = [
    "Recovery",
    "StoreProblem",
    "check_store",
    "is_damaged",
    "open_checked",
    "recover_file",
    "recover_in_place",
]
