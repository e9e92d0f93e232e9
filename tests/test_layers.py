"""The core never imports Qt: the card model, the store, the config, IT's tools and all of sync/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CORE_MODULES = [
    "kiosk.card",
    "kiosk.store",
    "kiosk.config",
    "kiosk.first_frame",
    "kiosk.config_seen",
    "kiosk.entry",  # imports Qt only when it starts the kiosk
    "kiosk.paths",
    "kiosk.reports",
    "kiosk.export_csv",
    "kiosk.manager_settings",
    "kiosk.seed",
    # IT's modules: doctor and provisioning run on machines where Qt may not start.
    "kiosk.doctor",
    "kiosk.provision",
    "kiosk.autostart",
    "kiosk.crash",
    "kiosk.buildinfo",
    "kiosk.cli_deploy",
    "kiosk.logs",
    "sync",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_qt(module: str) -> None:
    code = (
        f"import sys, importlib, pkgutil; m = importlib.import_module({module!r});\n"
        "if hasattr(m, '__path__'):\n"
        "    for info in pkgutil.walk_packages(m.__path__, m.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))"
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
