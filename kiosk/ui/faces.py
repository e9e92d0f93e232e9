"""The five faces: an SVG each, told apart by shape and by the word under it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QIcon
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from kiosk.core.resources import asset


def face_word(rating: int) -> str:
    words = {
        1: QCoreApplication.translate("Faces", "Very bad"),
        2: QCoreApplication.translate("Faces", "Bad"),
        3: QCoreApplication.translate("Faces", "Okay"),
        4: QCoreApplication.translate("Faces", "Good"),
        5: QCoreApplication.translate("Faces", "Excellent"),
    }
    return words[rating]


# Bar and chart colours for the manager's screens and reports: each face's own colour, the edge of
# its circle in assets/faces (so the Okay bar is the Okay face's amber), each at least 4.5:1
# against white; a face is always named by its word as well.
_COLOURS = ("#9F1C13", "#9A3412", "#854D0E", "#166534", "#0F5F55")


def face_colour(rating: int) -> QColor:
    return QColor(_COLOURS[rating - 1])


def face_icon(rating: int) -> QIcon:
    return QIcon(str(asset(f"faces/face-{rating}.svg")))


class FaceButton(QToolButton):
    """A face with its word under it: one large target, named for screen readers by its word."""

    def __init__(self, rating: int, icon_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating = rating
        self.setObjectName("Face")
        self.setIcon(face_icon(rating))
        self.setIconSize(QSize(icon_px, icon_px))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCheckable(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def retranslate(self) -> None:
        word = face_word(self.rating)
        self.setText(word)
        self.setAccessibleName(word)


CONFIRM_MS = 3000  # how long "Saved: Good" stays before the face shows its word alone
ICON_GAP = "\u2002"  # an en space: a tool button leaves almost none between icon and text


class ChosenFace(QToolButton):
    """The face the visitor chose, small and with its word, in every step's header.

    Right after the tap it reads "Saved: <word>" for a moment, so a mis-tap is noticed; a tap
    on it goes back to the faces to change the rating of the same card. Its width is fixed to
    the longer of its two labels, so nothing beside it moves when the confirmation ends.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChosenFace")  # its icon size is the stylesheet's, scaled
        self.rating: int | None = None
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.confirm_timer = QTimer(self)
        self.confirm_timer.setSingleShot(True)
        self.confirm_timer.setInterval(CONFIRM_MS)
        self.confirm_timer.timeout.connect(self.end_confirmation)
        self.setVisible(False)

    def set_rating(self, rating: int | None) -> None:
        self.rating = rating
        self.setVisible(rating is not None)
        if rating is not None:
            self.setIcon(face_icon(rating))
        self.retranslate()

    def confirming(self) -> bool:
        return bool(self.property("confirm"))

    def confirm(self) -> None:
        self._set_confirm(True)
        self.confirm_timer.start()

    def end_confirmation(self) -> None:
        self.confirm_timer.stop()
        self._set_confirm(False)

    def _set_confirm(self, on: bool) -> None:
        self.setProperty("confirm", on)
        if self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            self.style().unpolish(self)
            self.style().polish(self)
        self._show_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _saved_text(self, word: str) -> str:
        return QCoreApplication.translate("ChosenFace", "Saved: {face}").format(face=word)

    def _show_text(self) -> None:
        if self.rating is None:
            return
        word = face_word(self.rating)
        self.setText(ICON_GAP + (self._saved_text(word) if self.confirming() else word))
        self.setAccessibleName(
            QCoreApplication.translate(
                "ChosenFace", "Your answer: {face}. Tap to change it."
            ).format(face=word)
        )

    def retranslate(self) -> None:
        """New words, and the width measured for them (only here, so a confirmation that
        ends moves nothing)."""
        self._show_text()
        if self.rating is None:
            return
        saved = ICON_GAP + self._saved_text(face_word(self.rating))
        self.ensurePolished()
        # Wide enough for the confirmation in bold: the label change moves nothing.
        font = self.font()
        font.setBold(True)
        frame = self.sizeHint().width() - QFontMetrics(self.font()).horizontalAdvance(self.text())
        # (plus a little: the style's hint measures a bold text's box, not only its advance)
        self.setFixedWidth(frame + QFontMetrics(font).horizontalAdvance(saved) + 6)
