"""Start the kiosk when its user logs in (Linux): a systemd user unit or an XDG autostart entry.

* ``systemd`` (default where systemctl exists): ``~/.config/systemd/user/feedback-kiosk.service``,
  started with the graphical session and restarted after a crash (``Restart=on-failure``).
  A deliberate exit from the staff menu (exit code 0) stays exited, so staff can reach the desktop;
  so does a config error (``EXIT_CONFIG``): starting again would only fail again until IT
  fixes the file.
* ``xdg``: ``~/.config/autostart/feedback-kiosk.desktop``, which every desktop honours, but
  nothing brings a crashed kiosk back.

Only one is installed at a time: two would start two kiosks. Qt-free.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.exit_codes import EXIT_CONFIG

UNIT_NAME = "feedback-kiosk.service"
DESKTOP_NAME = "feedback-kiosk.desktop"
METHODS = ("systemd", "xdg")


@dataclass(frozen=True)
class Outcome:
    written: list[Path]
    removed: list[Path]
    notes: list[str]


def config_home() -> Path:
    value = os.environ.get("XDG_CONFIG_HOME")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".config"


def unit_path() -> Path:
    return config_home() / "systemd" / "user" / UNIT_NAME


def desktop_path() -> Path:
    return config_home() / "autostart" / DESKTOP_NAME


def default_method() -> str:
    return "systemd" if shutil.which("systemctl") else "xdg"


def kiosk_command(config: Path | None, data_dir: Path | None) -> list[str]:
    """The command that starts this very kiosk: the bundle's executable, or this Python."""
    if getattr(sys, "frozen", False):
        command = [str(Path(sys.executable).resolve())]
    else:
        command = [str(Path(sys.executable).absolute()), "-m", "kiosk"]
    command.append("run")
    if config is not None:
        command += ["--config", str(config.resolve())]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir.resolve())]
    return command


def _desktop_exec(command: list[str]) -> str:
    """Quote for a .desktop Exec key (Desktop Entry Specification, "The Exec key")."""

    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    # Inside a desktop file's string value, each backslash is itself escaped once more.
    return " ".join(quote(a) for a in command).replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=School feedback kiosk\n"
        "Comment=Front-office feedback kiosk (installed by `kiosk install-autostart`)\n"
        f"Exec={_desktop_exec(command)}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=2\n"
    )


def _systemd_quote(arg: str) -> str:
    # systemd's ExecStart takes shell-like quoting; % starts a specifier, so it is doubled.
    return shlex.quote(arg).replace("%", "%%")


def systemd_unit(command: list[str]) -> str:
    return (
        "[Unit]\n"
        "Description=School feedback kiosk\n"
        "Documentation=file://README.md#deploying-to-many-kiosks-it\n"
        "PartOf=graphical-session.target\n"
        "After=graphical-session.target\n"
        "# Give up only after 10 crashes within 10 minutes (a broken install, not a hiccup).\n"
        "StartLimitIntervalSec=600\n"
        "StartLimitBurst=10\n"
        "\n"
        "[Service]\n"
        f"ExecStart={' '.join(_systemd_quote(a) for a in command)}\n"
        "# A crash or a kill brings the kiosk back; the staff menu's Exit (status 0) does not,\n"
        "# nor a config error, which would fail again at every restart until IT fixes the file.\n"
        "Restart=on-failure\n"
        f"RestartPreventExitStatus={EXIT_CONFIG}\n"
        "RestartSec=3\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


def _systemctl(*args: str) -> str | None:
    """Run `systemctl --user ...`; returns None on success or what went wrong."""
    if not shutil.which("systemctl"):
        return "systemctl is not installed"
    try:
        result = subprocess.run(
            ["systemctl", "--user", *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if result.returncode != 0:
        return (result.stderr or result.stdout).strip() or f"exit status {result.returncode}"
    return None


def install(
    method: str, command: list[str], use_systemctl: bool = True, force: bool = False
) -> Outcome:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    notes: list[str] = []
    removed = uninstall(use_systemctl=use_systemctl).removed if force else []
    other = desktop_path() if method == "systemd" else unit_path()
    if other.exists():
        raise FileExistsError(
            f"{other} is already installed; two would start two kiosks. "
            "Run `kiosk uninstall-autostart` first, or pass --force"
        )
    if method == "systemd":
        path, text = unit_path(), systemd_unit(command)
    else:
        path, text = desktop_path(), desktop_entry(command)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if method == "systemd":
        if use_systemctl:
            problem = _systemctl("daemon-reload") or _systemctl("enable", UNIT_NAME)
            if problem:
                notes.append(
                    f"could not enable the unit ({problem}); as the kiosk's user, in its "
                    f"desktop session, run: systemctl --user daemon-reload && "
                    f"systemctl --user enable {UNIT_NAME}"
                )
            else:
                notes.append(f"enabled {UNIT_NAME}; it starts at the next login")
        else:
            notes.append(
                f"enable it with: systemctl --user daemon-reload && "
                f"systemctl --user enable {UNIT_NAME}"
            )
    else:
        notes.append("the kiosk starts at the next login of this user")
    return Outcome([path], removed, notes)


def uninstall(use_systemctl: bool = True) -> Outcome:
    removed: list[Path] = []
    notes: list[str] = []
    unit = unit_path()
    if unit.exists():
        if use_systemctl:
            problem = _systemctl("disable", UNIT_NAME)
            if problem:
                notes.append(f"systemctl --user disable {UNIT_NAME} failed: {problem}")
        unit.unlink()
        removed.append(unit)
        if use_systemctl:
            _systemctl("daemon-reload")
    desktop = desktop_path()
    if desktop.exists():
        desktop.unlink()
        removed.append(desktop)
    if not removed:
        notes.append("no autostart entry was installed")
    return Outcome([], removed, notes)
