"""The day's cards, newest first, with the manager's filters."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.reports import NO_ROLE, CardFilter
from kiosk.ui.manager.cards_model import FACE, FOLLOWUP, LANGUAGE, ROLE, SAID, TIME, CardsModel
from kiosk.ui.manager.faces import face_word
from kiosk.ui.manager.widgets import DayPicker, button, label

# Fixed widths keep the last column, what the visitor said, as wide as the screen allows.
COLUMN_WIDTHS = {TIME: 80, FACE: 170, ROLE: 200, LANGUAGE: 120, FOLLOWUP: 130}
ROW_HEIGHT = 76  # two lines: the chips, then the comment


class CardsPage(QWidget):
    def __init__(
        self, conn: sqlite3.Connection, config: Config, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CardsPage")
        self.config = config
        self.language: str = config.default_language
        self.title = label("PageTitle")
        self.day = DayPicker(today)
        self.face = QComboBox()
        self.face.setObjectName("FilterFace")
        self.role = QComboBox()
        self.role.setObjectName("FilterRole")
        self.has_comment = button("FilterToggle")
        self.has_comment.setCheckable(True)
        self.wants_followup = button("FilterToggle")
        self.wants_followup.setCheckable(True)
        self.count = label("BodyText")

        self.model = CardsModel(conn, config, CardFilter(today))
        self.table = QTableView()
        self.table.setObjectName("CardsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(SAID, QHeaderView.ResizeMode.Stretch)

        filters = QGridLayout()
        filters.addWidget(self.day, 0, 0, 1, 2)
        filters.addWidget(self.face, 1, 0)
        filters.addWidget(self.role, 1, 1)
        filters.addWidget(self.has_comment, 0, 2)
        filters.addWidget(self.wants_followup, 1, 2)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)
        page = QVBoxLayout(self)
        page.addWidget(self.title)
        page.addLayout(filters)
        page.addWidget(self.count)
        page.addWidget(self.table, 1)

        self.retranslate()
        self.day.changed.connect(self.apply_filter)
        self.face.currentIndexChanged.connect(self.apply_filter)
        self.role.currentIndexChanged.connect(self.apply_filter)
        self.has_comment.toggled.connect(self.apply_filter)
        self.wants_followup.toggled.connect(self.apply_filter)

    def current_filter(self) -> CardFilter:
        return CardFilter(
            day=self.day.day,
            rating=self.face.currentData(),
            role=self.role.currentData(),
            has_comment=self.has_comment.isChecked(),
            wants_followup=self.wants_followup.isChecked(),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._show_count()

    def reload(self) -> None:
        self.apply_filter()

    def set_language(self, language: str) -> None:
        self.language = language
        self.model.set_language(language)
        self.retranslate()

    def _show_count(self) -> None:
        self.count.setText(self.tr("Cards shown: {count}").format(count=self.model.total))

    def retranslate(self) -> None:
        self.title.setText(self.tr("The day's cards"))
        self.has_comment.setText(self.tr("Has a comment"))
        self.wants_followup.setText(self.tr("Wants follow-up"))
        self._fill(self.face, self.tr("All faces"), [(r, face_word(r)) for r in range(5, 0, -1)])
        roles: list[tuple[str, str]] = [(c.id, c.label(self.language)) for c in self.config.roles]
        roles.append((NO_ROLE, self.tr("Did not say")))
        self._fill(self.role, self.tr("All visitors"), roles)
        self._show_count()

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: Sequence[tuple[object, str]]) -> None:
        """Relabel a filter's choices without changing which one is picked."""
        picked = combo.currentIndex()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, picked))
        combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
