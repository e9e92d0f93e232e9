"""The server's commands for people and schools: first-admin, user add, school add; each
refusal names the field in one line (exit status 2), and ``kiosk-receiver --tokens ...`` still
serves."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from district import accounts
from district.cli import main
from district.db import open_database


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "password"
    path.write_text("a long enough passphrase\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.output + result.stderr


def test_first_admin_then_schools_and_people(database_url: str, password_file: Path) -> None:
    db = ["--database", database_url]
    pw = ["--password-file", str(password_file)]
    assert run("migrate", *db)[0] == 0  # PostgreSQL is migrated by hand; SQLite would be anyway
    assert run("first-admin", "dana", *db, *pw) == (0, "added dana (district)\n")
    code, out = run("first-admin", "other", *db, *pw)
    assert code == 2 and "a district administrator exists already" in out
    assert run("school", "add", "lincoln-elem", "--name", "Lincoln Elementary", *db)[0] == 0
    code, out = run("user", "add", "sam", "--role", "school", "--school", "lincoln-elem", *db, *pw)
    assert (code, out) == (0, "added sam (school at lincoln-elem)\n")
    engine = open_database(database_url)
    with engine.connect() as conn:
        rows = {r.username: r for r in conn.execute(select(accounts.users))}
        school = accounts.school_by_slug(conn, "lincoln-elem")
    engine.dispose()
    assert rows["dana"].role == "district" and rows["dana"].school_id is None
    assert school is not None and rows["sam"].school_id == school.id
    assert rows["sam"].password_hash.startswith("$argon2id$")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["user", "add", "sam", "--role", "school"], "school: a school account needs --school"),
        (["user", "add", "sam", "--role", "school", "--school", "nowhere"], "school: no school"),
        (["user", "add", "d", "--role", "district", "--school", "x"], "school: a district account"),
        (["user", "add", "bad name", "--role", "viewer"], "username:"),
        (["school", "add", "Bad Slug", "--name", "X"], "slug:"),
        (["school", "add", "ok", "--name", " "], "name:"),
    ],
)
def test_refusals_name_the_field(
    tmp_path: Path, password_file: Path, args: list[str], message: str
) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'r.db'}"]
    extra = ["--password-file", str(password_file)] if args[0] == "user" else []
    code, out = run(*args, *db, *extra)
    assert code == 2 and message in out


def test_a_short_password_is_refused(tmp_path: Path) -> None:
    short = tmp_path / "pw"
    short.write_text("short\n", encoding="utf-8")
    db = ["--database", f"sqlite:///{tmp_path / 'r.db'}"]
    code, out = run("first-admin", "dana", *db, "--password-file", str(short))
    assert code == 2 and "password: at least 12 characters" in out


def test_a_taken_username_is_refused_whatever_its_case(tmp_path: Path, password_file: Path) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 'r.db'}"]
    pw = ["--password-file", str(password_file)]
    assert run("user", "add", "Vera", "--role", "viewer", *db, *pw)[0] == 0
    code, out = run("user", "add", "vera", "--role", "viewer", *db, *pw)
    assert code == 2 and "username: 'vera' is taken" in out


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [("--session-hours", "0", "--session-hours: Input should be greater than or equal to 1"),
     ("--sign-in-attempts", "1000", "--sign-in-attempts: Input should be less than or equal")],
)  # fmt: skip
def test_a_web_setting_out_of_range_is_named(
    tokens_file: Path, flag: str, value: str, message: str
) -> None:
    code, out = run("--tokens", str(tokens_file), "--database", "sqlite://", flag, value)
    assert code == 1 and message in out


def test_every_web_setting_is_an_option_with_its_default() -> None:
    from district.web.settings import WebSettings

    code, out = run("serve", "--help")
    assert code == 0
    for name, field in WebSettings.model_fields.items():
        assert f"--{name.replace('_', '-')}" in out
        assert field.description and field.description.split()[0] in out
