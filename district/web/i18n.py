"""English and Spanish for the pages: gettext catalogs (the committed .po files, read with
Babel at start-up, no build step), the person's language for this request, and Babel's
locale-aware numbers and dates.

Strings are marked with ``_()`` / ``{% trans %}`` in templates and ``gettext`` / ``N_`` here and
in the pages; ``bash scripts/dev.sh district-translations`` refreshes the .po files, and
tests/district/test_web_translations.py fails on a string that is missing or untranslated.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_skeleton as _format_skeleton
from babel.dates import format_time as _format_time
from babel.dates import format_timedelta as _format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, parse_pattern
from babel.support import Translations

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
DEFAULT = "en"
LANGUAGES = {"en": "English", "es": "Español"}
"""Each language by its own name, as the switch shows it."""

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def N_(message: str) -> str:
    """Mark a string for translation where it is declared; translate it where it is shown."""
    return message


@cache
def catalog(language: str) -> NullTranslations:
    if language == DEFAULT:
        return NullTranslations()
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        parsed = read_po(po, locale=language)
    mo = io.BytesIO()
    write_mo(mo, parsed)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within this block, gettext and the formats use ``language``."""
    token = _current.set(language if language in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def language() -> str:
    return _current.get()


def gettext(message: str) -> str:
    return catalog(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(_current.get()).ngettext(singular, plural, n)


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The language asked for by the switch (its cookie), else the browser's first known one."""
    if cookie in LANGUAGES:
        return cookie
    wanted: list[tuple[float, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if quality > 0:  # q=0 means "not this one"
            wanted.append((-quality + i * 1e-6, tag.split("-")[0].lower()))
    for _, code in sorted(wanted):
        if code in LANGUAGES:
            return code
    return DEFAULT


# A page formats hundreds of numbers: the locale and each pattern are parsed once, not per call.
@cache
def _locale_of(code: str) -> Locale:
    return Locale.parse(code)


@cache
def _pattern(text: str) -> NumberPattern:
    return parse_pattern(text)


def _decimal(value: float, pattern: str) -> str:
    return str(_pattern(pattern).apply(value, _locale()))


def format_number(value: float, digits: int = 0) -> str:
    return _decimal(value, "#,##0" + ("." + "0" * digits if digits else ""))


def format_datetime(moment: datetime) -> str:
    """A moment to the minute in its own offset: "Dec 1, 2026, 2:05 PM", "1 dic 2026, 14:05"."""
    locale = _locale()
    day = _format_date(moment, format="medium", locale=locale)
    return f"{day}, {_format_time(moment, format='short', tzinfo=moment.tzinfo, locale=locale)}"


def _locale() -> Locale:
    return _locale_of(_current.get())


def format_change(value: float, digits: int = 2) -> str:
    """A signed change, "+0.25" or "-0,10": the sign always shown."""
    tail = "." + "0" * digits if digits else ""
    if round(value, digits) == 0:  # no "-0.00": an unchanged figure has no sign
        return _decimal(0, f"#,##0{tail}")
    return _decimal(value, f"+#,##0{tail};-#,##0{tail}")


def format_percent(share: float) -> str:
    locale = _locale()
    return str(locale.percent_formats[None].apply(share, locale))


def format_date(day: date, style: str = "medium") -> str:
    """A day in the person's words: "medium" (Dec 1, 2026), "short" (12/1/26), "day" (Dec 1)
    or "month" (Dec 2026)."""
    formats = {"day": "MMM d", "month": "MMM y"}
    if style in formats:
        return _format_skeleton(formats[style].replace(" ", ""), day, locale=_locale())
    return _format_date(day, format=style, locale=_locale())


def format_duration(span: timedelta) -> str:
    """How long, rounded to the unit that matters: "3 hours", "2 días"."""
    return _format_timedelta(span, threshold=1.5, locale=_locale())
