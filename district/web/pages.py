"""The web pages' routes: sign-in and sign-out, the language switch, the pages, static files.

Every page asks for its person first (``_person``), then queries with that person's scope, so a
page never holds rows the person may not see. Every POST checks the CSRF token first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote
from zoneinfo import ZoneInfo

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from district import accounts, problems
from district.accounts import Clock, Role, SignInThrottled, Throttle, User
from district.web import csrf, dashboard, i18n, labels
from district.web.i18n import N_, gettext
from district.web.settings import WebSettings

HERE = Path(__file__).parent
LANGUAGE_COOKIE = "lang"
MAX_FORM_BYTES = 8 * 1024

ROLE_NAMES = {
    Role.DISTRICT: N_("District staff: every school"),
    Role.SCHOOL: N_("School staff: one school"),
    Role.VIEWER: N_("Viewer: no visitor contact details"),
}

FIELD_NAMES = {"page": N_("Page")}
"""The query fields a page takes, by the name a person sees them under."""

# The pages hold visitors' words and contact details: nothing from elsewhere may run, frame them
# or be cached on a shared computer.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # visitor text is always text, never HTML
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    env.filters["number"] = i18n.format_number
    env.filters["datetime"] = i18n.format_datetime
    env.filters["date"] = i18n.format_date
    env.filters["percent"] = i18n.format_percent
    env.filters["change"] = i18n.format_change
    env.filters["duration"] = i18n.format_duration
    env.filters["seconds"] = lambda n: timedelta(seconds=n)
    env.globals["face"] = labels.face
    return env


def local_path(candidate: str | None) -> str:
    """``candidate`` if it is a path on this site, else "/": a sign-in link cannot send a
    person elsewhere (no scheme, no host, no "//" or "/\\")."""
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return "/"
    if any(c in candidate for c in "\r\n\\"):
        return "/"
    return candidate


def install(app: FastAPI, engine: Engine, settings: WebSettings, clock: Clock) -> None:
    """Add the web pages and their static files to ``app``."""
    env = templates()
    zone = ZoneInfo(settings.time_zone)
    env.filters["local"] = lambda moment: moment.astimezone(zone)
    session_cookie = "__Host-session" if settings.secure_cookies else "session"
    csrf_cookie = csrf.cookie_name(settings.secure_cookies)
    throttle = Throttle(settings.sign_in_attempts, settings.sign_in_window)

    class WebRoute(APIRoute):
        """A page's query value of the wrong kind (``/fleet?page=two``) is a 400 page naming
        the field, in the person's language, not the API's JSON problem."""

        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def route(request: Request) -> Response:
                try:
                    return await handler(request)
                except RequestValidationError as exc:
                    return bad_request(request, exc)

            return route

    router = APIRouter(include_in_schema=False, route_class=WebRoute)

    def language_of(request: Request) -> str:
        return i18n.choose(
            request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language")
        )

    def person(request: Request) -> User | None:
        session_id = request.cookies.get(session_cookie)
        if not session_id:
            return None
        with engine.connect() as conn:
            return accounts.session_user(conn, session_id, clock())

    def set_cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=settings.secure_cookies,
            httponly=True,
            samesite="strict" if name == csrf_cookie else "lax",
        )

    def render(
        request: Request,
        template: str,
        user: User | None,
        status: int = 200,
        fresh_csrf: bool = False,
        headers: dict[str, str] | None = None,
        **context: Any,
    ) -> HTMLResponse:
        token = request.cookies.get(csrf_cookie)
        new_token = fresh_csrf or not token
        if new_token:
            token = csrf.new_token()
        language = language_of(request)
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        other = next(code for code in i18n.LANGUAGES if code != language)
        with i18n.speaking(language):
            html = env.get_template(template).render(
                lang=language,
                other_lang=other,
                other_lang_name=i18n.LANGUAGES[other],
                switch_url=f"/lang/{other}?next={quote(here, safe='')}",
                csrf_field=csrf.FIELD,
                csrf_token=token,
                user=user,
                role_name=gettext(ROLE_NAMES[user.role]) if user else "",
                query=request.query_params,  # what was asked, to name a field it got wrong
                **{"active": "", **context},
            )
        response = HTMLResponse(html, status_code=status, headers={**SECURITY_HEADERS})
        for name, value in (headers or {}).items():
            response.headers[name] = value
        if new_token:
            assert token is not None
            set_cookie(response, csrf_cookie, token, None)
        return response

    def go(to: str) -> RedirectResponse:
        return RedirectResponse(to, status_code=303, headers={**SECURITY_HEADERS})

    def to_sign_in(request: Request) -> RedirectResponse:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return go("/sign-in" if here == "/" else f"/sign-in?next={quote(here, safe='')}")

    async def form(request: Request) -> dict[str, str] | None:
        """The posted form's fields (first value of each), or None when its CSRF token is not
        this browser's."""
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return None
        try:
            fields = parse_qs(body.decode("utf-8"), max_num_fields=20)
        except (UnicodeDecodeError, ValueError):
            return None
        values = {k: v[0] for k, v in fields.items()}
        if not csrf.valid(request.cookies.get(csrf_cookie), values.get(csrf.FIELD)):
            return None
        return values

    def bad_request(request: Request, exc: RequestValidationError) -> HTMLResponse:
        errors = exc.errors()
        name = str(errors[0]["loc"][-1]) if errors and errors[0].get("loc") else ""
        with i18n.speaking(language_of(request)):
            field = gettext(FIELD_NAMES[name]) if name in FIELD_NAMES else name
        return render(
            request,
            "bad_request.html",
            person(request),
            status=400,
            field=field,
            page_path=local_path(request.url.path),
        )

    def expired(request: Request) -> HTMLResponse:
        return render(request, "expired.html", person(request), status=403, fresh_csrf=True)

    @router.get("/sign-in")
    def sign_in_page(request: Request, next: str = "/") -> Response:
        if person(request) is not None:
            return go(local_path(next))
        return render(request, "sign_in.html", None, next_path=local_path(next), error=None)

    @router.post("/sign-in")
    async def sign_in(request: Request) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        next_path = local_path(values.get("next"))
        username = values.get("username", "").strip()
        password = values.get("password", "")

        def again(status: int, error: str, field: str, **headers: str) -> HTMLResponse:
            return render(
                request,
                "sign_in.html",
                None,
                status=status,
                headers=headers,
                next_path=next_path,
                error=error,
                error_field=field,
                username=username,
            )

        if not username:
            return again(400, N_("Enter your username."), "username")
        if not password:
            return again(400, N_("Enter your password."), "password")
        address = request.client.host if request.client else "unknown"
        try:
            with engine.begin() as conn:
                user = accounts.authenticate(conn, username, password, address, clock(), throttle)
        except SignInThrottled as exc:
            retry = str(max(1, math.ceil(exc.retry_after.total_seconds())))
            return again(
                429,
                N_("Too many failed sign-ins. Try again in a few minutes."),
                "username",
                **{"Retry-After": retry},
            )
        if user is None:
            return again(401, N_("That username and password do not match."), "password")
        with engine.begin() as conn:
            session_id = accounts.start_session(conn, user, clock(), settings.session_lifetime)
        response = go(next_path)
        set_cookie(response, session_cookie, session_id, settings.session_hours * 3600)
        set_cookie(response, csrf_cookie, csrf.new_token(), None)  # a new token per sign-in
        return response

    @router.post("/sign-out")
    async def sign_out(request: Request) -> Response:
        values = await form(request)
        if values is None:
            return expired(request)
        session_id = request.cookies.get(session_cookie)
        if session_id:
            with engine.begin() as conn:
                accounts.end_session(conn, session_id)
        response = go("/sign-in")
        response.delete_cookie(session_cookie, path="/", secure=settings.secure_cookies)
        set_cookie(response, csrf_cookie, csrf.new_token(), None)
        return response

    @router.get("/lang/{code}")
    def switch_language(code: str, next: str = "/") -> Response:
        response = go(local_path(next))
        if code in i18n.LANGUAGES:
            response.set_cookie(
                LANGUAGE_COOKIE,
                code,
                max_age=365 * 24 * 3600,
                path="/",
                secure=settings.secure_cookies,
                httponly=True,
                samesite="lax",
            )
        return response

    dashboard.install(
        router, engine, settings, clock, dashboard.Kit(person, to_sign_in, render, language_of)
    )

    async def not_found(request: Request, exc: Exception) -> Response:
        # A browser that asks for a page there is not gets the page that says so; a kiosk or an
        # API client (no text/html in Accept) keeps the protocol's JSON problem.
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            with i18n.speaking(language_of(request)):
                return render(request, "not_found.html", person(request), status=404)
        return problems.no_such_path(request)

    app.add_exception_handler(404, not_found)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
