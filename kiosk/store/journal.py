"""Visits the card store refused (disk full, read-only, damaged), kept in another folder until
the store takes them again. Qt-free.

One JSON line per snapshot of a card, appended and flushed to disk; the last line of an id is
the visit as it stood. The journal lives on another file system than the data folder when
there is one (the per-user cache folder, then the system's temporary folder), so a full disk
under the data folder does not also refuse it. ``merge_into`` moves every visit into the store
at the next start (or as soon as the store works again) and then removes the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Collection, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core.card import EDITABLE_FIELDS, Card, Delivery
from kiosk.core.paths import default_cache_dir
from kiosk.store.cards import CardStore

log = logging.getLogger("kiosk.store")

_DATETIMES = {f.name for f in dataclasses.fields(Card) if "datetime" in str(f.type)}
_DELIVERIES = {f.name for f in dataclasses.fields(Card) if "Delivery" in str(f.type)}


def journal_path(data_dir: Path, candidates: Iterable[Path] | None = None) -> Path | None:
    """Where the refused visits of the kiosk with this data folder go: the first candidate
    folder that can be written, preferring one on another file system. None when none can."""
    folders = list(candidates) if candidates is not None else _default_folders()
    name = f"unsaved-visits-{_key(data_dir)}.jsonl"
    usable = [f for f in folders if _writable(f)]
    if not usable:
        return None
    try:
        data_device = os.stat(data_dir).st_dev
    except OSError:
        data_device = None
    elsewhere = [f for f in usable if _device(f) != data_device]
    return (elsewhere or usable)[0] / name


def _default_folders() -> list[Path]:
    return [default_cache_dir(), Path(tempfile.gettempdir())]


def _key(data_dir: Path) -> str:
    return hashlib.sha256(str(data_dir.absolute()).encode()).hexdigest()[:16]


def _device(folder: Path) -> int | None:
    try:
        return os.stat(folder).st_dev
    except OSError:
        return None


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


class FallbackJournal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def keep(self, card: Card) -> bool:
        """Append the card as it stands now; False when this folder refuses too."""
        line = json.dumps(_to_json(card), ensure_ascii=False) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            log.error("cannot keep visit %s in %s either: %s", card.id, self.path, exc.strerror)
            return False
        log.warning("visit %s kept in %s until the card store takes it", card.id, self.path)
        return True

    def cards(self) -> list[Card]:
        """Each visit in the journal as it stood last, oldest first. A line cut short by a
        crash mid-write is skipped (its visit's earlier line, if any, still counts)."""
        latest: dict[str, Card] = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        # At "\n" only: str.splitlines also breaks at U+2028, U+2029 and U+0085, which JSON
        # leaves unescaped inside a string, and a visitor's comment may hold U+2028.
        for number, line in enumerate(text.split("\n"), 1):
            if not line:
                continue
            try:
                card = _from_json(json.loads(line))
            except (ValueError, TypeError, KeyError) as exc:
                log.error("%s line %d is unreadable (%s); skipped", self.path, number, exc)
                continue
            latest.pop(card.id, None)
            latest[card.id] = card
        return sorted(latest.values(), key=lambda c: c.created_at)

    def count(self) -> int:
        return len(self.cards())

    def merge_into(self, store: CardStore, newer: Collection[str] = ()) -> int:
        """Move every visit into the store (a new card, or the stored one brought up to date),
        then remove the journal. ``newer``: ids whose caller has just written a later state
        itself, left as they are. Raises StoreEnvironmentError, keeping the journal, when the
        store still refuses. Returns the number of visits moved."""
        cards = [c for c in self.cards() if c.id not in newer]
        if not cards:
            self.path.unlink(missing_ok=True)
            return 0
        with store.transaction():
            for card in cards:
                stored = store.get(card.id)
                if stored is None:
                    store.create(card)
                    continue
                store.update(card.id, **{k: getattr(card, k) for k in EDITABLE_FIELDS})
                if card.delivery is not Delivery.DRAFT and stored.delivery is Delivery.DRAFT:
                    store.finalise(card.id)
        self.path.unlink(missing_ok=True)
        log.info("%d visit(s) moved from %s into the card store", len(cards), self.path)
        return len(cards)


def _to_json(card: Card) -> dict[str, Any]:
    row = dataclasses.asdict(card)
    for name in _DATETIMES:
        if row[name] is not None:
            row[name] = row[name].isoformat()
    for name in _DELIVERIES:
        if row[name] is not None:
            row[name] = row[name].value
    return row


def _from_json(row: dict[str, Any]) -> Card:
    values = dict(row)
    for name in _DATETIMES:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    for name in _DELIVERIES:
        if values.get(name) is not None:
            values[name] = Delivery(values[name])
    return Card(**values)
