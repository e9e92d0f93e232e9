"""``/docs`` works on a district network with no internet: the page names nothing outside this
server, and every script, style and icon it names is served here."""

from __future__ import annotations

import re

import pytest
import requests
from receiver_harness import Receiver

ATTRIBUTE_URLS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_docs_page_needs_nothing_from_outside(receiver: Receiver) -> None:
    with requests.get(f"{receiver.url}/docs", timeout=10) as page:
        assert page.status_code == 200
        html = page.text
    assert "SwaggerUIBundle" in html
    assert not re.search(r"(https?:)?//[a-z0-9]", html, re.IGNORECASE), html
    named = ATTRIBUTE_URLS.findall(html) + re.findall(r"url:\s*'([^']+)'", html)
    assert len(named) >= 4  # the script, the styles, the icon, the document
    for path in named:
        assert path.startswith("/") and not path.startswith("//")
        with requests.get(receiver.url + path, timeout=10) as asset:
            assert asset.status_code == 200, path
            assert len(asset.content) > 0
