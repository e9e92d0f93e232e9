"""Real parts for the sync tests: a uvicorn receiver on 127.0.0.1 in a thread, a fault-injecting
ASGI layer in front of it, PostgreSQL 15 run from Debian's binaries. Imports no kiosk: the
server-only install runs the receiver's tests with it."""

from __future__ import annotations

import asyncio
import http.server
import os
import random
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import Engine, func, select

from district import db, schema, tokens
from district.app import DEFAULT_MAX_BODY_BYTES, create_app

KIOSK_ID = "lincoln-1"
KIOSK_TOKEN = "kiosk-token-lincoln-1-0123456789abcdef"
OTHER_KIOSK_ID = "roosevelt-2"
OTHER_TOKEN = "kiosk-token-roosevelt-2-0123456789abcdef"
DISTRICT_TOKEN = "district-token-reports-0123456789abcdef"

TOKENS_TOML = f"""
[kiosks]
{KIOSK_ID} = "{KIOSK_TOKEN}"
{OTHER_KIOSK_ID} = "{OTHER_TOKEN}"

[district]
reports = "{DISTRICT_TOKEN}"
"""


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for a condition another thread or process brings about; fail after ``timeout``."""
    pause = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        pause.wait(0.01)
    raise AssertionError(f"condition not met within {timeout} s")


@dataclass
class Fault:
    path: str  # the request path it applies to, e.g. "/v1/cards"
    action: str  # "pass", "status", "hold_before", "cut_after_commit", "hold_after_commit"
    status: int = 500
    retry_after: str | None = None
    location: str | None = None


class Faults:
    """A plan of faults, each used once by the next matching request, in order.

    "hold" faults wait until ``release()`` (or the receiver stops); ``committed`` is set once a
    request has gone through the real app and its answer is being withheld.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self._plan: list[Fault] = []
        self._lock = threading.Lock()
        self.released = threading.Event()
        self.committed = threading.Event()
        self.requests: list[str] = []
        self._lossy: tuple[str, float, random.Random] | None = None

    def add(self, *faults: Fault) -> None:
        with self._lock:
            self._plan.extend(faults)

    def lose_answers(self, path: str, rate: float, seed: int = 0) -> None:
        """From now on, each request to ``path`` that has no planned fault is committed by the
        receiver and its answer cut off with probability ``rate`` (a lossy link), drawn from a
        seeded generator so a run can be repeated."""
        with self._lock:
            self._lossy = (path, rate, random.Random(seed))

    def release(self) -> None:
        self.released.set()

    def _take(self, path: str) -> Fault | None:
        with self._lock:
            self.requests.append(path)
            for i, fault in enumerate(self._plan):
                if fault.path == path:
                    return self._plan.pop(i)
            lossy = self._lossy
            if lossy is not None and lossy[0] == path and lossy[2].random() < lossy[1]:
                return Fault(path, "cut_after_commit")
        return None

    async def _held(self) -> None:
        while not self.released.is_set():
            await asyncio.sleep(0.02)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        fault = self._take(scope["path"]) if scope["type"] == "http" else None
        if fault is None or fault.action == "pass":
            await self.app(scope, receive, send)
            return
        if fault.action == "status":
            headers = [(b"content-type", b"application/json")]
            if fault.retry_after is not None:
                headers.append((b"retry-after", fault.retry_after.encode()))
            if fault.location is not None:
                headers.append((b"location", fault.location.encode()))
            await send({"type": "http.response.start", "status": fault.status, "headers": headers})
            await send({"type": "http.response.body", "body": b'{"injected": true}'})
            return
        if fault.action == "hold_before":
            await self._held()
            await self.app(scope, receive, send)
            return
        # The real app answers (so the batch is committed), but the kiosk never gets to read it.
        messages: list[Any] = []

        async def keep(message: Any) -> None:
            messages.append(message)

        await self.app(scope, receive, keep)
        self.committed.set()
        if fault.action == "hold_after_commit":
            await self._held()
            return
        # cut_after_commit: start the answer, send half of it, then drop the connection
        # (uvicorn closes it when the app returns with the response incomplete).
        start, body = messages[0], b"".join(m.get("body", b"") for m in messages[1:])
        await send(start)
        await send(
            {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
        )


class Portal:
    """A captive portal on 127.0.0.1, as hotel and school guest Wi-Fi run them: every request,
    whatever its path or method, gets ``status`` and a sign-in web page (a 3xx points at the
    portal's own sign-in host)."""

    PAGE = b"<html><body><h1>Welcome! Accept the terms to use this Wi-Fi.</h1></body></html>"

    def __init__(self, status: int = 200) -> None:
        portal = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                portal.requests.append(f"{self.command} {self.path}")
                self.send_response(portal.status)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(Portal.PAGE)))
                if 300 <= portal.status < 400:
                    self.send_header("Location", "http://login.guest-wifi.example/terms")
                self.end_headers()
                self.wfile.write(Portal.PAGE)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.status = status
        self.requests: list[str] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Portal:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(10)


def bind_socket() -> socket.socket:
    """A socket bound to a free loopback port but not listening: connections are refused until a
    receiver is started on it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class Receiver:
    """The reference receiver served by uvicorn in a thread, behind the fault layer."""

    def __init__(
        self,
        database_url: str,
        tokens_file: Path,
        sock: socket.socket | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        busy_timeout_ms: int = 10_000,
        **app_options: Any,
    ):
        """The database is migrated and ``tokens_file`` imported into it, as ``kiosk-receiver
        migrate`` and ``import-tokens`` do. ``app_options``: create_app's other arguments (the
        web settings, a clock)."""
        self.engine: Engine = db.open_database(database_url, busy_timeout_ms)
        schema.upgrade(self.engine)
        with self.engine.begin() as conn:
            tokens.import_file(conn, tokens.read_file(tokens_file), datetime.now(UTC))
        self.faults = Faults(create_app(self.engine, max_body_bytes, **app_options))
        self.sock = sock or bind_socket()
        host, port = self.sock.getsockname()
        self.url = f"http://{host}:{port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Receiver:
        config = uvicorn.Config(
            self.faults, log_level="error", lifespan="off", ws="none", http="h11"
        )
        self._server = uvicorn.Server(config)
        # Listening before uvicorn runs: connections wait in the backlog until it accepts, so no
        # test has to wait for start-up, and the port was ours all along.
        self.sock.listen(128)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.faults.release()
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=15)
            assert not self._thread.is_alive(), "receiver did not stop"
        self.sock.close()
        self.engine.dispose()

    def card_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [i for (i,) in conn.execute(select(db.cards.c.id))]

    def heartbeat(self, kiosk_id: str = KIOSK_ID) -> Any:
        """The kiosk's row once it has sent a heartbeat, else None."""
        query = select(db.kiosks).where(
            db.kiosks.c.kiosk_id == kiosk_id, db.kiosks.c.last_heartbeat_at.is_not(None)
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first()

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(db.cards)).scalar_one())


class Postgres:
    """A throwaway PostgreSQL 15 cluster in a temp folder, run as the ``postgres`` user when we
    are root (initdb refuses root), listening on 127.0.0.1 only."""

    BIN = Path("/usr/lib/postgresql/15/bin")

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.root / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.root, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
        )

    def start(self) -> None:
        self._run(
            str(self.BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self.start_server()

    def start_server(self) -> None:
        """Start the cluster made by start() (again, after stop_server())."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
            str(self.root / "server.log"), "-w", "start",
        )  # fmt: skip

    def stop_server(self) -> None:
        """Stop the server and keep its data: the database is down until start_server()."""
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        self.stop_server()
        shutil.rmtree(self.root, ignore_errors=True)
