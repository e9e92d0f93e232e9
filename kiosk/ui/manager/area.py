"""The manager area: one widget the kiosk window shows after the PIN, with its own navigation.

It reads the store through ``kiosk.store.reports`` and writes only the manager's own records
(follow-up answers, settings). Everything the rest of the app must act on leaves as a signal.
When the machine stops the store (disk full, read-only, damaged), the page the manager is on
says so in words and the area stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import __version__
from kiosk.core.card import Clock
from kiosk.core.config import Config
from kiosk.core.export_places import PlaceFinder, eject
from kiosk.store import reports
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.manager_settings import EffectiveSettings, ManagerSettings
from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.manager.cards_page import CardsPage
from kiosk.ui.manager.export_sheet import Eject, ExportSheet, FindPlaces
from kiosk.ui.manager.followups_page import FollowUpsPage
from kiosk.ui.manager.print_sheet import PrintSheet, installed_printers, printer_named
from kiosk.ui.manager.reports_page import PrinterFor, ReportsPage
from kiosk.ui.manager.settings_page import SettingsPage
from kiosk.ui.manager.summary_page import SummaryPage
from kiosk.ui.manager.sync_page import SyncPage
from kiosk.ui.manager.widgets import button, label, touch_scroll
from kiosk.ui.store_problem import problem_text
from kiosk.ui.theme import load_fonts

SCREENS = ("today", "cards", "followups", "reports", "sync", "settings")
CARDS, FOLLOWUPS = SCREENS.index("cards"), SCREENS.index("followups")
NAV_WIDTH = 250  # the side rail's least width; wider where its labels need it
# Below this width (e.g. 800x1280 portrait) the navigation moves from the side to two rows above
# the page, so the pages keep the screen's whole width, and the card filters take three rows.
NARROW_WIDTH = 1100
NAV_COLUMNS_NARROW = 3
LAYOUT_ROUNDS = 5
VIEW_GAP = 12  # px kept between a field brought into view and the edge of what shows
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size, which PySide6 does not export


class ManagerArea(QWidget):
    closed = Signal()  # the manager is done: back to the welcome screen
    exit_requested = Signal()  # quit the kiosk app (IT maintenance)
    sync_now_requested = Signal()
    settings_changed = Signal(object)  # kiosk.store.manager_settings.EffectiveSettings

    def __init__(
        self,
        store: CardStore,
        config: Config,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        find_places: FindPlaces | None = None,
        list_printers: Callable[[], list[str]] = installed_printers,
        printer_for: PrinterFor = printer_named,
        eject_stick: Eject = eject,
    ) -> None:
        """The places, printers and eject are the machine's; tests give their own folders."""
        super().__init__(parent)
        self.setObjectName("ManagerArea")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        load_fonts()
        self.store = store
        self.config = config
        self.clock = clock
        today = clock().date()

        self.title = label("AreaTitle")
        self.school = label("SchoolName")
        self.school.setText(config.school_name)
        self.close_button = button("PrimaryButton")
        self.problem = label("ErrorText")
        self.problem.hide()
        top = QWidget()
        top.setObjectName("TopBar")
        top.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        top_row = QHBoxLayout(top)
        top_row.setContentsMargins(24, 8, 16, 8)
        top_row.addWidget(self.title)
        top_row.addWidget(self.school, 1)
        self.version = label("FieldLabel")
        top_row.addWidget(self.version)
        top_row.addSpacing(16)
        top_row.addWidget(self.close_button)

        self.summary = SummaryPage(config)
        touch_scroll(self.summary)  # a scroll area of its own
        self.cards = CardsPage(store, config, today)
        self.followups = FollowUpsPage(config, clock)
        self.export_sheet = ExportSheet(self, find_places or PlaceFinder().places, eject_stick)
        self.print_sheet = PrintSheet(self, list_printers)
        self.reports = ReportsPage(
            store.path, config, today, self.export_sheet, self.print_sheet, printer_for
        )
        self.sync = SyncPage(configured=config.sync.endpoint is not None)
        self.settings = SettingsPage(ManagerSettings(store), config)
        self.pages = QStackedWidget()
        self.waiting = 0
        # Pages whose data is older than the last refresh; each reloads when it is next shown,
        # so opening the area costs only today's summary.
        self.stale: set[int] = set()
        self.nav = QButtonGroup(self)
        self.rail = QWidget()
        self.rail.setObjectName("NavRail")
        self.rail.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.rail_grid = QGridLayout(self.rail)
        for i, page in enumerate(
            (self.summary, self.cards, self.followups, self.reports, self.sync, self.settings)
        ):
            self.pages.addWidget(page)
            nav = button("NavButton")
            nav.setCheckable(True)
            nav.setProperty("screen", SCREENS[i])
            self.nav.addButton(nav, i)
        self.nav.button(0).setChecked(True)

        content = QVBoxLayout()
        content.setContentsMargins(24, 16, 24, 16)
        content.addWidget(self.problem)
        # The pages scroll, so the built-in keyboard below can take their room on a small screen.
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("PageScroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidget(self.pages)
        touch_scroll(self.page_scroll)
        content.addWidget(self.page_scroll, 1)
        # A touch-only kiosk has no keyboard: the built-in one appears under the page while a
        # text field of the manager area has the focus (follow-up notes, settings). The page
        # above it scrolls the field into view. The area's buttons take no focus from a tap
        # (manager.widgets.button), so tapping Save leaves the keyboard, and every button, in
        # place until the tap is done; Hide, another page or a control that is not for typing
        # puts the keyboard away.
        self.keyboard = OnScreenKeyboard(hide_key=True)
        self.keyboard.hide()
        self.keyboard.hide_requested.connect(self.hide_keyboard)
        content.addWidget(self.keyboard)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(self.rail)
        self.body.addLayout(content, 1)
        self.narrow: bool | None = None
        self.set_narrow(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addLayout(self.body, 1)

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.nav.idClicked.connect(self._go_to)
        self.close_button.clicked.connect(self.closed)
        self.followups.resolve_requested.connect(self.resolve_followup)
        self.sync.sync_now_requested.connect(self.sync_now_requested)
        self.settings.saved.connect(self._settings_saved)
        self.settings.exit_requested.connect(self.exit_requested)
        try:
            self.sync.set_status(store.sync_status(config.kiosk_id))
        except StoreEnvironmentError as exc:
            self._show_problem(exc)
        self.retranslate()

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and self.isAncestorOf(new):
            self.keyboard.set_target(new)
            self.keyboard.show()
            self.bring_into_view(new)
        elif new is not None and not self.keyboard.isAncestorOf(new):
            self.keyboard.hide()

    def bring_into_view(self, field: QWidget) -> None:
        """Scroll the page, and any list inside it that scrolls too (the follow-ups), until the
        field and the row under it (its Save button) show between the top of the page and the
        keyboard."""
        # Laid out now, with the keyboard's room taken: the area, the page's scroll, the page,
        # the list's scroll, the list, each a round.
        for _ in range(LAYOUT_ROUNDS):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        areas: list[QScrollArea] = []  # outermost first
        widget = field.parentWidget()
        while widget is not None and widget is not self:
            if isinstance(widget, QScrollArea):
                areas.insert(0, widget)
            widget = widget.parentWidget()
        for area in reversed(areas):
            area.ensureWidgetVisible(field, 0, 0)  # first in each list's own view
        for _ in range(len(areas) + 1):
            # What shows of the page: every scrolling view's window on it, at once.
            band = QRect(QPoint(0, 0), self.size())
            for area in areas:
                viewport = area.viewport()
                band = band.intersected(QRect(viewport.mapTo(self, QPoint(0, 0)), viewport.size()))
            top, bottom = band.top() + VIEW_GAP, band.bottom() - VIEW_GAP
            field_top = field.mapTo(self, QPoint(0, 0)).y()
            wanted_bottom = field_top + 2 * field.height() + VIEW_GAP  # the row under it too
            parent = field.parentWidget()
            for b in parent.findChildren(QPushButton) if parent is not None else []:
                # ... and the buttons that go with it, as Save under "Answered by".
                b_top = b.mapTo(self, QPoint(0, 0)).y()
                if b.isVisible() and field_top < b_top <= field_top + 3 * field.height():
                    wanted_bottom = max(wanted_bottom, b_top + b.height() + VIEW_GAP)
            if wanted_bottom > bottom:
                delta = min(wanted_bottom - bottom, field_top - top)
            elif field_top < top:
                delta = field_top - top
            else:
                return
            if delta == 0:
                return
            for area in areas:  # the page first, so what is above the field moves with it
                bar = area.verticalScrollBar()
                value = max(bar.minimum(), min(bar.maximum(), bar.value() + delta))
                delta -= value - bar.value()
                bar.setValue(value)

    @Slot()
    def hide_keyboard(self) -> None:
        self.keyboard.hide()
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and self.isAncestorOf(focused):
            focused.clearFocus()  # the next tap on a field opens the keyboard again

    def show_screen(self, name: str) -> None:
        index = SCREENS.index(name)
        self.nav.button(index).setChecked(True)
        self._go_to(index)

    def _go_to(self, index: int) -> None:
        if self.pages.currentIndex() != index:
            self.hide_keyboard()  # the field typed into stays on the page left
        self.pages.setCurrentIndex(index)
        if index not in self.stale:
            return
        try:
            if index == CARDS:
                self.cards.reload()
            elif index == FOLLOWUPS:
                self.followups.show_followups(
                    self.store.read(reports.open_followups),
                    self.store.read(reports.answered_followups),
                )
        except StoreEnvironmentError as exc:
            self._show_problem(exc)
            return
        self.stale.discard(index)

    def hideEvent(self, event: QHideEvent) -> None:
        # The next visit starts with the pages, not with a sheet left open by the last one.
        for sheet in (self.export_sheet, self.print_sheet):
            sheet.close_sheet()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Each visit shows the store as it is now: the kiosk keeps taking cards in between.
        self.refresh()
        super().showEvent(event)

    @Slot()
    def refresh(self) -> None:
        today = self.clock().date()
        try:
            self.waiting = self.store.read(reports.count_open_followups)
            self.summary.reload(self.store, today, self.waiting)
        except StoreEnvironmentError as exc:
            self._show_problem(exc)
            return
        self.problem.hide()
        for picker in (self.cards.day, self.reports.first, self.reports.last):
            picker.today = today
        self.stale = {CARDS, FOLLOWUPS}
        self._go_to(self.pages.currentIndex())
        self.retranslate()

    @Slot(str, str, str)
    def resolve_followup(self, card_id: str, note: str, answered_by: str) -> None:
        try:
            self.store.resolve_followup(card_id, note or None, answered_by)
        except StoreEnvironmentError as exc:
            text = self.tr("Error: the answer was not saved. {problem}")
            self.followups.refused(card_id, text.format(problem=problem_text(exc.problem)))
            return
        self.refresh()

    def _settings_saved(self, effective: EffectiveSettings) -> None:
        # A shorter retention applies at once, not at the next purge (every six hours).
        try:
            self.store.purge_contacts(effective.contact_retention_days)
        except StoreEnvironmentError as exc:
            text = self.tr("Error: old contact details could not be removed. {problem}")
            self.settings.show_error(text.format(problem=problem_text(exc.problem)))
        self.settings_changed.emit(effective)

    @Slot(object)
    def set_sync_status(self, status: SyncStatus) -> None:
        self.sync.set_status(status)

    def set_unsaved_visits(self, count: int) -> None:
        self.sync.set_unsaved(count)

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Chip and role labels follow the visitor-facing language the lead switches to."""
        for page in (self.summary, self.cards, self.followups):
            page.set_language(language)

    def _show_problem(self, exc: StoreEnvironmentError) -> None:
        self.problem.setText(self.tr("Error: {reason}").format(reason=problem_text(exc.problem)))
        self.problem.show()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Manager area"))
        self.version.setText(self.tr("Version {version}").format(version=__version__))
        self.close_button.setText(self.tr("Back to the kiosk"))
        names = (
            self.tr("Today"),
            self.tr("Cards"),
            self.tr("Follow-ups ({count})").format(count=self.waiting),
            self.tr("Reports"),
            self.tr("Sync"),
            self.tr("Settings"),
        )
        for i, name in enumerate(names):
            self.nav.button(i).setText(name)
        self._fit_rail()

    def _fit_rail(self) -> None:
        """The side rail as wide as its widest label, set bold as the checked one is: its font
        grows with the screen, and the follow-up count and the language change the labels."""
        if self.narrow or self.rail.parent() is None:
            return  # narrow, the buttons share the width; unparented, not styled as they will be
        widest = 0
        for nav in self.nav.buttons():
            nav.ensurePolished()
            bold = QFont(nav.font())
            bold.setBold(True)
            extra = QFontMetrics(bold).horizontalAdvance(nav.text())
            extra -= nav.fontMetrics().horizontalAdvance(nav.text())
            widest = max(widest, nav.sizeHint().width() + max(0, extra))
        margins = self.rail_grid.contentsMargins()
        # The focus edge takes its room from the padding: a few pixels over the hint, for rounding.
        self.rail.setFixedWidth(max(NAV_WIDTH, widest + margins.left() + margins.right() + 4))

    def set_narrow(self, narrow: bool) -> None:
        """Navigation: a rail at the side on a wide screen, two rows on top on a narrow one."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        grid = self.rail_grid
        buttons = [self.nav.button(i) for i in range(len(SCREENS))]
        for nav in buttons:
            grid.removeWidget(nav)
        if narrow:
            self.body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.rail.setMinimumWidth(0)
            self.rail.setMaximumWidth(QWIDGETSIZE_MAX)
            grid.setContentsMargins(12, 8, 12, 8)
            grid.setRowStretch(len(buttons), 0)
            for i, nav in enumerate(buttons):
                grid.addWidget(nav, *divmod(i, NAV_COLUMNS_NARROW))
            for column in range(NAV_COLUMNS_NARROW):
                grid.setColumnStretch(column, 1)
        else:
            self.body.setDirection(QBoxLayout.Direction.LeftToRight)
            grid.setContentsMargins(12, 16, 12, 16)
            self._fit_rail()
            for i, nav in enumerate(buttons):
                grid.addWidget(nav, i, 0)
            grid.setRowStretch(len(buttons), 1)
        # Narrow, the kiosk's own header above already names the school: its room goes to the
        # title and "Back to the kiosk".
        self.school.setVisible(not narrow)
        self.rail.setProperty("narrow", narrow)
        self.rail.style().unpolish(self.rail)
        self.rail.style().polish(self.rail)
        self.cards.set_narrow(narrow)
        self.keyboard.set_compact(narrow)  # ten keys a row fit a portrait screen

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.set_narrow(event.size().width() < NARROW_WIDTH)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
