"""`kiosk run`'s start: a bad config shows the error screen instead of the kiosk, and exits 2;
the first frame takes taps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.core.exit_codes import EXIT_CONFIG
from kiosk.shell.app import build_window
from kiosk.shell.start_probe import StartProbe

# `kiosk run` as the console script runs it, reporting how it ended and whether the kiosk's
# window (its screens, its store) was ever loaded.
RUN_AND_REPORT = """
import sys
from kiosk.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    print("exit", stop.code, "kiosk", "kiosk.shell.app" in sys.modules)
"""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "thanks_seconds = 0\n",
            "thanks_seconds: Input should be greater than or equal to 2 (got 0)",
        ),
        ('languages = ["en"]\ndefault_language = "es"\n', "default_language 'es' is not in"),
        ("school = 'Lincoln'\n", "unknown key 'school' (allowed: accent_colour, admin_pin_hash,"),
        ("[sync]\nbatch_size = 5000\n", "sync.batch_size: Input should be less than or equal"),
        ("school_name = \n", "not valid TOML"),
    ],
)
def test_a_bad_config_shows_its_error_screen_and_one_line_instead_of_the_kiosk(
    tmp_path: Path, text: str, problem: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT, "run", "--quit-after-first-tap",
         "--config", str(config), "--data-dir", str(data)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)},
    )  # fmt: skip
    # The error screen was painted (then closed by the probe flag); the kiosk never started.
    shown, ended = result.stdout.splitlines()
    assert shown.startswith("config-error-shown ")
    assert ended == f"exit {EXIT_CONFIG} kiosk False"
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kiosk: configuration error: {config}: ")
    assert problem in line
    assert not data.exists()  # nor was the data folder touched
    logged = (tmp_path / "feedback-kiosk" / "log" / "kiosk.log").read_text(encoding="utf-8")
    assert f"configuration error: {line.removeprefix('kiosk: configuration error: ')}" in logged


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
def test_the_first_frame_takes_the_first_tap(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, size: tuple[int, int]
) -> None:
    """`kiosk run` shows the window complete: a tap sent right after its first paint makes
    the card (kiosk.shell.start_probe taps through the window, as a touchscreen does)."""
    window, _session = build_window(qapp, Config(), data_dir, size, kiosk_mode=False)
    qtbot.addWidget(window)
    printed: list[str] = []
    left: list[bool] = []
    probe = StartProbe(window, lambda: left.append(True), printed.append)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: left == [True])
    assert probe.taps == 1
    assert [line.split()[0] for line in printed] == ["first-paint", "interactive"]
    assert window.current() is window.details
    window.reset_to_welcome()  # the probe's visit ends, as kiosk run's does
