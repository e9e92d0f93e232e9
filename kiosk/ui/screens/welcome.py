"""Welcome: the question and five faces. One tap is a complete answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.core.config import WelcomeLine
from kiosk.ui.faces import FaceButton
from kiosk.ui.theme import ScreenFit
from kiosk.ui.widgets import Retranslatable, label


class WelcomeScreen(Retranslatable):
    rated = Signal(int)

    def __init__(
        self, fit: ScreenFit, welcome_line: WelcomeLine | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.welcome_line = welcome_line or WelcomeLine()
        self.overlays: list[QWidget] = []
        self.line = label("WelcomeLine")  # the school's own words, from the config
        self.line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.line.hide()
        self.setObjectName("WelcomeScreen")
        self.setProperty("screen", True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.question = label("Question")
        self.hint = label("Hint")
        for text in (self.question, self.hint):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = label("Banner")
        self.banner.hide()
        scale = fit.scale
        side = 12 if fit.narrow else 40
        if fit.narrow:
            # Portrait: three faces over two, each as large as a third of the width allows
            # (218 px at 800x1280, where one row of five left them 98 px and the height empty).
            icon = min(round(240 * scale), (fit.width - 2 * side) // 3 - round(40 * scale))
        else:
            # Five faces in one row, as large as the width allows (150 px at 1280x800).
            icon = min(round(150 * scale), (fit.width - 80) // 5 - round(40 * scale))
        self.faces = [FaceButton(r, icon) for r in range(1, 6)]
        # No exclusive QButtonGroup: it would let Tab skip the faces (radio-button focus rules).
        row = QGridLayout()
        row.setSpacing(4 if fit.narrow else round(16 * scale))
        for i, face in enumerate(self.faces):
            face.setProperty("narrow", fit.narrow)  # not polished yet: no re-polish needed
            if fit.narrow:  # six half-columns: 0-1, 2-3, 4-5 above; 1-2, 3-4 centred below
                above = i < 3
                row.addWidget(face, 0 if above else 1, 2 * i if above else 2 * (i - 3) + 1, 1, 2)
            else:
                row.addWidget(face, 0, i)
            face.clicked.connect(lambda _=False, r=face.rating: self._tapped(r))
        for column in range(row.columnCount()):
            row.setColumnStretch(column, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(side, 24, side, 40)
        layout.addStretch(1)
        layout.addWidget(self.line)
        layout.addSpacing(round(8 * scale))
        layout.addWidget(self.question)
        layout.addSpacing(round(12 * scale))
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        layout.addWidget(self.banner)
        self.retranslate()

    def _tapped(self, rating: int) -> None:
        self.rated.emit(rating)

    def set_selected(self, rating: int | None) -> None:
        """Show the face chosen for the open card (after Back), or none for a new visitor."""
        for face in self.faces:
            face.setChecked(face.rating == rating)

    def add_overlay(self, overlay: QWidget) -> None:
        """A widget over the whole screen (the attract state), kept to its size."""
        overlay.setParent(self)
        self.overlays.append(overlay)
        overlay.setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:
        for overlay in self.overlays:
            overlay.setGeometry(self.rect())
        super().resizeEvent(event)

    def set_language(self, language: str) -> None:
        text = self.welcome_line.text(language).strip()
        self.line.setText(text)
        self.line.setVisible(bool(text))

    def show_problem(self, text: str | None) -> None:
        self.banner.setText(text or "")
        self.banner.setVisible(bool(text))

    def retranslate(self) -> None:
        self.question.setText(self.tr("How was your visit today?"))
        self.hint.setText(self.tr("Tap a face. That's all it takes."))
        for face in self.faces:
            face.retranslate()
