"""The five faces: an SVG each, told apart by shape and by the word under it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QIcon
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
