"""The PDF report, read back as a reader gets it: poppler turns it into text, word boxes and
page images (poppler-utils comes with `scripts/dev.sh setup`)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_fixtures import SEEDED_CARDS, seeded_store
from point_pdf import point_pdf
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from kiosk.core.card import Card
from kiosk.core.config import Config
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.manager.figures import average_text, percent_text, share_text
from kiosk.ui.manager.report_pdf import (
    FOOTER,
    MARGIN,
    MIN_TYPE,
    PAGE_WIDTH,
    paint_report,
    write_pdf,
)
from kiosk.ui.theme import load_fonts

LOGO_COLOUR = QColor("#7B2D8E")  # a colour nothing else in the report uses


def pdftotext(pdf: Path, *args: str) -> str:
    """The text in reading order, a line broken by wrapping joined again by one space."""
    text = subprocess.run(
        ["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", text)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found[1])


def word_boxes(pdf: Path) -> list[tuple[str, float, float]]:
    """Every word with the top and bottom of its box, in points from the top of its page."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (word, float(y0), float(y1))
        for y0, y1, word in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>', html
        )
    ]


def word_heights(pdf: Path) -> list[tuple[str, float]]:
    return [(word, y1 - y0) for word, y0, y1 in word_boxes(pdf)]


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return float(found[1]), float(found[2])


def inside_the_page(pdf: Path) -> None:
    """Every word above the footer's rule, or in the footer: none runs into it or off the page.
    The layout is in canvas points, scaled to the paper's width; poppler reads real points."""
    width, height = page_size(pdf)
    scale = width / PAGE_WIDTH
    content_bottom = (height / scale - MARGIN - FOOTER) * scale
    strays = [
        (w, y0, y1)
        for w, y0, y1 in word_boxes(pdf)
        if not (y1 <= content_bottom + 1 or content_bottom + 6 <= y0 < height - MARGIN * scale)
    ]
    assert not strays, strays[:5]


def ten_point_height(tmp_path: Path) -> float:
    """The box poppler gives a word of the report's typeface at exactly 10 pt (a 72 dpi page,
    where a pixel is a point), the smaller of regular and bold."""
    out = tmp_path / "ten-point.pdf"
    writer = point_pdf(out)
    painter = QPainter(writer)
    for i, bold in enumerate((False, True)):
        font = QFont(load_fonts())
        font.setPixelSize(10)
        font.setBold(bold)
        painter.setFont(font)
        painter.drawText(50, 100 + 40 * i, "Page")
    painter.end()
    return min(h for _, h in word_heights(out))


@pytest.fixture
def seeded(data_dir: Path, clock: FakeClock) -> Iterator[CardStore]:
    store = seeded_store(data_dir, clock)
    yield store
    store.close()


def _write(
    qapp: QApplication,
    store: CardStore,
    clock: FakeClock,
    out: Path,
    days: int = 7,
    logo: Path | None = None,
    config: Config | None = None,
) -> tuple[reports.PeriodReport, int]:
    last = clock().date()
    report = store.read(reports.period_report, last - timedelta(days=days - 1), last)
    return report, write_pdf(report, config or Config(), out, clock(), logo)


def test_the_first_page_sums_up_the_week_and_every_page_says_which_it_is(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    out = tmp_path / "week.pdf"
    report, pages = _write(qapp, seeded, clock, out)
    assert pages == page_count(out) >= 3  # the summary, the days, the comments
    inside_the_page(out)

    first = pdftotext(out, "-f", "1", "-l", "1")
    cards = seeded.cards(limit=SEEDED_CARDS)
    week = [c for c in cards if c.created_at.date() >= clock().date() - timedelta(days=6)]
    assert len(week) == report.tally.cards
    for expected in (
        "Demo Elementary School",
        "Wednesday, November 18, 2026 to Tuesday, November 24, 2026",
        str(len(week)),
        f"{len(week) - report.previous.cards:+d} against the 7 days before",
        average_text(report.tally),
        share_text(report.tally),
        percent_text(report.resolutions.resolved_share),
        f"of {report.resolutions.answered} who answered",
        f"Asked for: {report.followups.asked}",
        f"Answered: {report.followups.answered}",
        f"Yes {report.resolutions.yes} · Partly {report.resolutions.partly} · "
        f"Not yet {report.resolutions.not_yet}",
        "Made Tuesday, November 24, 2026 at 9:30 AM",
    ):
        assert expected in first, expected
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in pdftotext(out, "-f", str(number), "-l", str(number))
    whole = pdftotext(out)
    assert "Every day's faces on one scale: a full bar is" in whole
    for day in report.days:
        assert f"{day.day:%A}, {day.day:%B} {day.day.day}, 2026" in whole
    # One family of dates: the locale's words, never "11/24/26".
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", whole)
    # No visitor's phone or email on a page meant for a wall.
    assert not any(c.contact_phone and c.contact_phone in whole for c in week)


def test_the_pdf_is_on_the_configured_paper(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    today = clock().date()
    report = seeded.read(reports.period_report, today, today)
    for config, size in ((Config(), (612, 792)), (Config(report_paper="a4"), (595, 842))):
        out = tmp_path / f"{config.report_paper}.pdf"
        write_pdf(report, config, out, clock())
        assert tuple(round(x) for x in page_size(out)) == size
        inside_the_page(out)


def test_no_text_is_smaller_than_10_pt(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    out = tmp_path / "week.pdf"
    _write(qapp, seeded, clock, out)
    floor = ten_point_height(tmp_path)
    words = word_heights(out)
    assert len(words) > 500
    small = [(w, round(h, 2)) for w, h in words if h < floor * 0.995]
    assert not small, f"under {MIN_TYPE} pt ({floor:.2f} pt boxes): {small[:10]}"


def test_printed_on_letter_paper_the_type_stays_10_pt_or_more(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    """A printer paints inside its margins by default; the report takes the whole sheet, so
    the page's scale, and the type, do not shrink with the printer's margins."""
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    last = clock().date()
    report = seeded.read(reports.period_report, last - timedelta(days=6), last)
    pages = paint_report(printer, report, Config(), clock())
    assert pages == page_count(out)
    floor = ten_point_height(tmp_path)
    assert min(h for _, h in word_heights(out)) >= floor * 0.995
    assert f"Page {pages} of {pages}" in pdftotext(out)
    first = pdftotext(out, "-f", "1", "-l", "1")  # the whole summary fits the shorter sheet
    assert "Median time to answer" in first and "Bars: cards a day" in first
    inside_the_page(out)


def test_every_page_renders_to_an_image_with_ink_on_it(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(LOGO_COLOUR)
    assert image.save(str(logo))
    out = tmp_path / "week.pdf"
    # The school's logo from the config, as the kiosk's header shows it.
    _, pages = _write(qapp, seeded, clock, out, config=Config(logo=logo))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for path in images:
        page = QImage(str(path))
        dark = sum(
            1
            for x in range(0, page.width(), 3)
            for y in range(0, page.height(), 3)
            if page.pixelColor(x, y).lightness() < 128
        )
        assert dark > 50, f"{path.name} is blank"
    first = QImage(str(images[0]))
    # The logo sits at the top left of the first page, in its own colour, its shape kept.
    corner = [
        first.pixelColor(x, y)
        for x in range(0, first.width() // 4)
        for y in range(0, first.height() // 8)
    ]
    purple = [c for c in corner if abs(c.red() - 0x7B) < 12 and abs(c.blue() - 0x8E) < 12]
    assert len(purple) > 100


def test_an_svg_logo_and_an_unreadable_one(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
        '<rect width="120" height="60" fill="#7B2D8E"/></svg>',
        encoding="utf-8",
    )
    out = tmp_path / "svg.pdf"
    _write(qapp, seeded, clock, out, days=1, logo=svg)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "svg")],
        check=True,
    )
    first = QImage(str(next(tmp_path.glob("svg-*.png"))))
    assert first.pixelColor(round(first.width() * 0.1), round(first.height() * 0.07)) == LOGO_COLOUR

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    out = tmp_path / "broken.pdf"
    _, pages = _write(qapp, seeded, clock, out, days=1, logo=broken)
    assert pages == page_count(out)
    assert "Demo Elementary School" in pdftotext(out, "-f", "1", "-l", "1")


def test_comments_are_whole_plain_text_however_long(
    qapp: QApplication, store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    link = "https://example.org/" + "x" * 240  # one word wider than the page
    long = " ".join(["<b>Words</b> as typed, wrapped across lines and pages."] * 30)
    comments = [long, link, "Short & <i>plain</i>."]
    for text in comments * 6:
        card = Card.new(2, "en", "demo-kiosk", "0.1.0", clock)
        store.create(card)
        store.update(card.id, comment=text)
        store.finalise(card.id)
        clock.advance(minutes=3)
    out = tmp_path / "comments.pdf"
    _, pages = _write(qapp, store, clock, out, days=1)
    assert pages >= 4  # the comments run over more than one page
    squeezed = re.sub(r"\s+", "", pdftotext(out))
    for text in comments:
        assert squeezed.count(re.sub(r"\s+", "", text)) == 6, text[:40]
    assert "Comments (18)" in pdftotext(out)
    inside_the_page(out)
    # Each page the day's comments go on to starts with the day again.
    day = f"{clock():%A}, {clock():%B} {clock().day}, {clock():%Y}"
    for number in range(3, pages + 1):  # page 2: the one day, then the comments begin
        page = pdftotext(out, "-f", str(number), "-l", str(number)).strip()
        assert page.startswith(f"{day} (continued)"), page[:80]


def test_a_comment_taller_than_a_page_goes_on_over_the_next(
    qapp: QApplication, store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    lines = [f"line {n:03d}" for n in range(1, 161)]  # 160 short lines: three pages' worth
    card = Card.new(2, "en", "demo-kiosk", "0.1.0", clock)
    store.create(card)
    store.update(card.id, comment="\n".join(lines))
    store.finalise(card.id)
    out = tmp_path / "tall.pdf"
    _, pages = _write(qapp, store, clock, out, days=1)
    text = pdftotext(out)
    assert re.findall(r"line \d{3}", text) == lines
    assert pages >= 5
    inside_the_page(out)


def test_the_report_in_spanish(
    qapp: QApplication, seeded: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    switcher = LanguageSwitcher()
    switcher.set_language("es")
    try:
        out = tmp_path / "semana.pdf"
        report, pages = _write(qapp, seeded, clock, out)
        text = pdftotext(out)
    finally:
        switcher.set_language("en")
    for expected in (
        "Opiniones de los visitantes",
        "Del miércoles, 18 de noviembre de 2026 al martes, 24 de noviembre de 2026",
        "Martes, 24 de noviembre de 2026",
        "respecto a los 7 días anteriores",
        "resueltos en la primera visita",
        "Resueltos en la primera visita",
        "Día por día",
        f"Página 1 de {pages}",
        f"Página {pages} de {pages}",
        "Generado el martes, 24 de noviembre de 2026 a las 9:30 a.m.",
        "Comentarios (",
        average_text(report.tally),  # es_US, as the US writes it: "4.0", not Spain's "4,0"
    ):
        assert expected in text, expected
    assert "Page " not in text and "Made " not in text
