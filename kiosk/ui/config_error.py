"""The screen `kiosk run` shows when its config file is wrong: on a machine without a console
(the Windows bundle) it is the only place anyone sees why the kiosk did not start.

In every language at once, each under the other: the language setting may be what is wrong. It
names the file, the setting and what is wrong with it (the validator's own words, as on stderr
and in the log), says to call IT, and has a button that closes it; the staff shortcut does too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.core.config import ConfigError
from kiosk.ui.widgets import label, set_role

Translate = Callable[[str, str, str], str]  # (language, context, English) -> text

# Read through the language switcher's translators (every language at once), not tr().
_CONTEXT = "ConfigError"
TITLE = str(
    QT_TRANSLATE_NOOP("ConfigError", "The kiosk cannot start: its settings file has a mistake.")
)
CALL_IT = str(
    QT_TRANSLATE_NOOP(
        "ConfigError",
        "Please call IT. Once the file is corrected, start the kiosk again or restart the PC.",
    )
)
HOW_TO_CLOSE = str(
    QT_TRANSLATE_NOOP("ConfigError", "To close this screen, tap Close or press {shortcut}.")
)
FILE = str(QT_TRANSLATE_NOOP("ConfigError", "File"))
NO_FILE = str(QT_TRANSLATE_NOOP("ConfigError", "none (the built-in settings)"))
SETTING = str(QT_TRANSLATE_NOOP("ConfigError", "Setting"))
PROBLEM = str(QT_TRANSLATE_NOOP("ConfigError", "What is wrong"))
CLOSE = str(QT_TRANSLATE_NOOP("ConfigError", "Close"))


class ConfigErrorScreen(QWidget):
    """The whole window: ``closed`` when the button (or the staff shortcut) is used."""

    closed = Signal()

    def __init__(
        self,
        error: ConfigError,
        languages: list[str],
        translate: Translate,
        shortcut: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle("Feedback kiosk")

        def each(text: str, **values: str) -> list[str]:
            return [translate(lang, _CONTEXT, text).format(**values) for lang in languages]

        def joined(text: str) -> str:
            return " / ".join(each(text))

        self.titles = [label("ScreenTitle") for _ in languages]
        for title, text in zip(self.titles, each(TITLE), strict=True):
            title.setText(text)
        # What IT needs to fix it: the validator's words, in the one language they come in.
        lines = [(joined(FILE), error.file or joined(NO_FILE))]
        if error.field:
            lines.append((joined(SETTING), error.field))
        lines.append((joined(PROBLEM), error.detail))
        self.details = label("Banner")  # the kiosk's red-edged box for a problem
        self.details.setText("\n".join(f"{name}: {value}" for name, value in lines))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.advice = [label("Body") for _ in languages]
        calls = each(CALL_IT)
        closes = each(HOW_TO_CLOSE, shortcut=shortcut)
        for advice, call, close in zip(self.advice, calls, closes, strict=True):
            advice.setText(f"{call} {close}")
        self.close_button = QPushButton(joined(CLOSE))
        set_role(self.close_button, "primary")
        self.close_button.clicked.connect(self.closed)
        QShortcut(QKeySequence(shortcut), self, self.closed.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(16)
        layout.addStretch(1)
        for title in self.titles:
            layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        for advice in self.advice:
            layout.addWidget(advice)
        layout.addSpacing(8)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.close_button.setFocus()
