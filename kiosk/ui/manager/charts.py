"""The two charts, drawn with QPainter: the five faces as bars, and the daily trend.

The painting functions take any paint device, so the screen and the PDF report draw the same
chart from the same code.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.store.reports import Tally, Trend
from kiosk.ui.faces import face_colour, face_word
from kiosk.ui.manager.widgets import day_month

INK = QColor("#1B1B1F")
GRID = QColor("#C9C6BE")
# The pale bars under the trend line: 3.2:1 against the manager's page (#F7F5F0), 3.5:1 against
# the report's white paper, so a bar's edge is seen (WCAG 1.4.11); the line over them is dark
# blue on a white halo, so it stays apart from the bars wherever it crosses them.
COUNT_BAR = QColor("#7A8AA0")
ACCENT = QColor("#1E3A8A")
HALO = QColor("#FFFFFF")


def count_axis_top(most: int) -> int:
    """The top of a count axis: a round, even number at least ``most`` (so its half, where the
    middle grid line sits, is a whole count too)."""
    for power in range(10):
        for step in (2, 4, 6, 8, 10):
            top = step * int(10**power)
            if top >= most:
                return top
    return most + most % 2


def paint_face_bars(
    painter: QPainter, rect: QRectF, tally: Tally, font: QFont, scale_max: int | None = None
) -> None:
    """Happiest face on top, each row: word, bar, count.

    ``scale_max``: the count a full-length bar stands for, so several charts drawn on one scale
    can be compared; by default the largest of this tally.
    """
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    label_width = max(metrics.horizontalAdvance(face_word(r)) for r in range(1, 6)) + 16
    count_width = metrics.horizontalAdvance("00000") + 12
    row_height = rect.height() / 5
    bar_height = min(row_height * 0.62, metrics.height() * 1.3)
    most = max(scale_max or 0, max(tally.faces)) or 1
    bar_room = max(0.0, rect.width() - label_width - count_width)
    for i, rating in enumerate(range(5, 0, -1)):
        top = rect.top() + i * row_height
        centre = top + row_height / 2
        painter.setPen(INK)
        painter.drawText(
            QRectF(rect.left(), top, label_width - 16, row_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            face_word(rating),
        )
        count = tally.faces[rating - 1]
        width = bar_room * count / most
        bar = QRectF(rect.left() + label_width, centre - bar_height / 2, width, bar_height)
        painter.fillRect(bar, face_colour(rating))
        painter.drawText(
            QRectF(bar.right() + 8, top, count_width, row_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QLocale().toString(count),
        )
    painter.restore()


def paint_trend(painter: QPainter, rect: QRectF, trend: Trend, font: QFont) -> None:
    """Cards per day as bars on the count axis (right); the day's average face (1 to 5) as a
    line on the face axis (left). The grid lines are shared: 1, 3, 5 on the left and 0, half
    and the top count on the right."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    days = trend.days
    top_count = count_axis_top(max((t.cards for _, t in days), default=0))
    locale = QLocale()
    counts = (0, top_count // 2, top_count)
    left_width = metrics.horizontalAdvance("5") + 12
    right_width = max(metrics.horizontalAdvance(locale.toString(c)) for c in counts) + 12
    ends = [day_month(days[0][0]), day_month(days[-1][0])] if days else []
    ends = ends[:1] if len(days) == 1 else ends
    # The first and last day under the bars; on a narrow chart, the last one a line lower.
    room = rect.width() - left_width - right_width
    rows = 2 if sum(metrics.horizontalAdvance(e) for e in ends) + 16 > room else 1
    plot = rect.adjusted(
        left_width, metrics.height() / 2, -right_width, -rows * metrics.height() - 8
    )
    slot = plot.width() / max(1, len(days))

    def y_of(average: float) -> float:
        return plot.bottom() - (average - 1) / 4 * plot.height()

    for level, count in zip((1, 3, 5), counts, strict=True):
        y = y_of(level)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(INK)
        row = QRectF(rect.left(), y - metrics.height() / 2, rect.width(), metrics.height())
        painter.drawText(
            row.adjusted(0, 0, -(rect.width() - left_width + 8), 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(level),
        )
        painter.drawText(
            row.adjusted(plot.right() - rect.left() + 8, 0, 0, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            locale.toString(count),
        )
    line = QPainterPath()
    drawing = False
    for i, (_, tally) in enumerate(days):
        height = plot.height() * tally.cards / top_count
        x = plot.left() + i * slot
        painter.fillRect(
            QRectF(x + slot * 0.15, plot.bottom() - height, slot * 0.7, height), COUNT_BAR
        )
        average = tally.average
        if average is None:
            drawing = False  # a day without cards leaves a gap, not a dip to zero
            continue
        point = QPointF(x + slot / 2, y_of(average))
        if drawing:
            line.lineTo(point)
        else:
            line.moveTo(point)
            drawing = True
    for pen in (QPen(HALO, 7), QPen(ACCENT, 3)):
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPath(line)
    painter.setPen(INK)
    for i, (text, align) in enumerate(
        zip(ends, (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight), strict=False)
    ):
        top = plot.bottom() + 8 + (i if rows == 2 else 0) * metrics.height()
        below = QRectF(plot.left(), top, plot.width(), metrics.height())
        painter.drawText(below, align, text)
    painter.restore()


class FaceBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FaceBars")
        self.tally = Tally()
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_tally(self, tally: Tally) -> None:
        self.tally = tally
        self.setAccessibleDescription(
            ", ".join(f"{face_word(r)}: {tally.faces[r - 1]}" for r in range(5, 0, -1))
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 210)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_face_bars(
            painter, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.tally, self.font()
        )
        painter.end()


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TrendChart")
        self.trend = Trend([])
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_trend(self, trend: Trend) -> None:
        self.trend = trend
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = QFont(self.font())
        # Axis labels: the one place text drops below the body size (20 px of 24 at 1280x800),
        # scaled with the screen as the body text is.
        body = font.pixelSize() if font.pixelSize() > 0 else 24
        font.setPixelSize(round(body * 5 / 6))
        paint_trend(painter, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.trend, font)
        painter.end()
