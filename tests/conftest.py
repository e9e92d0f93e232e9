"""Shared test set-up: Qt offscreen, English locale, gui tests marked from the qapp fixture."""

from __future__ import annotations

import ast
import functools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock

# The receiver and PostgreSQL fixtures, shared by the district server's and the kiosk's sync tests.
pytest_plugins = ["receiver_fixtures"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANG"] = "en_US.UTF-8"
os.environ.pop("KIOSK_CONFIG", None)
os.environ.pop("KIOSK_DATA_DIR", None)
# The kiosk's log folder and its cache folder (the fallback journal's first choice) stay
# out of the user's home; tests that look at them set their own.
_SCRATCH = tempfile.mkdtemp(prefix="kiosk-tests-")
os.environ["XDG_STATE_HOME"] = os.path.join(_SCRATCH, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_SCRATCH, "cache")


# A test module that imports any of these needs Qt: its tests are `gui`, so that
# `pytest -m "not gui"` runs only tests whose modules import no Qt (tests/test_layers.py
# proves it by importing each of them with PySide6 blocked).
_QT_IMPORTS = ("PySide6", "shiboken6", "pytestqt", "kiosk.shell", "kiosk.ui", "kiosk_driver")


@functools.cache
def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        if any(n == q or n.startswith(q + ".") for n in names for q in _QT_IMPORTS):
            return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qapp" in fixtures or "qtbot" in fixtures or _imports_qt(item.path):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(autouse=True)
def _english_locale_after_each_test() -> Iterator[None]:
    """A test that switched the kiosk to Spanish must not leave Spanish dates to the next."""
    yield
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is not None:
        qtcore.QLocale.setDefault(qtcore.QLocale("en_US"))
