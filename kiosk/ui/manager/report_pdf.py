"""The daily report: one page per day, for a PDF file or the office printer.

Each page has the school, the date, the counts, the faces chart, the top chips, the day's
comments and the follow-ups asked for that day. Pages are laid out on a 794-unit-wide canvas
(A4 at 96 dpi) scaled to the device, so the PDF and any printer's paper look alike. The pages
are read from the store first (kiosk.store.reports.day_reports): painting reads nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.core.config import Config
from kiosk.store.reports import DayReport
from kiosk.ui.faces import face_word
from kiosk.ui.manager.charts import INK, paint_face_bars
from kiosk.ui.manager.widgets import day_and_time, long_date
from kiosk.ui.theme import load_fonts

CANVAS_WIDTH = 794.0
MARGIN = 48.0
MORE_LINE = 22.0  # height kept free for "More in the manager area: N"
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft


def write_pdf(days: list[DayReport], config: Config, out: Path) -> int:
    """Write the report's pages to a PDF file; returns the page count."""
    writer = QPdfWriter(str(out))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setResolution(150)
    if days:
        writer.setTitle(
            QCoreApplication.translate("DayReport", "Visitor feedback")
            + f" {days[0].day.isoformat()} – {days[-1].day.isoformat()}"
        )
    writer.setCreator(config.school_name)
    return paint_report(writer, days, config)


def paint_report(device: QPagedPaintDevice, days: list[DayReport], config: Config) -> int:
    """Paint one page per day onto a PDF writer or a printer; returns the page count."""
    family = load_fonts()
    painter = QPainter(device)
    try:
        scale = device.width() / CANVAS_WIDTH
        painter.scale(scale, scale)
        height = device.height() / scale
        language = "es" if QLocale().language() == QLocale.Language.Spanish else "en"
        for i, report in enumerate(days):
            if i:
                device.newPage()
            _DayPage(painter, family, height, config, language).paint(report)
    finally:
        # Never left active: a painter outliving its device on an exception crashes the process.
        painter.end()
    return len(days)


class _DayPage:
    def __init__(
        self,
        painter: QPainter,
        family: str,
        height: float,
        config: Config,
        language: str,
    ) -> None:
        self.painter = painter
        self.family = family
        self.bottom = height - MARGIN
        self.config = config
        self.language = language
        self.y = MARGIN

    def font(self, size: int, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(size)
        font.setBold(bold)
        return font

    def text(self, text: str, size: int = 13, bold: bool = False, gap: float = 6) -> bool:
        """Write a wrapped paragraph; False (and nothing written) when it does not fit."""
        self.painter.setFont(self.font(size, bold))
        area = QRectF(MARGIN, self.y, CANVAS_WIDTH - 2 * MARGIN, self.bottom - self.y)
        needed = self.painter.boundingRect(area, WRAP, text)
        if needed.height() > area.height():
            return False
        self.painter.drawText(area, WRAP, text)
        self.y += needed.height() + gap
        return True

    def paint(self, report: DayReport) -> None:
        self.painter.setPen(INK)
        day, summary = report.day, report.summary
        tally = summary.tally
        self.text(self.config.school_name, 22, bold=True, gap=2)
        self.text(
            QCoreApplication.translate("DayReport", "Visitor feedback: {date}").format(
                date=long_date(day)
            ),
            16,
            gap=12,
        )
        average = "–" if tally.average is None else QLocale().toString(tally.average, "f", 1)
        share = tally.positive_share
        positive = "–" if share is None else QLocale().toString(share * 100, "f", 0) + " %"
        self.text(
            QCoreApplication.translate(
                "DayReport", "Cards: {cards} · average face {average} of 5 · happy: {positive}"
            ).format(cards=tally.cards, average=average, positive=positive),
            14,
            bold=True,
            gap=10,
        )
        chart = QRectF(MARGIN, self.y, 420, 170)
        paint_face_bars(self.painter, chart, tally, self.font(13))
        self.y = chart.bottom() + 14
        for heading, kind, chips in (
            (QCoreApplication.translate("DayReport", "Went well"), "went_well", summary.went_well),
            (
                QCoreApplication.translate("DayReport", "Could be better"),
                "could_improve",
                summary.could_improve,
            ),
        ):
            listed = ", ".join(
                f"{self.config.choice_label(kind, c, self.language)} ({n})" for c, n in chips[:5]
            )
            self.text(f"{heading}: {listed or '–'}", 13)
        self.y += 8
        self._comments(report)
        self._followups(report)

    def _comments(self, report: DayReport) -> None:
        comments = report.comments
        self.text(
            QCoreApplication.translate("DayReport", "Comments ({count})").format(
                count=len(comments)
            ),
            15,
            bold=True,
        )
        # Leave room for the follow-up list below.
        reserve = min(220.0, 40.0 + 22 * len(report.followups))
        lines = [
            f"{when:%H:%M}  {face_word(rating)}: {comment}" for when, rating, comment in comments
        ]
        self._listed(lines, self.bottom - reserve)
        if not comments:
            self.text(QCoreApplication.translate("DayReport", "No comments."), 12)
        self.y += 8

    def _listed(self, lines: list[str], floor: float) -> None:
        """Write lines while they fit above ``floor``; what does not fit is counted, not cut."""
        keep = self.bottom
        self.bottom = floor - MORE_LINE  # always room left for the count of the rest
        for shown, line in enumerate(lines):
            if not self.text(line, 12, gap=4):
                self.bottom = floor
                more = QCoreApplication.translate("DayReport", "More in the manager area: {count}")
                self.text(more.format(count=len(lines) - shown), 12)
                break
        self.bottom = keep

    def _followups(self, report: DayReport) -> None:
        followups = [f for f in report.followups if f.answered_at is None]
        self.text(
            QCoreApplication.translate("DayReport", "Open follow-ups ({count})").format(
                count=len(followups)
            ),
            15,
            bold=True,
        )
        lines = []
        for f in followups:
            contact = ", ".join(x for x in (f.phone, f.email) if x)
            lines.append(
                QCoreApplication.translate(
                    "DayReport", "{time}  {name}, {contact}: answer by {due}"
                ).format(
                    time=f"{f.created_at:%H:%M}",
                    name=f.name or "–",
                    contact=contact or "–",
                    due=day_and_time(f.due),
                )
            )
        self._listed(lines, self.bottom)
        if not followups:
            self.text(QCoreApplication.translate("DayReport", "None open."), 12)
