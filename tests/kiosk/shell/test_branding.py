"""The school's logo, accent colour and welcome line on the real screens."""

from __future__ import annotations

from pathlib import Path

from fake_clock import FakeClock
from kiosk_driver import open_kiosk
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config, WelcomeLine

ROOT = Path(__file__).resolve().parents[3]


def test_the_logo_accent_and_welcome_line_show_in_both_languages(
    qtbot: QtBot, data_dir: Path, clock: FakeClock
) -> None:
    config = Config(
        logo=ROOT / "assets" / "demo-logo.svg",
        accent_colour="#8C1D40",
        welcome_line=WelcomeLine(en="Home of the Lions.", es="Hogar de los Leones."),
    )
    for kiosk in open_kiosk(qtbot, data_dir, clock, config):
        w = kiosk.window
        assert w.logo.isVisible() and not w.logo.pixmap().isNull()
        assert w.logo.pixmap().height() == 56  # header height at 1280x800
        assert w.welcome.line.isVisible() and w.welcome.line.text() == "Home of the Lions."
        kiosk.tap(w.language_button)
        assert w.welcome.line.text() == "Hogar de los Leones."
        # The accent replaces the stylesheet's blue: a primary button is drawn in it.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        assert "#8C1D40" in app.styleSheet() and "#1D4ED8" not in app.styleSheet().upper()
        # Our own icons follow it too: the speaker in the header is drawn in the accent.
        speaker = w.speech.button.icon().pixmap(QSize(100, 100), QIcon.Mode.Normal, QIcon.State.Off)
        assert speaker.toImage().pixelColor(35, 50).name().upper() == "#8C1D40"
        kiosk.tap(w.welcome.faces[3])
        kiosk.tap(w.details.done_button)
        assert w.current() is w.thanks
        assert w.thanks.logo.isVisible() and w.thanks.logo.pixmap().height() == 120
        image = w.thanks.restart_button.grab().toImage()
        middle = image.pixelColor(image.width() // 2, 4)
        assert middle.name().upper() == "#8C1D40"


def test_a_png_logo_keeps_its_proportions(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    png = tmp_path / "wide.png"
    image = QImage(300, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("#8C1D40"))
    assert image.save(str(png))
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config(logo=png)):
        logo = kiosk.window.logo.pixmap()
        assert (logo.width(), logo.height()) == (168, 56)


def test_no_branding_takes_no_room(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> None:
    for kiosk in open_kiosk(qtbot, data_dir, clock, Config()):
        w = kiosk.window
        assert not w.logo.isVisible() and not w.thanks.logo.isVisible()
        assert not w.welcome.line.isVisible()
        assert w.school.isVisible()
