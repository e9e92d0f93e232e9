"""The manager's charts and dates: drawn on a real paint device and read back."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from point_pdf import point_pdf
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from kiosk.core.config import REGIONS
from kiosk.core.resources import asset
from kiosk.store.reports import Tally, Trend
from kiosk.ui.faces import face_colour
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.manager.charts import COUNT_BAR, count_axis_top, paint_face_bars, paint_trend
from kiosk.ui.manager.widgets import clock_time, day_and_time, day_month, long_date
from kiosk.ui.theme import load_fonts


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def manager_page_background() -> QColor:
    qss = asset("style.qss").read_text(encoding="utf-8")
    found = re.search(r"#ManagerArea #PageBody[^{]*\{\s*background:\s*(#[0-9A-Fa-f]{6})", qss)
    assert found, "the manager page's background is no longer set in style.qss"
    return QColor(found[1])


def test_the_trend_bars_stand_out_from_the_page_and_the_paper() -> None:
    for page in (manager_page_background(), QColor("#FFFFFF")):
        assert contrast(COUNT_BAR, page) >= 3.0, page.name()


@pytest.mark.parametrize("rating", [1, 2, 3, 4, 5])
def test_each_face_bar_is_in_its_face_colour(rating: int) -> None:
    svg = ET.parse(asset(f"faces/face-{rating}.svg")).getroot()
    circle = svg.find("{http://www.w3.org/2000/svg}circle")
    assert circle is not None
    assert face_colour(rating) == QColor(circle.get("stroke"))
    assert contrast(face_colour(rating), QColor("#FFFFFF")) >= 4.5


def _bar_length(image: QImage, colour: QColor, y: int) -> int:
    return sum(1 for x in range(image.width()) if image.pixelColor(x, y) == colour)


def test_face_bars_drawn_on_one_scale_compare(qapp: QApplication) -> None:
    """Two days on the scale of 20 cards: 10 Excellent is half the bar of 20 Excellent."""
    font = QFont(load_fonts())
    font.setPixelSize(14)
    lengths = []
    for tally in (Tally((0, 0, 0, 0, 10)), Tally((0, 0, 0, 0, 20))):
        image = QImage(600, 200, QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        paint_face_bars(painter, QRectF(0, 0, 600, 200), tally, font, scale_max=20)
        painter.end()
        lengths.append(_bar_length(image, face_colour(5), 20))  # the top row: Excellent
    assert lengths[1] > 300
    assert abs(lengths[0] / lengths[1] - 0.5) < 0.01


def test_count_axis_tops_are_round_and_even() -> None:
    assert [count_axis_top(n) for n in (0, 1, 3, 7, 9, 10, 11, 37, 61, 150, 999)] == [
        2,
        2,
        4,
        8,
        10,
        10,
        20,
        40,
        80,
        200,
        1000,
    ]


def _trend_pdf(tmp_path: Path, days: list[tuple[date, Tally]]) -> str:
    out = tmp_path / "trend.pdf"
    writer = point_pdf(out)
    painter = QPainter(writer)
    font = QFont(load_fonts())
    font.setPixelSize(12)
    paint_trend(painter, QRectF(40, 40, 500, 200), Trend(days), font)
    painter.end()
    return subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_trend_has_a_count_axis_and_names_its_days_in_words(
    qapp: QApplication, tmp_path: Path
) -> None:
    first = date(2026, 11, 2)
    days = [(first + timedelta(days=i), Tally((1, 2, 3, 4, i))) for i in range(30)]
    busiest = max(t.cards for _, t in days)  # 39: the axis runs to 40
    text = _trend_pdf(tmp_path, days)
    lines = [line.split() for line in text.splitlines() if line.strip()]
    assert count_axis_top(busiest) == 40
    assert ["5", "40"] in lines and ["3", "20"] in lines and ["1", "0"] in lines
    assert "November 2" in text and "December 1" in text
    switcher = LanguageSwitcher()
    switcher.set_language("es")
    try:
        text = _trend_pdf(tmp_path, days)
    finally:
        switcher.set_language("en")
    assert "2 de noviembre" in text and "1 de diciembre" in text


def test_one_family_of_dates_in_each_language(qapp: QApplication) -> None:
    """In the US (the default region) both languages write 12-hour times."""
    day = date(2026, 12, 1)
    moment = datetime(2026, 12, 1, 14, 5)
    switcher = LanguageSwitcher()
    assert (long_date(day), day_month(day), clock_time(moment)) == (
        "Tuesday, December 1, 2026",
        "December 1",
        "2:05 PM",
    )
    assert day_and_time(moment) == "Tue, Dec 1, 2:05 PM"
    switcher.set_language("es")
    try:
        assert (long_date(day), day_month(day), clock_time(moment)) == (
            "martes, 1 de diciembre de 2026",
            "1 de diciembre",
            "2:05 p.m.",
        )
        assert day_and_time(moment) == "mar 1 de dic, 2:05 p.m."
        assert clock_time(moment.replace(hour=8, minute=14)) == "8:14 a.m."
    finally:
        switcher.set_language("en")


@pytest.mark.parametrize(
    ("region", "english", "spanish"),
    [("US", "2:05 PM", "2:05 p.m."), ("MX", "2:05 PM", "2:05 p.m."), ("ES", "14:05", "14:05")],
)
def test_the_region_decides_12_or_24_hours(
    qapp: QApplication, region: str, english: str, spanish: str
) -> None:
    """The locale is the language in the school's country: es_US and es_MX keep 12 hours,
    es_ES writes 24; English follows its locale where Qt has one (en_ES writes 24 hours too,
    en_MX falls back to en_US)."""
    moment = datetime(2026, 12, 1, 14, 5)
    switcher = LanguageSwitcher(region=region)
    try:
        switcher.set_language("en")
        assert clock_time(moment) == english
        switcher.set_language("es")
        assert QLocale().name() == f"es_{region}"
        assert clock_time(moment) == spanish
    finally:
        LanguageSwitcher().set_language("en")


def test_the_first_language_writes_dates_as_the_schools_country_does(qapp: QApplication) -> None:
    """Before any switch (English needs no translator), the dates are already the region's,
    whatever the machine's own locale is."""
    QLocale.setDefault(QLocale("en_GB"))  # a machine set up elsewhere
    try:
        LanguageSwitcher(region="US")
        assert long_date(date(2026, 12, 1)) == "Tuesday, December 1, 2026"
    finally:
        LanguageSwitcher().set_language("en")


def test_every_region_has_a_qt_locale() -> None:
    unknown = sorted(
        r for r in REGIONS if QLocale.codeToTerritory(r) == QLocale.Country.AnyTerritory
    )
    assert not unknown
