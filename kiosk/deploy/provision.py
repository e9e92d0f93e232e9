"""`kiosk provision`: write one kiosk's validated config and its token file. Qt-free.

The config is rendered from the same pydantic model the kiosk loads, validated, written to a
temporary file, loaded back through ``load_config`` and only then moved into place, so a
provisioned kiosk never starts on a file it would reject. Secrets are never printed.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.config import Config, ConfigError, load_config, parse_config

TOKEN_FILENAME = "token"


class ProvisionError(Exception):
    """Provisioning refused; the message says why and what to do."""


@dataclass(frozen=True)
class Provisioned:
    config_file: Path
    token_file: Path | None
    config: Config


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    # A JSON string is a valid TOML basic string (same escapes), and keeps non-ASCII as is.
    return json.dumps(str(value), ensure_ascii=False)


def render_toml(settings: dict[str, object], sync: dict[str, object]) -> str:
    lines = [
        "# Written by `kiosk provision`. Every key is described in README.md;",
        "# check the file with `kiosk doctor` after editing it by hand.",
    ]
    lines += [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
    if sync:
        lines += ["", "[sync]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in sync.items()]
    return "\n".join(lines) + "\n"


def _write_atomically(path: Path, text: str | bytes, mode: int) -> None:
    """Write to a temporary file beside ``path`` with ``mode`` from the start, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        if hasattr(os, "fchmod"):  # POSIX: private from the first byte, not after a chmod
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_token(source: Path) -> str:
    try:
        token = source.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ProvisionError(f"cannot read the token file {source} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ProvisionError(f"the token file {source} is not text") from None
    if not token or any(c.isspace() for c in token):
        raise ProvisionError(
            f"the token file {source} must hold the token alone, on one line, without spaces"
        )
    return token


def provision(
    config_file: Path,
    school: str,
    kiosk_id: str,
    endpoint: str | None,
    token_source: Path | None,
    admin_pin_hash: str | None = None,
    languages: list[str] | None = None,
    force: bool = False,
    owner: str | None = None,
) -> Provisioned:
    """Validate, then write ``config_file`` and (with a token) ``token`` beside it (mode 0600).

    ``owner``: on POSIX, the account the kiosk runs as; the token file is given to it, so a
    root-run provisioning leaves a token only the kiosk's user can read.
    """
    token_file = config_file.parent / TOKEN_FILENAME if token_source else None
    if not force:
        existing = [p for p in (config_file, token_file) if p is not None and p.exists()]
        if existing:
            raise ProvisionError(
                f"{existing[0]} already exists; pass --force to replace it "
                "(the old file is overwritten)"
            )
    if endpoint and not token_source:
        raise ProvisionError("--endpoint needs --token-file (the kiosk's bearer token)")
    settings: dict[str, object] = {"school_name": school, "kiosk_id": kiosk_id}
    if languages:
        settings["languages"] = languages
        settings["default_language"] = languages[0]
    if admin_pin_hash:
        settings["admin_pin_hash"] = admin_pin_hash
    sync: dict[str, object] = {}
    if endpoint:
        sync["endpoint"] = endpoint
    if token_file is not None:
        sync["token_file"] = str(token_file.resolve())
    # Validate before anything touches the disk; errors name the field, as at start-up.
    try:
        parse_config({**settings, "sync": sync}, "provision")
    except ConfigError as exc:
        raise ProvisionError(str(exc).removeprefix("provision: ")) from None
    token = _read_token(token_source) if token_source else None
    uid = _uid_of(owner) if owner else None

    text = render_toml(settings, sync)
    # Round trip: the text as written must load into the same settings through load_config.
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "config.toml"
        probe.write_text(text, encoding="utf-8")
        try:
            loaded = load_config(probe)
        except ConfigError as exc:  # pragma: no cover (a bug in render_toml)
            raise AssertionError(f"rendered config does not load: {exc}") from None

    if token_file is not None and token is not None:
        _write_atomically(token_file, token + "\n", 0o600)
        if uid is not None:
            os.chown(token_file, uid, -1)
    _write_atomically(config_file, text, 0o644)
    return Provisioned(config_file, token_file, loaded)


def _uid_of(owner: str) -> int:
    if sys.platform == "win32":
        raise ProvisionError("--owner is for Linux; on Windows set the file's access with icacls")
    import pwd

    try:
        return pwd.getpwnam(owner).pw_uid
    except KeyError:
        raise ProvisionError(f"no user named {owner!r} on this machine") from None
