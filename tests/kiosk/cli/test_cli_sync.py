"""``kiosk sync --once``: what it prints, its exit status, and a kill -9 in the middle of a sync."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_clock import FakeClock
from kiosk_sync import seed, sync_once, write_config
from receiver_harness import Fault, Portal, Receiver, bind_socket
from store_faults import damage_cards, disk_full

from kiosk.cli.main import main
from kiosk.core.card import Delivery
from kiosk.store.cards import CardStore


def test_once_drains_and_reports(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 120)
    code, out, err = sync_once(write_config(tmp_path, receiver.url, 50), data_dir)
    assert (code, err) == (0, "")
    assert out.startswith("sent 120, accepted 120, duplicate 0, rejected 0, still pending 0")
    assert sorted(receiver.card_ids()) == sorted(ids)


def test_once_with_receiver_down_exits_1(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock
) -> None:
    seed(store, clock, 7)
    with bind_socket() as sock:
        host, port = sock.getsockname()
        code, out, err = sync_once(write_config(tmp_path, f"http://{host}:{port}"), data_dir)
    assert code == 1
    assert "still pending 7" in out
    assert "cannot reach the receiver" in err


@pytest.mark.parametrize(
    ("config_text", "message"),
    [
        ("kiosk_id = \n", "not valid TOML"),
        ('[sync]\nendpoint = "ftp://x"\n', "sync.endpoint"),
        ("", "sync is not configured"),
        ('[sync]\nendpoint = "http://district.example"\ntoken = "t"\n', "plain http"),
    ],
)
def test_unusable_config_is_one_line_and_exit_2(
    tmp_path: Path, data_dir: Path, config_text: str, message: str
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(config_text, encoding="utf-8")
    code, out, err = sync_once(config, data_dir)
    assert (code, out) == (2, "")
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.slow
def test_kill_9_mid_sync_then_rerun(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    ids = seed(store, clock, 500)
    config = write_config(tmp_path, receiver.url, batch_size=50)
    # The third batch is committed by the receiver, and its answer held back while we kill.
    receiver.faults.add(*[Fault("/v1/cards", a) for a in ("pass", "pass", "hold_after_commit")])
    args = ["-m", "kiosk", "sync", "--once", "--config", str(config), "--data-dir", str(data_dir)]
    with subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE) as proc:
        assert receiver.faults.committed.wait(30), "the sync never reached the third batch"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    assert receiver.count() == 150
    assert store.count(Delivery.PENDING) == 400  # batch 3 is on the receiver, not marked here
    receiver.faults.release()

    code, out, _ = sync_once(config, data_dir)
    assert code == 0
    assert out.startswith("sent 400, accepted 350, duplicate 50, rejected 0, still pending 0")
    assert sorted(receiver.card_ids()) == sorted(ids)
    assert store.count(Delivery.DELIVERED) == 500


def test_once_behind_a_captive_portal_is_no_success(
    tmp_path: Path, data_dir: Path, store: CardStore
) -> None:
    """Guest Wi-Fi answering every request with a 200 page: with nothing to send, the heartbeat
    alone is refused, so no success is recorded and the exit status says so."""
    with Portal(200) as portal:
        code, out, err = sync_once(write_config(tmp_path, portal.url), data_dir)
    assert code == 1
    assert out.startswith("sent 0, accepted 0")
    assert err.count("\n") == 1 and "answered with a web page" in err and "Wi-Fi" in err
    status = store.sync_status()
    assert (status.last_success, status.last_error_kind) == (None, "portal")
    assert portal.requests == ["POST /v1/kiosks/lincoln-1/heartbeat"]


def test_once_on_a_full_disk_is_one_line_and_exit_2(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 100)
    config = write_config(tmp_path, receiver.url)
    result = CliRunner().invoke(
        main,
        ["sync", "--once", "--config", str(config), "--data-dir", str(data_dir)],
        obj=lambda folder: disk_full(CardStore.in_dir(folder, clock)),  # the CLI's own store
    )
    assert isinstance(result.exception, SystemExit), result.exception
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"kiosk sync: the disk is full ({data_dir / 'cards.db'})\n"
    assert store.count(Delivery.PENDING) == 100  # the district has them; sent again next time


def test_once_on_a_damaged_file_is_one_line_and_exit_2(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    seed(store, clock, 100)
    store.close()
    damage_cards(data_dir / "cards.db")
    config = write_config(tmp_path, receiver.url)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(  # the real command, with the terminal a person would see
        [sys.executable, "-m", "kiosk", "sync", "--once", "--config", str(config),
         "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"kiosk sync: the database file is damaged ({data_dir / 'cards.db'}); "
        "run `kiosk recover` (it keeps the cards not sent yet)\n"
    )
