"""Live language switching with Qt Linguist translations (English is the source language)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from kiosk.resources import locale_dir

log = logging.getLogger("kiosk.ui")

SOURCE_LANGUAGE = "en"


class LanguageSwitcher(QObject):
    """Installs the translator for a language; Qt then sends LanguageChange to every widget."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = SOURCE_LANGUAGE
        self._translator: QTranslator | None = None

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        app = QCoreApplication.instance()
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        if language != SOURCE_LANGUAGE:
            translator = QTranslator(app)
            qm = locale_dir() / f"kiosk_{language}.qm"
            if translator.load(str(qm)):
                QCoreApplication.installTranslator(translator)
                self._translator = translator
            else:
                log.error("translation %s is missing; showing English", qm)
        self.language = language
        self.language_changed.emit(language)


def available_translations() -> list[str]:
    return sorted(p.stem.removeprefix("kiosk_") for p in locale_dir().glob("kiosk_*.qm"))
