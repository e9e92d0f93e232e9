"""Nothing cut off at any size: every label and button on every screen, visitor's and
manager's, in both languages, at 1280x800, 1920x1080 and 800x1280, holds its whole text.

``KIOSK_PSEUDO=1`` runs the same walk with every string 40% longer (kiosk.ui.i18n.pseudo_text),
to find the places a longer translation would not fit.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config, load_config
from kiosk.core.speech import SpeechEngine
from kiosk.shell.app import build_window
from kiosk.shell.snapshot import each_screen, seed_scratch
from kiosk.ui.i18n import PSEUDO_STRETCH, pseudo_text
from kiosk.ui.text_fit import cut_texts
from kiosk.ui.theme import apply_theme

PSEUDO = os.environ.get("KIOSK_PSEUDO") == "1"
SIZES = [(1280, 800), (1920, 1080), (800, 1280)]
DEMO = Path(__file__).resolve().parents[3] / "assets" / "demo.toml"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, Path, Callable[[], datetime]]:
    """The demo school with a month of cards, as `kiosk snapshot` shows it (seeded once)."""
    config = load_config(DEMO)
    data = tmp_path_factory.mktemp("fit-data")
    return config, data, seed_scratch(data, config)


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_fits_its_box_on_every_screen(
    qapp: QApplication,
    qtbot: QtBot,
    seeded: tuple[Config, Path, Callable[[], datetime]],
    size: tuple[int, int],
    language: str,
    tmp_path: Path,
) -> None:
    config, data, clock = seeded
    # The speaker button on, as on a kiosk with voices (the silent engine says nothing).
    window, _session = build_window(
        qapp, config, data, size, False, clock=clock, speech=SpeechEngine(), pseudo=PSEUDO
    )
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    cuts: list[str] = []
    screens = 0
    try:
        for name in each_screen(qapp, window, language, tmp_path):
            screens += 1
            cuts.extend(f"{name}: {cut}" for cut in cut_texts(window))
    finally:
        # Gone for good, with its translators and timers: the next size starts from nothing.
        window.switcher.pseudo = False
        window.switcher.set_language("en")
        window.leave_kiosk()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert screens == 22  # Welcome reading aloud, resolution, attract, idle warning, close, sheets,
    # starting
    assert not cuts, "text cut off:\n" + "\n".join(cuts)


def test_a_text_wider_than_its_box_is_found(qapp: QApplication, qtbot: QtBot) -> None:
    apply_theme(qapp, 1280, 800)
    root = QWidget()
    qtbot.addWidget(root)
    fits = QPushButton("Back", root)
    fits.resize(fits.sizeHint())
    tight = QPushButton("Seguimientos pendientes", root)
    tight.resize(tight.sizeHint().width() - 40, tight.sizeHint().height())
    tight.move(0, 100)
    wraps = QLabel("A long sentence that wraps onto a second line in its box", root)
    wraps.setWordWrap(True)
    wraps.resize(200, wraps.heightForWidth(200))
    wraps.move(0, 200)
    short = QLabel("A label one line too short for its text", root)
    short.setWordWrap(True)
    short.resize(200, wraps.heightForWidth(200) // 2)
    short.move(0, 400)
    root.resize(600, 600)
    root.show()
    qtbot.waitExposed(root)
    assert [cut.text for cut in cut_texts(root)] == [
        "Seguimientos pendientes",
        "A label one line too short for its text",
    ]


def test_pseudo_text_is_longer_and_keeps_placeholders() -> None:
    for source in ("Back", "Follow-ups ({count})", "How was your visit today?"):
        stretched = pseudo_text(source)
        plain = source.replace("{count}", "")
        assert len(stretched.replace("{count}", "")) >= len(plain) * (1 + PSEUDO_STRETCH)
        assert stretched.format(count=5).count("5") == source.format(count=5).count("5")
    assert pseudo_text("How") != "How"  # accented: a string not run through tr() stands out


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_pseudo_switch_stretches_every_translated_string(
    qapp: QApplication, qtbot: QtBot, data_dir: Path
) -> None:
    window, _session = build_window(qapp, Config(), data_dir, (1280, 800), False, pseudo=True)
    try:
        assert window.welcome.question.text() == pseudo_text("How was your visit today?")
        window.switcher.set_language("es")
        assert window.welcome.question.text() == pseudo_text("¿Cómo fue su visita hoy?")
    finally:
        window.switcher.pseudo = False
        window.switcher.set_language("en")
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Switched off, it leaves no translator behind: a later window reads plain English.
    assert QCoreApplication.translate("WelcomeScreen", "How was your visit today?") == (
        "How was your visit today?"
    )


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_pseudo_spanish_is_the_spanish_stretched_on_every_step(
    qapp: QApplication, data_dir: Path
) -> None:
    """A step's buttons are translated in the base class's context: pseudo Spanish keeps them
    Spanish ("Atrás"), not the English source padded."""
    window, _session = build_window(qapp, Config(), data_dir, (1280, 800), False, pseudo=True)
    try:
        window.switcher.set_language("es")
        assert window.followup.back_button.text() == pseudo_text("Atrás")
        assert window.followup.progress.text() == pseudo_text("Paso {step} de {steps}").format(
            step=5,
            steps=5,  # the last of five, with the resolution step on by default
        )
    finally:
        window.switcher.pseudo = False
        window.switcher.set_language("en")
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
