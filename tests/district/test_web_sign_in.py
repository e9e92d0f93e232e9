"""Sign-in over HTTP against the real server: cookie flags, CSRF on every form, the throttle,
sign-out, redirects that stay on the site, security headers; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import requests
from web_harness import PASSWORD, PEOPLE, Site, Visitor, site_fixture

from district.web.settings import WebSettings

site = site_fixture(WebSettings(sign_in_attempts=3, sign_in_window_minutes=10))


def test_sign_in_sets_a_server_side_session_with_secure_cookie_flags(site: Site) -> None:
    visitor = Visitor(site.url)
    page = visitor.get("/")
    assert page.status_code == 303 and page.headers["Location"] == "/sign-in"
    answer = visitor.sign_in(PEOPLE["district"].username)
    assert answer.status_code == 303 and answer.headers["Location"] == "/"
    session = next(h for h in visitor.set_cookie_headers if h.startswith("__Host-session="))
    flags = {f.strip().lower() for f in session.split(";")[1:]}
    assert {"httponly", "secure", "path=/", "samesite=lax"} <= flags
    assert not any(f.startswith("domain") for f in flags)
    csrf_cookie = [h for h in visitor.set_cookie_headers if h.startswith("__Host-csrf=")][-1]
    assert "samesite=strict" in csrf_cookie.lower() and "httponly" in csrf_cookie.lower()
    home = visitor.get("/")
    assert home.status_code == 200 and "dana.district" in home.text
    # The database keeps only the session id's hash.
    session_id = visitor.cookies["__Host-session"]
    with site.server.engine.connect() as conn:
        from district.accounts import web_sessions

        stored = [r.id_sha256 for r in conn.execute(web_sessions.select())]
    assert stored and session_id not in stored


def test_password_is_stored_as_an_argon2id_hash(site: Site) -> None:
    from district.accounts import users

    with site.server.engine.connect() as conn:
        hashes = [r.password_hash for r in conn.execute(users.select())]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


@pytest.mark.parametrize("token", [None, "", "not-the-cookie"])
def test_a_form_without_this_browsers_csrf_token_changes_nothing(
    site: Site, token: str | None
) -> None:
    visitor = Visitor(site.url)
    visitor.csrf()
    data = {"username": PEOPLE["district"].username, "password": PASSWORD}
    if token is not None:
        data["csrf_token"] = token
    answer = visitor.post("/sign-in", data)
    assert answer.status_code == 403
    assert "__Host-session" not in visitor.cookies
    # Sign-out is a form too: a forged one leaves the session alive.
    visitor.sign_in(PEOPLE["district"].username)
    forged = visitor.post("/sign-out", {"csrf_token": "forged"})
    assert forged.status_code == 403
    assert visitor.get("/").status_code == 200


def test_failed_sign_ins_are_throttled_per_account_then_the_window_moves_on(site: Site) -> None:
    visitor = Visitor(site.url)
    name = PEOPLE["school"].username
    for _ in range(3):
        answer = visitor.sign_in(name, "wrong password!!")
        assert answer.status_code == 401
        assert "do not match" in answer.text
    # Past the limit even the right password is not checked.
    throttled = visitor.sign_in(name)
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 600
    assert "Too many failed sign-ins" in throttled.text
    assert "__Host-session" not in visitor.cookies
    # Another account from the same address is not locked out by this one.
    assert visitor.sign_in(PEOPLE["viewer"].username).status_code == 303
    site.clock.advance(minutes=10, seconds=1)
    assert Visitor(site.url).sign_in(name).status_code == 303


def test_wrong_name_and_wrong_password_read_the_same(site: Site) -> None:
    visitor = Visitor(site.url)
    unknown = visitor.sign_in("nobody.here", PASSWORD)
    wrong = visitor.sign_in(PEOPLE["district"].username, "wrong password!!")
    assert unknown.status_code == wrong.status_code == 401
    pattern = re.compile(r'<p class="error"[^>]*>(.*?)</p>', re.S)
    assert pattern.findall(unknown.text) == pattern.findall(wrong.text)


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("username", {"password": PASSWORD}, "Enter your username."),
        ("password", {"username": "dana.district"}, "Enter your password."),
    ],
)
def test_an_empty_field_is_named(
    site: Site, field: str, data: dict[str, str], message: str
) -> None:
    visitor = Visitor(site.url)
    answer = visitor.post("/sign-in", {"csrf_token": visitor.csrf(), **data})
    assert answer.status_code == 400
    assert message in answer.text
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', answer.text, re.S)


def test_sign_out_ends_the_session_on_the_server(site: Site) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    stolen = dict(visitor.cookies)
    answer = visitor.post("/sign-out", {"csrf_token": visitor.cookies["__Host-csrf"]})
    assert answer.status_code == 303 and answer.headers["Location"] == "/sign-in"
    # A copy of the old cookie no longer works: the session is gone, not only the cookie.
    replay = requests.get(site.url + "/", cookies=stolen, allow_redirects=False, timeout=10)
    assert replay.status_code == 303


def test_a_session_expires(site: Site) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    site.clock.advance(hours=site.settings.session_hours, seconds=-1)
    assert visitor.get("/").status_code == 200
    site.clock.advance(seconds=2)
    assert visitor.get("/").status_code == 303


@pytest.mark.parametrize(
    ("next_path", "lands"),
    [
        ("/?x=1", "/?x=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_after_sign_in_a_person_stays_on_this_site(site: Site, next_path: str, lands: str) -> None:
    visitor = Visitor(site.url)
    token = visitor.csrf()
    answer = visitor.post(
        "/sign-in",
        {"csrf_token": token, "username": "dana.district", "password": PASSWORD,
         "next": next_path},
    )  # fmt: skip
    assert answer.headers["Location"] == lands
    switched = visitor.get(f"/lang/es?next={quote(next_path, safe='')}")
    assert switched.headers["Location"] == lands


def test_pages_carry_security_headers_and_no_cache(site: Site) -> None:
    page = Visitor(site.url).get("/sign-in")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "no-store"


def test_a_school_name_that_looks_like_markup_is_shown_as_text(site: Site) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    home = visitor.get("/").text
    assert "<script>alert" not in home
    assert "Washington Middle &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in home
