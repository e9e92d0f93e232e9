"""Who may call the receiver: the tokens file.

A TOML file with two tables; every value is a bearer token of at least 24 characters and no
token may appear twice::

    [kiosks]            # kiosk id = that kiosk's token (it may send only its own cards)
    lincoln-elem-1 = "9f1c...long random text..."

    [district]          # a name for the tool = a token that may read cards and kiosks
    reports = "4be2...long random text..."
"""

from __future__ import annotations

import hmac
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sync.protocol import KioskId

Token = Annotated[str, StringConstraints(min_length=24, max_length=256, pattern=r"^\S+$")]


class TokensError(Exception):
    """The tokens file cannot be used; the message names the file and the problem."""


class _TokensFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kiosks: dict[KioskId, Token] = Field(default_factory=dict)
    district: dict[Annotated[str, Field(min_length=1, max_length=64)], Token] = Field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Principal:
    """Who a token belongs to: a kiosk (``kiosk_id`` set) or a district tool."""

    name: str
    kiosk_id: str | None


class Tokens:
    def __init__(self, kiosks: dict[str, str], district: dict[str, str]) -> None:
        self.kiosk_ids = frozenset(kiosks)
        self._by_token: list[tuple[str, Principal]] = [
            (token, Principal(kiosk_id, kiosk_id)) for kiosk_id, token in kiosks.items()
        ] + [(token, Principal(name, None)) for name, token in district.items()]
        if len({t for t, _ in self._by_token}) != len(self._by_token):
            raise TokensError("the same token is given twice")

    @classmethod
    def load(cls, path: Path) -> Tokens:
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
        try:
            return cls(parsed.kiosks, parsed.district)
        except TokensError as exc:
            raise TokensError(f"{path}: {exc}") from None

    def who(self, token: str) -> Principal | None:
        # Compare every token in constant time, so timing does not reveal a near match.
        found = None
        for known, principal in self._by_token:
            if hmac.compare_digest(known.encode(), token.encode()):
                found = principal
        return found
