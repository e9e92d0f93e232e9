"""IT's commands stay Qt-free: doctor, provision and autostart run over SSH on a machine with no
display, and must not pay for loading Qt. (The crash handler is Qt-free too: it gets the
window's reset as a plain callable.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY_MODULES = [
    "kiosk.doctor",
    "kiosk.provision",
    "kiosk.autostart",
    "kiosk.crash",
    "kiosk.buildinfo",
    "kiosk.cli_deploy",
    "kiosk.logs",
]


@pytest.mark.parametrize("module", DEPLOY_MODULES)
def test_deploy_module_does_not_import_qt(module: str) -> None:
    code = (
        f"import importlib, sys; importlib.import_module({module!r});\n"
        "print(','.join(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


def test_doctor_command_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "try:\n"
        "    main(['doctor', '--data-dir', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('QT=' + ','.join(sorted(n for n in sys.modules if n.startswith('PySide6'))))"
    )
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "database" in result.stdout
    assert result.stdout.strip().endswith("QT="), result.stdout[-300:]
