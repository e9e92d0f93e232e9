"""doctor fails a data folder or database the kiosk cannot write, with the fix for each kind of
failure: read-only (a read-only mount, an immutable file), locked (another program), damaged
(`kiosk recover`). Made with real mechanisms that hold for root too, who ignores permissions."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_clock import FakeClock
from kiosk_sync import filled
from store_faults import damage_cards

from kiosk.cli.main import main
from kiosk.deploy.doctor import Status, check_writable
from kiosk.store.cards import DB_FILENAME


def doctor_in_private_mount(config: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`kiosk doctor` in a mount namespace of its own where ``data_dir`` is bound read-only:
    the mount dies with the process, nothing outside it sees the change."""
    script = (
        f'mount --bind "{data_dir}" "{data_dir}" && '
        f'mount -o remount,bind,ro "{data_dir}" && '
        f'exec "{sys.executable}" -m kiosk doctor --config "{config}" --data-dir "{data_dir}"'
    )
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "XDG_CONFIG_DIRS": str(config.parent / "none")},
    )


def can_mount_privately(tmp_path: Path) -> str | None:
    """Why a private read-only bind mount cannot be made here, or None when it can."""
    if shutil.which("unshare") is None:
        return "no unshare(1) on this machine"
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         f'mount --bind "{probe}" "{probe}" && mount -o remount,bind,ro "{probe}" && '
         f'! touch "{probe}/x" 2>/dev/null'],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if done.returncode != 0:
        return f"a read-only bind mount needs CAP_SYS_ADMIN here ({done.stderr.strip()})"
    return None


def test_a_read_only_mount_fails_with_the_fix(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    why = can_mount_privately(tmp_path)
    if why is not None:
        pytest.skip(why)
    filled(data_dir, clock)
    config = tmp_path / "config.toml"
    config.write_text('kiosk_id = "lincoln-1"\n', encoding="utf-8")
    done = doctor_in_private_mount(config, data_dir)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    writable = next(i for i, x in enumerate(lines) if " writable " in x)
    assert lines[writable].startswith("FAIL  writable     cannot write in ")
    assert "Read-only file system" in lines[writable]
    assert "mount -o remount,rw" in lines[writable + 1]
    assert "all checks passed" not in done.stdout
    assert "failed: " in done.stdout and "writable" in done.stdout.splitlines()[-1]


@pytest.fixture
def immutable(data_dir: Path, clock: FakeClock) -> Iterator[Path]:
    _, path = filled(data_dir, clock)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i does not work here (needs ext4 and root): {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_immutable_database_file_fails_as_read_only(data_dir: Path, immutable: Path) -> None:
    check = check_writable(data_dir)
    assert check.status is Status.FAIL, check.line()
    assert "read-only" in check.detail
    assert "chattr -i" in check.fix


def test_a_database_another_program_holds_fails_as_locked(data_dir: Path, clock: FakeClock) -> None:
    _, path = filled(data_dir, clock)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # a writer that does not let go
        check = check_writable(data_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert check.status is Status.FAIL, check.line()
    assert "locked by another program" in check.detail
    assert "close it" in check.fix
    assert check_writable(data_dir).status is Status.OK


def test_a_damaged_database_points_to_kiosk_recover(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    _, path = filled(data_dir, clock)
    damage_cards(path, only=1)
    config = tmp_path / "config.toml"
    config.write_text('kiosk_id = "lincoln-1"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "FAIL  database" in result.output and "is damaged" in result.output
    assert "run `kiosk recover`" in result.output and "not sent yet" in result.output
    assert "move the file aside" not in result.output


def test_a_sound_folder_and_database_pass(data_dir: Path, clock: FakeClock) -> None:
    assert check_writable(data_dir).status is Status.OK  # no database yet: the folder is tried
    _, path = filled(data_dir, clock)
    size = path.stat().st_size
    check = check_writable(data_dir)
    assert check.status is Status.OK, check.line()
    assert DB_FILENAME in check.detail
    assert path.stat().st_size == size  # nothing was written
    assert not (data_dir / ".doctor-write-probe").exists()
