"""Draining 3,000 cards behind a link that loses 40% of the receiver's answers, next to the
same drain on a lossless link.

The real sync worker (the running kiosk's, on its own thread, with the default sync settings:
batches of 250, backoff from 2 s up to 600 s) against the real receiver on 127.0.0.1 behind a
fault layer that lets the receiver commit each batch, then cuts its answer off with the given
probability (seeded). Measured: wall time from the worker's start until nothing is pending and
every card is in the receiver exactly once. Target: under 5 minutes with 40% lost.

    .venv/bin/python bench/lossy_drain.py [-n 3000] [--loss 0.4] [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import write_result
from fake_clock import FakeClock
from kiosk_sync import seed as seed_cards
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, TOKENS_TOML, Receiver

TARGET_SECONDS = 300.0


def drain(n: int, loss: float, seed: int, **sync_settings: Any) -> dict[str, Any]:
    """Seconds until ``n`` cards are delivered; with the counts that prove none was lost or
    counted twice."""
    from PySide6.QtWidgets import QApplication

    from kiosk.core.config import Config, SyncConfig
    from kiosk.shell.sync_worker import SyncWorker
    from kiosk.store.cards import CardStore, SyncStatus

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-lossy-") as tmp:
        base = Path(tmp)
        (base / "tokens.toml").write_text(TOKENS_TOML, encoding="utf-8")
        receiver = Receiver(f"sqlite:///{base / 'receiver.db'}", base / "tokens.toml").start()
        store = CardStore.in_dir(base / "data", FakeClock())
        seed_cards(store, FakeClock(), n)
        store.close()
        if loss:
            receiver.faults.lose_answers("/v1/cards", loss, seed)
        sync = SyncConfig(endpoint=receiver.url, token=KIOSK_TOKEN, **sync_settings)
        worker = SyncWorker(base / "data", Config(kiosk_id=KIOSK_ID, sync=sync))
        last: list[SyncStatus] = []
        worker.status_changed.connect(last.append)
        started = time.monotonic()
        worker.start()
        try:
            while not (last and last[-1].pending == 0 and last[-1].last_success):
                app.processEvents()
                time.sleep(0.005)
            seconds = time.monotonic() - started
        finally:
            worker.stop()
        cut = receiver.faults.requests.count("/v1/cards")
        stored, unique = receiver.count(), len(set(receiver.card_ids()))
        receiver.stop()
    return {"seconds": seconds, "card_requests": cut, "stored": stored, "unique": unique}


def measure(n: int, loss: float, seeds: int, **sync_settings: Any) -> dict[str, Any]:
    lossy, lossless = [], []
    for seed in range(seeds):  # alternating, so both see the same machine
        lossy.append(drain(n, loss, seed, **sync_settings))
        lossless.append(drain(n, 0.0, seed, **sync_settings))
    for run in lossy + lossless:
        if run["stored"] != n or run["unique"] != n:
            raise RuntimeError(f"delivery broke: {run}")
    lossy_s = statistics.median(r["seconds"] for r in lossy)
    lossless_s = statistics.median(r["seconds"] for r in lossless)
    return {
        "n": n,
        "loss": loss,
        "seeds": seeds,
        "lossy": lossy,
        "lossless": lossless,
        "lossy_median_s": lossy_s,
        "lossless_median_s": lossless_s,
        "ratio": lossy_s / lossless_s,
        "target_s": TARGET_SECONDS,
    }


def report(result: dict[str, Any]) -> str:
    requests = statistics.median(r["card_requests"] for r in result["lossy"])
    return "\n".join(
        [
            f"drain of {result['n']} cards, default sync settings, median of "
            f"{result['seeds']} seeds",
            f"  {result['loss']:.0%} of answers lost  {result['lossy_median_s']:8.1f} s "
            f"({requests:.0f} card requests; target < {result['target_s']:.0f} s)",
            f"  lossless link       {result['lossless_median_s']:8.1f} s",
            f"  ratio               {result['ratio']:8.2f}x",
            "  every card stored exactly once in every run",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", type=int, default=3000, help="cards (default 3000)")
    parser.add_argument("--loss", type=float, default=0.4, help="share of answers lost")
    parser.add_argument("--seeds", type=int, default=3, help="runs of each (default 3)")
    args = parser.parse_args()
    result = measure(args.n, args.loss, args.seeds)
    print(report(result))
    print(f"  result: {write_result('lossy_drain', result)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
