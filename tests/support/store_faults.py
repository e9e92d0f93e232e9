"""The machine failing under the card store, made with real files and SQLite's own switches:
read-only (``query_only``), a full disk (``max_page_count``), a damaged file (pages overwritten),
a lock held by another program at COMMIT."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.store.cards import CardStore

PAGE_GARBAGE = 0x5A


def read_only(store: CardStore) -> CardStore:
    """SQLite refuses every write through this store's connection (works as root too)."""
    store.db.conn.execute("PRAGMA query_only = ON")
    return store


def disk_full(store: CardStore) -> CardStore:
    """The file cannot grow by a page more through this store's connection: a full disk."""
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")
    return store


def damage_cards(path: Path, only: int | None = None) -> list[str]:
    """Overwrite the leaf pages of the cards table in a closed store file: the file still opens
    and its other tables (the manager's settings, the migrations) still read, the cards do not.
    ``only``: overwrite only that leaf page (by its place among the leaves), so the cards on the
    others still read. Returns the ids of the cards on the pages overwritten."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            n
            for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'cards' AND pagetype = 'leaf' ORDER BY path"
            )
        ]
        if only is not None:
            leaves = [leaves[only]]
        every_id = [str(i) for (i,) in conn.execute("SELECT id FROM cards")]
    finally:
        conn.close()
    assert leaves, "no cards to damage"
    log = path.with_name(path.name + "-wal")
    assert not log.exists() or log.stat().st_size == 0, "close or checkpoint the store first"
    on_them: list[str] = []
    with path.open("r+b") as file:
        for n in leaves:
            file.seek((n - 1) * page_size)
            page = file.read(page_size)
            on_them += [i for i in every_id if i.encode() in page]  # a row holds its id as text
            file.seek((n - 1) * page_size)
            file.write(bytes([PAGE_GARBAGE]) * page_size)
    return on_them


class CommitBlocker:
    """Another program reading a rollback-journal store file: this store's next COMMIT waits for
    its lock and gives up. A real full disk fails a WAL store the same way, at COMMIT, when the
    log must grow; SQLite's page limit fails earlier, at the statement.

    ``block(store)`` must run on the store's thread with no other connection to the file open
    (leaving WAL mode needs the file to itself); ``release()`` may run on any thread.
    """

    def __init__(self) -> None:
        self.reader: sqlite3.Connection | None = None

    def block(self, store: CardStore) -> CardStore:
        store.db.conn.execute("PRAGMA journal_mode = DELETE")
        store.db.conn.execute("PRAGMA busy_timeout = 50")
        self.reader = sqlite3.connect(store.path, check_same_thread=False, isolation_level=None)
        self.reader.execute("BEGIN")
        self.reader.execute("SELECT count(*) FROM cards").fetchone()  # holds a shared lock
        return store

    def release(self) -> None:
        if self.reader is not None:
            self.reader.execute("ROLLBACK")
            self.reader.close()
            self.reader = None
