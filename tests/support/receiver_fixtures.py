"""Fixtures for the sync tests: the receiver on either database and PostgreSQL (no kiosk here:
the server-only install loads this plugin too)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from receiver_harness import TOKENS_TOML, Postgres, Receiver
from sqlalchemy import create_engine, text


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if not (Postgres.BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({Postgres.BIN}); run scripts/dev.sh setup")
    server = Postgres()
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        server.stop()
        detail = getattr(exc, "stderr", "") or str(exc)
        pytest.skip(f"PostgreSQL could not be started: {detail.strip()}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty receiver database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'receiver.db'}"
        return
    server: Postgres = request.getfixturevalue("postgres")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield server.url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def tokens_file(tmp_path: Path) -> Path:
    path = tmp_path / "tokens.toml"
    path.write_text(TOKENS_TOML, encoding="utf-8")
    return path


@pytest.fixture
def receiver(database_url: str, tokens_file: Path) -> Iterator[Receiver]:
    server = Receiver(database_url, tokens_file).start()
    yield server
    server.stop()
