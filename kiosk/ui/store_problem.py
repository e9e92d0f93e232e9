"""What the manager reads when the machine stops the card store: one plain sentence per problem,
in the language the screens are in (the log keeps the English detail with the file's path)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kiosk.store.errors import StoreProblem

_WORDS = {
    StoreProblem.FULL: QT_TRANSLATE_NOOP("StoreProblem", "The disk is full. Ask IT to free space."),
    StoreProblem.READ_ONLY: QT_TRANSLATE_NOOP(
        "StoreProblem", "The card database is read-only: nothing can be saved. Ask IT."
    ),
    StoreProblem.LOCKED: QT_TRANSLATE_NOOP(
        "StoreProblem", "Another program is using the card database. Try again in a minute."
    ),
    StoreProblem.DAMAGED: QT_TRANSLATE_NOOP(
        "StoreProblem", "The card database is damaged. Ask IT to check it."
    ),
    StoreProblem.IO: QT_TRANSLATE_NOOP(
        "StoreProblem", "The disk could not be read or written. Ask IT."
    ),
    StoreProblem.CANNOT_OPEN: QT_TRANSLATE_NOOP(
        "StoreProblem", "The card database cannot be opened. Ask IT."
    ),
    StoreProblem.NEWER: QT_TRANSLATE_NOOP(
        "StoreProblem", "The card database is from a newer version of the kiosk. Ask IT."
    ),
}


def problem_text(problem: StoreProblem) -> str:
    return QCoreApplication.translate("StoreProblem", str(_WORDS[problem]))
