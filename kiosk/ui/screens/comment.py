"""Step 3: a comment, typed on the built-in keyboard or a real one, with its limit shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from kiosk.ui.keyboard import OnScreenKeyboard
from kiosk.ui.widgets import StepScreen, label


class CommentScreen(StepScreen):
    def __init__(
        self, limit: int, compact: bool, step: int, steps: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(step, steps, parent)
        self.limit = limit
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("CommentEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.editor.setFixedHeight(120)
        self.counter = label("Hint", wrap=False)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.keyboard = OnScreenKeyboard(compact)
        self.keyboard.set_target(self.editor)
        self.editor.textChanged.connect(self._text_changed)
        self.content.addWidget(self.editor)
        self.content.addWidget(self.counter)
        self.content.addWidget(self.keyboard)
        self.content.addStretch(1)
        self.retranslate()

    def _text_changed(self) -> None:
        text = self.editor.toPlainText()
        if len(text) > self.limit:
            # A paste or a held key went past the limit: keep the first `limit` characters.
            cursor = self.editor.textCursor()
            self.editor.blockSignals(True)
            self.editor.setPlainText(text[: self.limit])
            self.editor.blockSignals(False)
            cursor.setPosition(min(cursor.position(), self.limit))
            self.editor.setTextCursor(cursor)
        self._show_count()
        self.update_next_label()

    def _show_count(self) -> None:
        used = len(self.editor.toPlainText())
        self.counter.setText(
            self.tr("{used} of {limit} characters").format(used=used, limit=self.limit)
        )

    def has_input(self) -> bool:
        return bool(self.editor.toPlainText().strip())

    def values(self) -> dict[str, object]:
        return {"comment": self.editor.toPlainText()}

    def reset(self) -> None:
        self.editor.clear()

    def focus_first(self) -> None:
        self.editor.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Anything else you would like to tell us?"))
        self.hint.setText(self.tr("Please do not include private information about students."))
        self.editor.setPlaceholderText(self.tr("Type your comment here"))
        self._show_count()
