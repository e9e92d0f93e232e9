"""A built-in on-screen keyboard with the Spanish letters and marks (á é í ó ú ü ñ ¿ ¡).

Keys never take focus, so the text field keeps its cursor; the keyboard types into whichever
field it is given.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.ui.widgets import Retranslatable, set_flag

BACKSPACE, SHIFT, ENTER, SPACE, SYMBOLS, LETTERS = "⌫", "⇧", "↵", " ", "123", "ABC"

# Each row is a list of (key, width in grid columns).
LETTER_ROWS = [
    [*"qwertyuiop", BACKSPACE],
    [*"asdfghjklñ", ENTER],
    [SHIFT, *"zxcvbnm", *"áéíóú"],
    [SYMBOLS, "¿", "¡", ",", ".", SPACE, "ü", "@", "?"],
]
SYMBOL_ROWS = [
    [*"1234567890", BACKSPACE],
    [*"@.-_+()/:;", ENTER],
    [*"!?¿¡\"'#&%,*="],
    [LETTERS, "$", "€", "<", ">", SPACE, "[", "]", "~"],
]
# Portrait screens: at most ten keys a row, so every key keeps its 64 px.
COMPACT_LETTER_ROWS = [
    [*"qwertyuiop"],
    [*"asdfghjklñ"],
    [SHIFT, *"zxcvbnm", BACKSPACE],
    [*"áéíóúü¿¡", ENTER],
    [SYMBOLS, ",", ".", SPACE, "@", "?"],
]
COMPACT_SYMBOL_ROWS = [
    [*"1234567890"],
    [*"@.-_+()/:;"],
    [*"!?¿¡\"'#&%", BACKSPACE],
    [*",*=$€<>[]", ENTER],
    [LETTERS, "~", "|", SPACE, "{", "}"],
]
SPECIAL = (BACKSPACE, ENTER, SHIFT, SYMBOLS, LETTERS)


class OnScreenKeyboard(Retranslatable):
    enter_pressed = Signal()

    def __init__(self, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = compact
        self.target: QLineEdit | QPlainTextEdit | None = None
        self.shift = False
        self.symbols = False
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.keys: dict[str, QPushButton] = {}
        self._build()

    def set_target(self, target: QLineEdit | QPlainTextEdit | None) -> None:
        self.target = target

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.keys = {}
        if self.compact:
            rows = COMPACT_SYMBOL_ROWS if self.symbols else COMPACT_LETTER_ROWS
        else:
            rows = SYMBOL_ROWS if self.symbols else LETTER_ROWS
        columns = max(len(row) for row in rows)
        for r, row in enumerate(rows):
            col = 0
            # A short row's spare columns go to Space, else to its Delete or Enter key.
            spare = columns - len(row)
            wide_key = SPACE if SPACE in row else next((k for k in row if k in SPECIAL), None)
            for key in row:
                span = 1 + spare if key == wide_key else 1
                b = QPushButton()
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                b.setAutoRepeat(key == BACKSPACE)
                b.setCheckable(key == SHIFT)
                set_flag(b, "key", True)
                b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                b.clicked.connect(lambda _=False, k=key: self.press(k))
                self.grid.addWidget(b, r, col, 1, span)
                self.keys[key] = b
                col += span
        self.retranslate()

    def press(self, key: str) -> None:
        if key == SHIFT:
            self.shift = not self.shift
            self.retranslate()
            return
        if key in (SYMBOLS, LETTERS):
            self.symbols = key == SYMBOLS
            self._build()
            return
        target = self.target
        if key == ENTER:
            if isinstance(target, QPlainTextEdit):
                target.insertPlainText("\n")
            self.enter_pressed.emit()
            return
        if target is None:
            return
        if key == BACKSPACE:
            if isinstance(target, QLineEdit):
                target.backspace()
            else:
                target.textCursor().deletePreviousChar()
            return
        text = key.upper() if self.shift else key
        if isinstance(target, QLineEdit):
            target.insert(text)
        else:
            target.insertPlainText(text)
        if self.shift:
            self.shift = False
            self.retranslate()

    def retranslate(self) -> None:
        names = {
            BACKSPACE: QCoreApplication.translate("OnScreenKeyboard", "Delete"),
            ENTER: QCoreApplication.translate("OnScreenKeyboard", "Enter"),
            SHIFT: QCoreApplication.translate("OnScreenKeyboard", "Shift"),
            SPACE: QCoreApplication.translate("OnScreenKeyboard", "Space"),
            SYMBOLS: QCoreApplication.translate("OnScreenKeyboard", "Numbers and symbols"),
            LETTERS: QCoreApplication.translate("OnScreenKeyboard", "Letters"),
        }
        for key, b in self.keys.items():
            if key in (BACKSPACE, ENTER, SHIFT, SYMBOLS, LETTERS):
                named = key in (BACKSPACE, ENTER) and not (self.compact and key == BACKSPACE)
                b.setText(f"{key} {names[key]}" if named else key)
            elif key == SPACE:
                b.setText(names[SPACE])
            else:
                b.setText(key.upper() if self.shift else key)
            b.setAccessibleName(names.get(key, key))
        if SHIFT in self.keys:
            self.keys[SHIFT].setChecked(self.shift)
