"""`kiosk install-autostart` / `uninstall-autostart` on a temporary XDG_CONFIG_HOME."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli.main import main
from kiosk.core.exit_codes import EXIT_CONFIG
from kiosk.deploy.autostart import (
    DESKTOP_NAME,
    UNIT_NAME,
    desktop_entry,
    kiosk_command,
    systemd_unit,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Linux autostart")


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def read_ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


def test_systemd_unit_restarts_a_crashed_kiosk(config_home: Path, tmp_path: Path) -> None:
    config = tmp_path / "my school" / "config.toml"
    code, output = invoke(
        "install-autostart", "--method", "systemd", "--no-systemctl", "--config", str(config)
    )
    assert code == 0, output
    unit = config_home / "systemd" / "user" / UNIT_NAME
    service = read_ini(unit)["Service"]
    assert service["Restart"] == "on-failure"
    # A config error exits with EXIT_CONFIG (tests/kiosk/shell/test_start.py): no restart loop.
    assert service["RestartPreventExitStatus"] == str(EXIT_CONFIG)
    command = shlex.split(service["ExecStart"])
    assert command == kiosk_command(config, None)
    assert command[-3:] == ["run", "--config", str(config)]  # the space survives quoting
    assert read_ini(unit)["Install"]["WantedBy"] == "graphical-session.target"
    assert "systemctl --user enable" in output


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_reads_every_line_of_the_unit(tmp_path: Path) -> None:
    """A misspelt key is only a warning to systemd (and the restart rule it held, lost)."""
    unit = tmp_path / UNIT_NAME
    unit.write_text(systemd_unit(kiosk_command(tmp_path / "config.toml", None)), encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in result.stderr.splitlines() if str(unit) in line]
    assert result.returncode == 0 and problems == [], result.stderr


def test_xdg_entry_starts_the_kiosk_at_login(config_home: Path, tmp_path: Path) -> None:
    code, output = invoke(
        "install-autostart", "--method", "xdg", "--data-dir", str(tmp_path / "data")
    )
    assert code == 0, output
    entry = read_ini(config_home / "autostart" / DESKTOP_NAME)["Desktop Entry"]
    assert entry["Type"] == "Application"
    command = shlex.split(entry["Exec"])
    assert command[-3:] == ["run", "--data-dir", str(tmp_path / "data")]
    assert Path(command[0]).exists()


def test_desktop_exec_quotes_spaces_and_percent_signs() -> None:
    text = desktop_entry(["/opt/Feedback Kiosk/kiosk", "run", "--config", "/etc/100%.toml"])
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line == 'Exec="/opt/Feedback Kiosk/kiosk" run --config /etc/100%%.toml'


def test_only_one_method_at_a_time(config_home: Path) -> None:
    assert invoke("install-autostart", "--method", "xdg")[0] == 0
    code, output = invoke("install-autostart", "--method", "systemd", "--no-systemctl")
    assert code == 1
    assert "two would start two kiosks" in output
    assert not (config_home / "systemd" / "user" / UNIT_NAME).exists()
    code, output = invoke("install-autostart", "--method", "systemd", "--no-systemctl", "--force")
    assert code == 0, output
    assert (config_home / "systemd" / "user" / UNIT_NAME).exists()
    assert not (config_home / "autostart" / DESKTOP_NAME).exists()


def test_uninstall_removes_whatever_is_installed(config_home: Path) -> None:
    invoke("install-autostart", "--method", "systemd", "--no-systemctl")
    code, output = invoke("uninstall-autostart", "--no-systemctl")
    assert code == 0, output
    assert "removed:" in output
    assert not (config_home / "systemd" / "user" / UNIT_NAME).exists()
    code, output = invoke("uninstall-autostart", "--no-systemctl")
    assert code == 0
    assert "no autostart entry was installed" in output
