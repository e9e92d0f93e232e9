"""Who may call the receiver: bearer tokens of kiosks and district tools, in the database.

A token is shown once, when issued, and stored only as its SHA-256 (a high-entropy token needs
no slow hash), so a copy of the database lets nobody call as a kiosk. Each request looks its
token up by that hash through a unique index: one indexed query, however many tokens there are,
and a rotation or revocation holds from the next request on.

Today's tokens file (TOML) is imported once with ``import-tokens``::

    [kiosks]            # kiosk id = that kiosk's token (it may send only its own cards)
    lincoln-elem-1 = "9f1c...long random text..."

    [district]          # a name for the tool = a token that may read cards and kiosks
    reports = "4be2...long random text..."
"""

from __future__ import annotations

import hashlib
import math
import secrets
import string
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import ColumnElement, Connection, and_, bindparam, select, update

from district import kiosks as registry
from district.db import api_tokens, kiosks
from sync.protocol import KioskId

MIN_ENTROPY_BITS = 128
NEW_TOKEN_BYTES = 32
"""A new token: 256 random bits from ``secrets``, as URL-safe text (43 characters)."""

Token = Annotated[str, StringConstraints(min_length=24, max_length=256, pattern=r"^\S+$")]
ToolName = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^\S(.*\S)?$")]


class TokensError(ValueError):
    """A token request or file that cannot be carried out; the message names the field."""


@dataclass(frozen=True)
class Principal:
    """Who a token belongs to: a kiosk (``kiosk_id`` set) or a district tool."""

    name: str
    kiosk_id: str | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# The character classes a token may draw from, with how many characters each holds.
_CLASSES = (
    (frozenset(string.ascii_lowercase), 26),
    (frozenset(string.ascii_uppercase), 26),
    (frozenset(string.digits), 10),
)
_OTHER_PRINTABLE = 33  # the rest of printable ASCII but the space


def entropy_bits(token: str) -> float:
    """An upper estimate of a token's entropy: its length times log2 of the size of the
    character classes it uses (lower case, upper case, digits, other). A hex token counts as
    36 symbols, not 16, so this errs on the generous side and refuses only the clearly short."""
    pool = sum(size for chars, size in _CLASSES if chars & set(token))
    if any(not any(c in chars for chars, _ in _CLASSES) for c in token):
        pool += _OTHER_PRINTABLE
    return len(token) * math.log2(pool) if pool > 1 else 0.0


def check_strength(token: str, owner: str) -> None:
    bits = entropy_bits(token)
    if bits < MIN_ENTROPY_BITS:
        raise TokensError(
            f"{owner}: the token has about {bits:.0f} bits of entropy, at least "
            f"{MIN_ENTROPY_BITS} are needed (issue a new one with: kiosk-receiver token issue)"
        )


# Built once: each request only binds its hash (building the statement cost more than running it).
_LIVE_OWNER = select(api_tokens.c.kiosk_id, api_tokens.c.tool_name).where(
    api_tokens.c.token_sha256 == bindparam("digest"), api_tokens.c.revoked_at.is_(None)
)


def who(conn: Connection, token: str) -> Principal | None:
    """The live owner of ``token``: one query on the unique index of its hash."""
    row = conn.execute(_LIVE_OWNER, {"digest": digest(token)}).first()
    if row is None:
        return None
    return Principal(row.kiosk_id or row.tool_name, row.kiosk_id)


def _owner(kiosk_id: str | None, tool: str | None) -> tuple[str, ColumnElement[bool]]:
    """The field that names the owner (for messages) and the condition that selects it."""
    if (kiosk_id is None) == (tool is None):
        raise TokensError("token: name exactly one of --kiosk and --tool")
    if kiosk_id is not None:
        return f"kiosk {kiosk_id}", api_tokens.c.kiosk_id == kiosk_id
    return f"tool {tool}", api_tokens.c.tool_name == tool


def _live(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return and_(condition, api_tokens.c.revoked_at.is_(None))


def _check_owner(conn: Connection, kiosk_id: str | None, tool: str | None) -> None:
    if kiosk_id is not None:
        if conn.execute(select(kiosks.c.kiosk_id).where(kiosks.c.kiosk_id == kiosk_id)).first():
            return
        raise TokensError(f"kiosk: no kiosk {kiosk_id!r} (add it with: kiosk add)")
    assert tool is not None
    if not 1 <= len(tool) <= 64 or tool != tool.strip():
        raise TokensError("tool: a name of 1 to 64 characters, no space at either end")


def _store(
    conn: Connection, token: str, kiosk_id: str | None, tool: str | None, now: datetime
) -> None:
    conn.execute(
        api_tokens.insert().values(
            token_sha256=digest(token),
            kiosk_id=kiosk_id,
            tool_name=tool,
            issued_at=now.astimezone(UTC),
        )
    )


def issue(
    conn: Connection, now: datetime, kiosk_id: str | None = None, tool: str | None = None
) -> str:
    """A new token for a kiosk or a tool that has none live; returned once, kept as a hash."""
    who_, owner = _owner(kiosk_id, tool)
    _check_owner(conn, kiosk_id, tool)
    if conn.execute(select(api_tokens.c.id).where(_live(owner))).first():
        flag = f"--kiosk {kiosk_id}" if kiosk_id else f"--tool {tool}"
        raise TokensError(
            f"{who_.split()[0]}: {who_} has a token already (replace it with: token rotate {flag})"
        )
    token = secrets.token_urlsafe(NEW_TOKEN_BYTES)
    _store(conn, token, kiosk_id, tool, now)
    return token


def revoke(
    conn: Connection, now: datetime, kiosk_id: str | None = None, tool: str | None = None
) -> None:
    """Revoke the live token of a kiosk or a tool: refused from the next request on."""
    who_, owner = _owner(kiosk_id, tool)
    done = conn.execute(
        update(api_tokens).where(_live(owner)).values(revoked_at=now.astimezone(UTC))
    )
    if done.rowcount == 0:
        raise TokensError(f"{who_.split()[0]}: {who_} has no live token")


def rotate(conn: Connection, now: datetime, kiosk_id: str) -> str:
    """Revoke a kiosk's token and issue its new one (returned once)."""
    _check_owner(conn, kiosk_id, None)
    revoke(conn, now, kiosk_id=kiosk_id)
    return issue(conn, now, kiosk_id=kiosk_id)


class _TokensFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kiosks: dict[KioskId, Token] = Field(default_factory=dict)
    district: dict[ToolName, Token] = Field(default_factory=dict)


@dataclass(frozen=True)
class TokensFile:
    """Today's tokens file, read and checked: kiosk id -> token, tool name -> token."""

    kiosks: dict[str, str]
    district: dict[str, str]


def read_file(path: Path) -> TokensFile:
    """Read a tokens file; refuses, naming the entry, a malformed file, a token given twice
    and a token of less than MIN_ENTROPY_BITS."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        parsed = _TokensFile.model_validate(data)
    except OSError as exc:
        raise TokensError(f"{path}: cannot read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TokensError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise TokensError(f"{path}: {where}: {first['msg']}") from None
    given = [*parsed.kiosks.values(), *parsed.district.values()]
    if len(set(given)) != len(given):
        raise TokensError(f"{path}: the same token is given twice")
    for section, entries in (("kiosks", parsed.kiosks), ("district", parsed.district)):
        for name, token in entries.items():
            try:
                check_strength(token, f"{section}.{name}")
            except TokensError as exc:
                raise TokensError(f"{path}: {exc}") from None
    return TokensFile(dict(parsed.kiosks), dict(parsed.district))


@dataclass(frozen=True)
class Imported:
    kiosks_added: list[str]
    tokens_stored: int


def import_file(
    conn: Connection, tokens: TokensFile, now: datetime, school_id: int | None = None
) -> Imported:
    """Make each token of the file its owner's live token (stored as its hash), creating the
    kiosks not registered yet (assigned to ``school_id`` when given). Importing the same file
    again changes nothing, so a start with ``serve --tokens`` can repeat it."""
    added = registry.ensure_kiosks(conn, list(tokens.kiosks), now, school_id)
    stored = 0
    owners: list[tuple[str, str | None, str | None]] = [
        (token, k, None) for k, token in tokens.kiosks.items()
    ]
    owners += [(token, None, tool) for tool, token in tokens.district.items()]
    for token, kiosk_id, tool in owners:
        row = conn.execute(
            select(api_tokens).where(api_tokens.c.token_sha256 == digest(token))
        ).first()
        name = f"kiosks.{kiosk_id}" if kiosk_id else f"district.{tool}"
        if row is not None:
            if (row.kiosk_id, row.tool_name) != (kiosk_id, tool):
                raise TokensError(f"{name}: this token belongs to another kiosk or tool here")
            if row.revoked_at is not None:
                raise TokensError(f"{name}: this token was revoked; issue a new one")
            continue
        _, owner = _owner(kiosk_id, tool)
        conn.execute(update(api_tokens).where(_live(owner)).values(revoked_at=now.astimezone(UTC)))
        _store(conn, token, kiosk_id, tool, now)
        stored += 1
    return Imported(added, stored)
