"""Kiosks and tokens in the database, managed with the CLI while the server runs: a token is
printed once and stored only as its hash, rotation and revocation hold from the next request,
today's tokens file is imported (weak tokens refused by name), and every refusal is one line
naming the field, exit status 2."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from receiver_calls import heartbeat, post
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Receiver
from sqlalchemy import select

from district import db, tokens
from district.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def beat(receiver: Receiver, kiosk_id: str, token: str) -> int:
    return post(receiver, f"/v1/kiosks/{kiosk_id}/heartbeat", heartbeat(), token=token).status_code


def test_issue_rotate_revoke_take_effect_without_a_restart(receiver: Receiver) -> None:
    url = str(receiver.engine.url.render_as_string(hide_password=False))
    database = ["--database", url]
    assert run("school", "add", "lincoln-elem", "--name", "Lincoln Elementary", *database)[0] == 0
    code, out, _ = run("kiosk", "add", "lincoln-9", "--school", "lincoln-elem", *database)
    assert code == 0 and "added kiosk lincoln-9 at lincoln-elem" in out
    code, printed, note = run("token", "issue", "--kiosk", "lincoln-9", *database)
    first = printed.strip()
    assert code == 0 and "shown only this once" in note
    assert tokens.entropy_bits(first) >= 128 and len(first) >= 43
    assert beat(receiver, "lincoln-9", first) == 204  # the running server knows it at once

    code, printed, _ = run("token", "rotate", "--kiosk", "lincoln-9", *database)
    second = printed.strip()
    assert code == 0 and second != first
    assert beat(receiver, "lincoln-9", first) == 401
    assert beat(receiver, "lincoln-9", second) == 204

    assert run("token", "revoke", "--kiosk", "lincoln-9", *database)[0] == 0
    assert beat(receiver, "lincoln-9", second) == 401
    assert beat(receiver, KIOSK_ID, KIOSK_TOKEN) == 204  # the others are untouched

    with receiver.engine.connect() as conn:
        rows = conn.execute(select(db.api_tokens).where(db.api_tokens.c.kiosk_id == "lincoln-9"))
        stored = {r.token_sha256 for r in rows}
        kiosk = conn.execute(select(db.kiosks).where(db.kiosks.c.kiosk_id == "lincoln-9")).one()
    assert stored == {hashlib.sha256(t.encode()).hexdigest() for t in (first, second)}
    assert kiosk.school_id is not None and kiosk.registered_at is not None

    code, printed, _ = run("token", "issue", "--tool", "reports-2", *database)
    headers = {"Authorization": f"Bearer {printed.strip()}"}

    with requests.get(f"{receiver.url}/v1/kiosks", headers=headers, timeout=10) as answer:
        assert answer.status_code == 200
        assert "lincoln-9" in [k["kiosk_id"] for k in answer.json()]


@pytest.fixture
def migrated(database_url: str) -> list[str]:
    database = ["--database", database_url]
    assert run("migrate", *database)[0] == 0
    assert run("school", "add", "lincoln-elem", "--name", "Lincoln Elementary", *database)[0] == 0
    assert run("kiosk", "add", "k-1", "--school", "lincoln-elem", *database)[0] == 0
    return database


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kiosk", "add", "k-2", "--school", "nowhere"], "school: no school 'nowhere'"),
        (["kiosk", "add", "k-1", "--school", "lincoln-elem"], "kiosk: 'k-1' exists already"),
        (["kiosk", "add", "bad id", "--school", "lincoln-elem"], "kiosk: letters, digits"),
        (["kiosk", "add", "k-2", "--school", "lincoln-elem", "--label", " "], "label: 1 to 120"),
        (["kiosk", "assign", "k-9", "--school", "lincoln-elem"], "kiosk: no kiosk 'k-9'"),
        (["token", "issue", "--kiosk", "k-9"], "kiosk: no kiosk 'k-9'"),
        (["token", "issue"], "token: name exactly one of --kiosk and --tool"),
        (["token", "issue", "--kiosk", "k-1", "--tool", "t"], "token: name exactly one"),
        (["token", "rotate", "--kiosk", "k-1"], "kiosk: kiosk k-1 has no live token"),
        (["token", "revoke", "--tool", "reports"], "tool: tool reports has no live token"),
    ],
)
def test_refusals_are_one_line_naming_the_field(
    migrated: list[str], args: list[str], message: str
) -> None:
    code, out, err = run(*args, *migrated)
    assert code == 2
    (line,) = err.strip().splitlines()
    assert message in line and out == ""


def test_a_second_token_for_a_kiosk_is_refused(migrated: list[str]) -> None:
    assert run("token", "issue", "--kiosk", "k-1", *migrated)[0] == 0
    code, _, err = run("token", "issue", "--kiosk", "k-1", *migrated)
    assert code == 2 and "token rotate --kiosk k-1" in err


STRONG = "kiosk-token-imported-0123456789abcdef"


def test_import_registers_kiosks_and_keeps_only_hashes(
    migrated: list[str], database_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "tokens.toml"
    file.write_text(
        f'[kiosks]\nimported-1 = "{STRONG}"\n[district]\nreports = "{STRONG}-tool"\n',
        encoding="utf-8",
    )
    code, out, _ = run("import-tokens", str(file), "--school", "lincoln-elem", *migrated)
    assert code == 0 and "1 kiosk(s) registered at lincoln-elem, 2 token(s)" in out
    again = run("import-tokens", str(file), *migrated)  # the same file: nothing changes
    assert again[0] == 0 and "0 kiosk(s) registered, 0 token(s)" in again[1]
    engine = db.open_database(database_url)
    with engine.connect() as conn:
        kiosk = conn.execute(select(db.kiosks).where(db.kiosks.c.kiosk_id == "imported-1")).one()
        rows = conn.execute(select(db.api_tokens)).all()
        who = tokens.who(conn, STRONG)
    engine.dispose()
    assert kiosk.school_id is not None
    assert all(STRONG not in str(tuple(r)) for r in rows) and len(rows) == 2
    assert who == tokens.Principal("imported-1", "imported-1")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[kiosks]\nweak-1 = "abcdefghijklmnopqrstuvwx"\n',
            "kiosks.weak-1: the token has about 113",
        ),
        ('[district]\nr = "aaaaaaaaaaaaaaaaaaaaaaaaa"\n', "district.r: the token has about 118"),
        ('[kiosks]\nk-1 = "short"\n', "kiosks.k-1"),
        ("[kiosks\n", "not valid TOML"),
    ],
)
def test_import_refuses_a_weak_or_malformed_file_naming_the_entry(
    migrated: list[str], tmp_path: Path, text: str, message: str
) -> None:
    file = tmp_path / "tokens.toml"
    file.write_text(text, encoding="utf-8")
    code, _, err = run("import-tokens", str(file), *migrated)
    assert code == 2 and message in err


def test_import_to_an_unknown_school_is_refused(migrated: list[str], tmp_path: Path) -> None:
    file = tmp_path / "tokens.toml"
    file.write_text(f'[kiosks]\nimported-1 = "{STRONG}"\n', encoding="utf-8")
    code, _, err = run("import-tokens", str(file), "--school", "nowhere", *migrated)
    assert code == 2 and "school: no school 'nowhere'" in err


@pytest.mark.parametrize(
    ("token", "bits"),
    [
        ("0123456789abcdef0123456789abcdef", 165),  # hex: counted as lower case and digits
        ("abcdefghijklmnopqrstuvwx", 113),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop", 239),
        ("aaaa-aaaa", 53),
    ],
)
def test_entropy_is_estimated_from_length_and_character_classes(token: str, bits: int) -> None:
    assert round(tokens.entropy_bits(token)) == bits


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_token_is_found_through_the_unique_index_of_its_hash(receiver: Receiver) -> None:
    statement = tokens._LIVE_OWNER.compile(receiver.engine)
    with receiver.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", (tokens.digest(KIOSK_TOKEN),)
        ).all()
    (step,) = [row[-1] for row in plan]
    assert step.startswith("SEARCH api_tokens USING INDEX sqlite_autoindex_api_tokens"), step
