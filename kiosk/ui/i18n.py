"""Live language switching with Qt Linguist translations (English is the source language)."""

from __future__ import annotations

import logging
import math
import re

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator, Signal

from kiosk.core.config import DEFAULT_REGION
from kiosk.core.resources import SOURCE_LANGUAGE, locale_dir

log = logging.getLogger("kiosk.ui")


PSEUDO_STRETCH = 0.4  # translations run up to 40% longer than English
_ACCENTED = str.maketrans("aceinouyACEINOUY", "áçéîñöûýÁÇÉÎÑÖÛÝ")
_FILLER = "ẋŵéñçôüð"
_PLACEHOLDER = re.compile(r"(\{[^}]*\})")


def pseudo_text(text: str) -> str:
    """``text`` with accented letters and 40% more of them, to find tight places on screen.

    Placeholders ("{count}") stay as they are, so ``format`` still fills them; the padding is
    a word of its own, so text that wraps still can.
    """
    if not text.strip():
        return text
    parts = _PLACEHOLDER.split(text)
    accented = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    extra = max(1, math.ceil(len(_PLACEHOLDER.sub("", text)) * PSEUDO_STRETCH) - 1)
    filler = (_FILLER * (extra // len(_FILLER) + 1))[:extra]
    return f"{accented} {filler}"


class PseudoTranslator(QTranslator):
    """Every string of a language (the English source when it has no file), stretched by 40%.

    It reads the language's file into a translator of its own, so nothing it uses can be
    deleted before it is.
    """

    def __init__(self, language: str) -> None:
        super().__init__()
        below = QTranslator(self)
        qm = locale_dir() / f"kiosk_{language}.qm"
        self.below = below if language != SOURCE_LANGUAGE and below.load(str(qm)) else None

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if self.below is None:
            return pseudo_text(source)
        # Nothing where the language has nothing: PySide's tr() asks each class of an object's
        # ancestry in turn ("FollowupScreen", then "StepScreen") and takes the first answer.
        # None reaches Qt as a null string, "not here"; an empty one would be an answer.
        translated = self.below.translate(context, source, disambiguation, n)
        return pseudo_text(translated) if translated else None  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return False  # else Qt sends no LanguageChange when it is installed


class LanguageSwitcher(QObject):
    """Installs the translator for a language; Qt then sends LanguageChange to every widget.

    ``pseudo``: every string stretched by 40% (``pseudo_text``), to find where text is tight.
    ``region`` (the config's, ISO 3166-1 alpha-2) goes with the language into the locale that
    writes dates, times and numbers: Spanish in the US ("es_US") writes "3:05 p.m.", Spain's
    "15:05".
    """

    language_changed = Signal(str)

    def __init__(
        self, parent: QObject | None = None, pseudo: bool = False, region: str = DEFAULT_REGION
    ) -> None:
        super().__init__(parent)
        self.language = SOURCE_LANGUAGE
        self.pseudo = pseudo
        self.region = region
        self._installed: QTranslator | None = None
        self._pseudo: PseudoTranslator | None = None
        self._loaded: dict[str, QTranslator] = {}  # children: removed from the app when deleted
        # The source language needs no translator, but its dates are the school's country's
        # from the start, not the machine's (a kiosk set up as en_GB or C would write
        # "1 December" under a US school's name).
        QLocale.setDefault(QLocale(f"{SOURCE_LANGUAGE}_{region}"))

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
        if language == self.language and (self._pseudo is not None) == self.pseudo:
            return
        if self._installed is not None:
            QCoreApplication.removeTranslator(self._installed)
            self._installed = None
        if self._pseudo is not None:
            QCoreApplication.removeTranslator(self._pseudo)
            self._pseudo = None  # Python's: deleted with its last reference
        # Dates and numbers follow the language too ("miércoles 25 de noviembre"), as the
        # school's country writes it.
        QLocale.setDefault(QLocale(f"{language}_{self.region}"))
        if language != SOURCE_LANGUAGE:
            self._installed = self._translator(language)
            if self._installed is not None:
                QCoreApplication.installTranslator(self._installed)
        if self.pseudo:
            self._pseudo = PseudoTranslator(language)
            QCoreApplication.installTranslator(self._pseudo)
        # Qt posts LanguageChange to every widget; deliver them now, so the screen never shows
        # a mix of the two languages.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language = language
        self.language_changed.emit(language)
