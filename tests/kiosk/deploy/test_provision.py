"""`kiosk provision` and where the kiosk finds its config (flag, environment, file, default)."""

from __future__ import annotations

import getpass
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli.main import main
from kiosk.core.config import load_config
from kiosk.core.paths import machine_config_file, resolve_config_file, user_config_file
from kiosk.core.pin import verify_pin

TOKEN = "s3cret-kiosk-token-7f2c"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home-state"))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)


@pytest.fixture
def token_source(tmp_path: Path) -> Path:
    path = tmp_path / "handed-over-token.txt"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    return path


def provision(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["provision", *args], input=input)
    return result.exit_code, result.output


def test_writes_validated_config_and_private_token(tmp_path: Path, token_source: Path) -> None:
    out = tmp_path / "kiosk" / "config.toml"
    code, output = provision(
        "--school", "Escuela Primaria Núñez",
        "--kiosk-id", "nunez-front-1",
        "--endpoint", "https://feedback.district.example/",
        "--token-file", str(token_source),
        "--language", "es", "--language", "en",
        "--out", str(out),
        "--owner", getpass.getuser(),
    )  # fmt: skip
    assert code == 0, output
    config = load_config(out)
    assert config.school_name == "Escuela Primaria Núñez"
    assert config.kiosk_id == "nunez-front-1"
    assert config.languages == ["es", "en"] and config.default_language == "es"
    assert config.sync.endpoint == "https://feedback.district.example"
    token_file = out.parent / "token"
    assert config.sync.token_file == token_file
    assert config.sync.token is None  # the secret is not in the config file
    assert token_file.read_text(encoding="utf-8").strip() == TOKEN
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert TOKEN not in output
    assert TOKEN not in out.read_text(encoding="utf-8")


def test_refuses_to_overwrite_without_force(tmp_path: Path, token_source: Path) -> None:
    out = tmp_path / "config.toml"
    args = ["--school", "A", "--kiosk-id", "a-1", "--out", str(out)]
    assert provision(*args)[0] == 0
    out.write_text('school_name = "edited by hand"\n', encoding="utf-8")
    code, output = provision(*args)
    assert code == 1
    assert "already exists; pass --force" in output
    assert "edited by hand" in out.read_text(encoding="utf-8")
    code, output = provision(*args, "--force")
    assert code == 0, output
    assert load_config(out).school_name == "A"


def test_invalid_value_writes_nothing_and_names_the_field(tmp_path: Path) -> None:
    out = tmp_path / "config.toml"
    code, output = provision("--school", "A", "--kiosk-id", "has spaces", "--out", str(out))
    assert code == 1
    assert "kiosk_id" in output
    assert not out.exists()


def test_endpoint_needs_a_token(tmp_path: Path) -> None:
    out = tmp_path / "config.toml"
    code, output = provision(
        "--school", "A", "--kiosk-id", "a-1", "--endpoint", "https://x.example", "--out", str(out)
    )
    assert code == 1
    assert "--token-file" in output
    assert not out.exists()


def test_token_file_with_two_words_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "token.txt"
    bad.write_text("two words\n", encoding="utf-8")
    code, output = provision(
        "--school", "A", "--kiosk-id", "a-1", "--endpoint", "https://x.example",
        "--token-file", str(bad), "--out", str(tmp_path / "config.toml"),
    )  # fmt: skip
    assert code == 1
    assert "on one line, without spaces" in output
    assert "two words" not in output


def test_pin_is_asked_hidden_and_stored_as_a_hash(tmp_path: Path) -> None:
    out = tmp_path / "config.toml"
    code, output = provision(
        "--school", "A", "--kiosk-id", "a-1", "--pin", "--out", str(out), input="4821\n4821\n"
    )
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    assert "4821" not in text
    assert verify_pin("4821", load_config(out).admin_pin_hash)


def test_default_target_is_the_per_machine_config_which_the_kiosk_then_reads(
    tmp_path: Path,
) -> None:
    code, output = provision("--school", "Machine School", "--kiosk-id", "m-1")
    assert code == 0, output
    assert machine_config_file().is_file()
    assert machine_config_file().is_relative_to(tmp_path / "etc-xdg")
    assert resolve_config_file(None) == machine_config_file()


def test_user_option_writes_the_per_user_config(tmp_path: Path) -> None:
    code, output = provision("--school", "Mine", "--kiosk-id", "u-1", "--user")
    assert code == 0, output
    assert user_config_file().is_file() and not machine_config_file().exists()
    assert resolve_config_file(None) == user_config_file()


def test_precedence_flag_then_environment_then_machine_then_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_config_file(None) is None  # nothing anywhere: built-in defaults
    provision("--school", "User", "--kiosk-id", "u-1", "--user")
    assert load_config(resolve_config_file(None)).school_name == "User"
    provision("--school", "Machine", "--kiosk-id", "m-1")
    assert load_config(resolve_config_file(None)).school_name == "Machine"
    env_file = tmp_path / "env.toml"
    provision("--school", "Env", "--kiosk-id", "e-1", "--out", str(env_file))
    monkeypatch.setenv("KIOSK_CONFIG", str(env_file))
    assert load_config(resolve_config_file(None)).school_name == "Env"
    flag_file = tmp_path / "flag.toml"
    provision("--school", "Flag", "--kiosk-id", "f-1", "--out", str(flag_file))
    assert load_config(resolve_config_file(str(flag_file))).school_name == "Flag"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="runs as root only")
def test_root_must_name_the_kiosk_account_for_the_token(token_source: Path) -> None:
    code, output = provision(
        "--school", "A", "--kiosk-id", "a-1", "--endpoint", "https://x.example",
        "--token-file", str(token_source),
    )  # fmt: skip
    assert code == 2
    assert "pass --owner USER" in output
    assert not machine_config_file().exists()
