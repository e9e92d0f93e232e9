"""Every setting has a default, is validated at load and is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core.config import REGIONS, Config, ConfigError, SyncConfig, TokenError, load_config

README = Path(__file__).resolve().parents[3] / "README.md"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.default_language in config.languages


def test_every_default_round_trips_through_validation() -> None:
    defaults = Config().model_dump(mode="json", exclude_none=True)
    assert Config.model_validate(defaults) == Config()


def test_demo_config_is_valid() -> None:
    config = load_config(Path(__file__).resolve().parents[3] / "assets" / "demo.toml")
    assert config.thanks_qr_url and config.admin_pin_hash


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("idle_timeout_seconds = 5", "idle_timeout_seconds: Input should be greater than or"),
        ('kiosk_id = "front office"', "kiosk_id: String should match pattern"),
        ('languages = ["en", "fr"]', "languages.1: Input should be 'en' or 'es'"),
        ('default_language = "es"\nlanguages = ["en"]', "default_language 'es' is not in"),
        ('thanks_qr_url = "javascript:alert(1)"', "thanks_qr_url: must be an http"),
        ("schol_name = 'x'", "unknown key 'schol_name' (allowed: "),
        ("[sync]\nendpoint = 'ftp://x'", "sync.endpoint: must be an http:// or https:// URL"),
        ("[sync]\nbatch = 3", "unknown key 'sync.batch' (allowed: allow_insecure_http, batch_size"),
        ('admin_pin_hash = "1234"', "admin_pin_hash: String should match pattern"),
        ("[[roles]]\nid = 'parent'\nen = 'Parent'", "roles.0.es: Field required"),
        ('region = "USA"', "region: must be a country's two-letter code (ISO 3166-1 alpha-2)"),
        ('region = "XX"', "region: must be a country's two-letter code"),
    ],
)
def test_a_wrong_key_or_value_gives_one_line_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    shown = str(caught.value)
    assert "\n" not in shown
    assert shown.startswith(f"{path}: ")
    assert message in shown


def test_the_region_is_a_country_code_read_in_capitals(tmp_path: Path) -> None:
    assert Config().region == "US"
    assert load_config(write(tmp_path, 'region = "mx"')).region == "MX"


def test_every_region_has_phone_numbers() -> None:
    """REGIONS is phonenumbers' own list of regions (Qt's locales are checked in the ui tests)."""
    import phonenumbers

    assert set(phonenumbers.SUPPORTED_REGIONS) == REGIONS


def test_broken_toml_and_missing_file_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "school_name = "))
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_chips_and_roles_come_from_the_file_in_both_languages(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, "[[went_well]]\nid = 'music'\nen = 'The music'\nes = 'La música'\n")
    )
    assert [c.id for c in config.went_well] == ["music"]
    assert config.choice_label("went_well", "music", "es") == "La música"
    assert config.choice_label("went_well", "retired_chip", "es") == "retired_chip"


def _documented_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([a-z_.]+)` \|", text, flags=re.MULTILINE))


def test_readme_documents_every_setting() -> None:
    keys = {k for k in Config.model_fields if k != "sync"}
    keys |= {f"sync.{k}" for k in SyncConfig.model_fields}
    missing = keys - _documented_keys()
    assert not missing, f"README's configuration table lacks {sorted(missing)}"


def test_token_comes_from_the_setting_or_its_file(tmp_path: Path) -> None:
    assert SyncConfig(token="inline-token").read_token() == "inline-token"
    token_file = tmp_path / "token"
    token_file.write_text("  file-token\n", encoding="utf-8")
    assert SyncConfig(token_file=token_file).read_token() == "file-token"


@pytest.mark.parametrize(
    ("contents", "problem", "words"),
    [
        (None, "missing", "no token"),
        ("absent", "unreadable", "cannot read the token file"),
        ("", "empty", "is empty"),
    ],
)
def test_an_unusable_token_names_its_problem(
    tmp_path: Path, contents: str | None, problem: str, words: str
) -> None:
    token_file = None
    if contents is not None:
        token_file = tmp_path / "token"
        if contents != "absent":
            token_file.write_text(contents, encoding="utf-8")
    with pytest.raises(TokenError) as raised:
        SyncConfig(token_file=token_file).read_token()
    assert raised.value.problem == problem
    assert words in str(raised.value)
