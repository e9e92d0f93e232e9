"""The architecture as contracts (pyproject.toml's [tool.importlinter]): layers, no cycles, the
Qt-free core, a wire that imports neither program, a district server without the kiosk."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )


CONTRACTS = [
    c["name"]
    for c in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
]
# Packages that must import, every module of them, without Qt (a runtime check beside the
# static one: it also sees importlib and plugins). kiosk.cli loads Qt only to run the kiosk.
QT_FREE = [
    "kiosk.core",
    "kiosk.store",
    "kiosk.outbox",
    "kiosk.deploy",
    "kiosk.cli",
    "sync",
    "district",
]


@pytest.fixture(scope="module")
def contracts() -> str:
    result = lint_imports(ROOT)
    assert "Contracts:" in result.stdout, result.stdout[-4000:] + result.stderr[-2000:]
    return " ".join(result.stdout.split())  # long names wrap in the report


@pytest.mark.parametrize("name", CONTRACTS)
def test_import_contract_is_kept(contracts: str, name: str) -> None:
    assert f"{name} KEPT" in contracts, contracts[-4000:]


@pytest.mark.parametrize("package", QT_FREE)
def test_package_imports_without_qt(package: str) -> None:
    code = (
        f"import sys, importlib, pkgutil; m = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(m.__path__, m.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(','.join(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6')))))"
    )
    assert importlib.util.find_spec(package) is not None
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"{package} pulls in {result.stdout.strip()}"


def test_a_deferred_import_that_closes_a_cycle_breaks_the_contracts(tmp_path: Path) -> None:
    """The check is not vacuous: a copy of the tree with one import inside a function, from the
    exit codes up to the crash handler that imports them, fails."""
    for package in ("kiosk", "sync", "district"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    exit_codes = tmp_path / "kiosk" / "core" / "exit_codes.py"
    exit_codes.write_text(
        exit_codes.read_text(encoding="utf-8")
        + textwrap.dedent(
            """

            def _late() -> object:
                from kiosk.core.crash import CrashHandler

                return CrashHandler
            """
        ),
        encoding="utf-8",
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "No import cycles anywhere BROKEN" in result.stdout
    assert ".exit_codes -> .crash" in result.stdout


def test_doctor_command_runs_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.cli.main import main\n"
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


BLOCK_QT_AND_IMPORT = """
import importlib.util, sys
for name in ("PySide6", "shiboken6", "pytestqt"):
    sys.modules[name] = None  # an import of it now raises ImportError
sys.path.insert(0, "tests/support")
for number, path in enumerate(sys.argv[1:]):
    spec = importlib.util.spec_from_file_location(f"not_gui_{number}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
print("imported", len(sys.argv) - 1)
"""


def test_not_gui_selects_only_tests_whose_modules_import_no_qt() -> None:
    """The README's claim: `pytest -m "not gui"` runs the Qt-free tests alone."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not gui", "-p", "no:xdist"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    modules = sorted({line.split("::")[0] for line in listed.stdout.splitlines() if "::" in line})
    assert "tests/kiosk/core/test_card.py" in modules
    assert "tests/kiosk/ui/test_manager_ui.py" not in modules
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT_AND_IMPORT, *modules],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == f"imported {len(modules)}"


def test_sql_outside_the_store_breaks_the_contracts(tmp_path: Path) -> None:
    """A widget or a command that opens the card file itself fails, deferred imports too."""
    for package in ("kiosk", "sync", "district"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for module in ("kiosk/ui/manager/report_job.py", "kiosk/cli/export.py"):
        path = tmp_path / module
        path.write_text(
            path.read_text(encoding="utf-8") + "\n\ndef _own_connection(path: str) -> object:\n"
            "    import sqlite3\n\n    return sqlite3.connect(path)\n",
            encoding="utf-8",
        )
    report = " ".join(lint_imports(tmp_path).stdout.split())
    assert "Widgets know nothing of HTTP or the wire: they emit signals BROKEN" in report
    assert "Only the store speaks SQL: no other layer imports sqlite3 or sqlite-utils BROKEN" in (
        report
    )
    assert "kiosk.cli.export -> sqlite3" in report
