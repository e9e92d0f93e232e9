"""The district pages' server time on a big district: each page's time to its full HTML response,
next to the floor measured in the same run (a signed-in page that queries no card), as
a ratio. Target: every page under 300 ms.

Runs the real server (uvicorn in a thread, the app as `kiosk-receiver serve` builds it) on an
existing database, or on a new PostgreSQL database (Debian's PostgreSQL 15, started here as the
tests do) that it first fills with `kiosk-receiver seed`'s code:

    .venv/bin/python bench/district_pages.py --cards 10000000        # seed, then measure
    .venv/bin/python bench/district_pages.py --database postgresql://... # measure a seeded one

Prints a JSON summary (milliseconds) and writes it to bench/results/district_pages.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import RESULTS, machine, summary
from receiver_harness import TOKENS_TOML, Postgres, Receiver
from sqlalchemy import create_engine, func, select, text
from web_harness import Visitor

from district import accounts, schema, seed, seed_postgres
from district.accounts import Role
from district.db import open_database
from district.web.queries.tables import cards, schools
from district.web.settings import WebSettings

USER = "bench.district"
PASSWORD = "bench-password-2026"
TARGET_MS = 300.0
FLOOR = "/schools/no-such-school"
"""The floor: a signed-in page with the same session check, scope query and layout as every
page, and no card query (a school that does not exist is a 404 page)."""


def pages(slug: str) -> dict[str, str]:
    return {
        "overview (30 days)": "/",
        "overview (today)": "/?period=today",
        "overview (a year, by change)": "/?period=range&from=2025-12-02&to=2026-12-01&sort=change",
        "school (30 days)": f"/schools/{slug}",
        "school (a year)": f"/schools/{slug}?period=range&from=2025-12-02&to=2026-12-01",
        "follow-ups (30 days)": "/followups",
        "fleet": "/fleet",
    }


@contextmanager
def new_postgres_database() -> Iterator[str]:
    server = Postgres()
    server.start()
    try:
        name = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        yield server.url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        server.stop()


def timed_get(visitor: Visitor, path: str) -> float:
    started = time.perf_counter()
    response = visitor.get(path)
    took = time.perf_counter() - started
    if response.status_code != (404 if path == FLOOR else 200):
        raise SystemExit(f"{path}: {response.status_code}")
    return took * 1000


def measure(database_url: str, runs: int, now: datetime) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        tokens = Path(folder) / "tokens.toml"
        tokens.write_text(TOKENS_TOML, encoding="utf-8")
        server = Receiver(database_url, tokens, web=WebSettings(), clock=lambda: now)
        with server.engine.begin() as conn:
            if accounts.school_by_slug(conn, "lincoln-elem") is None:
                raise SystemExit("the database has no seeded school lincoln-elem")
            count = int(conn.execute(select(func.count()).select_from(cards)).scalar_one())
            n_schools = int(conn.execute(select(func.count()).select_from(schools)).scalar_one())
            known = conn.execute(
                select(accounts.users.c.id).where(accounts.users.c.username == USER)
            ).first()
            if known is None:
                accounts.add_user(conn, USER, PASSWORD, Role.DISTRICT, None, now)
        server.start()
        try:
            visitor = Visitor(server.url)
            if visitor.sign_in(USER, PASSWORD).status_code != 303:
                raise SystemExit("cannot sign in")
            targets = {"floor: signed-in 404 page": FLOOR, **pages("lincoln-elem")}
            samples: dict[str, list[float]] = {name: [] for name in targets}
            for path in targets.values():  # warm: the first request of each compiles
                timed_get(visitor, path)
            for _ in range(runs):  # interleaved, so a burst of other load hits every page
                for name, path in targets.items():
                    samples[name].append(timed_get(visitor, path))
        finally:
            server.stop()
    floor = statistics.median(samples["floor: signed-in 404 page"])
    result: dict[str, Any] = {
        "date": now.date().isoformat(),
        "cards": count,
        "schools": n_schools,
        "database": database_url.split(":", 1)[0],
        "runs": runs,
        "machine": machine(),
        "pages_ms": {},
    }
    for name, values in samples.items():
        s = summary(values)
        result["pages_ms"][name] = {
            "p50": round(s["p50"], 1),
            "p90": round(s["p90"], 1),
            "max": round(s["max"], 1),
            "ratio_to_floor": round(s["p50"] / floor, 1),
            "under_target": s["p90"] < TARGET_MS,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="an already seeded database (else a new PostgreSQL)")
    parser.add_argument("--cards", type=int, default=10_000_000, help="cards to seed")
    parser.add_argument("--schools", type=int, default=200)
    parser.add_argument("--kiosks", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    # The seed's clock and the pages' clock: the same "now", so "today" has cards.
    now = datetime.now(UTC)
    if args.database:
        result = measure(args.database, args.runs, now)
    else:
        with new_postgres_database() as url:
            engine = open_database(url)
            schema.upgrade(engine)
            started = time.perf_counter()
            seed_postgres.seed(engine, seed.Plan(args.schools, args.kiosks, args.cards), now,
                      lambda line: print(line, file=sys.stderr, flush=True))  # fmt: skip
            engine.dispose()
            seeded_in = time.perf_counter() - started
            result = measure(url, args.runs, now)
            result["seeded_in_seconds"] = round(seeded_in)
    RESULTS.mkdir(parents=True, exist_ok=True)
    text_ = json.dumps(result, indent=2)
    (RESULTS / "district_pages.json").write_text(text_ + "\n", encoding="utf-8")
    print(text_)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
