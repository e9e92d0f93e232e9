"""Time from opening the manager area to the first paint of today's summary.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/manager_open.py [--runs 9]

Two databases, seeded once and cached under bench/results/ (gitignored): 1,000,000 cards over
365 days (about 2,700 today, far busier than a real front office) and its floor, 1,000 cards over
the same days. Each run builds a new ManagerArea on an open store, shows it and waits for the
face chart's first paint event; the median of the runs is reported with the ratio between the two.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiosk.core.config import Config
from kiosk.store.cards import CardStore
from kiosk.store.seed import seed_cards
from kiosk.ui.manager import ManagerArea

RESULTS = Path(__file__).resolve().parent / "results"
NOW = datetime(2026, 11, 24, 15, 30, tzinfo=timezone(timedelta(hours=-6)))  # a Tuesday
DAYS = 365


def clock() -> datetime:
    return NOW


def cached_store(cards: int) -> CardStore:
    path = RESULTS / f"manager-{cards}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in RESULTS.glob(partial.name + "*"):
            leftover.unlink()
        started = time.perf_counter()
        store = CardStore(partial, clock)
        seed_cards(store, cards, DAYS, clock, random.Random(2026), Config())
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.close()
        partial.rename(path)
        print(f"seeded {cards:,} cards in {time.perf_counter() - started:.1f} s", flush=True)
    return CardStore(path, clock)


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


def open_once(app: QApplication, store: CardStore) -> float:
    started = time.perf_counter()
    area = ManagerArea(store, Config(), clock)
    painted = FirstPaint()
    area.summary.bars.installEventFilter(painted)
    area.resize(1280, 800)
    area.show()
    while not painted.seen:
        app.processEvents()
    elapsed = time.perf_counter() - started
    area.close()
    area.deleteLater()
    app.processEvents()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    app = QApplication([])
    medians = {}
    for cards in (1_000, 1_000_000):
        store = cached_store(cards)
        today = store.db.conn.execute(
            "SELECT count(*) FROM cards WHERE local_date = ?", [NOW.date().isoformat()]
        ).fetchone()[0]
        first = open_once(app, store)
        runs = [open_once(app, store) for _ in range(args.runs)]
        medians[cards] = statistics.median(runs)
        print(
            f"{cards:>9,} cards ({today:,} today): first open {first * 1000:.0f} ms, "
            f"median of {args.runs} {medians[cards] * 1000:.0f} ms, "
            f"max {max(runs) * 1000:.0f} ms"
        )
        store.close()
    ratio = medians[1_000_000] / medians[1_000]
    print(f"1,000,000 / 1,000 cards: {ratio:.2f}x; target under 300 ms with 1,000,000 cards")


if __name__ == "__main__":
    main()
