"""The report a principal puts on the wall, for a PDF file or the office printer.

Page 1 sums the period up: the cards, the average face, the share of happy visitors and how
each moved against the previous period of the same length, the trend, what went well and what
could be better, the follow-ups and how fast they were answered, and how many visitors got what
they came for on the first visit. Then every day, all drawn on one scale so the pages compare,
then the comments, whole, as the visitors typed them (plain text, never markup).

The canvas unit is the point (A4 is 595 x 842), scaled to the paper's width, so the PDF and any
printer's paper look alike and a font's pixel size is its size in points: nothing is under
``MIN_TYPE``. The pages are laid out first and painted after, so every footer can say
"Page 2 of 6". The report is read from the store before (kiosk.store.reports.period_report):
painting reads nothing. No visitor's contact details: the follow-up queue is the place for them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImageReader,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from kiosk.core.config import Config
from kiosk.store.reports import DayReport, PeriodReport, Tally
from kiosk.ui.faces import face_word
from kiosk.ui.manager.charts import GRID, INK, paint_face_bars, paint_trend
from kiosk.ui.manager.figures import (
    NONE,
    average_text,
    resolution_counts_text,
    resolved_text,
    share_text,
    signed,
)
from kiosk.ui.manager.followups_page import duration_text
from kiosk.ui.manager.widgets import clock_time, long_date
from kiosk.ui.theme import load_fonts

log = logging.getLogger(__name__)

PAGE_WIDTH = 595.0  # A4 in points: the canvas, scaled to the width of the paper
PAGE_HEIGHT = 842.0
PAPER = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN = 42.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER = 28.0  # the band at the foot of each page: when it was made, page n of N
MIN_TYPE = 10  # points: the smallest type anywhere in the report
TITLE, HEADING, SUBHEADING, BODY, SMALL = 20, 15, 13, 11, MIN_TYPE
TOP_CHIPS = 5
CONTINUED_HEADING = 24.0  # room kept for a day's heading repeated at the top of a page
PANEL = QColor("#F2F0EA")  # the summary's figure boxes: a pale fill, dark text (15:1)
MUTED = QColor("#4A4A52")  # secondary text, 8.6:1 on white

Paint = Callable[[QPainter], None]


def period_text(first: date, last: date) -> str:
    if first == last:
        return long_date(first)
    return QCoreApplication.translate("Report", "{first} to {last}").format(
        first=long_date(first), last=long_date(last)
    )


def heading_text(text: str) -> str:
    """A date standing alone as a heading starts with a capital, as Spanish writes it too:
    "Martes, 1 de diciembre de 2026"."""
    return text[:1].upper() + text[1:]


def write_pdf(
    report: PeriodReport, config: Config, out: Path, made_at: datetime, logo: Path | None = None
) -> int:
    """Write the report to a PDF file; returns the page count."""
    writer = QPdfWriter(str(out))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAPER[config.report_paper]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setResolution(150)
    writer.setTitle(
        QCoreApplication.translate("Report", "Visitor feedback: {period}").format(
            period=period_text(report.first, report.last)
        )
    )
    writer.setCreator(config.school_name)
    return paint_report(writer, report, config, made_at, logo)


def paint_report(
    device: QPagedPaintDevice,
    report: PeriodReport,
    config: Config,
    made_at: datetime,
    logo: Path | None = None,
) -> int:
    """Paint the report onto a PDF writer or a printer; returns the page count.

    ``logo``: an SVG or PNG shown at the head of the first page; the config's ``logo`` (the
    school's, as on the kiosk's header) when not given.
    """
    family = load_fonts()
    if isinstance(device, QPrinter):
        # The whole sheet, not the printer's printable area: the canvas is scaled to the page
        # width, and a narrower area would shrink 10 pt type below 10 pt. MARGIN keeps clear
        # of any printer's unprintable edge.
        device.setFullPage(True)
    painter = QPainter(device)
    try:
        scale = device.width() / PAGE_WIDTH
        painter.scale(scale, scale)
        layout = _Layout(painter, family, device.height() / scale)
        language = "es" if QLocale().language() == QLocale.Language.Spanish else "en"
        _Report(layout, report, config, language, logo or config.logo).lay_out()
        pages = layout.pages
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            for paint in page.ops:
                paint(painter)
            layout.footer(painter, number, len(pages), made_at)
    finally:
        # Never left active: a painter outliving its device on an exception crashes the process.
        painter.end()
    return len(pages)


@dataclass
class _Page:
    ops: list[Paint] = field(default_factory=list)


class _Layout:
    """Places blocks down the page, starting a new page when a block does not fit; records
    what to paint rather than painting, so the page count is known before the first footer."""

    def __init__(self, painter: QPainter, family: str, height: float) -> None:
        self.painter = painter
        self.family = family
        self.bottom = height - MARGIN - FOOTER
        self.page_height = height
        self.pages: list[_Page] = [_Page()]
        self.y = MARGIN

    def font(self, size: int, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(size, MIN_TYPE))
        font.setBold(bold)
        return font

    def add(self, paint: Paint) -> None:
        self.pages[-1].ops.append(paint)

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = MARGIN

    def room(self) -> float:
        return self.bottom - self.y

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits below what is there."""
        if height > self.room() and self.y > MARGIN:
            self.new_page()

    def measure(self, text: str, font: QFont, width: float = CONTENT_WIDTH) -> float:
        self.painter.setFont(font)
        area = QRectF(0, 0, width, 1e6)
        return float(self.painter.boundingRect(area, text, _option()).height())

    def text_at(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        colour: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        option = _option(align)

        def paint(painter: QPainter) -> None:
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(rect, text, option)

        self.add(paint)

    def paragraph(
        self,
        text: str,
        size: int = BODY,
        bold: bool = False,
        gap: float = 6,
        colour: QColor = INK,
        x: float = MARGIN,
        width: float = CONTENT_WIDTH,
    ) -> None:
        """A wrapped paragraph, whole: on this page if it fits, else at the top of the next."""
        font = self.font(size, bold)
        height = self.measure(text, font, width)
        self.need(height)
        self.text_at(QRectF(x, self.y, width, height + 2), text, font, colour)
        self.y += height + gap

    def footer(self, painter: QPainter, number: int, count: int, made_at: datetime) -> None:
        font = self.font(SMALL)
        painter.setFont(font)
        top = self.page_height - MARGIN - FOOTER + 10
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(MARGIN, top - 4), QPointF(PAGE_WIDTH - MARGIN, top - 4))
        band = QRectF(MARGIN, top, CONTENT_WIDTH, FOOTER - 10)
        painter.setPen(MUTED)
        made = QCoreApplication.translate("Report", "Made {date} at {time}").format(
            date=long_date(made_at.date()), time=clock_time(made_at)
        )
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, made)
        painter.drawText(
            band,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            QCoreApplication.translate("Report", "Page {page} of {pages}").format(
                page=QLocale().toString(number), pages=QLocale().toString(count)
            ),
        )


def _option(align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QTextOption:
    """Wrap at word boundaries, and inside a word longer than the line (a pasted link): a
    text is never cut."""
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


class _Report:
    def __init__(
        self,
        layout: _Layout,
        report: PeriodReport,
        config: Config,
        language: str,
        logo: Path | None,
    ) -> None:
        self.layout = layout
        self.report = report
        self.config = config
        self.language = language
        self.logo = logo
        span = (report.last - report.first).days + 1
        self.previous_name = (
            QCoreApplication.translate("Report", "against the day before")
            if span == 1
            else QCoreApplication.translate("Report", "against the {days} days before").format(
                days=QLocale().toString(span)
            )
        )

    def lay_out(self) -> None:
        self._summary()
        self.layout.new_page()
        self._days()
        self._comments()

    # --- page 1 --------------------------------------------------------------------------

    def _summary(self) -> None:
        layout, report = self.layout, self.report
        self._head()
        tally = report.tally
        previous = report.previous
        happy_now = None if tally.positive_share is None else tally.positive_share * 100
        before = previous.positive_share
        happy_before = None if before is None else before * 100
        moved = None if happy_now is None or happy_before is None else happy_now - happy_before
        points = (
            QCoreApplication.translate("Report", "{change} point")
            if moved is not None and abs(round(moved)) == 1
            else QCoreApplication.translate("Report", "{change} points")
        )
        boxes = [
            (
                QLocale().toString(tally.cards),
                QCoreApplication.translate("Report", "cards"),
                self._change(tally.cards, previous.cards if previous.cards else None, 0),
            ),
            (
                average_text(tally),
                QCoreApplication.translate("Report", "average face, 1 to 5"),
                self._change(tally.average, previous.average, 1),
            ),
            (
                share_text(tally),
                QCoreApplication.translate("Report", "happy (Good or Excellent)"),
                self._change(happy_now, happy_before, 0, points),
            ),
            (
                resolved_text(report.resolutions),
                QCoreApplication.translate("Report", "resolved on the first visit"),
                QCoreApplication.translate("Report", "of {count} who answered").format(
                    count=QLocale().toString(report.resolutions.answered)
                ),
            ),
        ]
        self._boxes(boxes)
        if previous.cards:
            line = QCoreApplication.translate(
                "Report", "Previous period: {cards} cards, average {average}, {happy} happy"
            ).format(
                cards=QLocale().toString(previous.cards),
                average=average_text(previous),
                happy=share_text(previous),
            )
        else:
            line = QCoreApplication.translate(
                "Report", "No cards in the previous period to compare with."
            )
        layout.paragraph(line, SMALL, colour=MUTED, gap=14)

        # Two columns: the faces beside first-contact resolution and the follow-ups, then the
        # chips, then the trend across the page. Page 1 fits a US Letter sheet as well as A4.
        half = (CONTENT_WIDTH - 24) / 2
        right = MARGIN + half + 24
        top = layout.y
        layout.paragraph(
            QCoreApplication.translate("Report", "Faces"), HEADING, bold=True, gap=2, width=half
        )
        chart = QRectF(MARGIN, layout.y, half, 110)
        bars_font = layout.font(BODY)
        layout.add(lambda p: paint_face_bars(p, chart, tally, bars_font))
        left_bottom = chart.bottom()
        layout.y = top
        r = report.resolutions
        layout.paragraph(
            QCoreApplication.translate("Report", "Resolved on the first visit"),
            HEADING,
            bold=True,
            gap=2,
            x=right,
            width=half,
        )
        layout.paragraph(
            QCoreApplication.translate(
                "Report", "{share} said yes, of {answered} who answered"
            ).format(share=resolved_text(r), answered=QLocale().toString(r.answered))
            + "\n"
            + resolution_counts_text(r)
            if r.answered
            else QCoreApplication.translate(
                "Report", "No visitor has answered “Did you get what you came for today?” yet."
            ),
            BODY,
            x=right,
            width=half,
            gap=10,
        )
        f = report.followups
        layout.paragraph(
            QCoreApplication.translate("Report", "Follow-ups"),
            HEADING,
            bold=True,
            gap=2,
            x=right,
            width=half,
        )
        layout.paragraph(
            "\n".join(
                (
                    QCoreApplication.translate("Report", "Asked for: {count}").format(
                        count=QLocale().toString(f.asked)
                    ),
                    QCoreApplication.translate("Report", "Answered: {count}").format(
                        count=QLocale().toString(f.answered)
                    ),
                    QCoreApplication.translate("Report", "Still open: {count}").format(
                        count=QLocale().toString(f.asked - f.answered)
                    ),
                    QCoreApplication.translate("Report", "Median time to answer: {time}").format(
                        time=NONE if f.median_wait is None else duration_text(f.median_wait)
                    ),
                )
            ),
            BODY,
            x=right,
            width=half,
        )
        layout.y = max(layout.y, left_bottom) + 12

        top = layout.y
        bottoms = []
        for x, heading, kind, chips in (
            (
                MARGIN,
                QCoreApplication.translate("Report", "What went well"),
                "went_well",
                report.went_well,
            ),
            (
                right,
                QCoreApplication.translate("Report", "What could be better"),
                "could_improve",
                report.could_improve,
            ),
        ):
            layout.y = top
            layout.paragraph(heading, SUBHEADING, bold=True, gap=2, x=x, width=half)
            lines = "\n".join(
                f"{QLocale().toString(n)} · {self.config.choice_label(kind, c, self.language)}"
                for c, n in chips[:TOP_CHIPS]
            )
            layout.paragraph(lines or NONE, BODY, x=x, width=half)
            bottoms.append(layout.y)
        layout.y = max(bottoms) + 10

        trend = report.trend
        layout.paragraph(
            QCoreApplication.translate("Report", "Cards and average face per day"),
            HEADING,
            bold=True,
            gap=2,
        )
        chart_rect = QRectF(MARGIN, layout.y, CONTENT_WIDTH, 120)
        trend_font = layout.font(SMALL)
        layout.add(lambda p: paint_trend(p, chart_rect, trend, trend_font))
        layout.y = chart_rect.bottom() + 4
        legend = QCoreApplication.translate(
            "Report",
            "Bars: cards a day (scale on the right). "
            "Line: the day's average face, 1 to 5 (scale on the left).",
        )
        if trend.days[0][0] != report.first:  # a short period: the chart shows a whole week
            shown = heading_text(period_text(trend.days[0][0], trend.days[-1][0]))
            legend = f"{shown}. {legend}"
        layout.paragraph(legend, SMALL, colour=MUTED)

    def _head(self) -> None:
        layout = self.layout
        x = MARGIN
        if self.logo is not None:
            box = QRectF(MARGIN, layout.y, 64, 64)
            if self._add_logo(box):
                x = box.right() + 16
        width = PAGE_WIDTH - MARGIN - x
        top = layout.y
        layout.paragraph(self.config.school_name, TITLE, bold=True, gap=2, x=x, width=width)
        layout.paragraph(
            QCoreApplication.translate("Report", "Visitor feedback"),
            HEADING,
            gap=2,
            x=x,
            width=width,
        )
        layout.paragraph(
            heading_text(period_text(self.report.first, self.report.last)),
            BODY,
            x=x,
            width=width,
            gap=4,
        )
        layout.y = max(layout.y, top + 64) + 14

    def _add_logo(self, box: QRectF) -> bool:
        """Draw the logo fitted into ``box``, keeping its shape; False if it cannot be read."""
        path = self.logo
        assert path is not None
        if path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path))
            if not renderer.isValid():
                log.warning("report: the logo %s is not a readable SVG", path)
                return False
            size = renderer.defaultSize().toSizeF()
            target = _fit(box, size.width(), size.height())
            self.layout.add(lambda p: renderer.render(p, target))
            return True
        image = QImageReader(str(path)).read()
        if image.isNull():
            log.warning("report: the logo %s is not a readable image", path)
            return False
        target = _fit(box, image.width(), image.height())
        self.layout.add(lambda p: p.drawImage(target, image))
        return True

    def _change(
        self,
        now: float | None,
        before: float | None,
        decimals: int,
        unit: str = "{change}",
    ) -> str:
        if now is None or before is None:
            return QCoreApplication.translate("Report", "nothing to compare with")
        return f"{unit.format(change=signed(now - before, decimals))} {self.previous_name}"

    def _boxes(self, boxes: list[tuple[str, str, str]]) -> None:
        layout = self.layout
        gap = 10.0
        width = (CONTENT_WIDTH - gap * (len(boxes) - 1)) / len(boxes)
        inner = width - 16
        value_font = layout.font(24, bold=True)
        caption_font = layout.font(SMALL, bold=True)
        change_font = layout.font(SMALL)
        heights = [
            layout.measure(value, value_font, inner)
            + layout.measure(caption, caption_font, inner)
            + layout.measure(change, change_font, inner)
            for value, caption, change in boxes
        ]
        height = max(heights) + 24
        top = layout.y
        for i, (value, caption, change) in enumerate(boxes):
            left = MARGIN + i * (width + gap)
            rect = QRectF(left, top, width, height)
            layout.add(_filler(rect, PANEL))
            y = top + 8
            for text, font, colour in (
                (value, value_font, INK),
                (caption, caption_font, INK),
                (change, change_font, MUTED),
            ):
                h = layout.measure(text, font, inner)
                layout.text_at(QRectF(left + 8, y, inner, h + 2), text, font, colour)
                y += h + 2
        layout.y = top + height + 8

    # --- the days --------------------------------------------------------------------------

    def _days(self) -> None:
        layout, days = self.layout, self.report.days
        scale = max(max(d.summary.tally.faces) for d in days)
        layout.paragraph(
            QCoreApplication.translate("Report", "Day by day"), HEADING, bold=True, gap=2
        )
        layout.paragraph(
            QCoreApplication.translate(
                "Report", "Every day's faces on one scale: a full bar is {count} cards."
            ).format(count=QLocale().toString(max(scale, 1))),
            SMALL,
            colour=MUTED,
            gap=12,
        )
        for day in days:
            self._day(day, scale)

    def _day(self, day: DayReport, scale: int) -> None:
        layout = self.layout
        summary = day.summary
        tally = summary.tally
        heading_font = layout.font(SUBHEADING, bold=True)
        heading = heading_text(long_date(day.day))
        figures = self._figures_line(tally, day)
        chips = self._chips_line(day)
        heights = layout.measure(heading, heading_font) + layout.measure(figures, layout.font(BODY))
        bars = 0.0 if not tally.cards else 5 * 17.0 + 6
        chips_height = layout.measure(chips, layout.font(SMALL)) if chips else 0.0
        layout.need(heights + bars + chips_height + 24)
        layout.paragraph(heading, SUBHEADING, bold=True, gap=1)
        layout.paragraph(figures, BODY, gap=4)
        if tally.cards:
            rect = QRectF(MARGIN, layout.y, CONTENT_WIDTH * 0.7, bars - 6)
            font = layout.font(SMALL)
            layout.add(lambda p: paint_face_bars(p, rect, tally, font, scale_max=scale))
            layout.y = rect.bottom() + 6
        if chips:
            layout.paragraph(chips, SMALL, colour=MUTED, gap=4)
        line_y = layout.y + 6

        def rule(painter: QPainter) -> None:
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(MARGIN, line_y), QPointF(PAGE_WIDTH - MARGIN, line_y))

        layout.add(rule)
        layout.y = line_y + 10

    def _figures_line(self, tally: Tally, day: DayReport) -> str:
        if not tally.cards:
            return QCoreApplication.translate("Report", "No cards.")
        return QCoreApplication.translate(
            "Report",
            "{cards} cards · average {average} · {happy} happy · resolved on the first visit: "
            "{resolved}",
        ).format(
            cards=QLocale().toString(tally.cards),
            average=average_text(tally),
            happy=share_text(tally),
            resolved=resolved_text(day.summary.resolutions),
        )

    def _chips_line(self, day: DayReport) -> str:
        parts = []
        for heading, kind, chips in (
            (QCoreApplication.translate("Report", "Went well"), "went_well", day.summary.went_well),
            (
                QCoreApplication.translate("Report", "Could be better"),
                "could_improve",
                day.summary.could_improve,
            ),
        ):
            if chips:
                listed = ", ".join(
                    f"{self.config.choice_label(kind, c, self.language)} ({QLocale().toString(n)})"
                    for c, n in chips[:3]
                )
                parts.append(f"{heading}: {listed}")
        return "\n".join(parts)

    # --- the comments ------------------------------------------------------------------------

    def _comments(self) -> None:
        layout = self.layout
        days = [d for d in self.report.days if d.comments]
        count = sum(len(d.comments) for d in days)
        layout.need(140)  # the heading never sits alone at the foot of a page
        layout.paragraph(
            QCoreApplication.translate("Report", "Comments ({count})").format(
                count=QLocale().toString(count)
            ),
            HEADING,
            bold=True,
            gap=8,
        )
        if not days:
            layout.paragraph(
                QCoreApplication.translate("Report", "No comments in this period."), BODY
            )
        for day in days:
            layout.need(80)
            if layout.y > MARGIN:
                layout.y += 8
            heading = heading_text(long_date(day.day))
            layout.paragraph(heading, SUBHEADING, bold=True, gap=4)
            continued = QCoreApplication.translate("Report", "{day} (continued)").format(
                day=heading
            )
            for when, rating, comment in day.comments:
                self._comment(f"{clock_time(when)} · {face_word(rating)}", comment, continued)

    def _comment(self, said: str, comment: str, continued: str) -> None:
        """The time and face in a narrow column, the comment whole beside them; the two stay
        together, on the next page if they do not fit, under the day's heading again
        (``continued``). A comment taller than a page (hundreds of short lines) goes on over
        the next pages, line by line, nothing left out."""
        layout = self.layout
        column = 120.0
        said_font, body = layout.font(SMALL, bold=True), layout.font(BODY)
        width = CONTENT_WIDTH - column
        said_height = layout.measure(said, said_font, column - 8)
        for i, part in enumerate(self._page_parts(comment, body, width)):
            height = layout.measure(part, body, width)
            pages = len(layout.pages)
            layout.need(max(said_height, height))
            if len(layout.pages) > pages:
                layout.paragraph(continued, SUBHEADING, bold=True, gap=4)
            top = layout.y
            if i == 0:
                said_box = QRectF(MARGIN, top + 1, column - 8, said_height + 2)
                layout.text_at(said_box, said, said_font, MUTED)
            layout.text_at(QRectF(MARGIN + column, top, width, height + 2), part, body)
            layout.y = top + max(said_height if i == 0 else 0, height) + 6

    def _page_parts(self, comment: str, font: QFont, width: float) -> list[str]:
        """The comment in pieces of whole lines that each fit on an empty page."""
        layout = self.layout
        page = layout.bottom - MARGIN - CONTINUED_HEADING
        if layout.measure(comment, font, width) <= page:
            return [comment]
        parts: list[str] = []
        lines: list[str] = []
        for line in comment.split("\n"):
            if lines and layout.measure("\n".join([*lines, line]), font, width) > page:
                parts.append("\n".join(lines))
                lines = []
            lines.append(line)
        return [*parts, "\n".join(lines)]


def _filler(rect: QRectF, colour: QColor) -> Paint:
    def paint(painter: QPainter) -> None:
        painter.fillRect(rect, colour)

    return paint


def _fit(box: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the given shape inside ``box``, at its top left."""
    if width <= 0 or height <= 0:
        return box
    factor = min(box.width() / width, box.height() / height)
    return QRectF(box.left(), box.top(), width * factor, height * factor)
