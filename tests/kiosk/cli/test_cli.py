"""The `kiosk` command as IT and developers use it: real processes, real files."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core.card import Delivery
from kiosk.core.config import Config
from kiosk.core.pin import verify_pin
from kiosk.store.cards import CardStore

ROOT = Path(__file__).resolve().parents[3]


def kiosk(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        input="",
    )


def test_help_lists_the_subcommands() -> None:
    result = kiosk("--help")
    assert result.returncode == 0
    for name in ("run", "snapshot", "pin-hash"):
        assert f"  {name}" in result.stdout


def test_a_config_error_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("idle_timeout_seconds = 'soon'\n")
    # The error screen shows too; the probe flag closes it once it is painted.
    result = kiosk(
        "run", "--windowed", "--quit-after-first-tap", "--config", str(bad),
        "--data-dir", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("config-error-shown ")
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"kiosk: configuration error: {bad}: idle_timeout_seconds: "
        "Input should be a valid integer, unable to parse string as an integer (got 'soon')"
    ]


def test_a_bad_window_size_is_one_clear_line(tmp_path: Path) -> None:
    result = kiosk("run", "--windowed", "--size", "10x10", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert "width and height must be between 320 and 7680/4320" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_config_file_can_come_from_the_environment(tmp_path: Path) -> None:
    bad = tmp_path / "env.toml"
    bad.write_text("unknown_key = 1\n")
    result = kiosk("run", "--windowed", "--quit-after-first-tap", env={"KIOSK_CONFIG": str(bad)})
    assert result.returncode == 2
    assert "unknown key 'unknown_key'" in result.stderr


def test_kiosk_mode_without_a_pin_is_refused(tmp_path: Path) -> None:
    result = kiosk("run", "--quit-after-first-tap", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout.startswith("config-error-shown ")
    assert result.stderr.splitlines() == [
        "kiosk: configuration error: admin_pin_hash: not set; kiosk mode needs it "
        "(make one with `kiosk pin-hash`), or use --windowed"
    ]


@pytest.mark.parametrize("mode", [["--windowed"], []], ids=["windowed", "kiosk-mode"])
def test_run_starts_and_shows_welcome(tmp_path: Path, mode: list[str]) -> None:
    result = kiosk(
        "run",
        *mode,
        "--quit-after-first-tap",
        "--config",
        str(ROOT / "assets" / "demo.toml"),
        "--data-dir",
        str(tmp_path / "data"),
        env={"XDG_STATE_HOME": str(tmp_path / "state")},
    )
    assert result.returncode == 0, result.stderr
    marks = [line.split() for line in result.stdout.splitlines()]
    assert [name for name, _ in marks] == ["first-paint", "interactive"]
    first_paint, interactive = (float(clock) for _, clock in marks)
    assert 0 < first_paint <= interactive
    # The probe's tap was a visitor's: one card for the middle face, final once it left.
    store = CardStore.in_dir(tmp_path / "data")
    try:
        cards = store.cards()
    finally:
        store.close()
    assert [(c.rating, c.delivery) for c in cards] == [(3, Delivery.PENDING)]


def test_pin_hash_prints_a_config_line_that_verifies() -> None:
    result = kiosk("pin-hash", "--pin", "97531")
    assert result.returncode == 0
    line = result.stdout.strip()
    assert line.startswith('admin_pin_hash = "scrypt$')
    stored = line.split('"')[1]
    assert verify_pin("97531", stored) and not verify_pin("97530", stored)
    assert Config(admin_pin_hash=stored).admin_pin_hash == stored


def test_pin_hash_refuses_a_short_pin() -> None:
    result = kiosk("pin-hash", "--pin", "12")
    assert result.returncode == 2
    assert "a PIN is 4 to 12 digits" in result.stderr


@pytest.mark.slow
def test_snapshot_renders_every_screen_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = kiosk("snapshot", "--out", str(out), "--config", str(ROOT / "assets" / "demo.toml"))
    assert result.returncode == 0, result.stderr
    screens = ["welcome", "details", "role", "resolution", "comment", "followup", "thanks"]
    screens += ["pin", "staff", "idle-warning", "attract"]
    screens += [f"manager-{s}" for s in ("today", "cards", "followups", "reports", "sync")]
    screens += ["manager-settings", "manager-export", "manager-print", "staff-close"]
    screens += ["welcome-speech", "starting", "config-error"]
    expected = {f"{s}-{lang}.png" for s in screens for lang in ("en", "es")}
    assert expected <= {p.name for p in out.iterdir()}
    # Welcome with the speaker button on is not Welcome with it off.
    assert (out / "welcome-speech-en.png").read_bytes() != (out / "welcome-en.png").read_bytes()
    for name in expected:
        header = (out / name).read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (1280, 800), name


def test_seed_writes_the_cards_asked_for(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = kiosk("seed", "--cards", "250", "--days", "7", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "250 cards written" in result.stdout
    from kiosk.store.cards import CardStore

    store = CardStore.in_dir(data)
    try:
        cards = store.cards(limit=1000)
    finally:
        store.close()
    assert len(cards) == 250
    days = {c.created_at.date() for c in cards}
    assert 1 < len(days) <= 7


def test_a_second_kiosk_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    first = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not (data / "kiosk.lock").exists() and time.monotonic() < deadline:
            try:
                first.wait(timeout=0.05)  # returns early only if the first kiosk died
                break
            except subprocess.TimeoutExpired:
                continue
        assert (data / "kiosk.lock").exists(), "the first kiosk never started"
        second = kiosk("run", "--windowed", "--data-dir", str(data), env=env)
        assert second.returncode == 3
        assert "another kiosk is already running" in second.stderr
    finally:
        first.kill()
        first.wait(timeout=30)
    # The lock of a process that died is stale, so the next start takes it over.
    third = kiosk("run", "--windowed", "--quit-after-first-tap", "--data-dir", str(data), env=env)
    assert third.returncode == 0, third.stderr
