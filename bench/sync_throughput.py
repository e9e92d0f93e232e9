"""Sync throughput on loopback: 10,000 cards in batches, next to one request per card.

Runs the real receiver (`kiosk-receiver`, SQLite) in its own process and the real uploader
here, each against files in a temp folder. Prints cards/s of each mode and their ratio, as the
median of --runs runs. Targets: batches at least 10x the one-per-card rate, and 10,000 cards in
under 10 s.

    .venv/bin/python bench/sync_throughput.py [--cards 10000] [--single-cards 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from kiosk.core.card import Card, system_clock
from kiosk.outbox.uploader import Uploader
from kiosk.store.cards import CardStore
from sync.client import DistrictClient

KIOSK_ID = "bench-1"
TOKEN = "bench-token-0123456789abcdefghij"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_receiver(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    tokens = folder / "tokens.toml"
    tokens.write_text(f'[kiosks]\n{KIOSK_ID} = "{TOKEN}"\n', encoding="utf-8")
    port = free_port()
    command = Path(sys.executable).with_name("kiosk-receiver")
    proc = subprocess.Popen(
        [str(command), "--database", f"sqlite:///{folder / 'receiver.db'}", "--port", str(port),
         "--tokens", str(tokens), "--log-level", "warning"]
    )  # fmt: skip
    pause = threading.Event()
    for _ in range(500):  # up to 10 s for the receiver to listen
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            pause.wait(0.02)
    proc.kill()
    raise SystemExit("the receiver did not start")


def seeded_store(path: Path, n: int) -> CardStore:
    store = CardStore(path)
    with store.transaction():
        for i in range(n):
            card = Card.new(1 + i % 5, "es", KIOSK_ID, "0.1.0", system_clock)
            card.went_well = ["friendly", "quick"]
            card.comment = "Muy amables en la oficina, gracias." if i % 3 == 0 else None
            store.create(card)
            store.finalise(card.id)
    return store


def timed_sync(folder: Path, url: str, n: int, batch_size: int) -> float:
    """Seconds to send ``n`` fresh cards with ``batch_size`` cards per request."""
    store = seeded_store(folder / f"kiosk-{batch_size}-{time.monotonic_ns()}.db", n)
    uploader = Uploader(store, DistrictClient(url, TOKEN, 30), KIOSK_ID, "0.1.0", batch_size)
    start = time.perf_counter()
    report = uploader.run_cycle()
    elapsed = time.perf_counter() - start
    uploader.close()
    store.close()
    assert report.accepted == n and report.pending == 0, report
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--single-cards", type=int, default=1_000, help="cards sent one a request")
    parser.add_argument("--batch-size", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        folder = Path(tmp)
        proc, url = start_receiver(folder)
        try:
            batched = [
                timed_sync(folder, url, args.cards, args.batch_size) for _ in range(args.runs)
            ]
            single = [timed_sync(folder, url, args.single_cards, 1) for _ in range(args.runs)]
        finally:
            proc.terminate()
            proc.wait(10)

    batched_s = statistics.median(batched)
    batched_rate = args.cards / batched_s
    single_rate = args.single_cards / statistics.median(single)
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "cards": args.cards,
        "batch_size": args.batch_size,
        "batched_seconds_median": round(batched_s, 2),
        "batched_cards_per_s": round(batched_rate),
        "single_cards": args.single_cards,
        "single_cards_per_s": round(single_rate),
        "ratio": round(batched_rate / single_rate, 1),
        "runs": args.runs,
        "batched_seconds_each": [round(t, 2) for t in batched],
        "single_cards_per_s_each": [round(args.single_cards / t) for t in single],
    }
    print(
        f"batched ({args.batch_size}/request): {args.cards} cards in {batched_s:.2f} s = "
        f"{batched_rate:,.0f} cards/s\n"
        f"one per request:           {single_rate:,.0f} cards/s\n"
        f"ratio: {batched_rate / single_rate:.1f}x   (median of {args.runs} runs)\n"
        f"each run: batched {result['batched_seconds_each']} s, "
        f"one per request {result['single_cards_per_s_each']} cards/s"
    )
    out = Path(__file__).with_name("results")
    out.mkdir(exist_ok=True)
    (out / f"sync_throughput-{result['date']}.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
