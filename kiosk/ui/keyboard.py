"""A built-in on-screen keyboard with the Spanish letters and marks (á é í ó ú ü ñ ¿ ¡).

Keys never take focus, so the text field keeps its cursor; the keyboard types into whichever
field it is given, and takes the layout that field asks for by its input hints: a phone pad for
a phone number or a number, letters with ``@`` and ``.`` at hand for an e-mail address.
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
HIDE = "hide"  # the manager's keyboard: put it away without typing anything

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
# A phone number or a count: a phone pad, the keys a phone number is written with.
DIGIT_ROWS = [
    ["1", "2", "3", BACKSPACE],
    ["4", "5", "6", "-"],
    ["7", "8", "9", SPACE],
    ["+", "0", ENTER],
]
# An e-mail address: no spaces or accents; @ . - _ beside the letters.
EMAIL_ROWS = [
    [*"1234567890", BACKSPACE],
    [*"qwertyuiop", "@"],
    [*"asdfghjkl", ".", ENTER],
    [*"zxcvbnm", "-", "_", "+", ".com"],
]
COMPACT_EMAIL_ROWS = [
    [*"1234567890"],
    [*"qwertyuiop"],
    [*"asdfghjkl", "@"],
    [*"zxcvbnm", ".", "-", "_"],
    [".com", "+", BACKSPACE, ENTER],
]
SPECIAL = (BACKSPACE, ENTER, SHIFT, SYMBOLS, LETTERS, HIDE)
TEXT, DIGITS, EMAIL = "text", "digits", "email"
DIGIT_HINTS = (
    Qt.InputMethodHint.ImhDialableCharactersOnly
    | Qt.InputMethodHint.ImhDigitsOnly
    | Qt.InputMethodHint.ImhFormattedNumbersOnly
)


def layout_for(target: QLineEdit | QPlainTextEdit | None) -> str:
    """The layout a field asks for through its input method hints."""
    hints = target.inputMethodHints() if target is not None else Qt.InputMethodHint.ImhNone
    if hints & DIGIT_HINTS:
        return DIGITS
    if hints & Qt.InputMethodHint.ImhEmailCharactersOnly:
        return EMAIL
    return TEXT


class OnScreenKeyboard(Retranslatable):
    enter_pressed = Signal()
    hide_requested = Signal()  # the Hide key (``hide_key=True``)

    def __init__(
        self, compact: bool = False, parent: QWidget | None = None, *, hide_key: bool = False
    ) -> None:
        super().__init__(parent)
        self.compact = compact
        self.hide_key = hide_key
        self.target: QLineEdit | QPlainTextEdit | None = None
        self.shift = False
        self.symbols = False
        self.layout_kind = TEXT
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.keys: dict[str, QPushButton] = {}
        self._build()

    def set_compact(self, compact: bool) -> None:
        """At most ten keys a row (a portrait screen), or the full rows."""
        if compact != self.compact:
            self.compact = compact
            self._build()

    def set_target(self, target: QLineEdit | QPlainTextEdit | None) -> None:
        self.target = target
        kind = layout_for(target)
        if kind != self.layout_kind:
            self.layout_kind = kind
            self.symbols = False
            self.shift = False
            self._build()

    def _build(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()  # gone from this frame on, not only once the loop deletes it
                widget.deleteLater()
        self.keys = {}
        rows = self._rows()
        columns = max(len(row) for row in rows)
        # The phone pad keeps a phone's proportions: its four columns in the middle half.
        pad = columns if self.layout_kind == DIGITS else 0
        for column in range(columns + 2):
            self.grid.setColumnStretch(column, 0)
        if pad:
            self.grid.setColumnStretch(0, pad // 2)
            self.grid.setColumnStretch(columns + 1, pad // 2)
            for column in range(1, columns + 1):
                self.grid.setColumnStretch(column, 1)
        for r, row in enumerate(rows):
            col = 1 if pad else 0
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
                b.show()  # now, not at the loop's next turn: the layout may change mid-tap
                self.keys[key] = b
                col += span
        self.retranslate()

    def _rows(self) -> list[list[str]]:
        rows = self._layout_rows()
        return [*rows[:-1], [*rows[-1], HIDE]] if self.hide_key else rows

    def _layout_rows(self) -> list[list[str]]:
        if self.layout_kind == DIGITS:
            return DIGIT_ROWS
        if self.layout_kind == EMAIL:
            return COMPACT_EMAIL_ROWS if self.compact else EMAIL_ROWS
        if self.compact:
            return COMPACT_SYMBOL_ROWS if self.symbols else COMPACT_LETTER_ROWS
        return SYMBOL_ROWS if self.symbols else LETTER_ROWS

    def press(self, key: str) -> None:
        if key == SHIFT:
            self.shift = not self.shift
            self.retranslate()
            return
        if key == HIDE:
            self.hide_requested.emit()
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
            HIDE: QCoreApplication.translate("OnScreenKeyboard", "Hide"),
        }
        for key, b in self.keys.items():
            if key in (BACKSPACE, ENTER, SHIFT, SYMBOLS, LETTERS):
                named = key in (BACKSPACE, ENTER) and not (self.compact and key == BACKSPACE)
                b.setText(f"{key} {names[key]}" if named else key)
            elif key in (SPACE, HIDE):
                b.setText(names[key])
            else:
                # "&&": a single & would be read as a mnemonic marker and the key left blank.
                b.setText((key.upper() if self.shift else key).replace("&", "&&"))
            b.setAccessibleName(names.get(key, key))
        if SHIFT in self.keys:
            self.keys[SHIFT].setChecked(self.shift)
