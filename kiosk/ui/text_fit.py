"""Does every text on screen fit its box? A measure over whatever is shown, not a list of widgets.

Each visible label, button and table is measured with its own font (the stylesheet's, as
polished) against the room its style leaves for the text: a label's contents rectangle, a
button's contents sub-element, a table's columns. A text that would be cut, or that Qt elides,
does not fit. The measure serves the text-fit tests and ``kiosk snapshot``, which names what is
cut on each screen it renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QWidget,
)

from kiosk.ui.tick_box import TickBox

_UNBOUNDED = 1 << 20
# Qt's layouts round a text's size from fractional metrics: a box may be a pixel short of the
# integer metrics' figure with nothing cut.
_ROUNDING = 1
_MNEMONIC = re.compile(r"&(.)")


@dataclass(frozen=True)
class Cut:
    """A text that does not fit: where it is, what it says, the room it needs and has."""

    where: str
    text: str
    needed: tuple[int, int]
    room: tuple[int, int]

    def __str__(self) -> str:
        (nw, nh), (rw, rh) = self.needed, self.room
        return f"{self.where} {self.text!r}: needs {nw}x{nh}, has {rw}x{rh}"


def _where(widget: QWidget) -> str:
    name = widget.objectName() or widget.metaObject().className()
    return f"{type(widget).__name__}#{name}"


def _cut(widget: QWidget, text: str, needed: QSize, room: QSize) -> Cut | None:
    if needed.width() <= room.width() + _ROUNDING and needed.height() <= room.height() + _ROUNDING:
        return None
    return Cut(
        _where(widget), text, (needed.width(), needed.height()), (room.width(), room.height())
    )


def _label(label: QLabel) -> Cut | None:
    text = label.text()
    if not text or label.textFormat() == Qt.TextFormat.RichText:
        return None
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    flags = int(label.alignment().value)
    fm = label.fontMetrics()
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
        bounds = QRect(0, 0, max(1, room.width()), _UNBOUNDED)
    else:
        bounds = QRect(0, 0, _UNBOUNDED, _UNBOUNDED)
    needed = fm.boundingRect(bounds, flags, text).size()
    return _cut(label, text, needed, room.size())


def _push_button(button: QPushButton) -> Cut | None:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    if not option.text:
        return None
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    if not option.icon.isNull():
        room.setLeft(room.left() + option.iconSize.width() + 4)
    needed = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic.value, option.text)
    return _cut(button, _MNEMONIC.sub(r"\1", option.text), needed, room.size())


def _tick_box(box: TickBox) -> Cut | None:
    room = box.text_rect()
    flags = Qt.AlignmentFlag.AlignLeft.value | Qt.TextFlag.TextWordWrap.value
    needed = box.fontMetrics().boundingRect(
        QRect(0, 0, room.width(), _UNBOUNDED), flags, box.text()
    )
    return _cut(box, box.text(), needed.size(), room.size())


def _other_button(button: QAbstractButton) -> Cut | None:
    """Tool buttons (the faces) and the rest: the style's own size for text and icon."""
    if not button.text():
        return None
    return _cut(button, button.text(), button.sizeHint(), button.size())


def _table(view: QTableView) -> list[Cut]:
    """Headers and the cells of the rows on screen. A column that stretches to the rest of the
    width holds free text (the visitor's comment) that opens in full on a tap: it may elide."""
    model = view.model()
    header = view.horizontalHeader()
    cuts: list[Cut] = []
    # The room Qt's item views leave either side of a cell's text.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    viewport = view.viewport().rect()
    first, last = view.rowAt(viewport.top()), view.rowAt(viewport.bottom() - 1)
    if last < 0:
        last = model.rowCount() - 1
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = view.columnWidth(column)
        found = _cut(
            header,
            title,
            QSize(header.sectionSizeHint(column), 0),
            QSize(width, header.height()),
        )
        if found is not None:
            cuts.append(found)
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        for row in range(max(first, 0), last + 1):
            index = model.index(row, column, QModelIndex())
            text = str(model.data(index) or "")
            font = model.data(index, Qt.ItemDataRole.FontRole)
            fm = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
            lines = text.split("\n")
            needed = QSize(
                max(fm.horizontalAdvance(line) for line in lines) + 2 * margin,
                len(lines) * fm.height(),
            )
            found = _cut(view, text, needed, QSize(width, view.rowHeight(row)))
            if found is not None:
                cuts.append(found)
    return cuts


def cut_texts(root: QWidget) -> list[Cut]:
    """Every text under ``root`` (``root`` included) that is on screen and does not fit."""
    cuts: list[Cut] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        found: Cut | None = None
        if isinstance(widget, QLabel):
            found = _label(widget)
        elif isinstance(widget, TickBox):
            found = _tick_box(widget)
        elif isinstance(widget, QPushButton):
            found = _push_button(widget)
        elif isinstance(widget, QAbstractButton):
            found = _other_button(widget)
        elif isinstance(widget, QTableView):
            cuts.extend(_table(widget))
        if found is not None:
            cuts.append(found)
    return cuts
