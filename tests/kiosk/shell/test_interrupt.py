"""Ctrl+C in the terminal (or `kill`) stops a running kiosk cleanly: exit status 0, nothing on
stderr (no traceback, no Qt error), the log says why, the data folder's lock released."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
READY = "kiosk: running; Ctrl+C here stops it"


def read_line(process: subprocess.Popen[str], deadline: float) -> str:
    """The next line the kiosk prints, waiting on its pipe (no sleeping) until ``deadline``."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
    assert ready, "the kiosk printed nothing in time"
    return process.stdout.readline().rstrip("\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_a_signal_stops_the_running_kiosk_cleanly(tmp_path: Path, stop: signal.Signals) -> None:
    data = tmp_path / "data"
    state = tmp_path / "state"
    process = subprocess.Popen(
        [sys.executable, "-c", "from kiosk.cli.main import main; main()", "run", "--windowed",
         "--config", str(ROOT / "assets" / "demo.toml"), "--data-dir", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(state)},
    )  # fmt: skip
    try:
        assert read_line(process, time.monotonic() + 90) == READY
        process.send_signal(stop)
        _out, err = process.communicate(timeout=25)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    # The offscreen platform's one complaint (a window hint it cannot pass on) aside, nothing.
    assert [line for line in err.splitlines() if "propagateSizeHints" not in line] == []
    log = (state / "feedback-kiosk" / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert f"kiosk stopped by {stop.name}" in log
    # The data folder is free again: a second kiosk may start on it.
    assert not (data / "kiosk.lock").exists()
