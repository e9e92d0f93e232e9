"""The kiosk's own tick box: a square the size of a fingertip with its text wrapped beside it.

Qt's checkbox draws a small box with a faint edge and keeps its text on one line. This one is
still a QCheckBox (screen readers call it a checkbox, Space toggles it), but a tap anywhere on
it toggles, the text wraps, and its colours come from the stylesheet (``qproperty-*`` in
assets/style.qss), so the contrast test reads them there.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QSizePolicy, QWidget

_TEXT_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
_UNBOUNDED = 1 << 20


class TickBox(QCheckBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edge = QColor("#52606D")
        self._fill = QColor("#FFFFFF")
        self._checked = QColor("#1D4ED8")
        self._tick = QColor("#FFFFFF")
        self._focus = QColor("#B45309")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # Colours the stylesheet sets (``TickBox { qproperty-edgeColor: ... }``).
    def _get_edge(self) -> QColor:
        return self._edge

    def _set_edge(self, colour: QColor) -> None:
        self._edge = QColor(colour)
        self.update()

    def _get_fill(self) -> QColor:
        return self._fill

    def _set_fill(self, colour: QColor) -> None:
        self._fill = QColor(colour)
        self.update()

    def _get_checked(self) -> QColor:
        return self._checked

    def _set_checked(self, colour: QColor) -> None:
        self._checked = QColor(colour)
        self.update()

    def _get_tick(self) -> QColor:
        return self._tick

    def _set_tick(self, colour: QColor) -> None:
        self._tick = QColor(colour)
        self.update()

    def _get_focus(self) -> QColor:
        return self._focus

    def _set_focus(self, colour: QColor) -> None:
        self._focus = QColor(colour)
        self.update()

    edgeColor = Property(QColor, _get_edge, _set_edge)
    fillColor = Property(QColor, _get_fill, _set_fill)
    checkedColor = Property(QColor, _get_checked, _set_checked)
    tickColor = Property(QColor, _get_tick, _set_tick)
    focusColor = Property(QColor, _get_focus, _set_focus)

    # --- geometry: all from the font, so it scales with the stylesheet ---------------------

    def box_side(self) -> int:
        return max(48, round(self.fontMetrics().height() * 2.1))

    def _margin(self) -> int:
        return max(4, self.box_side() // 10)  # room for the focus ring

    def _gap(self) -> int:
        return max(12, self.box_side() // 3)

    def _text_left(self) -> int:
        return self._margin() + self.box_side() + self._gap()

    def text_rect(self) -> QRect:
        """Where the text is drawn, wrapped (the text-fit test measures it here)."""
        m = self._margin()
        return self.rect().adjusted(self._text_left(), m, -m, -m)

    def _text_height(self, width: int) -> int:
        fm = self.fontMetrics()
        return fm.boundingRect(
            QRect(0, 0, max(1, width), _UNBOUNDED), _TEXT_FLAGS, self.text()
        ).height()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        text = self._text_height(width - self._text_left() - self._margin())
        return max(
            self.minimumHeight(), self.box_side() + 2 * self._margin(), text + 2 * self._margin()
        )

    def sizeHint(self) -> QSize:
        width = (
            self._text_left() + self._margin() + self.fontMetrics().horizontalAdvance(self.text())
        )
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        words = self.text().split() or [""]
        widest = max(self.fontMetrics().horizontalAdvance(w) for w in words)
        width = self._text_left() + self._margin() + widest
        return QSize(width, self.box_side() + 2 * self._margin())

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)  # the whole control is the target, text included

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.box_side()
        m = self._margin()
        if self.hasFocus():
            ring = max(3, side // 14)
            painter.setPen(QPen(self._focus, ring))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = ring / 2
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 12, 12)
        edge = max(3, side // 16)
        box = QRectF(m, (self.height() - side) / 2, side, side)
        on = self.isChecked()
        painter.setPen(QPen(self._checked if on else self._edge, edge))
        painter.setBrush(self._checked if on else self._fill)
        inset = edge / 2
        painter.drawRoundedRect(box.adjusted(inset, inset, -inset, -inset), side / 6, side / 6)
        if on:
            tick = QPainterPath(QPointF(box.left() + side * 0.24, box.top() + side * 0.52))
            tick.lineTo(QPointF(box.left() + side * 0.43, box.top() + side * 0.71))
            tick.lineTo(QPointF(box.left() + side * 0.77, box.top() + side * 0.31))
            pen = QPen(self._tick, max(4, side // 9))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.text_rect(), _TEXT_FLAGS, self.text())
