"""The core never imports Qt: the card model, the store, the config and all of sync/."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "kiosk.card",
    "kiosk.store",
    "kiosk.config",
    "kiosk.paths",
    "kiosk.reports",
    "kiosk.export_csv",
    "kiosk.manager_settings",
    "kiosk.seed",
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
