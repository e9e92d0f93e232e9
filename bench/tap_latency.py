"""Tap-to-durable: a face tap on the real Welcome screen until the card's commit has returned.

The real window (kiosk.shell.app.build_window on the demo config, offscreen, logging set up as
`kiosk run` does) is driven by QTest.mouseClick on a face. Saving is synchronous on the GUI
thread, so for each card we take a timestamp just before the click and one when
CardStore.create returns (a thin timing wrapper around the session's store), and also when the
click itself returns (the whole tap handler, including the switch to the next screen). Between
cards: reset_to_welcome (which finalises the card, untimed), pending events processed, and the
injected monotonic clock stepped past the window's settle guard instead of sleeping.

Side by side, interleaved card by card, the floor: a raw sqlite3 single-row INSERT committed
with journal_mode=WAL and synchronous=FULL, in a file in the same folder (same disk).

    .venv/bin/python bench/tap_latency.py [-n 1000]
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEMO_CONFIG, run_bench, summary
from fake_clock import FakeMonotonic
from logging_scope import kiosk_logging


class FloorTable:
    """The floor: one raw sqlite3 connection, WAL, synchronous=FULL, one row per commit."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(
            "CREATE TABLE cards (id TEXT PRIMARY KEY, rating INTEGER NOT NULL, "
            "created_at TEXT NOT NULL)"
        )

    def insert_ns(self, rating: int) -> int:
        row = (str(uuid.uuid4()), rating, "2026-11-25T09:30:00Z")
        start = time.perf_counter_ns()
        self.conn.execute("BEGIN")
        self.conn.execute("INSERT INTO cards VALUES (?, ?, ?)", row)
        self.conn.execute("COMMIT")
        return time.perf_counter_ns() - start

    def close(self) -> None:
        self.conn.close()


def measure_tap_latency(n: int = 1000, work_dir: Path | None = None) -> dict[str, Any]:
    """Tap n cards through the real window (and n floor commits); return the figures in ms."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.core.config import load_config
    from kiosk.shell.app import build_window
    from kiosk.store.cards import CardStore
    from kiosk.ui.window import SETTLE_SECONDS

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-tap-", dir=work_dir) as tmp,
        ExitStack() as scope,
    ):
        base = Path(tmp)
        config = load_config(DEMO_CONFIG)
        scope.enter_context(
            kiosk_logging(base / "log", config.log_level)
        )  # as `kiosk run`: INFO to a file
        clock = FakeMonotonic()
        window, session = build_window(
            app, config, base / "data", (1280, 800), kiosk_mode=False, monotonic=clock
        )
        floor = FloorTable(base / "floor.db")
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)

        store = session.store
        assert isinstance(store, CardStore)
        real_create = store.create
        create_ns: list[int] = []

        def timed_create(card: Any) -> None:
            start = time.perf_counter_ns()
            real_create(card)
            end = time.perf_counter_ns()
            create_ns.append(end)
            create_ns.append(end - start)

        store.create = timed_create  # type: ignore[method-assign]

        tap_to_commit: list[float] = []
        tap_handler: list[float] = []
        commit_only: list[float] = []
        floor_ms: list[float] = []
        try:
            for i in range(n):
                floor_ms.append(floor.insert_ns(i % 5 + 1) / 1e6)
                face = window.welcome.faces[i % 5]
                center = QPoint(face.width() // 2, face.height() // 2)
                clock.advance(SETTLE_SECONDS + 0.05)
                create_ns.clear()
                start = time.perf_counter_ns()
                QTest.mouseClick(face, Qt.MouseButton.LeftButton, pos=center)
                end = time.perf_counter_ns()
                if len(create_ns) != 2 or window.current() is not window.details:
                    raise RuntimeError(f"card {i}: the tap did not create a card")
                committed_at, commit_took = create_ns
                tap_to_commit.append((committed_at - start) / 1e6)
                commit_only.append(commit_took / 1e6)
                tap_handler.append((end - start) / 1e6)
                clock.advance(SETTLE_SECONDS + 0.05)
                window.reset_to_welcome()  # finalises the card (untimed), as the idle timer
                app.processEvents()  # let the screens paint, as between real visitors
            cards = store.count()
        finally:
            floor.close()
            store.create = real_create  # type: ignore[method-assign]
            window.hide()
            if session.store is not None:
                session.store.close()
            window.deleteLater()
            app.processEvents()

    tap = summary(tap_to_commit)
    fl = summary(floor_ms)
    return {
        "n": n,
        "cards_in_store": cards,
        "tap_to_commit_ms": tap,
        "tap_handler_ms": summary(tap_handler),
        "commit_only_ms": summary(commit_only),
        "floor_commit_ms": fl,
        "ratio_p50": tap["p50"] / fl["p50"],
        "ratio_p99": tap["p99"] / fl["p99"],
        "target_p99_ms": 15.0,
    }


def report(result: dict[str, Any]) -> str:
    def line(name: str, s: dict[str, float]) -> str:
        return (
            f"  {name:<34} p50 {s['p50']:6.2f} ms  p90 {s['p90']:6.2f}  "
            f"p99 {s['p99']:6.2f}  max {s['max']:6.2f}"
        )

    return "\n".join(
        [
            f"tap-to-durable over {result['n']} cards ({result['cards_in_store']} in the store)",
            line("tap -> commit returned", result["tap_to_commit_ms"]),
            line("  of which CardStore.create", result["commit_only_ms"]),
            line("tap -> handler returned (+screen)", result["tap_handler_ms"]),
            line("floor: raw WAL+FULL INSERT commit", result["floor_commit_ms"]),
            f"  ratio to floor: p50 {result['ratio_p50']:.2f}x, p99 {result['ratio_p99']:.2f}x "
            f"(target p99 < {result['target_p99_ms']:.0f} ms)",
        ]
    )


if __name__ == "__main__":
    sys.exit(run_bench("tap_latency", __doc__, "cards", 1000, measure_tap_latency, report))
