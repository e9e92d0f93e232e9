"""PNG snapshots of every manager screen in every language, for `kiosk snapshot` and reviews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTranslator

from kiosk.card import Clock
from kiosk.config import Config
from kiosk.store import CardStore
from kiosk.ui.manager.area import SCREENS, ManagerArea

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def render_manager_screens(
    out_dir: Path, size: QSize, store: CardStore, config: Config, clock: Clock
) -> list[Path]:
    """Render ``manager-<screen>-<lang>.png`` for each screen and each configured language.

    Needs a QApplication. The Spanish strings come from the compiled translations in
    kiosk/locale (``*_es.qm``); without them the Spanish shots show English UI text.
    """
    app = QCoreApplication.instance()
    assert app is not None, "render_manager_screens needs a QApplication"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    previous_locale = QLocale()
    for language in config.languages:
        translators = _install_translators(language)
        QLocale.setDefault(QLocale(language))
        area = ManagerArea(store, config, clock)
        area.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        area.resize(size)
        area.set_language(language)
        area.show()
        for screen in SCREENS:
            area.show_screen(screen)
            QCoreApplication.processEvents()
            path = out_dir / f"manager-{screen}-{language}.png"
            if not area.grab().save(str(path)):
                raise OSError(f"cannot write {path}")
            written.append(path)
        area.close()
        area.deleteLater()
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(previous_locale)
    return written


def _install_translators(language: str) -> list[QTranslator]:
    installed = []
    for qm in sorted(LOCALE_DIR.glob(f"*_{language}.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            installed.append(translator)
    return installed
