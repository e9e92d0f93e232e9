"""Where the machine's storage failures become words for a person: the one map from SQLite's
error codes to StoreEnvironmentError (after qutebrowser's misc/sql.py). Anything unmapped is a
bug and propagates."""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

log = logging.getLogger("kiosk.store")

# sqlite3 primary result codes caused by the environment rather than by our code.
_ENVIRONMENT_CODES = {
    sqlite3.SQLITE_BUSY: "the database is locked by another program",
    sqlite3.SQLITE_LOCKED: "the database is locked by another program",
    sqlite3.SQLITE_READONLY: "the database file is read-only",
    sqlite3.SQLITE_IOERR: "the disk could not be read or written",
    sqlite3.SQLITE_CORRUPT: "the database file is damaged",
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_CANTOPEN: "the database file cannot be opened",
    sqlite3.SQLITE_PROTOCOL: "the database is locked by another program",
    sqlite3.SQLITE_NOTADB: "the file is not a kiosk database",
    sqlite3.SQLITE_PERM: "permission to the database file was denied",
}


class StoreEnvironmentError(Exception):
    """The machine, not the code, stopped a store operation. ``str()`` is fit to show a person."""


def _environment_error(exc: sqlite3.Error, path: Path) -> StoreEnvironmentError | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    reason = _ENVIRONMENT_CODES.get(code & 0xFF)
    if reason is None:
        return None
    return StoreEnvironmentError(f"{reason} ({path})")


P = ParamSpec("P")
R = TypeVar("R")


def _mapped(method: Callable[P, R]) -> Callable[P, R]:
    """Turn environment failures inside a store method into StoreEnvironmentError."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        self = args[0]
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            mapped = _environment_error(exc, self.path)  # type: ignore[attr-defined]
            if mapped is None:
                raise
            log.error("store: %s", mapped)
            raise mapped from exc

    return wrapper


def integrity_check(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` on a store file, opened read-only: the problems, or [] if sound.

    For `kiosk doctor`, so it never migrates or writes. Raises StoreEnvironmentError when the file
    cannot be read as a database at all (not a database, damaged header, unreadable).
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error as exc:
        raise _environment_error(exc, path) or exc from exc
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        if not problems:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "cards" not in tables:
                problems.append("the file is a database but has no cards table")
        return problems
    except sqlite3.Error as exc:
        mapped = _environment_error(exc, path)
        if mapped is None:
            raise
        raise mapped from exc
    finally:
        conn.close()
