"""The card filters and table in the kiosk's style, on the real widgets with its stylesheet:
finger-sized combo arrows and popup rows, no cell focus box, and an empty result that says why
and offers to clear the filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_area import open_area
from manager_fixtures import cards_on, seeded_store
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from kiosk.store.cards import CardStore
from kiosk.ui.manager import ManagerArea
from kiosk.ui.theme import apply_theme


@pytest.fixture
def area(
    qapp: QApplication, qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> Iterator[ManagerArea]:
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp, 1280, 800)
    try:
        widget = open_area(qtbot, seeded_store(data_dir, clock), clock, tmp_path)
        widget.show_screen("cards")
        yield widget
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)


# A popup is its own window: the offscreen platform of the tests can neither raise it nor
# give it the keyboard (said as warnings; a real screen does both).
@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise\(\)|grabbing the keyboard)$")
def test_combo_boxes_have_a_large_arrow_and_popup_rows(qtbot: QtBot, area: ManagerArea) -> None:
    for combo in (area.cards.face, area.cards.role):
        assert combo.height() >= 64
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        arrow = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, combo
        )
        assert arrow.width() >= 48 and arrow.height() >= 48
        combo.showPopup()
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        for row in range(combo.count()):
            assert view.visualRect(combo.model().index(row, 0)).height() >= 64
        combo.hidePopup()


def test_the_table_has_large_rows_and_no_focus_box(area: ManagerArea) -> None:
    table = area.cards.table
    assert table.verticalHeader().defaultSectionSize() >= 64
    table.setFocus()
    index = area.cards.model.index(0, 1)
    table.setCurrentIndex(index)
    option = QStyleOptionViewItem()
    option.state |= QStyle.StateFlag.State_HasFocus
    table.itemDelegate().initStyleOption(option, index)  # type: ignore[attr-defined]
    assert not option.state & QStyle.StateFlag.State_HasFocus


def test_an_empty_result_says_why_and_clears_the_filters(
    qtbot: QtBot, area: ManagerArea, store_cards: int
) -> None:
    page = area.cards
    assert page.results.currentWidget() is page.table
    qtbot.mouseClick(page.has_comment, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.wants_followup, Qt.MouseButton.LeftButton)
    page.face.setCurrentIndex(page.face.findData(1))
    page.role.setCurrentIndex(page.role.findData("staff"))
    assert page.model.total == 0
    assert page.results.currentWidget() is page.empty
    assert page.empty_title.text() == "No cards match these filters"
    assert page.clear_filters.isVisible() and page.clear_filters.text() == "Clear filters"

    qtbot.mouseClick(page.clear_filters, Qt.MouseButton.LeftButton)
    assert page.results.currentWidget() is page.table
    assert page.model.total == store_cards
    assert page.face.currentIndex() == 0 and not page.has_comment.isChecked()


@pytest.fixture
def store_cards(area: ManagerArea, clock: FakeClock) -> int:
    """Today's cards in the seeded store, counted in plain Python."""
    store = area.store
    assert isinstance(store, CardStore)
    return len(cards_on(store, clock().date()))


def test_a_day_without_cards_says_so_without_a_filter_to_clear(
    qtbot: QtBot, qapp: QApplication, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    empty_store = CardStore.in_dir(data_dir, clock)
    area = open_area(qtbot, empty_store, clock, tmp_path)
    area.show_screen("cards")
    page = area.cards
    assert page.results.currentWidget() is page.empty
    assert page.empty_title.text() == "No cards on this day"
    assert not page.clear_filters.isVisibleTo(page)
