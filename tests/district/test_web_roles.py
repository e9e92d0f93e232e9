"""Each role sees only its schools, filtered in the query: on the page, and with edited URLs."""

from __future__ import annotations

import pytest
from web_harness import PEOPLE, SCHOOLS, Site, Visitor, site_fixture

from district.web.settings import WebSettings

site = site_fixture(WebSettings())

SEES = {
    "district": set(SCHOOLS),
    "viewer": set(SCHOOLS),
    "school": {"lincoln-elem"},
    "school_viewer": {"roosevelt-high"},
}


@pytest.mark.parametrize("who", sorted(SEES))
def test_each_role_sees_only_its_schools(site: Site, who: str) -> None:
    visitor = Visitor(site.url)
    assert visitor.sign_in(PEOPLE[who].username).status_code == 303
    for path in ("/", "/?school=lincoln-elem", "/?school_id=1&role=district"):
        page = visitor.get(path)
        assert page.status_code == 200
        shown = {slug for slug in SCHOOLS if f"<code>{slug}</code>" in page.text}
        assert shown == SEES[who], path
