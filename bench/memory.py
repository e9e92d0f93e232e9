"""Resident memory after 1,000 cards through the real visitor flow, next to a minimal window.

One process: the real window (kiosk.shell.app.build_window on the demo config, offscreen, shown,
logging as `kiosk run`), then n visitors driven with QTest.mouseClick. Every visitor taps a face
and a chip and presses Done; every tenth also goes through every step (a chip and Next, a role
and Next, a comment typed on the on-screen keyboard and Next, then Done on the follow-up step).
The thank-you screen shows, then the kiosk returns to Welcome (as its timer would) and the
event loop runs so every screen paints. The injected monotonic clock steps past the tap-settle
guard instead of sleeping.

Reported: VmRSS after start-up (first paint) and after the n cards, VmHWM (peak), the growth per
100 cards over the second half (a leak shows there), and the peak RSS of bench/minimal_window.py
run as its own process.

    .venv/bin/python bench/memory.py [-n 1000]
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEMO_CONFIG, ROOT, proc_status_kib, run_bench
from fake_clock import FakeMonotonic
from logging_scope import kiosk_logging

MINIMAL = ROOT / "bench" / "minimal_window.py"
COMMENT = "Muy amable, ¡gracias!"


def minimal_window_rss_mib(python: str = sys.executable) -> tuple[float, float]:
    """VmRSS at exit (just after first paint) and VmHWM of bench/minimal_window.py, own process.

    Read by the child from its own /proc/self/status: a forked child's ru_maxrss would count
    the pages it shared with this (by then large) process before exec.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [python, str(MINIMAL), "--print-rss"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.split()
    fields = dict(zip(out[::2], out[1::2], strict=True))
    return int(fields["VmRSS"]) / 1024, int(fields["VmHWM"]) / 1024


def measure_memory(n: int = 1000, sample_every: int = 100) -> dict[str, Any]:
    """Drive n visitors through the real window; return RSS figures in MiB."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from kiosk.core.config import load_config
    from kiosk.shell.app import build_window
    from kiosk.ui.window import SETTLE_SECONDS

    def mib(field: str) -> float:
        return proc_status_kib(field) / 1024

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-memory-") as tmp, ExitStack() as scope:
        base = Path(tmp)
        config = load_config(DEMO_CONFIG)
        scope.enter_context(kiosk_logging(base / "log", config.log_level))
        clock = FakeMonotonic()
        window, session = build_window(
            app, config, base / "data", (1280, 800), kiosk_mode=False, monotonic=clock
        )
        window.resize(1280, 800)
        window.show()
        QTest.qWaitForWindowExposed(window)
        app.processEvents()
        rss_start = mib("VmRSS")

        def tap(button: QAbstractButton) -> None:
            clock.advance(SETTLE_SECONDS + 0.05)
            center = QPoint(button.width() // 2, button.height() // 2)
            QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=center)

        samples: list[tuple[int, float]] = []
        chips = list(window.details.went_well.buttons.values())
        roles = list(window.role.buttons.values())
        keys = window.comment.keyboard.keys
        try:
            for i in range(n):
                tap(window.welcome.faces[i % 5])
                tap(chips[i % len(chips)])
                if i % 10 == 9:
                    tap(window.details.next_button)
                    tap(roles[i % len(roles)])
                    tap(window.role.next_button)
                    if window.resolution is not None:
                        tap(window.resolution.buttons["yes"])
                        tap(window.resolution.next_button)
                    for ch in COMMENT.lower():
                        if ch in keys:
                            tap(keys[ch])
                    tap(window.comment.next_button)
                    tap(window.followup.done_button)
                else:
                    tap(window.details.done_button)
                if window.current() is not window.thanks:
                    raise RuntimeError(f"visitor {i}: did not reach the thank-you screen")
                app.processEvents()
                clock.advance(SETTLE_SECONDS + 0.05)
                window.reset_to_welcome()  # the thank-you countdown's end
                app.processEvents()
                if (i + 1) % sample_every == 0 or i + 1 == n:
                    samples.append((i + 1, mib("VmRSS")))
            assert session.store is not None
            cards = session.store.count()
            commented = sum(1 for c in session.store.cards(limit=n + 1) if c.comment)
            gc.collect()
            rss_end = mib("VmRSS")
            # The kernel's per-thread RSS counters lag by a page or so; a peak is at least every
            # RSS we read.
            hwm = max(mib("VmHWM"), rss_start, rss_end, *(rss for _, rss in samples))
        finally:
            window.hide()
            if session.store is not None:
                session.store.close()
            window.deleteLater()
            app.processEvents()

    minimal_rss, minimal_hwm = minimal_window_rss_mib()
    half = [s for s in samples if s[0] >= n / 2]
    growth = 0.0
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        growth = (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0]) * 100
    return {
        "n": n,
        "cards_in_store": cards,
        "cards_with_comment": commented,
        "rss_after_start_mib": rss_start,
        "rss_after_cards_mib": rss_end,
        "peak_rss_mib": hwm,
        "growth_per_100_cards_mib": growth,
        "samples": samples,
        "minimal_window_rss_mib": minimal_rss,
        "minimal_window_peak_rss_mib": minimal_hwm,
        "target_mib": 150,
    }


def report(result: dict[str, Any]) -> str:
    ratio = result["peak_rss_mib"] / result["minimal_window_peak_rss_mib"]
    return "\n".join(
        [
            f"memory after {result['n']} visitors ({result['cards_in_store']} cards stored, "
            f"{result['cards_with_comment']} with a typed comment)",
            f"  VmRSS after start-up   {result['rss_after_start_mib']:7.1f} MiB",
            f"  VmRSS after the cards  {result['rss_after_cards_mib']:7.1f} MiB "
            f"(target < {result['target_mib']} MB)",
            f"  VmHWM (peak)           {result['peak_rss_mib']:7.1f} MiB",
            f"  growth, second half    {result['growth_per_100_cards_mib']:7.2f} MiB per 100 cards",
            f"  minimal window         {result['minimal_window_rss_mib']:7.1f} MiB VmRSS at "
            f"first paint, {result['minimal_window_peak_rss_mib']:.1f} MiB VmHWM "
            f"(kiosk peak is {ratio:.2f}x)",
        ]
    )


if __name__ == "__main__":
    sys.exit(run_bench("memory", __doc__, "visitors", 1000, measure_memory, report))
