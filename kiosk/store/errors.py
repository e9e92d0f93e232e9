"""Where the machine's storage failures become a problem a person can be told about: the one map
from SQLite's result codes (and the system's error numbers) to StoreEnvironmentError, after
qutebrowser's misc/sql.py. Anything unmapped is a bug and propagates.

Every statement the store runs is inside ``store_errors``: the methods of CardStore (``_mapped``),
``CardStore.transaction()`` including its COMMIT (where a full disk shows in WAL mode: the
statements only touch the page cache, the commit appends to the log), and ``CardStore.read()``.
"""

from __future__ import annotations

import errno
import functools
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

log = logging.getLogger("kiosk.store")


class StoreProblem(StrEnum):
    """What the machine did, as the screens word it in the person's language."""

    FULL = "full"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    DAMAGED = "damaged"
    IO = "io"
    CANNOT_OPEN = "cannot_open"
    NEWER = "newer"  # written by a newer version of the kiosk


# SQLite's primary result codes caused by the environment rather than by our code, with the
# English line for logs and the command line.
_SQLITE_CODES = {
    sqlite3.SQLITE_BUSY: (StoreProblem.LOCKED, "the database is locked by another program"),
    sqlite3.SQLITE_LOCKED: (StoreProblem.LOCKED, "the database is locked by another program"),
    sqlite3.SQLITE_PROTOCOL: (StoreProblem.LOCKED, "the database is locked by another program"),
    sqlite3.SQLITE_READONLY: (StoreProblem.READ_ONLY, "the database file is read-only"),
    sqlite3.SQLITE_IOERR: (StoreProblem.IO, "the disk could not be read or written"),
    sqlite3.SQLITE_CORRUPT: (StoreProblem.DAMAGED, "the database file is damaged"),
    sqlite3.SQLITE_NOTADB: (StoreProblem.DAMAGED, "the file is not a kiosk database"),
    sqlite3.SQLITE_FULL: (StoreProblem.FULL, "the disk is full"),
    sqlite3.SQLITE_CANTOPEN: (StoreProblem.CANNOT_OPEN, "the database file cannot be opened"),
    sqlite3.SQLITE_PERM: (
        StoreProblem.CANNOT_OPEN,
        "permission to the database file was denied",
    ),
}

_ERRNOS = {
    errno.ENOSPC: StoreProblem.FULL,
    errno.EDQUOT: StoreProblem.FULL,
    errno.EROFS: StoreProblem.READ_ONLY,
    errno.EACCES: StoreProblem.CANNOT_OPEN,
    errno.EPERM: StoreProblem.CANNOT_OPEN,
}


class StoreEnvironmentError(Exception):
    """The machine, not the code, stopped a store operation. ``problem`` says what, for the
    screens to word; ``str()`` is an English line fit for the log and the command line."""

    def __init__(self, problem: StoreProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def _environment_error(exc: sqlite3.Error, path: Path) -> StoreEnvironmentError | None:
    """The environment problem behind a SQLite error, or None when it is a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    known = _SQLITE_CODES.get(code & 0xFF)
    if known is None:
        return None
    problem, reason = known
    return StoreEnvironmentError(problem, f"{reason} ({path})")


def os_environment_error(exc: OSError, what: str, path: Path) -> StoreEnvironmentError:
    """A failed file operation of the store (its folder, a backup copy): always the machine."""
    problem = _ERRNOS.get(exc.errno or 0, StoreProblem.IO)
    return StoreEnvironmentError(problem, f"{what} ({exc.strerror}: {path})")


@contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """Turn the machine's SQLite failures inside the block into StoreEnvironmentError."""
    try:
        yield
    except sqlite3.Error as exc:
        mapped = _environment_error(exc, path)
        if mapped is None:
            raise
        log.error("store: %s", mapped)
        raise mapped from exc


class _HasPath(Protocol):
    path: Path


S = TypeVar("S", bound=_HasPath)
P = ParamSpec("P")
R = TypeVar("R")


def _mapped(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A store method whose statements run inside ``store_errors``."""

    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store_errors(self.path):
            return method(self, *args, **kwargs)

    return functools.update_wrapper(wrapper, method)
