"""`kiosk doctor`: each failure mode from real files and real sockets, and the whole report."""

from __future__ import annotations

import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli.main import main
from kiosk.core.card import Card
from kiosk.core.config import Config, SyncConfig
from kiosk.core.speech import EspeakEngine, system_engine
from kiosk.deploy.buildinfo import BuildInfo
from kiosk.deploy.doctor import (
    QM_MAGIC,
    Status,
    check_clock,
    check_database,
    check_disk,
    check_endpoint,
    check_logs,
    check_speech,
    check_token_file_mode,
    check_translations,
)
from kiosk.store.cards import DB_FILENAME, CardStore


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard folders inside tmp_path, so doctor never sees this machine's kiosk."""
    for var, sub in [
        ("XDG_CONFIG_HOME", "home-config"),
        ("XDG_CONFIG_DIRS", "etc-xdg"),
        ("XDG_DATA_HOME", "home-data"),
        ("XDG_STATE_HOME", "home-state"),
    ]:
        monkeypatch.setenv(var, str(tmp_path / sub))


def make_store(data_dir: Path, clock: object, cards: int = 300) -> Path:
    store = CardStore.in_dir(data_dir, clock)  # type: ignore[arg-type]
    for _ in range(cards):
        store.create(Card.new(4, "en", "k1", "0.1.0", clock))  # type: ignore[arg-type]
    store.close()
    return data_dir / DB_FILENAME


def test_sound_database_passes(data_dir: Path, clock: object) -> None:
    make_store(data_dir, clock)
    check = check_database(data_dir)
    assert check.status is Status.OK, check.line()
    assert "integrity_check" in check.detail


def test_database_with_a_damaged_page_fails(data_dir: Path, clock: object) -> None:
    path = make_store(data_dir, clock)
    data = bytearray(path.read_bytes())
    data[4096 * 4 : 4096 * 5] = b"\x5a" * 4096  # overwrite page 5 (a b-tree page of cards)
    path.write_bytes(bytes(data))
    check = check_database(data_dir)
    assert check.status is Status.FAIL
    assert "damaged" in check.detail
    assert "`kiosk recover`" in check.fix and "not sent yet" in check.fix


def test_file_that_is_not_a_database_fails(data_dir: Path) -> None:
    (data_dir / DB_FILENAME).write_bytes(b"not a database at all " * 200)
    check = check_database(data_dir)
    assert check.status is Status.FAIL
    assert "not a kiosk database" in check.detail


def test_database_without_cards_table_fails(data_dir: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    check = check_database(data_dir)
    assert check.status is Status.FAIL
    assert "no cards table" in check.detail


def test_missing_database_is_fine_and_not_created(data_dir: Path) -> None:
    check = check_database(data_dir)
    assert check.status is Status.OK
    assert not (data_dir / DB_FILENAME).exists()  # doctor is read-only


def write_qm(path: Path) -> None:
    path.write_bytes(QM_MAGIC + b"\x00" * 16)


def test_translations_present(tmp_path: Path) -> None:
    write_qm(tmp_path / "kiosk_es.qm")
    assert check_translations(["en", "es"], tmp_path).status is Status.OK


def test_missing_translation_fails(tmp_path: Path) -> None:
    check = check_translations(["en", "es"], tmp_path)
    assert check.status is Status.FAIL
    assert "kiosk_es.qm is missing" in check.detail


def test_translation_that_is_not_compiled_fails(tmp_path: Path) -> None:
    (tmp_path / "kiosk_es.qm").write_text("<TS>not compiled</TS>", encoding="utf-8")
    check = check_translations(["es", "en"], tmp_path)
    assert check.status is Status.FAIL
    assert "not a compiled translation" in check.detail


def test_english_only_needs_no_translation(tmp_path: Path) -> None:
    assert check_translations(["en"], tmp_path).status is Status.SKIP


def test_real_built_translations_pass() -> None:
    from kiosk.core.resources import locale_dir

    assert check_translations(["es"], locale_dir()).status is Status.OK


def test_disk_thresholds(tmp_path: Path) -> None:
    assert check_disk(tmp_path, fail_below=1, warn_below=2).status is Status.OK
    assert check_disk(tmp_path, fail_below=1, warn_below=2**62).status is Status.WARN
    failing = check_disk(tmp_path / "not" / "yet", fail_below=2**62, warn_below=2**62)
    assert failing.status is Status.FAIL
    assert "free disk space" in failing.fix


BUILT = BuildInfo("0.1.0", datetime(2026, 11, 1, tzinfo=UTC), "abc123", frozen=True)


def test_clock_before_the_build_fails() -> None:
    check = check_clock(datetime(2026, 6, 1, tzinfo=UTC), BUILT)
    assert check.status is Status.FAIL
    assert "before this software was built" in check.detail


def test_clock_in_1970_fails_from_source_too() -> None:
    source = BuildInfo("0.1.0", None, "source", frozen=False)
    assert check_clock(datetime(1970, 1, 1, tzinfo=UTC), source).status is Status.FAIL


def test_clock_far_in_the_future_fails() -> None:
    assert check_clock(datetime(2099, 1, 1, tzinfo=UTC), BUILT).status is Status.FAIL


def test_plausible_clock_passes() -> None:
    assert check_clock(datetime(2026, 11, 25, tzinfo=UTC), BUILT).status is Status.OK


def test_unwritable_log_folder_warns(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    check = check_logs(blocker / "log")  # a folder inside a file cannot exist
    assert check.status is Status.WARN
    assert check_logs(tmp_path / "log").status is Status.OK


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nobody listens once it is closed


def token_file(tmp_path: Path, token: str = "kiosk-token-1") -> Path:
    path = tmp_path / "token"
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_endpoint_not_configured_is_skipped() -> None:
    check = check_endpoint(SyncConfig())
    assert check.status is Status.SKIP
    assert "not configured" in check.detail


def test_unreachable_endpoint_fails(tmp_path: Path) -> None:
    sync = SyncConfig(endpoint=f"http://127.0.0.1:{closed_port()}", token_file=token_file(tmp_path))
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "cannot reach" in check.detail


def test_endpoint_without_token_fails() -> None:
    check = check_endpoint(SyncConfig(endpoint="https://feedback.example.org"))
    assert check.status is Status.FAIL
    assert "no token" in check.detail


def test_unreadable_token_file_fails(tmp_path: Path) -> None:
    sync = SyncConfig(endpoint="http://127.0.0.1:1", token_file=tmp_path / "missing")
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "cannot read the token file" in check.detail


def test_plain_http_to_another_host_fails(tmp_path: Path) -> None:
    sync = SyncConfig(endpoint="http://feedback.example.org", token_file=token_file(tmp_path))
    check = check_endpoint(sync)
    assert check.status is Status.FAIL
    assert "plain http" in check.detail


def test_token_readable_by_others_warns(tmp_path: Path) -> None:
    path = token_file(tmp_path)
    sync = SyncConfig(endpoint="https://feedback.example.org", token_file=path)
    assert check_token_file_mode(sync).status is Status.OK  # type: ignore[union-attr]
    path.chmod(0o644)
    check = check_token_file_mode(sync)
    assert check is not None and check.status is Status.WARN
    assert "chmod 600" in check.fix


def test_cli_report_passes_on_a_provisioned_kiosk(tmp_path: Path, data_dir: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('school_name = "Lincoln"\nkiosk_id = "lincoln-1"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for name in ("config", "database", "disk", "clock", "logs", "fonts", "translations", "speech"):
        assert any(line.startswith("OK") and f" {name} " in line for line in lines), name
    assert "all checks passed" in result.output


def test_cli_fails_on_a_broken_config_and_says_which_key(tmp_path: Path, data_dir: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('kiosk_id = "has spaces"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "FAIL  config" in result.output and "kiosk_id" in result.output
    assert "1 check(s) failed: config" in result.output


def test_cli_fails_on_corrupt_database_and_unreachable_endpoint(
    tmp_path: Path, data_dir: Path
) -> None:
    (data_dir / DB_FILENAME).write_bytes(os.urandom(8192))
    token = token_file(tmp_path)
    config = tmp_path / "config.toml"
    config.write_text(
        f'[sync]\nendpoint = "http://127.0.0.1:{closed_port()}"\ntoken_file = "{token}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "2 check(s) failed: database, endpoint" in result.output
    assert "kiosk-token-1" not in result.output  # never print the secret


@pytest.mark.skipif(sys.platform != "linux", reason="espeak-ng is the Linux engine")
def test_speech_has_a_voice_for_each_offered_language() -> None:
    check = check_speech(Config(), system_engine())
    assert check.status is Status.OK, check.line()
    assert check.detail == "espeak-ng: en (en-us), es (es-419)"


def test_no_voice_at_all_fails_and_says_what_to_install() -> None:
    check = check_speech(Config(), None)
    assert check.status is Status.FAIL and "no speaker button" in check.detail
    assert "apt-get install espeak-ng" in check.fix or "Settings" in check.fix


def test_a_language_without_a_voice_fails(tmp_path: Path) -> None:
    # An espeak-ng whose data has English only.
    fake = tmp_path / "espeak-ng"
    fake.write_text(
        "#!/bin/sh\necho 'Pty Language Age/Gender VoiceName File Other Languages'\n"
        "echo ' 2  en-us --/M English_(America) gmw/en-US (en 3)'\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    check = check_speech(Config(), EspeakEngine(str(fake)))
    assert check.status is Status.FAIL
    assert "no voice for 'es'" in check.detail and "espeak-ng" in check.fix


def test_speech_is_skipped_when_the_config_turns_the_button_off() -> None:
    assert check_speech(Config(speech_button=False), None).status is Status.SKIP


def test_cli_without_espeak_fails_the_speech_check(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    config = tmp_path / "config.toml"
    config.write_text('school_name = "Lincoln"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exit_code == 1
    assert "FAIL  speech" in result.output and "1 check(s) failed: speech" in result.output
