"""Where the kiosk keeps its files: flag, then environment, then the platform's standard folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "feedback-kiosk"
CONFIG_FILENAME = "config.toml"
ENV_CONFIG = "KIOSK_CONFIG"
ENV_DATA_DIR = "KIOSK_DATA_DIR"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def machine_config_file() -> Path:
    """The per-machine config IT provisions (e.g. /etc/xdg/feedback-kiosk/config.toml)."""
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def resolve_config_file(flag: str | os.PathLike[str] | None) -> Path | None:
    """The config file to read, or None when only defaults apply.

    A file named by flag or environment must exist (a typo must not silently give defaults);
    the standard locations are optional.
    """
    named = flag or os.environ.get(ENV_CONFIG)
    if named:
        return Path(named)
    for candidate in (machine_config_file(), user_config_file()):
        if candidate.is_file():
            return candidate
    return None


def resolve_data_dir(flag: str | os.PathLike[str] | None) -> Path:
    named = flag or os.environ.get(ENV_DATA_DIR)
    return Path(named) if named else default_data_dir()
