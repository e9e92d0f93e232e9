"""`kiosk doctor`'s look at the card file: opened read-only, so it never migrates or writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.store.errors import store_errors


def integrity_check(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` on a store file: the problems, or [] if sound.

    Raises StoreEnvironmentError when the file cannot be read as a database at all (not a
    database, damaged header, unreadable).
    """
    with store_errors(path):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            problems = [str(r[0]) for r in rows if r[0] != "ok"]
            if not problems:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "cards" not in tables:
                    problems.append("the file is a database but has no cards table")
            return problems
        finally:
            conn.close()


def pending_by_kiosk(path: Path) -> dict[str, int]:
    """Cards waiting for the district, by the kiosk id they were made under (read-only)."""
    with store_errors(path):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = conn.execute(
                "SELECT kiosk_id, count(*) FROM cards WHERE delivery = 'pending' "
                "GROUP BY kiosk_id ORDER BY kiosk_id"
            )
            return {str(k): int(n) for k, n in rows}
        finally:
            conn.close()


def write_probe(path: Path) -> None:
    """Whether the kiosk could write the store file now, writing nothing to it: take the write
    lock (``BEGIN IMMEDIATE``), make a table (SQLite refuses a write statement on a file it
    could only open read-only, which the lock alone does not show), roll it back. Raises
    StoreEnvironmentError: read-only (file, folder or mount), locked by another program,
    damaged, cannot open."""
    with store_errors(path):
        conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("CREATE TABLE _doctor_write_probe (x)")
            finally:
                conn.execute("ROLLBACK")
        finally:
            conn.close()
