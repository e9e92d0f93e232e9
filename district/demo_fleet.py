"""The district demo's kiosks, kept calling. Nothing else calls as the seeded kiosks, so without
this every one of them drifts to *Offline* a few minutes after the seed. Here the seeded
kiosks meant to be online send a heartbeat every sync interval through the receiver's API, as a
kiosk does; those meant to be waiting send one every ten minutes (a flaky network: *Waiting*
most of the time); the offline ones stay silent and the never-seen ones never call.

``bash scripts/dev.sh district-demo`` runs it beside the server::

    python -m district.demo_fleet --database URL --endpoint http://127.0.0.1:8080 --plan FILE

Its first run casts each seeded kiosk from its seeded heartbeat (how long it had been quiet
before the newest one: the seed's online kiosks up to 100 s, its waiting ones 3 to 25 minutes,
its offline ones hours), issues a token to each that will call (only kiosks with no token of
their own, so never a real kiosk, such as the demo's kiosk at Lincoln) and keeps both in the
plan file (mode 0600); later runs read the file and touch the database no more."""

from __future__ import annotations

import argparse
import enum
import json
import os
import signal
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, select

from district import tokens
from district.db import api_tokens, kiosks, open_database
from sync.protocol import API_PREFIX, Heartbeat


class Part(enum.StrEnum):
    STEADY = "steady"  # calls every sync interval: Online
    FLAKY = "flaky"  # calls every FLAKY_EVERY: Waiting most of the time
    SILENT = "silent"  # called once, long ago: Offline
    NEVER = "never"  # registered, never called: Never seen


ONLINE_QUIET = timedelta(minutes=2)
WAITING_QUIET = timedelta(minutes=30)
"""The seed's own limits (the receiver's defaults): quieter than these before the newest
heartbeat, a seeded kiosk was meant to be waiting, then offline."""
FLAKY_EVERY = timedelta(minutes=10)
"""Longer than two sync intervals, shorter than the waiting limit (the demo's defaults)."""
RETRY = timedelta(seconds=5)
STARTING = timedelta(seconds=30)
"""The server starts beside this: a refused heartbeat is said only after this long."""


@dataclass(frozen=True)
class DemoKiosk:
    """A seeded kiosk, its part, and what its heartbeats say (what the seed gave it)."""

    kiosk_id: str
    part: Part
    token: str | None
    app_version: str
    pending: int
    oldest_pending_age_seconds: float | None
    disk_free_bytes: int | None
    clock_skew_seconds: float
    last_error: str | None


def cast(engine: Engine, now: datetime) -> list[DemoKiosk]:
    """Each seeded kiosk with no token yet, cast from its seeded heartbeat; those that will
    call get a token (issued as ``token issue`` does)."""
    with engine.begin() as conn:
        tokened = set(
            conn.execute(select(api_tokens.c.kiosk_id).where(api_tokens.c.kiosk_id.is_not(None)))
            .scalars()
            .all()
        )
        rows = [
            r
            for r in conn.execute(select(kiosks).order_by(kiosks.c.kiosk_id))
            if r.kiosk_id not in tokened
        ]
        beats = [r.last_heartbeat_at for r in rows if r.last_heartbeat_at is not None]
        newest = max(beats, default=None)
        cast_ = []
        for r in rows:
            beat = r.last_heartbeat_at
            if beat is None or newest is None:
                part = Part.NEVER
            elif newest - beat <= ONLINE_QUIET:
                part = Part.STEADY
            elif newest - beat <= WAITING_QUIET:
                part = Part.FLAKY
            else:
                part = Part.SILENT
            calls = part in (Part.STEADY, Part.FLAKY)
            sent = r.last_heartbeat_sent_at
            skew = (sent - beat).total_seconds() if beat is not None and sent is not None else 0.0
            cast_.append(
                DemoKiosk(
                    kiosk_id=r.kiosk_id,
                    part=part,
                    token=tokens.issue(conn, now, kiosk_id=r.kiosk_id) if calls else None,
                    app_version=r.app_version or "1.4.2",
                    pending=r.pending or 0,
                    oldest_pending_age_seconds=r.oldest_pending_age_seconds,
                    disk_free_bytes=r.disk_free_bytes,
                    clock_skew_seconds=skew,
                    last_error=r.last_error,
                )
            )
    return cast_


def write_plan(path: Path, cast_: Sequence[DemoKiosk]) -> None:
    """The plan, tokens included, readable by its owner only."""
    text = json.dumps({"kiosks": [asdict(k) for k in cast_]}, indent=1)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def read_plan(path: Path) -> list[DemoKiosk]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [DemoKiosk(**{**k, "part": Part(k["part"])}) for k in data["kiosks"]]


Send = Callable[[DemoKiosk, Heartbeat], None]


def sender(endpoint: str, timeout: float = 10.0) -> Send:
    """POST /v1/kiosks/{id}/heartbeat with the kiosk's own token, as a kiosk does."""
    base = endpoint.rstrip("/") + API_PREFIX

    def send(kiosk: DemoKiosk, beat: Heartbeat) -> None:
        request = urllib.request.Request(
            f"{base}/kiosks/{quote(kiosk.kiosk_id, safe='')}/heartbeat",
            data=beat.model_dump_json().encode(),
            method="POST",
            headers={"Authorization": f"Bearer {kiosk.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if response.status != 204:
                raise OSError(f"heartbeat of {kiosk.kiosk_id}: HTTP {response.status}")

    return send


class Simulator:
    """Sends each calling kiosk's heartbeats when they are due, by an injected clock. Every
    kiosk calls at the start (none is shown offline for long after the demo starts again); the
    waiting kiosks' second calls are spread over FLAKY_EVERY, so that from two sync intervals
    on most of them are between two calls (Waiting), not all just called (Online)."""

    def __init__(
        self,
        cast_: Sequence[DemoKiosk],
        send: Send,
        clock: Callable[[], datetime],
        sync_interval: timedelta = timedelta(seconds=60),
        complain: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    ) -> None:
        self.send = send
        self.clock = clock
        self.every = {Part.STEADY: sync_interval, Part.FLAKY: FLAKY_EVERY}
        self.complain = complain
        self.callers = [k for k in cast_ if k.token and k.part in self.every]
        start = clock()
        flaky = [k for k in self.callers if k.part is Part.FLAKY]
        self.due = {k.kiosk_id: start for k in self.callers}
        self._first_gap = {
            k.kiosk_id: FLAKY_EVERY * (i + 1) / len(flaky) for i, k in enumerate(flaky)
        }
        self._failing = False
        self._quiet_until = start + STARTING

    def heartbeat(self, kiosk: DemoKiosk, now: datetime) -> Heartbeat:
        return Heartbeat(
            app_version=kiosk.app_version,
            sent_at=now + timedelta(seconds=kiosk.clock_skew_seconds),
            pending=kiosk.pending,
            oldest_pending_age_seconds=kiosk.oldest_pending_age_seconds,
            last_error=kiosk.last_error,
            disk_free_bytes=kiosk.disk_free_bytes,
        )

    def step(self) -> timedelta:
        """Send the heartbeats due now; how long until the next one is due."""
        for kiosk in self.callers:
            now = self.clock()
            if self.due[kiosk.kiosk_id] > now:
                continue
            try:
                self.send(kiosk, self.heartbeat(kiosk, now))
            except (OSError, urllib.error.URLError) as exc:
                if not self._failing and now >= self._quiet_until:  # once per outage
                    self.complain(f"demo kiosks: the receiver did not take a heartbeat ({exc})")
                    self._failing = True
                self.due[kiosk.kiosk_id] = now + RETRY
                continue
            self._failing = False
            gap = self._first_gap.pop(kiosk.kiosk_id, self.every[kiosk.part])
            self.due[kiosk.kiosk_id] = now + gap
        if not self.due:
            return FLAKY_EVERY
        return max(min(self.due.values()) - self.clock(), timedelta(0))

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            stop.wait(max(self.step().total_seconds(), 0.2))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m district.demo_fleet", description=__doc__)
    parser.add_argument("--database", required=True, help="the demo's SQLAlchemy URL")
    parser.add_argument(
        "--endpoint", required=True, help="the receiver, e.g. http://127.0.0.1:8080"
    )
    parser.add_argument("--plan", required=True, type=Path, help="the plan file (made once)")
    parser.add_argument("--sync-interval-seconds", type=int, default=60)
    args: Any = parser.parse_args(argv)
    if not args.plan.exists():
        engine = open_database(args.database)
        try:
            write_plan(args.plan, cast(engine, datetime.now(UTC)))
        finally:
            engine.dispose()
    cast_ = read_plan(args.plan)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    simulator = Simulator(
        cast_,
        sender(args.endpoint),
        lambda: datetime.now(UTC),
        timedelta(seconds=args.sync_interval_seconds),
    )
    simulator.run(stop)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
