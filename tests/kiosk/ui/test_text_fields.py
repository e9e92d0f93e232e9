"""Text fields show where typing goes: a wide caret, the active field filled, the keyboard's
layout chosen by the field (a phone pad, an e-mail layout), and every key's label drawn."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from kiosk.ui.keyboard import DIGITS, EMAIL, TEXT, OnScreenKeyboard
from kiosk.ui.screens.comment import CommentScreen
from kiosk.ui.screens.followup import FollowupScreen
from kiosk.ui.theme import apply_theme


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    font, sheet, style = qapp.font(), qapp.styleSheet(), qapp.style().name()
    apply_theme(qapp, 1280, 800)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setStyle(style)


@pytest.fixture(params=[False, True], ids=["landscape", "portrait"])
def screen(request: pytest.FixtureRequest, qtbot: QtBot) -> FollowupScreen:
    compact: bool = request.param
    widget = FollowupScreen(compact, 4, 4)
    qtbot.addWidget(widget)
    widget.resize(*((800, 1280) if compact else (1280, 800)))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_phone_field_opens_the_phone_pad_and_email_the_email_layout(
    qtbot: QtBot, screen: FollowupScreen
) -> None:
    keyboard = screen.keyboard
    screen.phone.setFocus()
    assert keyboard.layout_kind == DIGITS
    assert set("0123456789+-") <= set(keyboard.keys) and "q" not in keyboard.keys
    for digit in "555":
        qtbot.mouseClick(keyboard.keys[digit], Qt.MouseButton.LeftButton)
    assert screen.phone.text() == "555"

    screen.email.setFocus()
    assert keyboard.layout_kind == EMAIL
    assert {"@", ".", "-", "_"} <= set(keyboard.keys) and " " not in keyboard.keys
    for key in ("a", "@", "b", "."):
        qtbot.mouseClick(keyboard.keys[key], Qt.MouseButton.LeftButton)
    assert screen.email.text() == "a@b."

    screen.name.setFocus()
    assert keyboard.layout_kind == TEXT and "ñ" in keyboard.keys


def test_the_screen_opens_with_the_name_field_active(screen: FollowupScreen) -> None:
    screen.focus_first()
    assert QApplication.focusWidget() is screen.name
    assert screen.keyboard.target is screen.name


def ink(image: QImage, background: QColor) -> int:
    """Pixels of the picture clearly unlike its background: drawn text."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.lightness() - background.lightness()) > 80:
                count += 1
    return count


def test_the_ampersand_key_shows_its_label(qtbot: QtBot) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    keyboard.resize(1200, 300)
    keyboard.show()
    keyboard.press("123")
    key = keyboard.keys["&"]
    assert key.text() == "&&"  # escaped: Qt shows "&&" as one "&", never as a mnemonic
    assert key.accessibleName() == "&"
    inner = key.grab().toImage().copy(key.rect().adjusted(12, 12, -12, -12))
    assert ink(inner, QColor("#FFFFFF")) > 20  # the label is drawn, not blank


def test_the_comment_caret_is_wide(qtbot: QtBot) -> None:
    comment = CommentScreen(500, False, 3, 4)
    qtbot.addWidget(comment)
    comment.show()
    qtbot.waitExposed(comment)
    assert comment.editor.cursorWidth() >= 3


def test_the_caret_is_wide_and_the_active_field_is_filled(
    qtbot: QtBot, screen: FollowupScreen
) -> None:
    field = screen.email
    assert field.style().pixelMetric(QStyle.PixelMetric.PM_TextCursorWidth, None, field) >= 3
    idle = field.grab().toImage().pixelColor(field.width() // 2, field.height() // 2)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    active = field.grab().toImage().pixelColor(field.width() // 2, field.height() // 2)
    assert idle != active  # the field typing goes into stands out
    assert active == QColor("#FFF4E0")
