"""`kiosk run` on a config file it cannot use: the kiosk's own full-screen error, then exit 2.

Said three times, for whoever looks: the one line on stderr (kiosk.cli.main), the log file,
and the screen (kiosk.ui.config_error), which on the Windows bundle, with no console, is the
only one a person sees. Nothing of the config is used: the look is the kiosk's default, the
text in every language.
"""

from __future__ import annotations

import logging
import sys
import time
import tomllib
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.config import LANGUAGE_NAMES, ConfigError
from kiosk.core.exit_codes import EXIT_CONFIG
from kiosk.core.logs import setup_logging
from kiosk.core.paths import default_log_dir
from kiosk.shell.qt_log import route_qt_messages
from kiosk.ui.config_error import ConfigErrorScreen
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.theme import apply_theme
from kiosk.ui.window import STAFF_SHORTCUT

log = logging.getLogger("kiosk.shell")


def languages_for(error: ConfigError) -> list[str]:
    """Every language, the file's default_language first when it can be read at all (a
    Spanish-speaking office reads its own first)."""
    languages = list(LANGUAGE_NAMES)
    try:
        wanted = tomllib.loads(Path(error.file).read_text(encoding="utf-8"))["default_language"]
    except (OSError, ValueError, KeyError, TypeError):
        return languages
    if wanted in languages:
        languages.remove(wanted)
        languages.insert(0, wanted)
    return languages


def config_error_screen(
    app: QApplication, error: ConfigError, size: tuple[int, int]
) -> ConfigErrorScreen:
    """The error screen, styled for ``size``, not shown yet (also for `kiosk snapshot`)."""
    apply_theme(app, *size)
    switcher = LanguageSwitcher()
    screen = ConfigErrorScreen(error, languages_for(error), switcher.translate, STAFF_SHORTCUT)
    switcher.setParent(screen)
    return screen


class _FirstPaint(QObject):
    """``--quit-after-first-tap`` (smoke tests): the screen quits once it has been painted."""

    def __init__(self, screen: QWidget) -> None:
        super().__init__(screen)
        self.done = False
        screen.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"config-error-shown {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def show_config_error(
    error: ConfigError,
    windowed: bool,
    size: tuple[int, int] | None = None,
    quit_after_first_paint: bool = False,
) -> int:
    """Show ``error`` until someone closes it; returns EXIT_CONFIG (the autostart does not
    restart on it: the file needs fixing first)."""
    setup_logging(default_log_dir())
    root = logging.getLogger()
    for handler in list(root.handlers):
        if not isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)  # the console has had its line (kiosk.cli.main)
    log.error("configuration error: %s", error)
    route_qt_messages()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("feedback-kiosk")
    available = app.primaryScreen().availableGeometry()
    width, height = size or (available.width(), available.height())
    screen = config_error_screen(app, error, (width, height))
    screen.resize(width, height)
    screen.closed.connect(app.quit)
    if quit_after_first_paint:
        _FirstPaint(screen)
    if windowed:
        screen.show()
    else:
        screen.setWindowFlags(
            screen.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        screen.showFullScreen()
    app.exec()
    log.info("configuration error screen closed")
    return EXIT_CONFIG
