"""Live language switching with Qt Linguist translations (English is the source language)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator, Signal

from kiosk.core.resources import SOURCE_LANGUAGE, locale_dir

log = logging.getLogger("kiosk.ui")


class LanguageSwitcher(QObject):
    """Installs the translator for a language; Qt then sends LanguageChange to every widget."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = SOURCE_LANGUAGE
        self._installed: QTranslator | None = None
        self._loaded: dict[str, QTranslator] = {}  # children: removed from the app when deleted

    def _translator(self, language: str) -> QTranslator | None:
        if language not in self._loaded:
            translator = QTranslator(self)
            qm = locale_dir() / f"kiosk_{language}.qm"
            if not translator.load(str(qm)):
                log.error("translation %s is missing; showing English", qm)
                translator.deleteLater()
                return None
            self._loaded[language] = translator
        return self._loaded[language]

    def translate(self, language: str, context: str, source: str) -> str:
        """A string in a language other than the screen's (the attract state shows them all)."""
        if language == SOURCE_LANGUAGE:
            return source
        translator = self._translator(language)
        text = translator.translate(context, source) if translator is not None else ""
        return text or source

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        if self._installed is not None:
            QCoreApplication.removeTranslator(self._installed)
            self._installed = None
        # Dates and numbers follow the language too ("miércoles 25 de noviembre").
        QLocale.setDefault(QLocale(language))
        if language != SOURCE_LANGUAGE:
            self._installed = self._translator(language)
            if self._installed is not None:
                QCoreApplication.installTranslator(self._installed)
        # Qt posts LanguageChange to every widget; deliver them now, so the screen never shows
        # a mix of the two languages.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language = language
        self.language_changed.emit(language)
