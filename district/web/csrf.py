"""CSRF protection for every form: the double-submit token.

The token lives in a cookie (HttpOnly, SameSite=Strict, with the __Host- prefix over HTTPS, so
neither another site nor a sibling subdomain can set or read it) and in a hidden field of every
form; a POST whose two copies differ is refused. It is replaced at sign-in and sign-out.
"""

from __future__ import annotations

import hmac
import secrets

FIELD = "csrf_token"


def cookie_name(secure: bool) -> str:
    return "__Host-csrf" if secure else "csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def valid(cookie: str | None, field: str | None) -> bool:
    if not cookie or not field:
        return False
    return hmac.compare_digest(cookie.encode(), field.encode())
