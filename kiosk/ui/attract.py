"""The attract state: Welcome's calm invitation after minutes untouched, in every language.

One invitation at a time, each language in turn, held for PHRASE_MS and changed by a slow
cross-fade (the text fades out, changes, fades back in): nothing flashes (WCAG 2.3.1 allows
at most three flashes a second; this changes once in several seconds). It covers Welcome, so
the first touch lands on it, and the window takes that touch to bring the faces back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEasingCurve, QPropertyAnimation, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QVBoxLayout, QWidget

from kiosk.core.colours import PAGE_BACKGROUND
from kiosk.ui.widgets import label

PHRASE_MS = 8000  # each language's invitation stays this long
FADE_MS = 1200  # half of a cross-fade: out, then in

# Shown in every offered language at once (not only the screen's), so read through the
# language switcher's translators rather than tr().
INVITATION = str(QT_TRANSLATE_NOOP("Attract", "How was your visit today?"))
TOUCH = str(QT_TRANSLATE_NOOP("Attract", "Touch the screen to tell us."))

Translate = Callable[[str, str, str], str]  # (language, context, English) -> text


class AttractView(QWidget):
    def __init__(
        self, languages: list[str], translate: Translate, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AttractView")
        self.languages = languages
        self.translate = translate
        self.index = 0
        self.invitation = label("AttractInvitation")
        self.touch = label("AttractTouch")
        self.text = QWidget()
        column = QVBoxLayout(self.text)
        for part in (self.invitation, self.touch):
            part.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(part)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.opacity = QGraphicsOpacityEffect(self.text)
        self.opacity.setOpacity(1.0)
        self.text.setGraphicsEffect(self.opacity)
        self.fade = QPropertyAnimation(self.opacity, b"opacity", self)
        self.fade.setDuration(FADE_MS)
        self.fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.fade.finished.connect(self._faded)
        self.phrase_timer = QTimer(self)
        self.phrase_timer.setInterval(PHRASE_MS)
        self.phrase_timer.timeout.connect(self.next_phrase)
        self.hide()

    def language(self) -> str:
        return self.languages[self.index]

    def start(self, language: str | None = None) -> None:
        """Show the invitation, first in ``language`` (default: the first one offered)."""
        self.index = self.languages.index(language) if language in self.languages else 0
        self._show_phrase()
        self.opacity.setOpacity(1.0)
        self.show()
        self.raise_()
        if len(self.languages) > 1:
            self.phrase_timer.start()

    def stop(self) -> None:
        self.phrase_timer.stop()
        self.fade.stop()
        self.opacity.setOpacity(1.0)
        self.hide()

    def next_phrase(self) -> None:
        """Fade the invitation out; the next language's fades in when that is done."""
        self.fade.stop()
        self.fade.setStartValue(self.opacity.opacity())
        self.fade.setEndValue(0.0)
        self.fade.start()

    def _faded(self) -> None:
        if self.opacity.opacity() > 0.5:
            return  # faded in: the phrase stays until the timer
        self.index = (self.index + 1) % len(self.languages)
        self._show_phrase()
        self.fade.setStartValue(0.0)
        self.fade.setEndValue(1.0)
        self.fade.start()

    def _show_phrase(self) -> None:
        language = self.language()
        self.invitation.setText(self.translate(language, "Attract", INVITATION))
        self.touch.setText(self.translate(language, "Attract", TOUCH))

    def paintEvent(self, event: QPaintEvent) -> None:
        # The screen's own calm background, under the whole of Welcome.
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(PAGE_BACKGROUND))
