"""The day's cards, newest first, with the manager's filters; when none are shown, why, and a
way back to every card of the day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.config import LANGUAGE_NAMES, Config
from kiosk.store.cards import CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.reports import NO_ROLE, CardFilter
from kiosk.ui.faces import face_word
from kiosk.ui.manager.cards_model import (
    DETAILS,
    FACE,
    FOLLOWUP,
    HIDDEN_WHEN_COMPACT,
    TIME,
    VISITOR,
    CardsModel,
)
from kiosk.ui.manager.widgets import DayPicker, button, clock_time, label, touch_scroll
from kiosk.ui.store_problem import problem_text

# The first columns are as wide as their widest text and header in the shown language, at the
# screen's type size; the last, what the visitor said, takes the rest of the width. Narrow, the
# time column also holds the face word ("Excelente") under the time.
FITTED_COLUMNS = (TIME, FACE, VISITOR, FOLLOWUP)
ROW_HEIGHT = 76  # at least; two lines of text (see cards_model) and some air


class NoFocusBox(QStyledItemDelegate):
    """Cells drawn without the dotted focus box: a tapped row is shown by its fill alone."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus


class CardsPage(QWidget):
    def __init__(
        self, store: CardStore, config: Config, today: date, parent: QWidget | None = None
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
        self.detail = label("CardDetail")  # a tapped card in full: touch screens have no tooltips
        self.detail.hide()
        self.problem = label("ErrorText")
        self.problem.hide()

        self.model = CardsModel(store, config, CardFilter(today))
        self.table = QTableView()
        self.table.setObjectName("CardsTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(NoFocusBox(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        touch_scroll(self.table)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DETAILS, QHeaderView.ResizeMode.Stretch)

        for combo in (self.face, self.role):
            # A list view: the stylesheet's 64 px rows apply to its popup (Qt's own combo
            # delegate ignores them).
            combo.setView(QListView())
            # Long role names must not set the page's minimum width (800 px portrait screens).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.filters = QGridLayout()
        self.narrow = False
        self._place_filters()
        page = QVBoxLayout(self)
        # The count beside the title, not on a row of its own: the table keeps a row more.
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        self.count.setWordWrap(False)
        page.addLayout(heading)
        page.addLayout(self.filters)
        page.addWidget(self.problem)
        self.empty = QFrame()
        self.empty.setObjectName("CardsEmpty")
        self.empty_title = label("EmptyTitle")
        self.empty_hint = label("BodyText")
        self.clear_filters = button("PrimaryButton")
        empty = QVBoxLayout(self.empty)
        empty.setContentsMargins(24, 24, 24, 24)
        empty.addWidget(self.empty_title)
        empty.addWidget(self.empty_hint)
        clear_row = QHBoxLayout()
        clear_row.addWidget(self.clear_filters)
        clear_row.addStretch(1)
        empty.addLayout(clear_row)
        empty.addStretch(1)
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty)
        page.addWidget(self.results, 1)
        page.addWidget(self.detail)
        self.clear_filters.clicked.connect(self.clear)

        self.retranslate()
        self.table.clicked.connect(self._show_detail)
        self.model.failed.connect(self._show_problem)
        self.day.changed.connect(self.apply_filter)
        self.face.currentIndexChanged.connect(self.apply_filter)
        self.role.currentIndexChanged.connect(self.apply_filter)
        self.has_comment.toggled.connect(self.apply_filter)
        self.wants_followup.toggled.connect(self.apply_filter)

    def set_narrow(self, narrow: bool) -> None:
        """Narrow: three rows of filters, three columns. Wide: two rows, five columns."""
        if narrow != self.narrow:
            self.narrow = narrow
            self._place_filters()
            self._fit_columns()

    def _fit_columns(self) -> None:
        self.model.set_compact(self.narrow)
        for column in HIDDEN_WHEN_COMPACT:
            self.table.setColumnHidden(column, self.narrow)
        if not self.isVisible():
            return  # measured when shown: only then is the table styled as it is shown
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        # What Qt's item views leave either side of a cell's text, and a little air.
        style = self.table.style()
        margin = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        )
        margin += fm.averageCharWidth()
        faces = [face_word(r) for r in range(1, 6)]
        roles = [c.label(self.language) for c in self.config.roles]
        # The widest of the locale's times: "10:58 PM", "22:58" or "12:08 a.m.".
        times = [clock_time(datetime(2000, 1, 1, h, m)) for h in (0, 10, 12, 22) for m in (8, 58)]
        texts = {
            TIME: [*times, *(faces if self.narrow else [])],
            FACE: faces,
            VISITOR: ["–", *roles, *LANGUAGE_NAMES.values()],
            FOLLOWUP: [
                QCoreApplication.translate("CardsModel", "Answered"),
                QCoreApplication.translate("CardsModel", "Waiting"),
            ],
        }
        for column in FITTED_COLUMNS:
            if self.table.isColumnHidden(column):
                continue
            cells = max(fm.horizontalAdvance(text) for text in texts[column]) + margin
            header.resizeSection(column, max(cells, header.sectionSizeHint(column)))
        self.table.verticalHeader().setDefaultSectionSize(max(ROW_HEIGHT, 2 * fm.height() + 16))

    def _place_filters(self) -> None:
        toggles_at = ((2, 0), (2, 1)) if self.narrow else ((0, 2), (1, 2))
        for widget in (self.day, self.face, self.role, self.has_comment, self.wants_followup):
            self.filters.removeWidget(widget)
        self.filters.addWidget(self.day, 0, 0, 1, 2)
        self.filters.addWidget(self.face, 1, 0)
        self.filters.addWidget(self.role, 1, 1)
        self.filters.addWidget(self.has_comment, *toggles_at[0])
        self.filters.addWidget(self.wants_followup, *toggles_at[1])
        self.filters.setColumnStretch(0, 1)
        self.filters.setColumnStretch(1, 1)

    def current_filter(self) -> CardFilter:
        return CardFilter(
            day=self.day.day,
            rating=self.face.currentData(),
            role=self.role.currentData(),
            has_comment=self.has_comment.isChecked(),
            wants_followup=self.wants_followup.isChecked(),
        )

    def apply_filter(self) -> None:
        self.detail.hide()
        try:
            self.model.set_filter(self.current_filter())
        except StoreEnvironmentError as exc:
            self._show_problem(exc)
        else:
            self.problem.hide()
        self._show_count()

    def _show_problem(self, exc: StoreEnvironmentError) -> None:
        text = self.tr("Error: the cards cannot be shown. {problem}")
        self.problem.setText(text.format(problem=problem_text(exc.problem)))
        self.problem.show()

    def _show_detail(self, index: QModelIndex) -> None:
        self.detail.setText(self.model.card_text(index.row()))
        self.detail.show()

    def reload(self) -> None:
        self.apply_filter()

    def set_language(self, language: str) -> None:
        self.language = language
        self.model.set_language(language)
        self.retranslate()

    def filtering(self) -> bool:
        """A filter other than the day is on."""
        f = self.current_filter()
        return f.rating is not None or f.role is not None or f.has_comment or f.wants_followup

    def clear(self) -> None:
        """Every card of the day: the filters back to all, in one reload."""
        for widget in (self.face, self.role, self.has_comment, self.wants_followup):
            widget.blockSignals(True)
        self.face.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.has_comment.setChecked(False)
        self.wants_followup.setChecked(False)
        for widget in (self.face, self.role, self.has_comment, self.wants_followup):
            widget.blockSignals(False)
        self.apply_filter()

    def _show_count(self) -> None:
        self.count.setText(self.tr("Cards shown: {count}").format(count=self.model.total))
        nothing = self.model.total == 0 and not self.problem.isVisibleTo(self)
        self.results.setCurrentWidget(self.empty if nothing else self.table)
        filtering = self.filtering()
        if filtering:
            self.empty_title.setText(self.tr("No cards match these filters"))
            self.empty_hint.setText(
                self.tr("Choose another face or visitor, or clear the filters to see every card.")
            )
        else:
            self.empty_title.setText(self.tr("No cards on this day"))
            self.empty_hint.setText(
                self.tr("Cards appear here as visitors leave them. The arrows change the day.")
            )
        self.clear_filters.setVisible(filtering)
        self.clear_filters.setText(self.tr("Clear filters"))

    def retranslate(self) -> None:
        self.title.setText(self.tr("The day's cards"))
        self.has_comment.setText(self.tr("Has a comment"))
        self.wants_followup.setText(self.tr("Wants follow-up"))
        self._fill(self.face, self.tr("All faces"), [(r, face_word(r)) for r in range(5, 0, -1)])
        roles: list[tuple[str, str]] = [(c.id, c.label(self.language)) for c in self.config.roles]
        roles.append((NO_ROLE, self.tr("Did not say")))
        self._fill(self.role, self.tr("All visitors"), roles)
        self._show_count()
        self._fit_columns()

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

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_columns()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
