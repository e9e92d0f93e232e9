"""People who sign in to the district's web pages: schools, accounts, sessions, failed sign-ins.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second recommended
  profile); a hash made with weaker parameters is rehashed at the next sign-in.
- A session is a random 256-bit id in a cookie; the database keeps only its SHA-256, so a copy
  of the database does not let anyone sign in as somebody else.
- Failed sign-ins are counted per account and per address over a window; past the limit the
  password is not even checked until the window has moved on.

Roles: ``district`` sees every school; ``school`` sees its own school; ``viewer`` sees every
school, or only its school when it has one, and never a visitor's contact details.
"""

from __future__ import annotations

import enum
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from district.db import metadata

Clock = Callable[[], datetime]


class Role(enum.StrEnum):
    DISTRICT = "district"
    SCHOOL = "school"
    VIEWER = "viewer"


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,119}$")
MIN_PASSWORD_CHARS = 12
"""NIST SP 800-63B asks for at least 8; 12 keeps a guessed password out of reach of the throttle."""
MAX_PASSWORD_CHARS = 256

schools = Table(
    "schools",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Stored as typed; unique regardless of case (see _key).
    Column("username", String(120), nullable=False),
    Column("username_key", String(120), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("school_id", Integer, ForeignKey("schools.id"), index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id_sha256", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username_key", String(120), nullable=False, index=True),
    Column("address", String(64), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)


class AccountError(ValueError):
    """A request the accounts cannot carry out; the message names the field and the rule."""


@dataclass(frozen=True)
class School:
    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: Role
    school_id: int | None

    @property
    def sees_contacts(self) -> bool:
        return self.role is not Role.VIEWER


_hasher = PasswordHasher()


def _key(username: str) -> str:
    return username.casefold()


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"password: at least {MIN_PASSWORD_CHARS} characters, please")
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(f"password: at most {MAX_PASSWORD_CHARS} characters")


def add_school(conn: Connection, slug: str, name: str) -> School:
    if not SLUG.match(slug):
        raise AccountError("slug: lower-case letters, digits and '-', up to 64, e.g. lincoln-elem")
    name = name.strip()
    if not 1 <= len(name) <= 120:
        raise AccountError("name: 1 to 120 characters")
    try:
        new_id = conn.execute(schools.insert().values(slug=slug, name=name)).inserted_primary_key
    except IntegrityError:
        raise AccountError(f"slug: a school {slug!r} exists already") from None
    assert new_id is not None
    return School(int(new_id[0]), slug, name)


def school_by_slug(conn: Connection, slug: str) -> School | None:
    row = conn.execute(select(schools).where(schools.c.slug == slug)).first()
    return School(row.id, row.slug, row.name) if row else None


def add_user(
    conn: Connection,
    username: str,
    password: str,
    role: Role,
    school_slug: str | None,
    now: datetime,
) -> User:
    """A new account; a school account must name its school, a district account must not."""
    if not USERNAME.match(username):
        raise AccountError(
            "username: letters, digits and . _ @ + -, starting with a letter or digit (1-120)"
        )
    check_password(password)
    school_id = None
    if role is Role.SCHOOL and not school_slug:
        raise AccountError("school: a school account needs --school")
    if role is Role.DISTRICT and school_slug:
        raise AccountError("school: a district account sees every school; leave --school out")
    if school_slug:
        school = school_by_slug(conn, school_slug)
        if school is None:
            raise AccountError(f"school: no school {school_slug!r} (add it with: school add)")
        school_id = school.id
    values = {
        "username": username,
        "username_key": _key(username),
        "password_hash": _hasher.hash(password),
        "role": role.value,
        "school_id": school_id,
        "created_at": now.astimezone(UTC),
    }
    try:
        new_id = conn.execute(users.insert().values(values)).inserted_primary_key
    except IntegrityError:
        raise AccountError(f"username: {username!r} is taken") from None
    assert new_id is not None
    return User(int(new_id[0]), username, role, school_id)


def count_district_admins(conn: Connection) -> int:
    query = select(func.count()).select_from(users).where(users.c.role == Role.DISTRICT.value)
    return int(conn.execute(query).scalar_one())


def _user(row: object) -> User:
    return User(row.id, row.username, Role(row.role), row.school_id)  # type: ignore[attr-defined]


# A hash to check when the account does not exist, so a wrong name takes as long as a wrong
# password and timing does not tell which accounts exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Throttle:
    """At most ``attempts`` failed sign-ins per account, and ``attempts * 4`` per address,
    within ``window``."""

    attempts: int = 5
    window: timedelta = timedelta(minutes=15)


class SignInThrottled(Exception):
    def __init__(self, retry_after: timedelta) -> None:
        super().__init__("too many failed sign-ins")
        self.retry_after = retry_after


def authenticate(
    conn: Connection,
    username: str,
    password: str,
    address: str,
    now: datetime,
    throttle: Throttle,
) -> User | None:
    """The account for these credentials, or None (and the failure counted). Raises
    SignInThrottled, without checking the password, when too many recent sign-ins failed."""
    key = _key(username)[:120]
    since = now.astimezone(UTC) - throttle.window
    failed = sign_in_failures.c
    recent = select(failed.at).where(failed.at > since)
    by_user = [_utc(a) for (a,) in conn.execute(recent.where(failed.username_key == key))]
    by_address = [_utc(a) for (a,) in conn.execute(recent.where(failed.address == address))]
    for failures, limit in ((by_user, throttle.attempts), (by_address, throttle.attempts * 4)):
        if len(failures) >= limit:
            oldest_counted = sorted(failures)[-limit]
            raise SignInThrottled(oldest_counted + throttle.window - now.astimezone(UTC))
    row = conn.execute(select(users).where(users.c.username_key == key)).first()
    ok = False
    try:
        ok = _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if row is None or not ok:
        conn.execute(
            sign_in_failures.insert().values(
                username_key=key, address=address[:64], at=now.astimezone(UTC)
            )
        )
        return None
    conn.execute(delete(sign_in_failures).where(sign_in_failures.c.username_key == key))
    if _hasher.check_needs_rehash(row.password_hash):
        conn.execute(
            users.update().where(users.c.id == row.id).values(password_hash=_hasher.hash(password))
        )
    return _user(row)


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(conn: Connection, user: User, now: datetime, lifetime: timedelta) -> str:
    """A new session for ``user``; returns the id for the cookie (stored only as its hash)."""
    session_id = secrets.token_urlsafe(32)
    moment = now.astimezone(UTC)
    conn.execute(
        web_sessions.insert().values(
            id_sha256=_digest(session_id),
            user_id=user.id,
            created_at=moment,
            expires_at=moment + lifetime,
        )
    )
    # Expired sessions of anybody go at each sign-in, so the table does not grow for ever.
    conn.execute(delete(web_sessions).where(web_sessions.c.expires_at <= moment))
    return session_id


def session_user(conn: Connection, session_id: str, now: datetime) -> User | None:
    query = (
        select(users)
        .join(web_sessions, web_sessions.c.user_id == users.c.id)
        .where(web_sessions.c.id_sha256 == _digest(session_id))
        .where(web_sessions.c.expires_at > now.astimezone(UTC))
    )
    row = conn.execute(query).first()
    return _user(row) if row else None


def end_session(conn: Connection, session_id: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.id_sha256 == _digest(session_id)))


def visible_schools(conn: Connection, user: User) -> list[School]:
    """The schools ``user`` may see, filtered in the query."""
    query = select(schools).order_by(schools.c.name)
    if user.school_id is not None or user.role is Role.SCHOOL:
        query = query.where(schools.c.id == user.school_id)
    return [School(r.id, r.slug, r.name) for r in conn.execute(query)]


def user_school(conn: Connection, user: User) -> School | None:
    if user.school_id is None:
        return None
    row = conn.execute(select(schools).where(schools.c.id == user.school_id)).first()
    return School(row.id, row.slug, row.name) if row else None
