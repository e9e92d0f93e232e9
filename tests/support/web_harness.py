"""Real parts for the web pages' tests: the district server on 127.0.0.1 with schools and one
person per role, a hand-stepped clock, and Debian's chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest
import requests
from fake_clock import FakeClock
from receiver_harness import Receiver

from district import accounts
from district import seed as seeding
from district.accounts import Role
from district.web.settings import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery"

SCHOOLS = {
    "lincoln-elem": "Lincoln Elementary School",
    "roosevelt-high": "Roosevelt High School",
    # Visitor-facing text is shown as text: a name that looks like markup stays words.
    "washington-middle": 'Washington Middle <script>alert("x")</script> & Co',
}


@dataclass(frozen=True)
class Person:
    username: str
    role: Role
    school: str | None


PEOPLE = {
    "district": Person("dana.district", Role.DISTRICT, None),
    "school": Person("sam.lincoln", Role.SCHOOL, "lincoln-elem"),
    "viewer": Person("vera.viewer", Role.VIEWER, None),
    "school_viewer": Person("val.roosevelt", Role.VIEWER, "roosevelt-high"),
}


class Site:
    """The district server with the schools and people above, and its clock; or, given a
    ``seeded`` plan, a district made by ``kiosk-receiver seed`` up to now (the clock set to the
    real time, which the receiver stamps heartbeats with) and the people whose school it has."""

    def __init__(
        self,
        database_url: str,
        tokens_file: Path,
        settings: WebSettings,
        seeded: seeding.Plan | None = None,
    ) -> None:
        self.clock = FakeClock(datetime(2026, 11, 24, 15, 30, tzinfo=UTC))
        self.server = Receiver(database_url, tokens_file, web=settings, clock=self.clock)
        if seeded is not None:
            self.clock.now = datetime.now(UTC).replace(microsecond=0)
            seeding.seed(self.server.engine, seeded, self.clock(), lambda _line: None)
        with self.server.engine.begin() as conn:
            if seeded is None:
                for slug, name in SCHOOLS.items():
                    accounts.add_school(conn, slug, name)
            for person in PEOPLE.values():
                if person.school is None or accounts.school_by_slug(conn, person.school):
                    accounts.add_user(
                        conn, person.username, PASSWORD, person.role, person.school, self.clock()
                    )
        self.url = self.server.url
        self.settings = settings

    def __enter__(self) -> Site:
        self.server.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.stop()


def site_fixture(settings: WebSettings) -> Any:
    @pytest.fixture
    def site(database_url: str, tokens_file: Path) -> Iterator[Site]:
        with Site(database_url, tokens_file, settings) as running:
            yield running

    return site


class Visitor:
    """A browser reduced to its cookies: it keeps what the server sets, Secure ones included
    (browsers treat 127.0.0.1 as a secure origin), and sends them back."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.cookies: dict[str, str] = {}
        self.set_cookie_headers: list[str] = []

    def _keep(self, response: requests.Response) -> requests.Response:
        for header in response.raw.headers.getlist("Set-Cookie"):
            self.set_cookie_headers.append(header)
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **kw: object) -> requests.Response:
        r = requests.get(self.url + path, cookies=self.cookies, allow_redirects=False,
                         timeout=10, **kw)  # type: ignore[arg-type]  # fmt: skip
        return self._keep(r)

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        r = requests.post(self.url + path, data=data, cookies=self.cookies,
                          allow_redirects=False, timeout=10)  # fmt: skip
        return self._keep(r)

    def csrf(self) -> str:
        page = self.get("/sign-in") if "__Host-csrf" not in self.cookies else None
        if page is not None:
            assert page.status_code == 200
        return self.cookies["__Host-csrf"]

    def sign_in(self, username: str, password: str = PASSWORD) -> requests.Response:
        token = self.csrf()
        return self.post(
            "/sign-in", {"csrf_token": token, "username": username, "password": password}
        )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's chromium, driven by Playwright (which cannot download its own browsers here)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed; run scripts/dev.sh setup")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
