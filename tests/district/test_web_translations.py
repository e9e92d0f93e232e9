"""Every string of the web pages is in each language's .po and translated there: a string added
to a template or a page without its Spanish fails here (refresh with
``bash scripts/dev.sh district-translations``, then translate)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import district.web
from district.web import i18n

WEB = Path(district.web.__file__).parent
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2.ext:babel_extract")]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def source_messages() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB), METHODS, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_the_sources_have_strings_to_translate() -> None:
    messages = source_messages()
    assert "Sign in" in messages and len(messages) > 20


@pytest.mark.parametrize("language", [code for code in i18n.LANGUAGES if code != i18n.DEFAULT])
def test_every_string_is_translated(language: str) -> None:
    po = WEB / "locale" / language / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    problems = []
    for message in sorted(source_messages(), key=str):
        key = message if isinstance(message, str) else message[0]
        entry = catalog.get(key)
        if entry is None:
            problems.append(f"missing: {message!r}")
            continue
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string or ())
        if entry.fuzzy or not all(strings):
            problems.append(f"untranslated: {message!r}")
            continue
        wanted = set(PLACEHOLDER.findall(" ".join([key] if isinstance(message, str) else message)))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings):
            problems.append(f"placeholders differ: {message!r}")
    stale = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} - {
        m if isinstance(m, str) else m[0] for m in source_messages()
    }
    problems += [f"no longer used: {s!r}" for s in sorted(stale)]
    assert not problems, "\n".join(problems)


def test_spanish_is_spoken_where_asked() -> None:
    with i18n.speaking("es"):
        assert i18n.gettext("Sign in") == "Iniciar sesión"
        assert i18n.format_number(12345.5, 1) == "12.345,5"
    assert i18n.gettext("Sign in") == "Sign in"


@pytest.mark.parametrize(
    ("cookie", "accept", "chosen"),
    [
        (None, None, "en"),
        (None, "es-MX,es;q=0.9,en;q=0.8", "es"),
        (None, "fr-FR, en;q=0.5, es;q=0.7", "es"),
        ("en", "es-MX", "en"),
        ("xx", "es", "es"),
        (None, "es;q=bad", "en"),
    ],
)
def test_the_language_comes_from_the_switch_then_the_browser(
    cookie: str | None, accept: str | None, chosen: str
) -> None:
    assert i18n.choose(cookie, accept) == chosen
