"""The pages in a real browser (Debian's chromium through Playwright), in both languages, at a
laptop's and a phone's width: signed in by keyboard alone, no axe-core violation on any page,
nothing wider than the screen, and a screenshot of each (kept in $DISTRICT_SHOTS when set)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from district_fill import LINCOLN_COMMENT, fill
from web_harness import PASSWORD, PEOPLE, Site, chromium

from district import seed as seeding
from district.web.settings import WebSettings

__all__ = ["chromium"]  # the fixture, used by name

VIEWPORTS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
HEADINGS = {
    "en": {
        "sign-in": "Sign in",
        "overview": "Overview",
        "school": "Lincoln Elementary School",
        "followups": "Follow-ups",
        "fleet": "Kiosks",
        "not-found": "Not found",
        "expired": "Please try again",
        "bad-filter": "Overview",
        "bad-request": "Please check the address",
    },
    "es": {
        "sign-in": "Iniciar sesión",
        "overview": "Resumen",
        "school": "Lincoln Elementary School",
        "followups": "Seguimientos",
        "fleet": "Quioscos",
        "not-found": "No encontrada",
        "expired": "Vuelva a intentarlo",
        "bad-filter": "Resumen",
        "bad-request": "Revise la dirección",
    },
}
DASHBOARD = {
    "school": "/schools/lincoln-elem?period=7d",
    "followups": "/followups",
    "fleet": "/fleet",
    "not-found": "/schools/no-such-school",
    "bad-filter": "/?period=range&from=2026-13-01&to=2026-02-30&sort=best",
    "bad-request": "/fleet?page=two",
}


@pytest.fixture
def site(tmp_path: Path, tokens_file: Path) -> Iterator[Site]:
    with Site(f"sqlite:///{tmp_path / 'district.db'}", tokens_file, WebSettings()) as running:
        fill(running)
        yield running


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DISTRICT_SHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check(
    page: Any, name: str, language: str, viewport: str, shots: Path, shot: str | None = None
) -> None:
    """The page is in ``language``, accessible to axe-core, fits the screen; screenshot it."""
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == HEADINGS[language][name]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert_nothing_scrolls_sideways(page, name)
    page.screenshot(path=str(shots / f"{shot or name}-{language}-{viewport}.png"), full_page=True)


# Every box a table sits in, and the page itself, with how wide its content is and how wide it
# is shown; the tables' details opened first, so that what a person can open is measured too.
WIDTHS = """() => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const boxes = [document.documentElement, ...document.querySelectorAll(".table-box, table")];
  return boxes.map(b => [b.tagName + "." + b.className + " " + (b.getAttribute("aria-label") || ""),
                         b.scrollWidth, b.clientWidth || b.getBoundingClientRect().width]);
}"""


def assert_nothing_scrolls_sideways(page: Any, name: str) -> None:
    """Neither the page nor any table (or its box) is wider than what shows it."""
    viewport = page.viewport_size["width"]
    wide = [
        f"{box}: {scroll} px in {shown} px"
        for box, scroll, shown in page.evaluate(WIDTHS)
        if scroll > min(shown, viewport) + 1  # +1: sub-pixel rounding of a fractional width
    ]
    page.evaluate("() => { for (const d of document.querySelectorAll('details')) d.open = false; }")
    assert not wide, f"{name} scrolls sideways: " + "; ".join(wide)


def tab_to(page: Any, selector: str, limit: int = 15) -> None:
    """Move the focus with Tab alone until it reaches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.slow
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_by_keyboard_in_each_language(
    chromium: Any, site: Site, shots: Path, language: str, viewport: str
) -> None:
    context = chromium.new_context(viewport=VIEWPORTS[viewport], locale="en-US")
    page = context.new_page()
    try:
        page.goto(site.url + "/")
        assert page.url.endswith("/sign-in")
        if language == "es":
            # The switch, named in the other language's own words, on every page.
            page.get_by_role("link", name="Español").click()
            page.wait_for_url(re.compile(r"/sign-in$"))
            assert page.get_by_role("link", name="English").is_visible()
        check(page, "sign-in", language, viewport, shots)

        tab_to(page, "#username")
        page.keyboard.type(PEOPLE["district"].username)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(site.url + "/")
        check(page, "overview", language, viewport, shots)
        assert page.get_by_text("Washington Middle <script>", exact=False).is_visible()
        # The chart is drawn on the server, with its numbers as a table beside it.
        assert page.locator("svg.trend[role=img] title").count() == 1
        assert page.locator("details table tbody tr").count() == 30

        # A period by keyboard: Tab to "7 days", Enter.
        tab_to(page, "a.chip[href^='?period=7d']", limit=30)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"period=7d"))
        assert page.locator("details table tbody tr").count() == 7
        check(page, "overview", language, viewport, shots, "overview-7d")

        for name, path in DASHBOARD.items():
            page.goto(site.url + path)
            check(page, name, language, viewport, shots)
        page.goto(site.url + DASHBOARD["school"])
        assert page.get_by_text(LINCOLN_COMMENT, exact=True).is_visible()  # text, not markup

        # A form whose token is not this browser's: refused, the person told what to do.
        page.locator("form[action='/sign-out'] input[name=csrf_token]").evaluate(
            "input => input.value = 'forged'"
        )
        page.locator("form[action='/sign-out'] button").click()
        page.wait_for_load_state()
        check(page, "expired", language, viewport, shots)

        # Still signed in; sign out for real by keyboard.
        page.goto(site.url + "/")
        tab_to(page, "form[action='/sign-out'] button")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/sign-in$"))
        page.goto(site.url + "/")
        assert page.url.endswith("/sign-in")
    finally:
        context.close()


def test_a_failed_sign_in_is_announced_and_points_at_the_field(chromium: Any, site: Site) -> None:
    page = chromium.new_page()
    try:
        page.goto(site.url + "/sign-in")
        page.get_by_label("Username").fill(PEOPLE["school"].username)
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        alert = page.get_by_role("alert")
        assert alert.inner_text() == "That username and password do not match."
        assert page.get_by_label("Password").get_attribute("aria-invalid") == "true"
        assert page.get_by_label("Username").input_value() == PEOPLE["school"].username
        assert Axe().run(page).violations_count == 0
    finally:
        page.close()


@pytest.fixture
def seeded_site(tmp_path: Path, tokens_file: Path) -> Iterator[Site]:
    """A district as ``kiosk-receiver seed`` makes it: long names, every state of kiosk, errors,
    follow-ups with contact details, months of cards."""
    plan = seeding.Plan(schools=6, kiosks=40, cards=4000, days=60, seed=7)
    with Site(f"sqlite:///{tmp_path / 'seeded.db'}", tokens_file, WebSettings(), plan) as running:
        yield running


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_table_reads_on_a_phone_without_scrolling_sideways(
    chromium: Any, seeded_site: Site, shots: Path, language: str
) -> None:
    context = chromium.new_context(viewport=VIEWPORTS["phone"], locale=f"{language}-US")
    page = context.new_page()
    try:
        page.goto(seeded_site.url + "/sign-in")
        page.locator("#username").fill(PEOPLE["district"].username)
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        page.wait_for_url(seeded_site.url + "/")
        for name, path in {
            "overview": "/?period=30d",
            "school": "/schools/lincoln-elem?period=30d",
            "followups": "/followups?period=30d",
            "fleet": "/fleet",
        }.items():
            page.goto(seeded_site.url + path)
            assert page.locator("table").count() > 0
            assert_nothing_scrolls_sideways(page, name)
            page.screenshot(path=str(shots / f"seeded-{name}-{language}-phone.png"), full_page=True)
            # WCAG's reflow width, a tablet and small laptops either side of the stacking width
            for width in (320, 1024, 1100, 1210, 1280):
                page.set_viewport_size({"width": width, "height": 700})
                assert_nothing_scrolls_sideways(page, f"{name} at {width} px")
            page.set_viewport_size(VIEWPORTS["phone"])
        # Each row a card: every cell shows its column's name beside its value...
        headers = page.locator("table.fleet thead th").all_inner_texts()
        labels = (
            page.locator("table.fleet tbody tr")
            .first.locator("td")
            .evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
        )
        assert [label.split(" / ")[0].strip('"') for label in labels] == headers[1:]
        # ...and it is still a table to a screen reader, each cell under its column.
        tree = page.locator("table.fleet").aria_snapshot()
        assert tree.startswith("- table") and "- rowheader" in tree and "- cell" in tree, tree
        assert f'- columnheader "{headers[2]}"' in tree
        assert Axe().run(page).violations_count == 0
        # Problems first, as on a laptop: the first kiosk listed is offline or never seen.
        first_state = page.locator("table.fleet tbody tr").first.locator(".state").inner_text()
        assert first_state in {
            {"en": "Offline", "es": "Desconectado"}[language],
            {"en": "Never seen", "es": "Nunca conectado"}[language],
        }
    finally:
        context.close()
