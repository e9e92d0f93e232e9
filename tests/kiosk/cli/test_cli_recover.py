"""`kiosk recover`: a damaged card file moved aside and everything readable moved on, from the
command line; it will not run beside a kiosk on the same data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_clock import FakeClock
from kiosk_sync import filled
from store_faults import damage_cards

from kiosk.cli.main import main
from kiosk.core.card import Delivery
from kiosk.store.recover import is_damaged

pytestmark = pytest.mark.gui  # the command takes the data folder's lock with Qt's QLockFile


def test_kiosk_recover_command(tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    before, path = filled(data_dir, clock)
    args = ["recover", "--data-dir", str(data_dir), "--config", str(tmp_path / "none.toml")]
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert (result.exit_code, result.stdout) == (
        0,
        f"{path} passes PRAGMA quick_check; nothing to recover\n",
    )
    lost = damage_cards(path, only=1)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    pending = sum(d is Delivery.PENDING for i, d in before.items() if i not in lost)
    assert result.stdout.startswith(
        f"recovered {600 - len(lost)} card(s) ({pending} waiting to be sent, "
    )
    assert f"{len(lost)} could not be read" in result.stdout
    assert all(i in result.stdout for i in lost)
    assert not is_damaged(path)


def test_kiosk_recover_refuses_beside_a_running_kiosk(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    from kiosk.shell.launch import lock_data_dir

    _, path = filled(data_dir, clock)
    damage_cards(path, only=1)
    lock = lock_data_dir(data_dir)  # the kiosk is running
    try:
        result = CliRunner().invoke(main, ["recover", "--data-dir", str(data_dir)])
    finally:
        lock.unlock()
    assert result.exit_code == 3
    assert "close the kiosk first" in result.stderr
    assert is_damaged(path) and not list(data_dir.glob("cards.db.damaged-*"))
