"""The day's cards as a lazily filled table model.

Rows arrive a page at a time through Qt's canFetchMore/fetchMore as the view scrolls, each page
read with a keyset query, so the list opens at once and scrolls smoothly however many cards the
database holds.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk.core.config import LANGUAGE_NAMES, Config
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.reports import CardFilter, CardRow
from kiosk.ui.faces import face_colour, face_word
from kiosk.ui.manager.widgets import clock_time

PAGE = 200
_HEADERS: tuple[str, ...] = tuple(
    str(header)
    for header in (
        QT_TRANSLATE_NOOP("CardsModel", "Time"),
        QT_TRANSLATE_NOOP("CardsModel", "Face"),
        QT_TRANSLATE_NOOP("CardsModel", "Visitor"),
        QT_TRANSLATE_NOOP("CardsModel", "Follow-up"),
        QT_TRANSLATE_NOOP("CardsModel", "Details"),
    )
)
# Two lines per row: the visitor's role over their language; the chips over the comment.
# Compact (narrow screens), the view hides FACE and FOLLOWUP: the face goes under the time and a
# follow-up leads the chips, so every row still tells all of it without scrolling sideways.
TIME, FACE, VISITOR, FOLLOWUP, DETAILS = range(len(_HEADERS))
HIDDEN_WHEN_COMPACT = (FACE, FOLLOWUP)

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardsModel", text)


class CardsModel(QAbstractTableModel):
    """Empty until the first ``set_filter``, which reads the store and may raise
    StoreEnvironmentError (the model is then empty); a page fetched later, as the view scrolls,
    reports one through ``failed`` instead, since Qt asked for it."""

    failed = Signal(object)  # StoreEnvironmentError

    def __init__(self, store: CardStore, config: Config, card_filter: CardFilter) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.language: str = config.default_language
        self.compact = False
        self.filter = card_filter
        self.rows: list[CardRow] = []
        self.total = 0
        self._exhausted = True

    def set_filter(self, card_filter: CardFilter) -> None:
        self.beginResetModel()
        self.filter = card_filter
        self.rows = []
        self.total = 0
        self._exhausted = True
        try:
            self.total = self.store.read(reports.count_cards, card_filter)
            self.rows = self._next_page()
        finally:
            self.endResetModel()

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self.retranslate()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(_HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _next_page(self) -> list[CardRow]:
        after = self.rows[-1].sort_key if self.rows else None
        page = self.store.read(reports.card_page, self.filter, after, PAGE)
        self._exhausted = len(page) < PAGE
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        try:
            page = self._next_page()
        except StoreEnvironmentError as exc:
            self._exhausted = True  # no retry on every scroll; the next reload tries again
            self.failed.emit(exc)
            return
        if page:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
            # Qt renders a tooltip that looks like markup as rich text: escape the visitor's.
            text = html.escape(self._text(row, DETAILS)).replace("\n", "<br>")
            return f"<p style='white-space:pre-wrap'>{text}</p>"
        if role == Qt.ItemDataRole.ForegroundRole and column == (TIME if self.compact else FACE):
            return face_colour(row.rating)
        return None

    def card_text(self, row_number: int) -> str:
        """One card in full, whatever the columns show: for the panel under the table."""
        row = self.rows[row_number]
        visitor = self._text(row, VISITOR).replace("\n", " · ")
        first = [clock_time(row.created_at), face_word(row.rating), visitor]
        if row.followup_requested:
            first.append(self._followup_text(row))
        details = self._details(row, with_followup=False)
        return "\n".join(x for x in ("  ·  ".join(first), details) if x)

    def _text(self, row: CardRow, column: int) -> str:
        if column == TIME:
            time = clock_time(row.created_at)
            return f"{time}\n{face_word(row.rating)}" if self.compact else time
        if column == FACE:
            return face_word(row.rating)
        if column == VISITOR:
            role = (
                "–"
                if row.role is None
                else self.config.choice_label("roles", row.role, self.language)
            )
            return f"{role}\n{LANGUAGE_NAMES.get(row.language, row.language)}"
        if column == DETAILS:
            return self._details(row, with_followup=self.compact)
        if not row.followup_requested:
            return ""
        if row.followup_answered:
            return QCoreApplication.translate("CardsModel", "Answered")
        return QCoreApplication.translate("CardsModel", "Waiting")

    def _details(self, row: CardRow, *, with_followup: bool) -> str:
        good = [self.config.choice_label("went_well", c, self.language) for c in row.went_well]
        bad = [
            self.config.choice_label("could_improve", c, self.language) for c in row.could_improve
        ]
        chips = [*(f"+ {g}" for g in good), *(f"− {b}" for b in bad)]
        if with_followup and row.followup_requested:
            chips.insert(0, self._followup_text(row))
        comment = f"“{row.comment.replace(chr(10), ' ')}”" if row.comment else ""
        return "\n".join(x for x in (" · ".join(chips), comment) if x)

    @staticmethod
    def _followup_text(row: CardRow) -> str:
        if row.followup_answered:
            return QCoreApplication.translate("CardsModel", "Follow-up: answered")
        return QCoreApplication.translate("CardsModel", "Follow-up: waiting")
