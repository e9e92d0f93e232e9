"""The screen `kiosk run` shows for a config file it cannot use: the kiosk's own look, in
English and Spanish at once, naming the file, the setting and what is wrong, with a way out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from kiosk.core.config import ConfigError, load_config
from kiosk.shell.config_error import config_error_screen, languages_for
from kiosk.shell.snapshot import config_error_scene
from kiosk.ui.config_error import ConfigErrorScreen
from kiosk.ui.text_fit import cut_texts
from kiosk.ui.window import STAFF_SHORTCUT

SIZES = [(1280, 800), (1920, 1080), (800, 1280)]


def error_from(tmp_path: Path, text: str) -> ConfigError:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value


def texts(screen: ConfigErrorScreen) -> list[str]:
    return [w.text() for w in screen.findChildren(QLabel) if w.isVisible()]


def test_it_names_the_file_the_setting_and_the_problem_in_both_languages(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    error = error_from(tmp_path, "thanks_seconds = 0\n")
    screen = config_error_screen(qapp, error, (1280, 800))
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    qtbot.waitExposed(screen)
    shown = texts(screen)
    assert shown[:2] == [
        "The kiosk cannot start: its settings file has a mistake.",
        "El quiosco no puede iniciarse: su archivo de configuración tiene un error.",
    ]
    assert screen.details.text() == (
        f"File / Archivo: {tmp_path / 'config.toml'}\n"
        "Setting / Opción: thanks_seconds\n"
        "What is wrong / Qué está mal: Input should be greater than or equal to 2 (got 0)"
    )
    assert any(t.startswith("Please call IT.") and STAFF_SHORTCUT in t for t in shown)
    assert any(
        t.startswith("Llame al personal de informática (IT).") and STAFF_SHORTCUT in t
        for t in shown
    )
    assert "Traceback" not in "\n".join(shown)
    assert screen.close_button.text() == "Close / Cerrar"
    assert screen.close_button.height() >= 64
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]


def test_a_file_that_is_not_toml_has_no_setting_line(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    error = error_from(tmp_path, "school_name = \n")
    screen = config_error_screen(qapp, error, (1280, 800))
    qtbot.addWidget(screen)
    lines = screen.details.text().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "File / Archivo",
        "What is wrong / Qué está mal",
    ]
    assert "not valid TOML" in lines[1]


def test_the_button_and_the_staff_shortcut_close_it(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = config_error_screen(qapp, error_from(tmp_path, "school = 'x'\n"), (1280, 800))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    with qtbot.waitSignal(screen.closed):
        qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    with qtbot.waitSignal(screen.closed):
        QTest.keyClick(
            screen,
            Qt.Key.Key_M,
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.ShiftModifier,
        )


def test_the_files_own_language_comes_first(tmp_path: Path) -> None:
    spanish = error_from(tmp_path, 'default_language = "es"\nthanks_seconds = 0\n')
    assert languages_for(spanish) == ["es", "en"]
    broken = error_from(tmp_path, "default_language = \n")
    assert languages_for(broken) == ["en", "es"]
    assert languages_for(ConfigError("not set", "", "admin_pin_hash")) == ["en", "es"]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_fits_at_every_size(
    qapp: QApplication, tmp_path: Path, size: tuple[int, int], language: str
) -> None:
    screen = config_error_scene(qapp, tmp_path, language, size)
    try:
        assert screen.isVisible()
        assert not cut_texts(screen)
    finally:
        screen.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
