"""`kiosk doctor`'s endpoint check against the real reference receiver (uvicorn, SQLite).

The check must tell a kiosk token the receiver accepts from an unknown one and from a district
token, without sending or reading anything (GET /v1/kiosks answers a kiosk token with 403.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from receiver_harness import DISTRICT_TOKEN, KIOSK_ID, KIOSK_TOKEN, Portal, Receiver

from kiosk.cli.main import main
from kiosk.core.config import SyncConfig
from kiosk.deploy.doctor import Status, check_clock_skew, check_endpoint, probe_endpoint


@pytest.fixture
def sqlite_receiver(tmp_path: Path, tokens_file: Path) -> Iterator[Receiver]:
    server = Receiver(f"sqlite:///{tmp_path / 'receiver.db'}", tokens_file).start()
    yield server
    server.stop()


def token_file(tmp_path: Path, token: str) -> Path:
    path = tmp_path / "token"
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_accepted_kiosk_token_passes_and_sends_nothing(
    sqlite_receiver: Receiver, tmp_path: Path
) -> None:
    sync = SyncConfig(endpoint=sqlite_receiver.url, token_file=token_file(tmp_path, KIOSK_TOKEN))
    check = check_endpoint(sync)
    assert check.status is Status.OK, check.line()
    assert "token is accepted" in check.detail
    assert sqlite_receiver.count() == 0
    assert sqlite_receiver.heartbeat(KIOSK_ID) is None


def test_unknown_token_fails(sqlite_receiver: Receiver, tmp_path: Path) -> None:
    sync = SyncConfig(endpoint=sqlite_receiver.url, token_file=token_file(tmp_path, "nope-123"))
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "refused this kiosk's token (HTTP 401, problem 401.2)" in check.detail


def test_district_token_fails(sqlite_receiver: Receiver, tmp_path: Path) -> None:
    sync = SyncConfig(endpoint=sqlite_receiver.url, token_file=token_file(tmp_path, DISTRICT_TOKEN))
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "district token" in check.detail


def test_endpoint_with_a_wrong_path_fails(sqlite_receiver: Receiver, tmp_path: Path) -> None:
    sync = SyncConfig(
        endpoint=sqlite_receiver.url + "/v1", token_file=token_file(tmp_path, KIOSK_TOKEN)
    )
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "not a v1 receiver" in check.detail


@pytest.mark.parametrize("status", [200, 302])
def test_a_captive_portal_is_not_taken_for_a_token(tmp_path: Path, status: int) -> None:
    with Portal(status) as portal:
        sync = SyncConfig(endpoint=portal.url, token_file=token_file(tmp_path, KIOSK_TOKEN))
        check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "answered with a web page" in check.detail and "district token" not in check.detail
    assert "portal" in (check.fix or "")


def test_doctor_command_against_the_receiver(
    sqlite_receiver: Receiver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    config = tmp_path / "config.toml"
    config.write_text(
        f'kiosk_id = "{KIOSK_ID}"\n[sync]\nendpoint = "{sqlite_receiver.url}"\n'
        f'token_file = "{token_file(tmp_path, KIOSK_TOKEN)}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(tmp_path / "data")]
    )
    assert result.exit_code == 0, result.output
    assert "token is accepted" in result.output
    assert "clock skew" in result.output and "the district server's clock" in result.output
    assert KIOSK_TOKEN not in result.output


@pytest.mark.parametrize(
    ("shift", "status", "words"),
    [
        (timedelta(0), Status.OK, "the district server's clock"),
        (timedelta(hours=-5), Status.WARN, "5.0 h behind the district server's clock"),
        (timedelta(days=3), Status.WARN, "3.0 days ahead of the district server's clock"),
    ],
)
def test_a_wrong_clock_is_measured_against_the_receivers(
    sqlite_receiver: Receiver, tmp_path: Path, shift: timedelta, status: Status, words: str
) -> None:
    sync = SyncConfig(endpoint=sqlite_receiver.url, token_file=token_file(tmp_path, KIOSK_TOKEN))
    check, probe = probe_endpoint(sync)
    assert check.status is Status.OK
    assert probe is not None and probe.server_date is not None
    skew = check_clock_skew(datetime.now(UTC) + shift, probe.server_date)
    assert skew.status is status, skew.line()
    assert words in skew.detail
