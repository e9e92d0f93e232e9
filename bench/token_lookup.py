"""Time to authenticate one request at 10 and 10,000 tokens: the tokens file's linear compare
(the receiver before tokens moved to the database, frozen below as the peer) against the look-up
by SHA-256 on the unique index of api_tokens, in one run, as ratios.

The database side is what a request now does before its endpoint runs: take a pooled
connection, hash the bearer token, one indexed SELECT (SQLite, the embedded default, in a file
migrated as the server does). Each size is timed in alternating rounds, each round looking up a
random known token ``-n`` times.

    .venv/bin/python bench/token_lookup.py [-n 2000]
"""

from __future__ import annotations

import hmac
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from district import db, schema, tokens

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, run_bench

SIZES = (10, 10_000)
ROUNDS = 5


@dataclass(frozen=True)
class _Principal:
    name: str
    kiosk_id: str | None


class LinearTokens:
    """The peer: district/tokens.py's Tokens before this change, its look-up as it was."""

    def __init__(self, kiosks: dict[str, str]) -> None:
        self._by_token = [(token, _Principal(k, k)) for k, token in kiosks.items()]

    def who(self, token: str) -> _Principal | None:
        # Compare every token in constant time, so timing does not reveal a near match.
        found = None
        for known, principal in self._by_token:
            if hmac.compare_digest(known.encode(), token.encode()):
                found = principal
        return found


def _database(folder: Path, kiosks: dict[str, str]) -> Engine:
    engine = db.open_database(f"sqlite:///{folder / 'receiver.db'}")
    schema.upgrade(engine)
    with engine.begin() as conn:
        found = tokens.TokensFile(kiosks=kiosks, district={})
        tokens.import_file(conn, found, datetime.now(UTC))
    return engine


def _by_hash(engine: Engine, token: str) -> tokens.Principal | None:
    """What a request does now before its endpoint: a pooled connection, one indexed query."""
    with engine.connect() as conn:
        return tokens.who(conn, token)


def _per_call(lookup: Callable[[str], Any], probes: list[str]) -> float:
    start = time.perf_counter()
    for token in probes:
        assert lookup(token) is not None
    return (time.perf_counter() - start) / len(probes)


def measure(n: int, sizes: tuple[int, int] = SIZES) -> dict[str, Any]:
    rng = random.Random(1)
    result: dict[str, Any] = {"n_per_round": n, "rounds": ROUNDS, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="token-bench-") as tmp:
        for size in sizes:
            kiosks = {f"kiosk-{i:05d}": secrets.token_urlsafe(32) for i in range(size)}
            linear = LinearTokens(kiosks)
            folder = Path(tmp) / str(size)
            folder.mkdir()
            engine = _database(folder, kiosks)

            known = list(kiosks.values())
            old, new = [], []
            for _ in range(ROUNDS):
                probes = [rng.choice(known) for _ in range(n)]
                old.append(_per_call(linear.who, probes))
                new.append(_per_call(partial(_by_hash, engine), probes))
            engine.dispose()
            old_us, new_us = statistics.median(old) * 1e6, statistics.median(new) * 1e6
            result["sizes"][str(size)] = {
                "linear_us": old_us,
                "hash_index_us": new_us,
                "hash_over_linear": new_us / old_us,
                "linear_rounds_us": [v * 1e6 for v in old],
                "hash_rounds_us": [v * 1e6 for v in new],
            }
    small, large = (result["sizes"][str(s)] for s in sizes)
    result["linear_growth"] = large["linear_us"] / small["linear_us"]
    result["hash_growth"] = large["hash_index_us"] / small["hash_index_us"]
    result["machine"] = machine()
    return result


def report(result: dict[str, Any]) -> str:
    lines = ["per authenticated request (median of rounds):"]
    for size, row in result["sizes"].items():
        lines.append(
            f"  {int(size):>6,} tokens: linear compare {row['linear_us']:8.1f} us, "
            f"hash + index {row['hash_index_us']:6.1f} us, "
            f"ratio (linear / hash) {1 / row['hash_over_linear']:6.2f}x"
        )
    lines.append(
        f"  from the fewest to the most tokens: linear {result['linear_growth']:.0f}x slower, "
        f"hash look-up {result['hash_growth']:.2f}x"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(run_bench("token_lookup", __doc__, "look-ups per round", 2000, measure, report))
