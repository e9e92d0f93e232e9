"""Each role sees on every page and in every export only what it may, filtered in the query;
edited URLs (another school's page or export, made-up filters) show nothing more."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from district_fill import (
    FORMULA_COMMENT,
    LINCOLN_COMMENT,
    LINCOLN_CONTACT,
    NEVER_SEEN,
    ROOSEVELT_COMMENT,
    ROOSEVELT_CONTACT,
    fill,
)
from markupsafe import escape
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID
from web_harness import PEOPLE, SCHOOLS, Site, Visitor

from district.web.settings import WebSettings


@pytest.fixture
def site(database_url: str, tokens_file: Path) -> Iterator[Site]:
    with Site(database_url, tokens_file, WebSettings()) as running:
        fill(running)
        yield running


# Per role: the schools it sees, whether it sees contact details, and its kiosks.
SEES = {
    "district": ({"lincoln-elem", "roosevelt-high", "washington-middle"}, True),
    "viewer": ({"lincoln-elem", "roosevelt-high", "washington-middle"}, False),
    "school": ({"lincoln-elem"}, True),
    "school_viewer": ({"roosevelt-high"}, False),
}
KIOSK_OF = {"lincoln-elem": KIOSK_ID, "roosevelt-high": OTHER_KIOSK_ID,
            "washington-middle": NEVER_SEEN}  # fmt: skip
COMMENT_OF = {"lincoln-elem": LINCOLN_COMMENT, "roosevelt-high": ROOSEVELT_COMMENT}
CONTACT_OF = {"lincoln-elem": LINCOLN_CONTACT, "roosevelt-high": ROOSEVELT_CONTACT}


def cells(text: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text)) for cell in row}


def csv_text(visitor: Visitor, path: str) -> str:
    response = visitor.get(path)
    assert response.status_code == 200, path
    assert response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize("who", sorted(SEES))
def test_each_role_sees_only_its_schools_and_contacts(site: Site, who: str) -> None:
    schools, contacts = SEES[who]
    hidden = set(SCHOOLS) - schools
    visitor = Visitor(site.url)
    assert visitor.sign_in(PEOPLE[who].username).status_code == 303

    # The overview and its export, also with filters a person might type into the URL.
    for path in ("/", "/?school=lincoln-elem&school_id=1", "/?period=7d&sort=change"):
        page = visitor.get(path)
        assert page.status_code == 200, path
        shown = {slug for slug in SCHOOLS if f'<code class="slug">{slug}</code>' in page.text}
        assert shown == schools, path
    overview_csv = csv_text(visitor, "/export/overview.csv?period=7d")
    assert {slug for slug in SCHOOLS if f",{slug}," in overview_csv} == schools

    # Each school's page and export: its own comments as text; another school's is a 404.
    for slug in SCHOOLS:
        page = visitor.get(f"/schools/{slug}?period=7d")
        export = visitor.get(f"/export/schools/{slug}.csv?period=7d")
        if slug in hidden:
            assert page.status_code == export.status_code == 404, slug
            assert all(c not in page.text for c in COMMENT_OF.values())
            continue
        assert page.status_code == 200 and export.status_code == 200
        if slug in COMMENT_OF:
            assert str(escape(COMMENT_OF[slug])) in page.text
            assert "<b>the office</b>" not in page.text
            assert COMMENT_OF[slug] in cells(export.content.decode("utf-8-sig"))
        if slug == "lincoln-elem":  # a comment that a spreadsheet would run stays text
            assert "'" + FORMULA_COMMENT in cells(export.content.decode("utf-8-sig"))

    # Follow-ups: only this person's schools; contact details only for those who may.
    text = visitor.get("/followups?period=30d").text
    followups_csv = csv_text(visitor, "/export/followups.csv?period=30d")
    for slug, contact in CONTACT_OF.items():
        expected = slug in schools and contacts
        assert (contact in text) is expected, (slug, "page")
        assert (contact in followups_csv) is expected, (slug, "csv")
    if not contacts:
        assert "555-0101" not in text + followups_csv
        assert "Lucia Lincoln" not in text + followups_csv
    assert ("Overdue" in followups_csv) is ("lincoln-elem" in schools)

    # Fleet: only this person's schools' kiosks.
    text = visitor.get("/fleet").text
    fleet_csv = csv_text(visitor, "/export/fleet.csv")
    for slug, kiosk in KIOSK_OF.items():
        assert (f"<code>{kiosk}</code>" in text) is (slug in schools), kiosk
        assert (kiosk in fleet_csv) is (slug in schools), kiosk


def test_a_signed_out_visitor_gets_no_page_and_no_export(site: Site) -> None:
    visitor = Visitor(site.url)
    for path in ("/", "/schools/lincoln-elem", "/followups", "/fleet", "/export/overview.csv",
                 "/export/schools/lincoln-elem.csv", "/export/followups.csv",
                 "/export/fleet.csv"):  # fmt: skip
        response = visitor.get(path)
        assert response.status_code == 303 and "/sign-in" in response.headers["location"]


def test_a_wrong_period_is_named_on_the_page_not_a_500(site: Site) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    page = visitor.get("/?period=range&from=2026-12-01&to=2026-01-01")
    assert page.status_code == 400
    assert "The last day comes on or after the first." in page.text
    assert visitor.get("/followups?period=range&from=soon").status_code == 400


# Made-up input: the page names the field it could not use and says what it shows instead, in
# the person's language; a 400 page (or the page with its default), never a 500 or JSON.
BAD_INPUT = [
    ("/?period=range&from=2026-13-01&to=2026-12-01", 400, ("From:", "Desde:")),
    ("/?period=range&from=2026-02-01&to=2026-02-30", 400, ("To:", "Hasta:")),
    ("/?period=range&from=2000-01-01&to=2100-12-31", 400, ("To:", "Hasta:")),  # too long
    ("/?period=range&from=0001-01-01&to=9999-12-31", 400, ("From:", "Desde:")),
    ("/?period=year", 400, ("Period:", "Periodo:")),
    ("/?sort=best", 200, ("Order:", "Orden:")),
    ("/schools/lincoln-elem?period=range&from=2026-01-01", 400, ("To:", "Hasta:")),
    ("/followups?period=range&from=soon&to=later", 400, ("From:", "Desde:")),
    ("/fleet?page=two", 400, ("Page:", "Página:")),
    ("/fleet?page=1e3", 400, ("Page:", "Página:")),
    # An export of an edited address names the field too, rather than export another period.
    ("/export/overview.csv?period=year", 400, ("Period:", "Periodo:")),
    ("/export/schools/lincoln-elem.csv?period=range&from=2026-01-01", 400, ("To:", "Hasta:")),
    ("/export/followups.csv?period=range&from=soon&to=later", 400, ("From:", "Desde:")),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_bad_input_is_named_on_the_page_never_a_500(site: Site, language: str) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    visitor.cookies["lang"] = language
    for path, status, field in BAD_INPUT:
        page = visitor.get(path)
        assert page.status_code == status, path
        assert page.headers["content-type"].startswith("text/html"), path
        named = field[0] if language == "en" else field[1]
        assert f'role="alert"><strong>{named}</strong>' in page.text, path


def test_a_made_up_path_is_the_not_found_page_to_a_browser_and_a_problem_to_the_api(
    site: Site,
) -> None:
    visitor = Visitor(site.url)
    visitor.cookies["lang"] = "es"
    page = visitor.get("/nope", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>No encontrada</h1>" in page.text
    api = visitor.get("/nope", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.json()["code"] == "404.3"
    kiosk = requests.get(site.url + "/v1/nope", timeout=10)  # requests asks for */*
    assert kiosk.status_code == 404 and kiosk.json()["code"] == "404.3"


def test_an_unknown_school_is_the_not_found_page(site: Site) -> None:
    visitor = Visitor(site.url)
    visitor.sign_in(PEOPLE["district"].username)
    for path in ("/schools/no-such-school", "/schools/%00", "/export/schools/nope.csv"):
        page = visitor.get(path)
        assert page.status_code == 404 and "<h1>Not found</h1>" in page.text, path
