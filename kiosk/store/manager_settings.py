"""Settings the office manager may change at the kiosk, kept apart from IT's config file.

Qt-free. The manager's values are overrides stored in the kiosk's database (table
``manager_settings``); where the manager set nothing, IT's config applies. Every change is
validated, written with its log row in one transaction and logged; a PIN is stored only as its
hash and logged only as "changed".
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from kiosk.core.card import utc_iso
from kiosk.core.config import Config
from kiosk.core.pin import PinError, check_pin_format, hash_pin
from kiosk.store.cards import CardStore

log = logging.getLogger("kiosk.manager_settings")

PIN_HASH = "pin_hash"
IDLE_TIMEOUT = "idle_timeout_seconds"
DEFAULT_LANGUAGE = "default_language"
CONTACT_RETENTION = "contact_retention_days"

DEFAULT_RETENTION_DAYS = 30
RETENTION_RANGE = (1, 365)


def _config_bounds(name: str) -> tuple[int, int]:
    """The range IT's config allows for a setting, so the manager's range cannot drift from it."""
    low = high = None
    for rule in Config.model_fields[name].metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
    assert isinstance(low, int) and isinstance(high, int)
    return low, high


IDLE_RANGE = _config_bounds(IDLE_TIMEOUT)


class SettingsError(ValueError):
    """A change that cannot be saved. ``field`` is the input to fix; ``reason`` is one of
    "pin_format", "pin_mismatch", "not_a_number", "out_of_range", "language" so the screen can
    word it in either language."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class EffectiveSettings:
    """What the kiosk runs with: the manager's value where one is set, else IT's."""

    pin_hash: str | None
    idle_timeout_seconds: int
    default_language: str
    contact_retention_days: int
    overridden: frozenset[str]  # keys the manager has set


@dataclass(frozen=True)
class SettingsChange:
    """What the settings screen submits. Empty text leaves a value as it is (PIN) or hands it
    back to IT's config (idle timeout); the retention field always holds a number."""

    new_pin: str = ""
    repeat_pin: str = ""
    idle_timeout: str = ""
    default_language: str | None = None
    retention_days: str = ""


def validate(change: SettingsChange, config: Config) -> dict[str, str | None]:
    """The overrides to store (None removes one). Raises SettingsError on the first bad field."""
    values: dict[str, str | None] = {}
    if change.new_pin or change.repeat_pin:
        try:
            check_pin_format(change.new_pin)
        except PinError:
            raise SettingsError("pin", "pin_format") from None
        if change.new_pin != change.repeat_pin:
            raise SettingsError("repeat_pin", "pin_mismatch")
        values[PIN_HASH] = hash_pin(change.new_pin)
    idle = change.idle_timeout.strip()
    values[IDLE_TIMEOUT] = str(_number("idle_timeout", idle, IDLE_RANGE)) if idle else None
    if change.default_language is not None:
        if change.default_language not in config.languages:
            raise SettingsError("default_language", "language")
        # IT's own value needs no override: a later change to the config file then applies.
        same = change.default_language == config.default_language
        values[DEFAULT_LANGUAGE] = None if same else change.default_language
    days = _number("retention_days", change.retention_days.strip(), RETENTION_RANGE)
    values[CONTACT_RETENTION] = None if days == DEFAULT_RETENTION_DAYS else str(days)
    return values


def _number(field: str, text: str, bounds: tuple[int, int]) -> int:
    if not text.isdigit():
        raise SettingsError(field, "not_a_number")
    value = int(text)
    if not bounds[0] <= value <= bounds[1]:
        raise SettingsError(field, "out_of_range")
    return value


class ManagerSettings:
    """Reads and writes the manager's overrides in the kiosk's database."""

    def __init__(self, store: CardStore) -> None:
        self.store = store

    def overrides(self) -> dict[str, str]:
        return self.store.read(_overrides)

    def effective(self, config: Config) -> EffectiveSettings:
        return effective_settings(config, self.overrides())

    def save(self, change: SettingsChange, config: Config) -> list[str]:
        """Validate and store a change; returns the keys whose value changed."""
        wanted = validate(change, config)
        current = self.overrides()
        changed = [k for k, v in wanted.items() if current.get(k) != v]
        now = utc_iso(self.store.clock())
        with self.store.transaction() as conn:
            for key in changed:
                value = wanted[key]
                if value is None:
                    conn.execute("DELETE FROM manager_settings WHERE key = ?", [key])
                else:
                    conn.execute(
                        "INSERT INTO manager_settings (key, value, changed_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                        "changed_at = excluded.changed_at",
                        [key, value, now],
                    )
                old, new = _loggable(key, current.get(key)), _loggable(key, value)
                conn.execute(
                    "INSERT INTO manager_settings_log (changed_at, key, old_value, new_value) "
                    "VALUES (?, ?, ?, ?)",
                    [now, key, old, new],
                )
                log.info("manager setting %s changed from %s to %s", key, old, new)
        return changed

    def history(self) -> list[tuple[str, str, str | None, str | None]]:
        """(changed_at, key, old, new) of every change, newest first."""
        return self.store.read(_history)


def _overrides(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute("SELECT key, value FROM manager_settings")
    return {str(k): str(v) for k, v in rows}


def _history(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str | None]]:
    rows = conn.execute(
        "SELECT changed_at, key, old_value, new_value FROM manager_settings_log ORDER BY id DESC"
    )
    return [(str(a), str(b), c, d) for a, b, c, d in rows]


def _loggable(key: str, value: str | None) -> str | None:
    if key == PIN_HASH and value is not None:
        return "(set)"
    return value


def effective_settings(config: Config, overrides: dict[str, Any]) -> EffectiveSettings:
    def pick(key: str, fallback: Any) -> Any:
        return overrides.get(key, fallback)

    language = str(pick(DEFAULT_LANGUAGE, config.default_language))
    if language not in config.languages:  # IT has since withdrawn that language
        language = config.default_language
    return EffectiveSettings(
        pin_hash=pick(PIN_HASH, config.admin_pin_hash),
        idle_timeout_seconds=int(pick(IDLE_TIMEOUT, config.idle_timeout_seconds)),
        default_language=language,
        contact_retention_days=int(pick(CONTACT_RETENTION, DEFAULT_RETENTION_DAYS)),
        overridden=frozenset(overrides),
    )


def purge_expired_contacts(store: CardStore, config: Config) -> int:
    """Apply the retention setting: contact details of old delivered cards are removed."""
    days = ManagerSettings(store).effective(config).contact_retention_days
    return store.purge_contacts(days)
