"""The manager area by finger, on the real widgets with the kiosk's stylesheet: the built-in
keyboard never hides the field or moves a button under a finger, every scrolling page flicks,
scroll bars are as wide as a finger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_area import open_area
from manager_fixtures import seeded_store
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.store.cards import CardStore
from kiosk.ui.keyboard import DIGITS
from kiosk.ui.manager import ManagerArea
from kiosk.ui.theme import apply_theme


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> CardStore:
    return seeded_store(data_dir, clock)


@pytest.fixture(params=[(1280, 800), (800, 1280)], ids=["landscape", "portrait"])
def area(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    qtbot: QtBot,
    store: CardStore,
    clock: FakeClock,
    tmp_path: Path,
) -> Iterator[ManagerArea]:
    size: tuple[int, int] = request.param
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp, *size)
    try:
        widget = open_area(qtbot, store, clock, tmp_path)
        widget.resize(*size)
        settle()
        yield widget
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)


def settle() -> None:
    """What the event loop does before the next frame: lay everything out."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()


def finger_tap(qtbot: QtBot, area: ManagerArea, target: QWidget) -> None:
    """A finger's tap: down on the target, a frame passes (layouts run), up where the finger
    still is. A tap on a button that moved away meanwhile does nothing, as on the screen."""
    where = target.mapTo(area, target.rect().center())
    qtbot.mousePress(target, Qt.MouseButton.LeftButton)
    settle()
    under = area.childAt(where)
    assert under is not None
    qtbot.mouseRelease(under, Qt.MouseButton.LeftButton, pos=under.mapFrom(area, where))


def above_the_keyboard(area: ManagerArea, field: QWidget) -> bool:
    top_of_keyboard = area.keyboard.mapTo(area, QPoint(0, 0)).y()
    field_bottom = field.mapTo(area, QPoint(0, field.height())).y()
    viewport = area.page_scroll.viewport()
    page_top = viewport.mapTo(area, QPoint(0, 0)).y()
    return page_top <= field.mapTo(area, QPoint(0, 0)).y() and field_bottom <= top_of_keyboard


def test_save_on_the_follow_up_page_saves_at_the_first_tap_while_typing(
    qtbot: QtBot, area: ManagerArea, store: CardStore
) -> None:
    area.show_screen("followups")
    (view,) = area.followups.findChildren(QScrollArea)
    item = area.followups.items[1]
    view.ensureWidgetVisible(item.answer, 0, 0)  # its button at the very bottom of the page
    settle()
    card_id = item.followup.id
    finger_tap(qtbot, area, item.answer)
    assert area.keyboard.isVisible()
    finger_tap(qtbot, area, item.who)
    assert QApplication.focusWidget() is item.who
    assert above_the_keyboard(area, item.who)
    assert above_the_keyboard(area, item.save)  # and the button under it, ready for the tap
    for key in "ana":
        finger_tap(qtbot, area, area.keyboard.keys[key])
    assert item.who.text() == "ana"

    finger_tap(qtbot, area, item.save)  # one tap: saved, not only the keyboard closed
    assert store.db.conn.execute(
        "SELECT followup_answered_by FROM cards WHERE id = ?", [card_id]
    ).fetchone() == ("ana",)


def test_the_keyboard_never_covers_the_field_typed_into(qtbot: QtBot, area: ManagerArea) -> None:
    area.show_screen("settings")
    page = area.settings
    for field in (page.pin, page.idle, page.retention):  # the last sits lowest on the page
        finger_tap(qtbot, area, field)
        assert area.keyboard.isVisible()
        assert area.keyboard.target is field
        assert above_the_keyboard(area, field), field.objectName()
    assert area.keyboard.layout_kind == DIGITS  # every setting here is a number


def test_hide_and_another_page_put_the_keyboard_away(qtbot: QtBot, area: ManagerArea) -> None:
    area.show_screen("settings")
    finger_tap(qtbot, area, area.settings.idle)
    finger_tap(qtbot, area, area.keyboard.keys["hide"])
    assert not area.keyboard.isVisible()
    assert not isinstance(QApplication.focusWidget(), QLineEdit)
    finger_tap(qtbot, area, area.settings.idle)  # a tap on the field brings it back
    assert area.keyboard.isVisible()
    finger_tap(qtbot, area, area.nav.button(0))
    assert not area.keyboard.isVisible()


def test_tapping_a_button_keeps_the_keyboard_and_the_layout_still(
    qtbot: QtBot, area: ManagerArea
) -> None:
    area.show_screen("settings")
    finger_tap(qtbot, area, area.settings.retention)
    assert area.keyboard.isVisible()
    button = area.settings.languages.buttons()[-1]
    before = button.mapTo(area, QPoint(0, 0))
    finger_tap(qtbot, area, button)
    assert button.isChecked()
    assert area.keyboard.isVisible()  # still typing: the field keeps the focus
    assert button.mapTo(area, QPoint(0, 0)) == before


def scrolling_views(area: ManagerArea) -> list[QAbstractScrollArea]:
    return [
        area.page_scroll,
        area.summary,
        area.cards.table,
        area.followups.findChildren(QAbstractScrollArea)[0],
        area.print_sheet.printers,
    ]


def test_every_scrolling_page_flicks_by_finger_and_mouse(area: ManagerArea) -> None:
    for view in scrolling_views(area):
        assert QScroller.hasScroller(view.viewport()), type(view).__name__
        assert QScroller.grabbedGesture(view.viewport()) != Qt.GestureType(0)


def test_dragging_the_follow_ups_scrolls_them(qtbot: QtBot, area: ManagerArea) -> None:
    """A finger drags the list up by 300 px over a third of a second (the scroller's own
    input, with its timestamps given)."""
    area.show_screen("followups")
    settle()
    (view,) = area.followups.findChildren(QAbstractScrollArea)
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0, "the seeded queue should be longer than the screen"
    scroller = QScroller.scroller(view.viewport())
    start = QPointF(view.viewport().width() / 2, view.viewport().height() - 40)
    scroller.handleInput(QScroller.Input.InputPress, start, 0)
    for step in range(1, 21):
        scroller.handleInput(QScroller.Input.InputMove, start - QPointF(0, step * 15), step * 16)
    scroller.handleInput(QScroller.Input.InputRelease, start - QPointF(0, 300), 21 * 16)
    # The scroller moves the list at each frame of its animation: wait for those frames.
    qtbot.waitUntil(lambda: bar.value() >= 200)  # the list followed the finger (and flew on)


def test_scroll_bars_are_as_wide_as_a_finger(area: ManagerArea) -> None:
    area.show_screen("followups")
    settle()
    (view,) = area.followups.findChildren(QAbstractScrollArea)
    bar = view.verticalScrollBar()
    assert bar.isVisible()
    assert bar.width() >= 48


def test_buttons_take_no_focus_from_a_tap_but_do_from_tab(area: ManagerArea) -> None:
    for b in area.findChildren(QPushButton):
        if b.property("key"):
            continue  # the keyboard's keys never take focus at all
        assert b.focusPolicy() == Qt.FocusPolicy.TabFocus, b.text()
