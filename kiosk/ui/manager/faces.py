"""The five faces as the manager's screens and reports name and colour them.

A face is always shown with its word: the colours help at a glance but never carry the meaning
alone (colour-blind readers, black-and-white printers).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

_WORDS: tuple[str, ...] = tuple(
    str(word)
    for word in (
        QT_TRANSLATE_NOOP("Faces", "Very unhappy"),
        QT_TRANSLATE_NOOP("Faces", "Unhappy"),
        QT_TRANSLATE_NOOP("Faces", "Okay"),
        QT_TRANSLATE_NOOP("Faces", "Happy"),
        QT_TRANSLATE_NOOP("Faces", "Very happy"),
    )
)
# Each at least 4.5:1 against white, so a count printed on the bar stays readable.
_COLOURS = ("#A61B1B", "#A34A00", "#5C5C66", "#2E6B3F", "#1D5C2E")


def face_word(rating: int) -> str:
    return QCoreApplication.translate("Faces", _WORDS[rating - 1])


def face_colour(rating: int) -> QColor:
    return QColor(_COLOURS[rating - 1])
